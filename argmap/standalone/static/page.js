// The standalone argmap page: the notebook explorer, with the browser standing in for the kernel.
//
// The page holds the explorer's own script (explorer.js, unchanged) and the browser-side
// evaluator (evaluate.js), deflated and in base64; both are started from blob: URLs, so nothing
// is fetched and the page works from file://. The explorer talks to a widget model; here that model is a small
// object whose derived values (statuses, verdict, explanation, ...) come from the evaluator, with
// the same rules the Python Explorer follows: `off` kept in declaration order, statuses sent as
// deltas in `changes` once the explorer holds them whole, errors shown and the last good state kept.

const DELTA_TRAITS = ["statuses", "strengths", "argument_states"];
const DERIVED = ["verdict", "verdicts", "explanation", "explanation_title", "critical"];

/** @param {string} id @returns {Promise<any>} the module whose packed text is in the element with this id */
async function importPacked(id) {
  const text = await inflate(document.getElementById(id).textContent.trim());
  const url = URL.createObjectURL(new Blob([text], { type: "text/javascript" }));
  try {
    return await import(url);
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** @param {string} base64 @returns {Promise<string>} the text of a deflated, base64-coded script or picture */
async function inflate(base64) {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate"));
  return new Response(stream).text();
}

/** Deep equality for JSON values, as the widget model compares before firing a change. */
function same(a, b) {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => Object.prototype.hasOwnProperty.call(b, key) && same(a[key], b[key]));
}

/** The entries of `next` whose value differs from `old`'s. */
function changed(old, next) {
  const delta = {};
  for (const [key, value] of Object.entries(next)) if (old[key] !== value) delta[key] = value;
  return delta;
}

/** Whether two dicts have the same keys in the same order (the same map under the same semantics). */
function sameKeys(a, b) {
  const keys = Object.keys(a);
  const others = Object.keys(b);
  return keys.length === others.length && keys.every((key, index) => key === others[index]);
}

/**
 * A widget model for explorer.js with no kernel behind it.
 * @param {any} page the page's JSON: map data, starting state, static traits, pictures
 * @param {any} evaluator the evaluate.js module
 */
function createModel(page, evaluator) {
  const { data } = page;
  /** @type {Record<string, any>} */
  const state = {};
  /** @type {Map<string, Set<Function>>} */
  const listeners = new Map();
  const dirty = new Set();
  const order = new Map();
  for (const [index, id] of [
    ...data.statements.map((s) => s.id),
    ...data.arguments.map((a) => a.id),
    ...data.lines.map((l) => l.id),
  ].entries()) {
    order.set(id, index);
  }
  const statementIds = new Set(data.statements.map((s) => s.id));
  /** @type {Map<string, string>} detail level -> SVG text, inflated on first use */
  const pictures = new Map();
  let seq = 0;
  let good = { off: [...page.start.off], semantics: page.start.semantics };

  const emit = (event) => {
    for (const fn of [...(listeners.get(event) || [])]) fn();
  };
  /** Set a value and fire its change event if it changed; returns whether it did. */
  const put = (name, value) => {
    if (same(state[name], value)) return false;
    state[name] = value;
    emit(`change:${name}`);
    return true;
  };

  /** The SVG of the current detail level (one layout serves every semantics, as in the notebook). */
  async function picture() {
    const detail = state.detail in page.pictures ? state.detail : page.start.detail;
    if (!pictures.has(detail)) pictures.set(detail, await inflate(page.pictures[detail]));
    return pictures.get(detail);
  }

  /** Evaluate as the Python Explorer's _refresh does and publish what changed. */
  function refresh() {
    const off = [...new Set(state.off)].sort((a, b) => order.get(a) - order.get(b));
    const next = evaluator.explorerState(data, {
      off,
      semantics: state.semantics,
      selected: statementIds.has(state.selected) ? state.selected : "",
      showCritical: Boolean(state.show_critical),
    });
    put("off", off);
    const delta = { seq: ++seq };
    for (const name of DELTA_TRAITS) {
      const old = state[name] || {};
      if (sameKeys(old, next[name])) {
        delta[name] = changed(old, next[name]);
      } else {
        delta[name] = {};
        put(name, next[name]);
      }
    }
    put("changes", delta);
    for (const name of DERIVED) if (name in next) put(name, next[name]);
    if (!state.show_critical) put("critical", []);
    put("error", "");
    good = { off, semantics: state.semantics };
  }

  async function apply(names) {
    try {
      if (names.has("off") || names.has("semantics") || names.has("selected") || names.has("show_critical")) {
        refresh();
      }
    } catch (error) {
      // As the Explorer does: go back to the last state that worked and say why.
      put("off", good.off);
      put("semantics", good.semantics);
      refresh();
      put("error", error && error.name === "EvaluationError" ? error.message : String(error));
    }
    if (names.has("detail")) put("svg", await picture());
    if ("request" in state) put("answered", state.request);
  }

  let queue = Promise.resolve();
  const model = {
    get: (name) => state[name],
    set(name, value) {
      if (put(name, value)) dirty.add(name);
    },
    save_changes() {
      const names = new Set(dirty);
      dirty.clear();
      // One change at a time, in order, as a kernel would answer them; a failure is shown, not lost.
      queue = queue
        .then(() => apply(names))
        .catch((error) => put("error", `The page could not apply this change: ${error}`));
    },
    on(event, fn) {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event).add(fn);
    },
    off(event, fn) {
      listeners.get(event)?.delete(fn);
    },
    send(content) {
      if (content && content.action === "reset") {
        model.set("off", [...page.start.off]);
        model.set("semantics", page.start.semantics);
        model.set("selected", "");
        model.save_changes();
      }
    },
  };

  async function start() {
    Object.assign(state, page.traits, {
      off: [...page.start.off],
      semantics: page.start.semantics,
      detail: page.start.detail,
      selected: "",
      show_critical: false,
      error: "",
      request: 0,
      answered: 0,
      static_id: "", // no static picture beside this view to hide
    });
    const first = evaluator.explorerState(data, {
      off: page.start.off,
      semantics: page.start.semantics,
      selected: "",
      showCritical: false,
    });
    Object.assign(state, first, { changes: { seq: 0 }, critical: [] });
    state.svg = await picture();
    return model;
  }

  return start();
}

async function main() {
  const root = document.querySelector("[data-argmap-page]");
  const page = JSON.parse(document.getElementById("argmap-page-data").textContent);
  const [evaluator, explorer] = await Promise.all([
    importPacked("argmap-evaluate-js"),
    importPacked("argmap-explorer-js"),
  ]);
  const model = await createModel(page, evaluator);
  const el = document.createElement("div");
  el.className = "argmap-page-explorer";
  root.replaceChildren(el);
  explorer.default.render({ model, el });
  root.setAttribute("data-argmap-ready", "");
}

main().catch((error) => {
  const root = document.querySelector("[data-argmap-page]");
  const message = document.createElement("p");
  message.className = "argmap-page-failed";
  message.textContent = `This argument map could not be shown: ${error && error.message ? error.message : error}`;
  root.replaceChildren(message);
  root.setAttribute("data-argmap-ready", "failed");
});
