/**
 * The canonical diary CSV, byte for byte as painbook's `write_diary` writes it (and the
 * PAINAD log as `write_observations`): UTF-8 with a byte-order mark, commas, CRLF line ends,
 * ISO dates, `HH:MM` times, numbers without a trailing `.0`, canonical headings, quotes only
 * where a cell needs them (Python's csv module, QUOTE_MINIMAL), and the formula guard: text
 * that, after any leading apostrophes, starts with `=`, `+`, `-`, `@`, a tab or a carriage
 * return gets one more leading apostrophe.
 *
 * The diary given is one this engine read or built (see build.js); its columns are written
 * in its order.
 *
 * @module csv-write
 */

import { DiaryError } from "./errors.js";
import { escapeText, formatNumber } from "./text.js";

const NEEDS_QUOTES = /[",\r\n]/;

function field(text) {
  return NEEDS_QUOTES.test(text) ? '"' + text.replaceAll('"', '""') + '"' : text;
}

/**
 * The CSV text (without the byte-order mark) of a diary or observation log.
 * @param {any} rules
 * @param {import("./build.js").Diary} diary
 * @param {"diary"|"observations"} [kind]
 * @returns {string}
 */
export function csvText(rules, diary, kind = "diary") {
  const spec = rules[kind];
  const columns = diary.columns;
  const writers = columns.map((column) => {
    if (column === "date" || column === "time") return (v) => (v === null || v === undefined ? "" : String(v));
    if (column in spec.numbers) return (v) => formatNumber(v);
    return (v, r) => {
      const text = v === null || v === undefined ? "" : String(v);
      if (text.includes("\x00")) {
        throw new DiaryError(
          `Row ${r + 1} of the table, column '${column}', has an invisible NUL character that a CSV file cannot hold. Remove it, then save again.`,
          { column },
        );
      }
      return field(escapeText(rules, text));
    };
  });
  const end = rules.csv.line_end;
  const parts = [columns.map((c) => field(escapeText(rules, String(c)))).join(",") + end];
  const rows = diary.rows;
  const n = columns.length;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    let line = "";
    for (let c = 0; c < n; c++) {
      if (c) line += ",";
      line += writers[c](row[columns[c]] ?? null, r);
    }
    if (n === 1 && line === "") line = '""';
    parts.push(line + end);
  }
  return parts.join("");
}

/**
 * The CSV file's bytes: UTF-8 with a byte-order mark.
 * @param {any} rules
 * @param {import("./build.js").Diary} diary
 * @param {"diary"|"observations"} [kind]
 * @returns {Uint8Array}
 */
export function csvBytes(rules, diary, kind = "diary") {
  const text = csvText(rules, diary, kind);
  if (typeof text.isWellFormed === "function" ? !text.isWellFormed() : /[\ud800-\udfff]/.test(text.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ""))) {
    throw new DiaryError(
      "The table holds a character that cannot be saved in a text file (a broken " +
        "surrogate character). Remove it, then save again.",
    );
  }
  return new TextEncoder().encode("\ufeff" + text);
}
