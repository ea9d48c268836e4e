// How fast is the web diary's engine on a long diary, in node?
//
//   node diary/js/testing/bench.mjs RULES.json DIARY.csv [repeat]
//
// Prints JSON: the first (cold) and the best of `repeat` runs, in milliseconds, of reading
// the CSV (readDiary) and of everything the page shows (analyse), and the rows read.
import { readFileSync } from "node:fs";

import { analyse } from "../analysis.js";
import { readDiary } from "../csv-read.js";
import { parseRules } from "../rules.js";

const [rulesPath, diaryPath, repeatText = "7"] = process.argv.slice(2);
const rules = parseRules(readFileSync(rulesPath, "utf-8"));
const bytes = readFileSync(diaryPath);
const read = [];
const analysis = [];
let rows = 0;
for (let k = 0; k < Number(repeatText); k++) {
  let t = performance.now();
  const diary = readDiary(rules, bytes, { name: "diary.csv" });
  read.push(performance.now() - t);
  t = performance.now();
  analyse(rules, diary);
  analysis.push(performance.now() - t);
  rows = diary.rows.length;
}
const result = {
  rows,
  read_first_ms: read[0],
  read_best_ms: Math.min(...read),
  analyse_first_ms: analysis[0],
  analyse_best_ms: Math.min(...analysis),
};
process.stdout.write(JSON.stringify(result) + "\n");
