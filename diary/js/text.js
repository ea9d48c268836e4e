/**
 * Text rules shared by reading, checking and writing, each as painbook does it in Python:
 * numbers written as Python writes them (`format_number`), trimming with Python's idea of
 * white space (`str.strip`), a cell shown in a message (`quoted`, Python's `repr`), the
 * heading rule (`header_key`) and the formula guard (`escape_text` / `unescape_text`).
 *
 * The regular expressions come from the rules JSON (see rules.js); {@link compiled} builds
 * them once per rules object.
 *
 * @module text
 */

// Python's str.isspace() characters.
const PY_SPACE = "\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const STRIP = new RegExp(`^[${PY_SPACE}]+|[${PY_SPACE}]+$`, "g");

/**
 * Whether a character code is white space for Python.
 * @param {number} c
 */
function isSpaceCode(c) {
  return (
    (c >= 9 && c <= 13) ||
    (c >= 0x1c && c <= 0x20) ||
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/**
 * Python's `str.strip()`: remove white space at both ends.
 * @param {string} text
 */
export function strip(text) {
  const n = text.length;
  if (n === 0 || (!isSpaceCode(text.charCodeAt(0)) && !isSpaceCode(text.charCodeAt(n - 1)))) return text;
  return text.replace(STRIP, "");
}

/**
 * True when a cell is empty or only white space (painbook's `blank_mask`).
 * @param {string} text
 */
export function isBlank(text) {
  for (let i = 0; i < text.length; i++) if (!isSpaceCode(text.charCodeAt(i))) return false;
  return true;
}

/**
 * Write a number as painbook does (`format_number`): `5`, not `5.0`; `6.5` kept; otherwise
 * Python's shortest exact form (`repr`). `null` and NaN give "".
 * @param {number|null|undefined} value
 */
export function formatNumber(value) {
  if (value === null || value === undefined || Number.isNaN(value)) return "";
  if (Number.isInteger(value)) return BigInt(value).toString();
  if (!Number.isFinite(value)) return value > 0 ? "inf" : "-inf";
  const [mantissa, exponentText] = value.toExponential().split("e");
  const exponent = Number(exponentText);
  if (exponent >= -4 && exponent < 16) return String(value);
  const sign = exponent < 0 ? "-" : "+";
  return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, "0")}`;
}

/**
 * Python's `repr()` of a string.
 * @param {string} text
 */
export function pyRepr(text) {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of text) {
    const c = ch.codePointAt(0);
    if (ch === "\\") out += "\\\\";
    else if (ch === quote) out += "\\" + quote;
    else if (ch === "\t") out += "\\t";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (c < 0x20 || c === 0x7f) out += "\\x" + c.toString(16).padStart(2, "0");
    else if (c >= 0x80 && c <= 0xa0) out += "\\x" + c.toString(16).padStart(2, "0");
    else if (c === 0xad) out += "\\xad";
    else if ((c >= 0xd800 && c <= 0xdfff) || c === 0x2028 || c === 0x2029) out += "\\u" + c.toString(16).padStart(4, "0");
    else out += ch;
  }
  return out + quote;
}

/**
 * Show a cell's text in a message, shortened when long (painbook's `quoted`).
 * @param {string} value
 */
export function quoted(value) {
  const chars = Array.from(value);
  const text = chars.length <= 40 ? value : chars.slice(0, 37).join("") + "...";
  return /[\t\r\n]/.test(text) ? pyRepr(text) : `'${text}'`;
}

const CACHE = new WeakMap();

/**
 * The regular expressions of a rules object, compiled once.
 * @param {any} rules
 */
export function compiled(rules) {
  let found = CACHE.get(rules);
  if (!found) {
    const d = rules.dates;
    found = {
      bracketed: new RegExp(rules.headings.bracketed, "g"),
      notLetter: new RegExp(rules.headings.not_letter, "g"),
      needsEscape: new RegExp("^(?:" + rules.formula.needs_escape + ")"),
      escaped: new RegExp("^(?:" + rules.formula.escaped + ")"),
      splitDateTime: new RegExp(d.split_date_time),
      isoDate: new RegExp(d.iso_date),
      dayMonth: new RegExp(d.day_month),
      time: new RegExp(d.time),
    };
    CACHE.set(rules, found);
  }
  return found;
}

/**
 * Reduce a heading to the key used to recognise it (painbook's `header_key`): lower case,
 * anything in brackets dropped, then every character that is not a letter a-z dropped.
 * @param {any} rules
 * @param {string} name
 */
export function headerKey(rules, name) {
  const re = compiled(rules);
  const text = String(name).toLowerCase();
  const key = text.replace(re.bracketed, " ").replace(re.notLetter, "");
  return key || text.replace(re.notLetter, "");
}

/**
 * The formula guard on save: one more apostrophe before text that a spreadsheet would run.
 * @param {any} rules
 * @param {string} text
 */
export function escapeText(rules, text) {
  return compiled(rules).needsEscape.test(text) ? "'" + text : text;
}

/**
 * Undo {@link escapeText} for one value.
 * @param {any} rules
 * @param {string} text
 */
export function unescapeText(rules, text) {
  return text.charCodeAt(0) === 39 && compiled(rules).escaped.test(text) ? text.slice(1) : text;
}

/**
 * Python's `f"{value:.{digits}f}"`: the exact value rounded half to even (JavaScript's
 * toFixed rounds exact halves up: 5.25.toFixed(1) is "5.3", Python writes 5.2).
 * @param {number} value
 * @param {number} digits
 */
export function pyFixed(value, digits) {
  if (Number.isNaN(value)) return "nan";
  if (!Number.isFinite(value)) return value > 0 ? "inf" : "-inf";
  const negative = value < 0 || Object.is(value, -0);
  const exact = Math.abs(value).toFixed(100);
  const point = exact.indexOf(".");
  const whole = exact.slice(0, point);
  const frac = exact.slice(point + 1);
  let kept = whole + frac.slice(0, digits);
  const rest = frac.slice(digits);
  const first = rest.charCodeAt(0) - 48;
  const tail = /[1-9]/.test(rest.slice(1));
  const lastOdd = (kept.charCodeAt(kept.length - 1) - 48) % 2 === 1;
  if (first > 5 || (first === 5 && (tail || lastOdd))) {
    const chars = kept.split("");
    let i = chars.length - 1;
    while (i >= 0 && chars[i] === "9") chars[i--] = "0";
    if (i < 0) chars.unshift("1");
    else chars[i] = String(Number(chars[i]) + 1);
    kept = chars.join("");
  }
  const intPart = kept.slice(0, kept.length - digits).replace(/^0+(?=\d)/, "") || "0";
  const text = digits ? `${intPart}.${kept.slice(kept.length - digits)}` : intPart;
  return negative ? "-" + text : text;
}

/**
 * Python's `f"{value:.0%}"`.
 * @param {number} share
 */
export function pyPercent(share) {
  return pyFixed(share * 100, 0) + "%";
}

/**
 * Python's `f"{value:g}"` (6 significant digits, no trailing zeros).
 * @param {number} value
 */
export function pyG(value) {
  if (Number.isNaN(value)) return "nan";
  if (!Number.isFinite(value)) return value > 0 ? "inf" : "-inf";
  if (value === 0) return Object.is(value, -0) ? "-0" : "0";
  const [mantissa, exponentText] = value.toExponential(5).split("e");
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 6) {
    const m = mantissa.replace(/\.?0+$/, "");
    return `${m}e${exponent < 0 ? "-" : "+"}${String(Math.abs(exponent)).padStart(2, "0")}`;
  }
  return pyFixed(value, Math.max(0, 5 - exponent)).replace(/(\.\d*?)0+$/, "$1").replace(/\.$/, "");
}
