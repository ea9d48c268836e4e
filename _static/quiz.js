/* Self-scored knowledge checks: painbook/quiz.py writes the HTML (form.pb-quiz).
   Scores the quiz in this browser only: nothing is stored or sent. Pages without a quiz: no-op.
   The words it says come from the form's data-say-* attributes, which painbook/quiz.py writes
   in the page's language (painbook's catalog); the English here is only their fallback. */
"use strict";
(() => {
  const el = (tag, text) => {
    const node = document.createElement(tag);
    if (text) node.textContent = text;
    return node;
  };

  const ENGLISH = {
    sayRight: "Right.",
    sayNotQuite: "Not quite: the answer is \u201c{answer}\u201d.",
    sayNoAnswer: "No answer chosen: the answer is \u201c{answer}\u201d.",
    sayScore: "You got {right} of {total} right.",
    sayReadAgain: "Read again:",
  };
  const say = (form, key, values = {}) =>
    (form.dataset[key] || ENGLISH[key]).replace(/\{(\w+)\}/g, (m, name) =>
      name in values ? String(values[name]) : m,
    );

  const clear = (form) => {
    for (const fs of form.querySelectorAll("fieldset.pb-quiz-question")) {
      fs.classList.remove("pb-quiz-right", "pb-quiz-wrong");
      const feedback = fs.querySelector(".pb-quiz-feedback");
      if (feedback) feedback.textContent = "";
    }
    const result = form.querySelector(".pb-quiz-result");
    if (result) result.textContent = "";
  };

  const check = (form) => {
    const questions = form.querySelectorAll("fieldset.pb-quiz-question");
    const wrong = [];
    let right = 0;
    for (const fs of questions) {
      const answer = fs.dataset.answer;
      const chosen = fs.querySelector("input[type=radio]:checked");
      const ok = chosen !== null && chosen.value === answer;
      const rightInput = fs.querySelector(`input[type=radio][value="${answer}"]`);
      const rightLabel = rightInput && fs.querySelector(`label[for="${rightInput.id}"]`);
      const rightText = rightLabel ? rightLabel.textContent.trim() : "";
      const feedback = fs.querySelector(".pb-quiz-feedback");
      fs.classList.toggle("pb-quiz-right", ok);
      fs.classList.toggle("pb-quiz-wrong", !ok);
      if (ok) {
        right += 1;
      } else {
        const link = fs.querySelector("a.pb-quiz-read");
        if (link) wrong.push(link);
      }
      if (feedback) {
        feedback.textContent = ok
          ? say(form, "sayRight")
          : say(form, chosen ? "sayNotQuite" : "sayNoAnswer", { answer: rightText });
      }
    }
    const result = form.querySelector(".pb-quiz-result");
    if (!result) return;
    result.textContent = "";
    result.append(el("p", say(form, "sayScore", { right, total: questions.length })));
    const seen = new Set();
    const list = el("ul");
    for (const link of wrong) {
      const href = link.getAttribute("href");
      if (seen.has(href)) continue;
      seen.add(href);
      const a = el("a", link.textContent);
      a.href = href;
      const item = el("li");
      item.append(a);
      list.append(item);
    }
    if (seen.size) result.append(el("p", say(form, "sayReadAgain")), list);
  };

  const start = () => {
    for (const form of document.querySelectorAll("form.pb-quiz")) {
      const button = form.querySelector(".pb-quiz-check");
      if (button) button.hidden = false;
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        check(form);
      });
      form.addEventListener("reset", () => clear(form));
    }
  };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
