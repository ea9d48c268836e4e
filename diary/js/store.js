// Where the diary lives: one record in the browser's IndexedDB (through the small `idb`
// library, diary/vendor/idb.js), on this device only. The record carries a format number;
// a record written by an earlier version of the page is brought up to date by `migrate`
// when it is read, so a new version of the site never loses stored entries.
//
// Format 2 (now): {format: 2, plain: {diary: TABLE, log: TABLE, summary?}, unsaved, downloaded}
//   or, locked:   {format: 2, sealed: {salt, iterations, iv, data}, unsaved, downloaded}
//   where TABLE is {columns: [...], rows: [{column: value}]} and `sealed` holds the
//   `plain` part encrypted (lock.js). `unsaved` counts entries added since the last download;
//   `summary` keeps the visit summary's name, questions and baseline.
// Format 1 (the page's first layout): {format: 1, entries: [row, ...]}, diary rows only.

import { openDB, deleteDB } from "../vendor/idb.js";
import { t } from "./i18n.js";

export const FORMAT = 2;
export const DB_NAME = "painbook-diary";
const STORE = "docs";
const KEY = "diary";

export class NewerFormat extends Error {
  constructor(format) {
    super(t("Your diary on this device was saved by a newer version of this page (format {format}). "
      + "Reload the page to get the newer version. Nothing was changed.", { format }));
    this.name = "NewerFormat";
  }
}

/** An empty table with `columns`. */
export function emptyTable(columns) {
  return { columns: [...columns], rows: [] };
}

/** A new, empty, unlocked diary record. */
export function emptyDoc(rules) {
  return {
    format: FORMAT,
    plain: { diary: emptyTable(rules.diary.columns), log: emptyTable(rules.observations.columns) },
    unsaved: 0,
    downloaded: null,
  };
}

/** `doc` in the current format, whatever format it was stored in (a new object). */
export function migrate(doc, rules) {
  if (doc == null) return emptyDoc(rules);
  if (typeof doc.format !== "number" || doc.format < 1) {
    throw new Error(t("The diary stored on this device is not in a format this page knows."));
  }
  if (doc.format > FORMAT) throw new NewerFormat(doc.format);
  let current = structuredClone(doc);
  if (current.format === 1) {
    const extra = [];
    for (const row of current.entries || []) {
      for (const column of Object.keys(row)) {
        if (!rules.diary.columns.includes(column) && !extra.includes(column)) extra.push(column);
      }
    }
    current = {
      format: 2,
      plain: {
        diary: { columns: [...rules.diary.columns, ...extra], rows: current.entries || [] },
        log: emptyTable(rules.observations.columns),
      },
      unsaved: (current.entries || []).length,
      downloaded: null,
    };
  }
  return current;
}

/** The diary's record in IndexedDB. */
export class Store {
  constructor(db) {
    this.db = db;
  }

  static async open() {
    const db = await openDB(DB_NAME, 1, {
      upgrade(database) {
        database.createObjectStore(STORE);
      },
    });
    return new Store(db);
  }

  /** The stored record as it is on disk (not migrated), or null. */
  async raw() {
    return (await this.db.get(STORE, KEY)) ?? null;
  }

  /** The stored record in the current format (migrated and written back if it was older). */
  async load(rules) {
    const stored = await this.raw();
    const doc = migrate(stored, rules);
    if (stored && stored.format !== doc.format) await this.save(doc);
    return doc;
  }

  async save(doc) {
    if (doc.format !== FORMAT) throw new Error("only the current format is written");
    await this.db.put(STORE, doc, KEY);
  }

  /** Delete everything this page keeps on this device. */
  async wipe() {
    this.db.close();
    await deleteDB(DB_NAME);
    this.db = await Store.open().then((s) => s.db);
  }
}
