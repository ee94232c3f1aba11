//! Issue 15.2, one description per record: the files rendered from the record declarations are current,
//! and for every record the shape (`validate`, `schema(kind)`), the serde type and the TypeScript agree.
//! `PINGAN_REGENERATE=1 cargo test --test generated` rewrites the generated files.

use pingan::internals::codegen::{self, Decl};
use pingan::internals::read::{self, Read};
use pingan::internals::shape::Record;
use pingan::internals::validation::{self, Field, Ty};
use pingan::issue::{Code, Issue, Severity};
use serde::Serialize;
use serde_json::{json, Value};
use std::path::Path;

fn current(path: &str, text: &str) {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    if std::env::var_os("PINGAN_REGENERATE").is_some() {
        std::fs::write(&full, text).unwrap_or_else(|e| panic!("cannot write {}: {}", path, e));
        return;
    }
    let committed = std::fs::read_to_string(&full).unwrap_or_default();
    if committed != text {
        let line = committed.lines().zip(text.lines()).position(|(a, b)| a != b).map_or(0, |i| i + 1);
        panic!(
            "{} is not what the record declarations render (first difference near line {}): run \
             `PINGAN_REGENERATE=1 cargo test --test generated` and commit it",
            path, line
        );
    }
}

#[test]
fn records_d_ts_is_current() {
    current("src/records.d.ts", &codegen::typescript());
}

#[test]
fn vocabularies_js_is_current() {
    current("www/vocabularies.js", &codegen::vocabularies_js());
}

fn shape_issues(v: &Value, ty: &Ty) -> Vec<Issue> {
    let mut out = Vec::new();
    validation::check_shape_in(v, ty, "", "", &mut out);
    out
}

fn errors(issues: &[Issue]) -> Vec<&Issue> {
    issues.iter().filter(|i| i.severity == Severity::Error).collect()
}

/// The top-level fields of a record's shape for the example `pick` chose (a tagged record: that
/// variant's, with the tag as a required field).
fn top_fields(ty: &Ty, pick: usize) -> Vec<(String, bool)> {
    let of = |fields: &[Field]| -> Vec<(String, bool)> {
        fields.iter().map(|f| (f.name.to_string(), f.required)).collect()
    };
    match ty {
        Ty::Obj(fields) => of(fields),
        Ty::Tagged(t) => {
            let i = pick % t.labels.len();
            let mut out = vec![(t.tag.to_string(), true)];
            out.extend(t.variants.get(i).map(|f| of(f)).unwrap_or_default());
            out
        }
        _ => Vec::new(),
    }
}

/// For one record type: the maximal example of its shape (every field, each variant, several values of
/// each vocabulary) passes the shape check, deserialises into the Rust type and serialises back to the
/// same value; each required field missing fails both the shape check (`required` at its pointer) and
/// serde, each optional one missing fails neither. Returns the number of checks made.
fn agree<T: Record + Read + Serialize>() -> usize {
    let ty = T::TY;
    let mut checks = 0;
    for pick in 0..6 {
        let ex = codegen::example(ty, pick);
        let issues = shape_issues(&ex, ty);
        assert!(issues.is_empty(), "{}: the maximal example {} fails its shape: {:?}", T::TS, ex, issues);
        let typed: T = read::record(&ex.to_string())
            .unwrap_or_else(|| panic!("{}: the shape accepts {} but the typed read refuses it", T::TS, ex));
        let back = serde_json::to_value(&typed).unwrap_or(Value::Null);
        assert_eq!(back, ex, "{}: the record does not serialise back to its example", T::TS);
        checks += 3;
        for (name, required) in top_fields(ty, pick) {
            let mut v = ex.clone();
            if let Value::Object(m) = &mut v {
                m.remove(&name);
            }
            let issues = shape_issues(&v, ty);
            let serde_ok = read::record::<T>(&v.to_string()).is_some();
            if required {
                assert!(
                    issues.iter().any(|i| i.code == Code::Required && i.path == format!("/{}", name)),
                    "{}: without the required {} the shape check says {:?}",
                    T::TS,
                    name,
                    issues
                );
                assert!(
                    !serde_ok,
                    "{}: the typed read takes the record without its required field {}",
                    T::TS,
                    name
                );
            } else {
                assert!(errors(&issues).is_empty(), "{}: without the optional {}: {:?}", T::TS, name, issues);
                assert!(
                    serde_ok,
                    "{}: the typed read refuses the record without its optional field {}",
                    T::TS,
                    name
                );
            }
            checks += 2;
        }
    }
    checks
}

#[test]
fn shapes_serde_types_and_typescript_agree_for_every_record() {
    use pingan::{issue, model, policy};
    let mut tested: Vec<&str> = Vec::new();
    let mut checks = 0;
    macro_rules! each {
        ($($t:ty),* $(,)?) => { $( checks += agree::<$t>(); tested.push(<$t as Record>::TS); )* };
    }
    each!(
        model::Unit,
        model::Locality,
        model::Leader,
        model::LeadingGroup,
        model::Activity,
        model::Decision,
        model::Signatures,
        model::Target,
        model::Letter,
        model::BonusItem,
        model::AssessmentInput,
        model::Incident,
        model::Inspection,
        model::Hotspot,
        model::Referral,
        model::Rectification,
        model::Circumstance,
        model::PastAssessment,
        model::Merit,
        model::History,
        model::Dossier,
        issue::Basis,
        policy::Param,
        policy::BoolParam,
        policy::Parameters,
        policy::Indicator,
        policy::GradeStep,
        policy::Band,
        policy::BonusRule,
        policy::DeductionRule,
        policy::DerivedGradeStep,
        policy::DerivedGrade,
        policy::Scheme,
        policy::TripodLevel,
        policy::TripodLadder,
        policy::Evidence,
        policy::Duty,
        policy::UnitCheck,
        policy::Policy,
    );
    // Every record the TypeScript file declares was checked here (and nothing else).
    let mut declared: Vec<&str> = Vec::new();
    for d in codegen::DECLS {
        match d {
            Decl::Record { ts, .. } => declared.push(ts),
            Decl::Generic { ts, twins, .. } => {
                declared.push(ts);
                declared.extend(twins.iter().map(|(n, _)| *n));
            }
            Decl::Union { .. } | Decl::Codes { .. } => {}
        }
    }
    tested.sort_unstable();
    declared.sort_unstable();
    assert_eq!(tested, declared);
    assert!(checks > 1_000, "{} checks", checks);
}

#[test]
fn the_shapes_validate_reads_are_the_records() {
    // validation's statics (what `validate(kind)` and `schema(kind)` walk) are the declared shapes.
    use pingan::internals::shape::Shape;
    assert_eq!(validation::DOSSIER, *<pingan::model::Dossier as Shape>::TY);
    assert_eq!(validation::POLICY, *<pingan::policy::Policy as Shape>::TY);
    assert_eq!(validation::INCIDENT, *<pingan::model::Incident as Shape>::TY);
}

// ---- the drift this fixes (issue 15): a pack the shape accepted and serde refused, read as `wrong_type`
// at "" ("the record could not be read"). Each now fails the shape check at the field.

fn default_pack() -> Value {
    serde_json::from_str(&pingan::api::default_policy()).unwrap_or(Value::Null)
}

fn checked(pack: &Value) -> Vec<(String, String)> {
    let answer: Value =
        serde_json::from_str(&pingan::api::check_policy(Some(&pack.to_string()))).unwrap_or(Value::Null);
    assert_eq!(answer["ok"], json!(false), "the pack was accepted");
    let list = answer["errors"].as_array().cloned().unwrap_or_default();
    list.iter()
        .map(|i| (i["code"].as_str().unwrap_or("").to_string(), i["path"].as_str().unwrap_or("").to_string()))
        .collect()
}

#[test]
fn an_activity_count_rule_needs_its_activities_by_and_scope() {
    let pack = default_pack();
    let duties = pack["duties"].as_array().cloned().unwrap_or_default();
    let i = duties.iter().position(|d| d["evidence"]["check"] == "activity_count").unwrap_or(usize::MAX);
    assert!(i < duties.len(), "the default pack has an activity_count rule");
    for field in ["activities", "by", "scope"] {
        let mut p = pack.clone();
        if let Some(Value::Object(e)) = p.pointer_mut(&format!("/duties/{}/evidence", i)) {
            e.remove(field);
        }
        let got = checked(&p);
        assert_eq!(got, vec![("required".to_string(), format!("/duties/{}/evidence/{}", i, field))]);
    }
    // A rule of an unknown check, and a field of another variant, are named too.
    let mut p = pack.clone();
    p["duties"][i]["evidence"]["check"] = json!("coin_toss");
    assert_eq!(checked(&p), vec![("bad_enum".to_string(), format!("/duties/{}/evidence/check", i))]);
}

#[test]
fn a_pack_needs_its_holidays_and_a_deduction_for_every_severity() {
    let mut p = default_pack();
    if let Value::Object(m) = &mut p {
        m.remove("holidays");
    }
    assert_eq!(checked(&p), vec![("required".to_string(), "/holidays".to_string())]);
    let mut p = default_pack();
    if let Some(Value::Object(m)) = p.pointer_mut("/scheme/deductions/incident") {
        m.remove("major");
        m.insert("catastrophic".into(), json!(5));
    }
    let mut got = checked(&p);
    got.sort();
    assert_eq!(
        got,
        vec![
            ("bad_enum".to_string(), "/scheme/deductions/incident/catastrophic".to_string()),
            ("required".to_string(), "/scheme/deductions/incident/major".to_string()),
        ]
    );
}

#[test]
fn the_json_schema_requires_each_evidence_variant_s_fields() {
    let s: Value = serde_json::from_str(&pingan::api::schema(Some("policy"))).unwrap_or(Value::Null);
    let evidence = &s["properties"]["duties"]["items"]["properties"]["evidence"];
    assert_eq!(evidence["required"], json!(["check"]));
    assert_eq!(evidence["properties"]["check"]["enum"][0], json!("activity_count"));
    let branches = evidence["oneOf"].as_array().cloned().unwrap_or_default();
    assert_eq!(branches.len(), 5);
    let count = branches.iter().find(|b| b["properties"]["check"]["const"] == "activity_count");
    assert_eq!(count.map(|b| b["required"].clone()), Some(json!(["check", "activities", "by", "scope"])));
    assert_eq!(
        count.map(|b| b["properties"]["by"]["enum"].clone()),
        Some(json!(["self", "unit"])),
        "the evidence's `by` is its vocabulary"
    );
    let incident = &s["properties"]["scheme"]["properties"]["deductions"]["properties"]["incident"];
    assert_eq!(incident["required"], json!(["general", "larger", "major", "especially_major"]));
    assert_eq!(incident["additionalProperties"], json!(false));
    // The dossier's schema is unchanged in form: required fields and properties of each record.
    let d: Value = serde_json::from_str(&pingan::api::schema(Some("dossier"))).unwrap_or(Value::Null);
    assert_eq!(d["required"], json!(["as_of", "year", "unit"]));
    assert_eq!(d["properties"]["unit"]["required"], json!(["id", "kind"]));
    assert_eq!(d["properties"]["incidents"]["maxItems"], json!(5000));
}
