/**
 * The one error of the web diary, as painbook's `painbook.diary.DiaryError`.
 *
 * `message` is a complete message for a caregiver: what is wrong, where, and how to fix it.
 * `line` is the 1-based line of the file (null when the problem is not about one line);
 * `column` is the column heading as written in the person's file, or the field name of a
 * new entry (null when the problem is not about one column).
 *
 * @module errors
 */

export class DiaryError extends Error {
  /**
   * @param {string} message
   * @param {{line?: number|null, column?: string|null}} [where]
   */
  constructor(message, { line = null, column = null } = {}) {
    super(message);
    this.name = "DiaryError";
    /** @type {number|null} */
    this.line = line;
    /** @type {string|null} */
    this.column = column;
  }
}
