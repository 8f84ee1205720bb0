// Imports the evaluator (an ES module named .js) from a temporary .mjs copy, so that Node loads it
// as a module whatever the package says, and stack traces name a file.

import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

export async function loadEvaluator(path) {
  const copy = join(mkdtempSync(join(tmpdir(), "argmap-evaluate-")), "evaluate.mjs");
  writeFileSync(copy, readFileSync(path, "utf8"));
  return import(pathToFileURL(copy).href);
}
