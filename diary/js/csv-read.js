/**
 * Opening a diary file, as painbook's `read_diary` reads a CSV (and `read_observations` a
 * PAINAD log): the same files are read to the same table, and the same files are refused
 * with the same line and column.
 *
 * - Bytes are decoded as UTF-16 (with its byte-order mark), UTF-8 (with or without one) or
 *   Windows-1252, in that order; a file holding NUL bytes is not text.
 * - The delimiter (comma, semicolon or tab) is the one whose heading line holds the most
 *   known headings, then the most cells.
 * - Cells are split as pandas' C parser splits them: quotes only at the start of a cell,
 *   `""` for a quote inside quotes, line breaks kept inside quotes, a blank line is a row
 *   (later skipped), a short row is filled with empty cells; a row with more cells than the
 *   heading line, or a quote never closed, is refused at its line.
 * - Line numbers follow painbook: blank lines before the headings and inside the diary are
 *   counted, and a cell holding line breaks moves the next rows down.
 * - Then every cell is checked as painbook does (build.js).
 *
 * Excel workbooks (.xlsx) are not read here: they get a message saying how to save them as
 * CSV. Other files (pictures, PDF, old .xls) are named and refused.
 *
 * @module csv-read
 */

import { build, dropBlankRows, specOf } from "./build.js";
import { checkDateFormat } from "./cells.js";
import { DiaryError } from "./errors.js";
import { headerKey, strip, unescapeText } from "./text.js";

const MAGIC = [
  [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], "a PNG picture"],
  [[0xff, 0xd8, 0xff], "a JPEG picture"],
  [[0x47, 0x49, 0x46, 0x38, 0x37, 0x61], "a GIF picture"],
  [[0x47, 0x49, 0x46, 0x38, 0x39, 0x61], "a GIF picture"],
  [[0x25, 0x50, 0x44, 0x46], "a PDF document"],
  [[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], "an old-style Excel (.xls) or other Office file"],
  [[0x1f, 0x8b], "a compressed (.gz) file"],
  [[0x52, 0x61, 0x72, 0x21], "a compressed (.rar) file"],
  [[0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], "a compressed (.7z) file"],
];

// Windows-1252 bytes 0x80-0x9f; null where Python's cp1252 codec has no character.
const CP1252 = [
  0x20ac, null, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, null, 0x017d, null,
  null, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, null, 0x017e, 0x0178,
];

function named(name) {
  return name ? ` '${name}'` : "";
}

function startsWith(bytes, magic) {
  if (bytes.length < magic.length) return false;
  for (let i = 0; i < magic.length; i++) if (bytes[i] !== magic[i]) return false;
  return true;
}

function emptyFileError(name) {
  return new DiaryError(
    `The file${named(name)} is empty: it has no heading row and no entries. ` +
      "Choose the right file, or add a heading row (for example: date,time,pain,notes) " +
      "and your entries, then load the diary again.",
  );
}

function encodingError(name) {
  return new DiaryError(
    `The file${named(name)} has characters that cannot be read. Save it from ` +
      "your spreadsheet program as 'CSV UTF-8', then load the diary again.",
  );
}

/** The message for an Excel workbook: this page reads CSV. */
function xlsxError(name) {
  return new DiaryError(
    `The file${named(name)} is an Excel workbook (.xlsx). This page reads diaries saved as CSV. ` +
      "Open the workbook in your spreadsheet program and save the diary sheet as CSV (in Excel: " +
      "File, Save As, then choose 'CSV UTF-8 (Comma delimited)'), then open that CSV file here.",
  );
}

function asBytes(data) {
  return data instanceof Uint8Array ? data : new Uint8Array(data);
}

function asciiBlank(bytes) {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (!(b === 0x20 || (b >= 9 && b <= 13))) return false;
  }
  return true;
}

/**
 * Decode a file's bytes to text as painbook does (UTF-16 with BOM, UTF-8, Windows-1252).
 * @param {Uint8Array} bytes
 * @param {string|null} name
 */
export function decode(bytes, name = null) {
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    const label = bytes[0] === 0xff ? "utf-16le" : "utf-16be";
    if (bytes.length % 2) throw encodingError(name);
    try {
      return new TextDecoder(label, { fatal: true }).decode(bytes);
    } catch {
      throw encodingError(name);
    }
  }
  if (bytes.includes(0)) {
    throw new DiaryError(
      `The file${named(name)} is not a text table: it holds binary data. Save ` +
        "your diary from your spreadsheet program as CSV (comma-separated), then open that " +
        "file here.",
    );
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    // not UTF-8: Windows-1252, as spreadsheet programs on Windows save "CSV"
  }
  let out = "";
  const chunk = [];
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    let code = b;
    if (b >= 0x80 && b <= 0x9f) {
      code = CP1252[b - 0x80];
      if (code === null) throw encodingError(name);
    }
    chunk.push(code);
    if (chunk.length === 8192) {
      out += String.fromCharCode(...chunk);
      chunk.length = 0;
    }
  }
  return out + String.fromCharCode(...chunk);
}

/**
 * Walk CSV text record by record, as pandas' C parser splits it: `onField(value)` for each
 * cell, `onEnd()` at the end of each record.
 * @param {string} text
 * @param {string} delimiter
 * @param {number} limit  stop after this many records
 * @param {(value: string) => void} onField
 * @param {() => void} onEnd
 * @returns {{starts: number[], unclosed: number}}
 *   starts: the physical line (1-based, within `text`) where each record starts;
 *   unclosed: the index of a record whose quote is never closed, or -1
 */
function tokenize(text, delimiter, limit, onField, onEnd) {
  const D = delimiter.charCodeAt(0);
  const starts = [];
  const n = text.length;
  let i = 0;
  let line = 1;
  let unclosed = -1;
  while (i < n && starts.length < limit) {
    starts.push(line);
    for (;;) {
      // one field, starting at i
      if (i < n && text.charCodeAt(i) === 34) {
        let value = "";
        let from = i + 1;
        i = from;
        let closed = false;
        while (i < n) {
          const q = text.indexOf('"', i);
          if (q < 0) {
            value += text.slice(from);
            line += countBreaks(text, from, n);
            i = n;
            break;
          }
          line += countBreaks(text, from, q);
          value += text.slice(from, q);
          if (text.charCodeAt(q + 1) === 34) {
            value += '"';
            from = i = q + 2;
            continue;
          }
          i = q + 1;
          closed = true;
          break;
        }
        if (!closed) {
          unclosed = starts.length - 1;
          onField(value);
          break;
        }
        // characters after the closing quote belong to the same cell
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === D || c === 10 || c === 13) break;
          j++;
        }
        if (j > i) {
          value += text.slice(i, j);
          i = j;
        }
        onField(value);
      } else {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === D || c === 10 || c === 13) break;
          j++;
        }
        onField(text.slice(i, j));
        i = j;
      }
      if (i >= n) break;
      const c = text.charCodeAt(i);
      if (c === D) i++;
      else {
        // end of the record
        i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
        line++;
        break;
      }
    }
    onEnd();
    if (unclosed >= 0) break;
  }
  return { starts, unclosed };
}

/**
 * Split CSV text into records, as pandas' C parser does.
 * @param {string} text
 * @param {string} delimiter
 * @param {number} [limit] stop after this many records
 * @returns {{records: string[][], starts: number[], unclosed: number}}
 *   starts: the physical line (1-based, within `text`) where each record starts;
 *   unclosed: the index of a record whose quote is never closed, or -1
 */
export function splitRecords(text, delimiter, limit = Infinity) {
  const records = [];
  let fields = [];
  const { starts, unclosed } = tokenize(
    text,
    delimiter,
    limit,
    (value) => fields.push(value),
    () => {
      records.push(fields);
      fields = [];
    },
  );
  return { records, starts, unclosed };
}

/**
 * Split CSV text straight into columns (no array per row): the heading record's cells, one
 * array per heading holding the other records' cells ("" where a record is short), and each
 * record's cell count (to find one with more cells than the headings).
 * @param {string} text
 * @param {string} delimiter
 */
function splitColumns(text, delimiter) {
  const head = [];
  const counts = [];
  let columns = null;
  let width = 0;
  let row = -1;
  let c = 0;
  const { starts, unclosed } = tokenize(
    text,
    delimiter,
    Infinity,
    (value) => {
      if (row < 0) head.push(value);
      else if (c < width) columns[c][row] = value;
      c++;
    },
    () => {
      if (row < 0) {
        width = head.length;
        columns = Array.from({ length: width }, () => []);
      } else {
        for (let k = c; k < width; k++) columns[k][row] = "";
        counts.push(c);
      }
      row++;
      c = 0;
    },
  );
  return { head, columns: columns ?? [], counts, starts, unclosed };
}

function countBreaks(text, from, to) {
  let count = 0;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === 10) count++;
    else if (c === 13) {
      count++;
      if (text.charCodeAt(k + 1) === 10) k++;
    }
  }
  return count;
}

function sniffDelimiter(rules, body, spec) {
  let best = ",";
  let bestScore = [-1, -1];
  const head = body.slice(0, rules.csv.sniff_chars);
  for (const delimiter of rules.csv.delimiters) {
    const { records } = splitRecords(head, delimiter, 1);
    if (!records.length) continue;
    const first = records[0];
    const known = first.filter((h) => spec.aliases[headerKey(rules, unescapeText(rules, h))] !== undefined).length;
    const score = [known, first.length];
    if (score[0] > bestScore[0] || (score[0] === bestScore[0] && score[1] > bestScore[1])) {
      best = delimiter;
      bestScore = score;
    }
  }
  return best;
}

function count(text, needle) {
  let n = 0;
  let at = text.indexOf(needle);
  while (at >= 0) {
    n++;
    at = text.indexOf(needle, at + needle.length);
  }
  return n;
}

/**
 * From decoded text to the raw table of build.js (painbook's `_load_csv`).
 * @param {any} rules
 * @param {string} text
 * @param {string|null} name
 * @param {any} spec
 */
export function loadCsv(rules, text, name, spec) {
  if (text.startsWith("\ufeff")) text = text.slice(1);
  if (!strip(text)) throw emptyFileError(name);
  const newline = text.includes("\n") ? "\n" : text.includes("\r") ? "\r" : "\n";
  let start = 0;
  let headerLine = 1;
  for (;;) {
    const end = text.indexOf(newline, start);
    if (end === -1 || strip(text.slice(start, end))) break;
    start = end + newline.length;
    headerLine++;
  }
  const body = text.slice(start);
  const delimiter = sniffDelimiter(rules, body, spec);
  const { head, columns: cells, counts, starts, unclosed } = splitColumns(body, delimiter);
  const width = head.length;
  const shown = { ",": "comma", ";": "semicolon", "\t": "tab" }[delimiter];
  for (let r = 0; r < counts.length; r++) {
    if (counts[r] > width) {
      const line = headerLine + starts[r + 1] - 1;
      throw new DiaryError(
        `Line ${line} has ${counts[r]} cells but the heading line has only ` +
          `${width}. This often happens when a note holds a ${shown}. Put quote ` +
          `marks around that cell ("like, this") or remove the extra ` +
          `${shown}, or add a heading for the extra column, then load the ` +
          "diary again.",
        { line },
      );
    }
  }
  if (unclosed >= 0) {
    const line = headerLine + starts[unclosed] - 1;
    throw new DiaryError(
      `Line ${line}: a cell starts with a quote mark (") that is never closed, so the ` +
        "rest of the file reads as one cell. Add the closing quote mark, or remove the " +
        "opening one, then load the diary again.",
      { line },
    );
  }
  const records = starts.length;
  // Line numbers, as painbook counts them.
  const physical = count(body, newline) + (body.endsWith(newline) ? 0 : 1);
  let lineStarts;
  if (physical === records) lineStarts = starts.map((_, r) => headerLine + r);
  else {
    lineStarts = new Array(records);
    let at = headerLine;
    for (let r = 0; r < records; r++) {
      lineStarts[r] = at;
      let breaks = 0;
      for (let c = 0; c < width; c++) {
        const v = r === 0 ? head[c] : cells[c][r - 1];
        if (v.includes(newline)) breaks += count(v, newline);
      }
      at += breaks + 1;
    }
  }
  const headers = head.map((h) => unescapeText(rules, h));
  const [kept, lines] = dropBlankRows(cells, lineStarts.slice(1));
  return {
    headers,
    cells: kept,
    lines,
    headerLine,
    source: name,
    mode: "file",
    apostrophes: body.includes("'"),
    noun: spec.what,
  };
}

/**
 * The other pain app a file was exported from, told by its headings (rules.other_apps, from
 * painbook.imports), or null. Exports saved as JSON are refused as JSON files.
 * @param {any} rules
 * @param {Uint8Array} bytes
 */
export function otherApp(rules, bytes) {
  const chunk = bytes.subarray(0, 65536);
  let head;
  if (startsWith(chunk, [0xff, 0xfe]) || startsWith(chunk, [0xfe, 0xff])) {
    head = new TextDecoder(chunk[0] === 0xff ? "utf-16le" : "utf-16be").decode(chunk).slice(0, 4096);
  } else head = new TextDecoder("utf-8").decode(chunk.subarray(0, 4096));
  const firstRow = (text) => {
    const { records } = splitRecords(text, ",", 1);
    return records.length && !(records[0].length === 1 && records[0][0] === "") ? records[0].map(strip) : [];
  };
  const same = (a, b) => a.length === b.length && a.every((v, i) => v === b[i]);
  for (const app of rules.other_apps) {
    let found = false;
    if (app.xml_markers) {
      found = head.trimStart().startsWith("<") && app.xml_markers.some((m) => head.slice(0, 4096).includes(m));
    } else {
      let text = head;
      if (app.literal_breaks && !strip(text).includes("\n") && text.includes(app.literal_breaks)) {
        text = text.split(app.literal_breaks).join("\n");
      }
      let row = firstRow(text);
      if (app.casefold) row = row.map((h) => h.toLowerCase());
      if (app.headings) found = app.headings.some((h) => same(row, h));
      if (!found && app.starts_with) found = same(row.slice(0, app.starts_with.length), app.starts_with) && row.includes(app.and_has);
      if (!found && app.ends_with) {
        found = row.length >= app.min_cells && row[0] === app.first && same(row.slice(-app.ends_with.length), app.ends_with);
      }
    }
    if (found) return app.name;
  }
  return null;
}

function refuseJsonOrXml(bytes, name) {
  let start = 0;
  const end = Math.min(bytes.length, 512);
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) start = 3;
  while (start < end && [0x20, 0x09, 0x0d, 0x0a, 0xef, 0xbb, 0xbf].includes(bytes[start])) start++;
  const lead = new TextDecoder("latin1").decode(bytes.subarray(start, end));
  let kind = null;
  if (lead.startsWith("{") || lead.startsWith("[")) {
    try {
      JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\ufeff/, ""));
      kind = "a JSON file";
    } catch {
      kind = null;
    }
  } else if (lead.startsWith("<?xml") || lead.startsWith("<!DOCTYPE") || /^<[A-Za-z]/.test(lead)) {
    const low = lead.slice(0, 20).toLowerCase();
    kind = low.startsWith("<!doctype html") || low.startsWith("<html") ? "a web page (HTML)" : "an XML file";
  }
  if (kind === null) return;
  throw new DiaryError(
    `The file${named(name)} is ${kind}, not a table of entries: apps save their data ` +
      "this way. If it comes from a pain or headache app, the workbook's read-a-diary notebook " +
      "can bring it in ('Bring a diary from another app'). Otherwise save the diary from your " +
      "spreadsheet program as CSV, then open that file here.",
  );
}

/**
 * Read a diary (or PAINAD observation log) file and check every cell.
 * @param {any} rules
 * @param {Uint8Array|ArrayBuffer|string} data  the file's bytes (or its text)
 * @param {{name?: string|null, kind?: "diary"|"observations", dateFormat?: string|null}} [options]
 *   `dateFormat`: the order of dates not written year-month-day, "%d/%m/%Y" (day first) or
 *   "%m/%d/%Y" (month first), as painbook's `date_format`
 * @returns {import("./build.js").Diary}
 */
export function readDiary(rules, data, { name = null, kind = "diary", dateFormat = null } = {}) {
  if (dateFormat !== null) checkDateFormat(dateFormat);
  const spec = specOf(rules, kind);
  let text;
  if (kind === "diary") {
    const app = otherApp(rules, typeof data === "string" ? new TextEncoder().encode(data) : asBytes(data));
    if (app) {
      throw new DiaryError(
        `The file${named(name)} is an export from ${app}, not a diary table: its ` +
          "columns do not mean what the diary's columns mean. Bring it in with " +
          "painbook.imports.import_diary(path), which turns it into a diary and says what it " +
          "changed (or, in the read-a-diary notebook, use 'Bring a diary from another app').",
      );
    }
  }
  if (typeof data === "string") text = data;
  else {
    const bytes = asBytes(data);
    const dot = name ? name.lastIndexOf(".") : -1;
    const suffix = dot >= 0 ? name.slice(dot).toLowerCase() : "";
    if (asciiBlank(bytes)) throw emptyFileError(name);
    for (const [magic, what] of MAGIC) {
      if (startsWith(bytes, magic)) {
        throw new DiaryError(
          `The file${named(name)} is ${what}, not a table of entries. Choose the diary's CSV ` +
            "file instead, or save the diary from your spreadsheet program as CSV, then open it here.",
        );
      }
    }
    if (startsWith(bytes, [0x50, 0x4b])) throw xlsxError(name);
    refuseJsonOrXml(bytes, name);
    if (suffix === ".xlsx" || suffix === ".xlsm") {
      throw new DiaryError(
        `The file${named(name)} is named like an Excel workbook but it is not one (it may be ` +
          "a CSV file with the wrong name, or damaged). Open it in your spreadsheet program " +
          "and save it as CSV, then open it here.",
      );
    }
    if (suffix === ".xls" || suffix === ".ods" || suffix === ".numbers") {
      throw new DiaryError(
        `The file${named(name)} is a ${suffix} spreadsheet, which cannot be read here. Open it ` +
          "in your spreadsheet program and save it as CSV, then open it here.",
      );
    }
    text = decode(bytes, name);
  }
  const raw = loadCsv(rules, text, name, spec);
  const diary = build(rules, raw, kind, null, dateFormat);
  if (name) diary.source = name;
  return diary;
}
