// Element Plus example: el-form rules from pinganRules, the whole record checked before saving.
import { pinganRules, pinganValidate, UNAVAILABLE_TEXT } from "../pingan-element-plus.js";
import { lang, applyLang, tx } from "./i18n.js";

applyLang();
const { createApp, reactive, ref, h } = window.Vue;
const { ElForm, ElFormItem, ElInput, ElSelect, ElOption, ElButton, ElAlert } = window.ElementPlus;
window.__saved = []; // what was saved (the tests read it)

const T = {
  id: { zh: "编号", en: "Id" }, date: { zh: "发生日期", en: "Date" }, category: { zh: "类别", en: "Category" },
  severity: { zh: "等级", en: "Severity" }, locality: { zh: "发生地代码", en: "Locality" }, save: { zh: "保存", en: "Save" },
  choose: { zh: "请选择", en: "Choose" }, saved: { zh: "已保存", en: "Saved" }, none: { zh: "（尚无）", en: "(none yet)" },
  savedList: { zh: "已保存的记录", en: "Saved records" }, datePh: { zh: "年-月-日", en: "YYYY-MM-DD" },
};
const CATEGORY = [["criminal_case", "刑事犯罪案件", "criminal case"], ["safety_accident", "安全事故", "safety accident"], ["mass_incident", "群体性事件", "mass incident"]];
const SEVERITY = [["general", "一般", "general"], ["larger", "较大", "larger"], ["major", "重大", "major"], ["especially_major", "特别重大", "especially major"]];

const App = {
  setup() {
    const model = reactive({ id: "I9", date: "", category: "", severity: "", locality: "330106" });
    const notice = ref("");
    const saved = ref([]);
    const formRef = ref(null);
    const rules = pinganRules("incident", model, { lang, onUnavailable: () => (notice.value = tx(UNAVAILABLE_TEXT)) });
    async function save() {
      const itemsOk = await formRef.value.validate().then(() => true, () => false);
      if (!itemsOk) return;
      const r = await pinganValidate("incident", model, { onUnavailable: () => (notice.value = tx(UNAVAILABLE_TEXT)) });
      if (!r.ok) return;
      const rec = { ...model };
      window.__saved.push(rec);
      const sev = SEVERITY.find((s) => s[0] === rec.severity);
      const parts = [rec.id, rec.date, sev ? sev[lang === "en" ? 2 : 1] : rec.severity].filter(Boolean);
      saved.value.push(`${tx(T.saved)}${lang === "en" ? ": " : "："}${parts.join(lang === "en" ? ", " : "，")}`);
    }
    const options = (list) => list.map(([v, zh, en]) => h(ElOption, { value: v, label: lang === "en" ? en : zh }));
    return () => [
      notice.value ? h(ElAlert, { class: "ex-alert", type: "warning", title: notice.value, closable: false, showIcon: true }) : null,
      h(ElForm, { ref: formRef, model, rules, labelWidth: "7em", labelPosition: window.innerWidth < 600 ? "top" : "right", id: "ep-form" }, () => [
        h(ElFormItem, { label: tx(T.id), prop: "id" }, () => h(ElInput, { id: "e_id", modelValue: model.id, "onUpdate:modelValue": (v) => (model.id = v) })),
        h(ElFormItem, { label: tx(T.date), prop: "date" }, () => h(ElInput, { id: "e_date", placeholder: tx(T.datePh), modelValue: model.date, "onUpdate:modelValue": (v) => (model.date = v) })),
        h(ElFormItem, { label: tx(T.category), prop: "category" }, () => h(ElSelect, { id: "e_cat", placeholder: tx(T.choose), clearable: true, modelValue: model.category, "onUpdate:modelValue": (v) => (model.category = v) }, () => options(CATEGORY))),
        h(ElFormItem, { label: tx(T.severity), prop: "severity" }, () => h(ElSelect, { id: "e_sev", placeholder: tx(T.choose), clearable: true, modelValue: model.severity, "onUpdate:modelValue": (v) => (model.severity = v) }, () => options(SEVERITY))),
        h(ElFormItem, { label: tx(T.locality), prop: "locality" }, () => h(ElInput, { id: "e_loc", modelValue: model.locality, "onUpdate:modelValue": (v) => (model.locality = v) })),
        h(ElFormItem, null, () => h(ElButton, { type: "primary", id: "e_save", onClick: save }, () => tx(T.save))),
      ]),
      h("h2", null, tx(T.savedList)),
      h("ul", { class: "saved", id: "saved", "data-empty": tx(T.none) }, saved.value.map((s) => h("li", null, s))),
    ];
  },
};

createApp(App).mount("#app");
document.body.dataset.ready = "1";
