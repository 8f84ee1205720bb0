// Times the evaluator in Node: node bench.mjs EVALUATOR.js DATA.json [RUNS]
// Prints {semantics: median ms of evaluate with nothing off, "toggle": median ms of explorerState
// with one more piece of evidence off each time, grounded} as JSON.

import { readFileSync } from "node:fs";

import { loadEvaluator } from "./load.mjs";

const [evaluatorPath, dataPath, runsText] = process.argv.slice(2);
const runs = Number(runsText || 21);
const api = await loadEvaluator(evaluatorPath);
const data = JSON.parse(readFileSync(dataPath, "utf8"));

function median(work) {
  const samples = [];
  for (let k = 0; k < runs; k++) {
    const started = performance.now();
    work(k);
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

const timings = {};
// The first evaluation compiles the map (once per page): timed on its own.
let started = performance.now();
api.evaluate(data, { semantics: "grounded" });
timings["first grounded"] = performance.now() - started;
for (const semantics of api.SEMANTICS) {
  try {
    timings[semantics] = median(() => api.evaluate(data, { semantics, timeout: 1 }));
  } catch (error) {
    timings[semantics] = error.message;
  }
}
const evidence = data.statements.filter((s) => s.kind === "evidence").map((s) => s.id);
timings.toggle = median((k) => api.explorerState(data, { off: [evidence[k % evidence.length]] }));
process.stdout.write(JSON.stringify(timings) + "\n");
