// The entry form: the workbook's diary form (painbook.widgets.forms.DiaryForm) on the page.
// Its labels, help and placeholders come from rules.json (rules.fields), which painbook writes
// at build time, so the page and the workbook use the same words. Nothing is checked here:
// the form hands what was typed to the diary engine (entry.js), which accepts or refuses it.

import { formEntry } from "./entry.js";
import { t } from "./i18n.js";

/** The form's groups of boxes: a legend (in the page's language) and the fields in it. */
const groups = () => [
  [t("When"), ["date", "time"]],
  [t("Your pain"), ["pain", "worst", "least"]],
  [t("How pain got in the way (PEG questions)"), ["enjoyment_interference", "activity_interference"]],
  [t("Sleep and mood"), ["sleep_hours", "mood"]],
  [t("Where and how it hurts"), ["locations", "qualities"]],
  [t("Medicines and what made a difference"), ["medications", "helped", "worsened"]],
  [t("Anything else"), ["notes"]],
];

/** Today's date on this device, as "YYYY-MM-DD" (local time, not UTC). */
export function today(now = new Date()) {
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}


function node(tag, attrs = {}, text) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

/**
 * Fill `form` with the diary fields; returns what the page needs to use it.
 * `prefix` keeps ids unique; `rules.fields` gives the words.
 */
export function buildDiaryForm(form, rules, { prefix = "entry" } = {}) {
  const fields = rules.fields;
  const numbers = rules.diary.numbers;
  const lists = new Set(rules.diary.lists);
  const boxes = {};
  const qualityBoxes = [];
  let other = null;
  form.replaceChildren();
  for (const [legend, names] of groups()) {
    const set = node("fieldset");
    set.append(node("legend", {}, legend));
    for (const name of names) {
      const f = fields[name];
      const id = `${prefix}-${name}`;
      const help = `${f.meaning} ${f.why}`;
      if (name === "qualities") {
        const group = node("fieldset", { class: "diary-subset", "aria-describedby": `${id}-help` });
        group.append(node("legend", {}, t("{label} (tick all that fit)", { label: f.label })));
        group.append(node("p", { id: `${id}-help`, class: "diary-help" }, help));
        const list = node("ul", { class: "diary-checks" });
        for (const word of fields._qualities.choices) {
          const li = node("li");
          const label = node("label", { class: "diary-check" });
          const box = node("input", { type: "checkbox", value: word, name: `${prefix}-quality` });
          label.append(box, document.createTextNode(word));
          li.append(label);
          list.append(li);
          qualityBoxes.push(box);
        }
        group.append(list);
        const wrap = node("div", { class: "diary-field" });
        wrap.append(node("label", { for: `${id}-other` }, fields._qualities.other_label));
        other = node("input", { type: "text", id: `${id}-other`, placeholder: fields._qualities.other_placeholder });
        wrap.append(other);
        group.append(wrap);
        set.append(group);
        continue;
      }
      const wrap = node("div", { class: "diary-field" });
      wrap.append(node("label", { for: id }, f.label));
      wrap.append(node("p", { id: `${id}-help`, class: "diary-help" }, help));
      let box;
      if (name === "date") {
        box = node("input", { type: "date", id, required: "" });
      } else if (name === "time") {
        box = node("input", { type: "time", id });
      } else if (numbers[name]) {
        box = node("input", { type: "text", id, inputmode: "decimal", autocomplete: "off",
          placeholder: f.placeholder });
      } else if (lists.has(name) || name === "notes") {
        box = node("textarea", { id, rows: "2", placeholder: f.placeholder });
      } else {
        box = node("input", { type: "text", id, placeholder: f.placeholder });
      }
      if (f.required) box.setAttribute("aria-required", "true");
      box.setAttribute("aria-describedby", `${id}-help`);
      box.name = name;
      wrap.append(box);
      set.append(wrap);
      boxes[name] = box;
    }
    form.append(set);
  }
  const actions = node("div", { class: "diary-actions" });
  const save = node("button", { type: "submit", class: "diary-button diary-primary" }, t("Save entry"));
  const cancel = node("button", { type: "button", class: "diary-button", hidden: "" }, t("Stop editing"));
  actions.append(save, cancel);
  form.append(actions);
  const message = node("p", { class: "diary-message diary-form-message", role: "status", "aria-live": "polite",
    id: `${prefix}-message` });
  form.append(message);

  return {
    boxes, save, cancel, message,
    /** The entry as typed, as the workbook's form builds it (entry.js formEntry). */
    read() {
      const typed = {};
      for (const [name, box] of Object.entries(boxes)) typed[name] = box.value;
      const ticked = qualityBoxes.filter((b) => b.checked).map((b) => b.value);
      return formEntry(rules, typed, ticked, other.value);
    },
    /** Put a stored entry back in the boxes (to edit it). */
    fill(entry) {
      for (const [name, box] of Object.entries(boxes)) {
        const value = entry[name];
        if (value == null) box.value = "";
        else if (Array.isArray(value)) box.value = value.join("\n");
        else if (lists.has(name)) box.value = String(value).split(rules.lists.separator).map((v) => v.trim()).join("\n");
        else box.value = String(value);
      }
      const words = String(entry.qualities ?? "").split(rules.lists.separator).map((v) => v.trim()).filter(Boolean);
      for (const b of qualityBoxes) b.checked = words.includes(b.value);
      other.value = words.filter((w) => !fields._qualities.choices.includes(w)).join("; ");
    },
    /** Empty every box but the date. */
    clear() {
      for (const [name, box] of Object.entries(boxes)) if (name !== "date") box.value = "";
      for (const b of qualityBoxes) b.checked = false;
      other.value = "";
    },
  };
}
