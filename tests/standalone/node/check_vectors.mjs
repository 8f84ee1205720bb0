// Checks the browser-side evaluator against the agreement vectors (tests/html/vectors/*.json).
//
// A plain script with no import or export, so that Node (imported for its effect) and Chromium
// (added as a classic <script>) run the very same checks: it sets globalThis.argmapCheckVectors.
// Statuses, verdicts, notes and texts must be equal; numbers may differ by at most 1e-9 (the
// largest difference seen is reported).

(function () {
  const TOLERANCE = 1e-9;

  function withoutLabels(explanation) {
    const { label, semantics, because, ...rest } = explanation;
    return { ...rest, because: because.map(withoutLabels) };
  }

  function checkVectors(api, files) {
    const failures = [];
    let cases = 0;
    let maxDiff = 0;
    let where = "";

    const fail = (what, got, want) => {
      failures.push({ where, what, got: JSON.stringify(got), want: JSON.stringify(want) });
    };
    const same = (got, want, what) => {
      if (typeof want === "number" && typeof got === "number") {
        const diff = Math.abs(got - want);
        if (diff > maxDiff) maxDiff = diff;
        if (!(diff <= TOLERANCE)) fail(what, got, want);
        return;
      }
      if (Array.isArray(want)) {
        if (!Array.isArray(got) || got.length !== want.length) return fail(what, got, want);
        want.forEach((item, k) => same(got[k], item, `${what}[${k}]`));
        return;
      }
      if (want !== null && typeof want === "object") {
        if (got === null || typeof got !== "object") return fail(what, got, want);
        const keys = new Set([...Object.keys(want), ...Object.keys(got)]);
        for (const key of keys) same(got[key], want[key], `${what}.${key}`);
        return;
      }
      if (got !== want) fail(what, got, want);
    };

    for (const file of files) {
      const data = file.data;
      const ids = data.statements.map((s) => s.id);
      const argumentIds = data.arguments.map((a) => a.id);
      file.cases.forEach((c, n) => {
        cases++;
        const extra = [c.mode, c.thresholds].filter(Boolean).join(" ");
        where = `${file.name} case ${n}: ${c.semantics}${extra ? " " + extra : ""} off=${JSON.stringify(c.off)}`;
        const options = { off: c.off, semantics: c.semantics, timeout: null };
        if (c.mode) options.mode = c.mode;
        if (c.thresholds) options.thresholds = c.thresholds;
        if ("error" in c) {
          try {
            api.evaluate(data, options);
            fail("error", "no error", c.error);
          } catch (error) {
            same(error.name, "EvaluationError", "error name");
            same(error.message, c.error, "error message");
          }
          return;
        }
        let result;
        try {
          result = api.evaluate(data, options);
        } catch (error) {
          fail("evaluate threw", String(error && error.stack), null);
          return;
        }
        const want = c.expected;
        same(ids.map((id) => result.statuses[id]), want.statuses, "statuses");
        // Declaration order, as a JSON object holding Python's dict reads in JavaScript (integer-like
        // keys such as ICCMA's "1" come first there, whoever made the object).
        const order = Object.keys(Object.fromEntries(ids.map((id) => [id, 0])));
        same(Object.keys(result.statuses), order, "statuses order");
        if (want.strengths.length) same(ids.map((id) => result.strengths[id]), want.strengths, "strengths");
        else same(Object.keys(result.strengths).length, 0, "no strengths");
        same(argumentIds.map((id) => result.arguments[id]), want.arguments, "arguments");
        same(result.verdicts, want.verdicts, "verdicts");
        same(result.notes, want.notes, "notes");
        same(result.converged, want.converged, "converged");
        same(result.extensions, want.extensions, "extensions");
        for (const [id, text] of Object.entries(want.explanations)) {
          same(api.explanationText(result.explain(id)), text, `explanation of ${id}`);
        }
        for (const [id, tree] of Object.entries(want.explanation_data || {})) {
          same(withoutLabels(result.explain(id)), tree, `explanation data of ${id}`);
        }
        if (want.critical) same(api.critical(data, options), want.critical, "critical");
        if (want.explorer) {
          const selected = want.explorer.selected;
          const state = api.explorerState(data, {
            off: c.off,
            semantics: c.semantics,
            selected,
            showCritical: "critical_data" in want,
          });
          same(ids.map((id) => state.statuses[id]), want.statuses, "explorer statuses");
          same(state.verdict, want.explorer.verdict, "explorer verdict");
          same(state.verdicts, want.explorer.verdicts, "explorer verdicts");
          same(state.explanation, want.explorer.explanation, "explorer explanation");
          same(state.explanation_title, want.explorer.explanation_title, "explorer explanation_title");
          if ("critical_data" in want) same(state.critical, want.critical_data, "explorer critical");
          same(state.error, "", "explorer error");
        }
      });
    }
    return { files: files.length, cases, failed: failures.length, failures: failures.slice(0, 60), maxDiff };
  }

  globalThis.argmapCheckVectors = checkVectors;
})();
