// The rules JSON for the tests: the file named by DIARY_RULES, or made now by painbook
// (`python -m painbook.webrules -`) with the project's .venv Python.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import { parseRules } from "../rules.js";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

function python() {
  const venv = join(ROOT, ".venv", "bin", "python");
  return process.env.PYTHON || (existsSync(venv) ? venv : "python3");
}

let cached = null;

/** The rules object (parsed and checked by rules.js). */
export function testRules() {
  if (!cached) {
    const text = process.env.DIARY_RULES
      ? readFileSync(process.env.DIARY_RULES, "utf-8")
      : execFileSync(python(), ["-m", "painbook.webrules", "-"], { cwd: ROOT, encoding: "utf-8" });
    cached = parseRules(text);
  }
  return cached;
}
