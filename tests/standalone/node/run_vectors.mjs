// Runs the agreement vectors (*.json.gz) in Node: node run_vectors.mjs EVALUATOR.js VECTORS_DIR
// Prints a JSON summary ({files, cases, failed, failures, maxDiff, ms}); exit status 1 on a failure.

import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";

import { loadEvaluator } from "./load.mjs";

const [evaluatorPath, vectorsDir] = process.argv.slice(2);
const api = await loadEvaluator(evaluatorPath);
await import(new URL("./check_vectors.mjs", import.meta.url));
const files = readdirSync(vectorsDir)
  .filter((name) => name.endsWith(".json.gz"))
  .sort()
  .map((name) => JSON.parse(gunzipSync(readFileSync(join(vectorsDir, name))).toString("utf8")));
const started = performance.now();
const summary = globalThis.argmapCheckVectors(api, files);
summary.ms = performance.now() - started;
process.stdout.write(JSON.stringify(summary, null, 1) + "\n");
process.exitCode = summary.failed ? 1 : 0;
