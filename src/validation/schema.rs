//! JSON Schema (draft 2020-12) rendered from the same shapes `validate` walks.

use super::walk::shape_of;
use crate::limits;
use crate::model::Kind;
use crate::shape::Ty;
use serde_json::{json, Map, Value};

fn schema_of(ty: &Ty) -> Value {
    match ty {
        Ty::Text => json!({ "type": "string", "maxLength": limits::MAX_TEXT }),
        Ty::Id => json!({ "type": "string", "minLength": 1, "maxLength": limits::MAX_ID }),
        Ty::Date => json!({ "type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" }),
        Ty::Year => {
            json!({ "type": "integer", "minimum": crate::date::MIN_YEAR, "maximum": crate::date::MAX_YEAR })
        }
        Ty::Bool => json!({ "type": "boolean" }),
        Ty::Num(min, max) => json!({ "type": "number", "minimum": min, "maximum": max }),
        Ty::Int(min, max) => json!({ "type": "integer", "minimum": min, "maximum": max }),
        Ty::Enum(v) => json!({ "type": "string", "enum": v }),
        Ty::Vocab(v) => json!({ "type": "string", "enum": v.iter().map(|l| l.value).collect::<Vec<_>>() }),
        Ty::NumOrNa(min, max) => {
            json!({ "oneOf": [{ "type": "number", "minimum": min, "maximum": max }, { "const": "n/a" }] })
        }
        Ty::List(item, max) => json!({ "type": "array", "maxItems": max, "items": schema_of(item) }),
        Ty::Map(item) => {
            json!({ "type": "object", "maxProperties": 200, "additionalProperties": schema_of(item) })
        }
        Ty::Bilingual => {
            json!({ "type": "object", "required": ["zh", "en"], "properties": { "zh": { "type": "string" }, "en": { "type": "string" } } })
        }
        Ty::Any => json!({}),
        Ty::Obj(fields) => {
            let mut props = Map::new();
            for f in fields.iter() {
                props.insert(f.name.to_string(), schema_of(&f.ty));
            }
            let req: Vec<&str> = fields.iter().filter(|f| f.required).map(|f| f.name).collect();
            json!({ "type": "object", "required": req, "properties": props, "additionalProperties": true })
        }
        Ty::Keyed(keys, item) => {
            let props: Map<String, Value> =
                keys.iter().map(|l| (l.value.to_string(), schema_of(item))).collect();
            let req: Vec<&str> = keys.iter().map(|l| l.value).collect();
            json!({ "type": "object", "required": req, "properties": props, "additionalProperties": false })
        }
        // The tag's values in `properties`, and one branch per value with that variant's fields
        // (`oneOf`: the tag's `const` makes exactly one branch apply).
        Ty::Tagged(t) => {
            let values: Vec<&str> = t.labels.iter().map(|l| l.value).collect();
            let branches: Vec<Value> = t
                .labels
                .iter()
                .zip(t.variants.iter())
                .map(|(l, fields)| {
                    let mut props = Map::new();
                    props.insert(t.tag.to_string(), json!({ "const": l.value }));
                    for f in fields.iter() {
                        props.insert(f.name.to_string(), schema_of(&f.ty));
                    }
                    let mut req = vec![t.tag];
                    req.extend(fields.iter().filter(|f| f.required).map(|f| f.name));
                    json!({ "required": req, "properties": props })
                })
                .collect();
            json!({
                "type": "object",
                "required": [t.tag],
                "properties": { t.tag: { "type": "string", "enum": values } },
                "oneOf": branches,
                "additionalProperties": true
            })
        }
    }
}

/// JSON Schema (draft 2020-12) of a record kind, generated from the shape `validate` applies.
pub fn json_schema(kind: Kind) -> Value {
    let mut s = schema_of(shape_of(kind));
    if let Value::Object(m) = &mut s {
        m.insert("$schema".into(), json!("https://json-schema.org/draft/2020-12/schema"));
        m.insert(
            "$id".into(),
            json!(format!(
                "urn:pingan:schema:{}",
                Kind::ALL.iter().find(|n| Kind::parse(n) == Some(kind)).unwrap_or(&"record")
            )),
        );
        m.insert(
            "title".into(),
            json!(format!(
                "pingan {}",
                Kind::ALL.iter().find(|n| Kind::parse(n) == Some(kind)).unwrap_or(&"record")
            )),
        );
    }
    s
}
