// The argmap Explorer's view: draws what the Python model says and sends clicks back.
//
// Plain ESM for anywidget (AFM): no bundler, no imports, nothing fetched at run time.
// Python is the source of truth. The map's SVG arrives once per map structure; a toggle
// only changes `statuses` (and the verdict), and this view restyles the existing SVG by
// swapping `argmap-status-*` classes on the nodes the renderer tagged with statement ids.

/**
 * @typedef {"in" | "out" | "undecided" | "off"} Status
 *
 * @typedef {object} EvidenceItem  one switch in the evidence panel
 * @property {string} id
 * @property {string} label        short form of the quote (or the author's paraphrase)
 * @property {string} speaker      short speaker name, "" when unknown
 * @property {string} title        tooltip: the full quote, speaker, source and locator
 * @property {string} group        id of the line of argument the evidence backs
 * @property {string} group_label  text of that line of argument
 *
 * @typedef {object} PositionItem
 * @property {string} id
 * @property {string} label
 * @property {Status} status
 * @property {number | null} strength
 *
 * @typedef {object} VerdictData
 * @property {string | null} question
 * @property {string | null} leader
 * @property {string} text
 * @property {boolean} gradual
 * @property {PositionItem[]} positions
 *
 * @typedef {object} CriticalEntry
 * @property {string} id
 * @property {string} label
 * @property {string[]} changes
 * @property {number | null} delta
 * @property {string} text
 *
 * @typedef {object} Traits  the synced traits of argmap.widgets.Explorer
 * @property {string} svg                       inline SVG, set once per map structure
 * @property {Record<string, Status>} statuses  statement id -> status
 * @property {Record<string, number>} strengths statement id -> strength (gradual semantics only)
 * @property {Record<string, string>} argument_states  argument id -> applicable|inapplicable|undecided
 * @property {string[]} off                     statement ids switched off (both ways)
 * @property {string} semantics
 * @property {string[]} semantics_options
 * @property {EvidenceItem[]} evidence
 * @property {VerdictData} verdict
 * @property {string} selected                  id of the last clicked statement (both ways)
 * @property {string} explanation               why `selected` has its status
 * @property {boolean} show_critical
 * @property {CriticalEntry[]} critical
 * @property {string} error                     the last evaluation error, "" when none
 * @property {string} title
 */

const STATUS_CLASSES = [
  "argmap-status-in",
  "argmap-status-out",
  "argmap-status-undecided",
  "argmap-status-off",
];
const ARGUMENT_CLASSES = [
  "argmap-argument-applicable",
  "argmap-argument-inapplicable",
  "argmap-argument-undecided",
];
const READING = { in: "stands", out: "falls", undecided: "contested", off: "switched off" };
// A one-character mark per status for renderers that reserve a fixed-size glyph slot.
const GLYPH = { in: "\u2713", out: "\u2717", undecided: "?", off: "\u2013" };

/** @param {string} tag @param {string} [className] @param {string} [text] */
function h(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** The statement id a map element stands for, or null. */
function statementIdOf(node) {
  return node.getAttribute("data-argmap-id");
}

/** @param {{ model: import("anywidget").AnyModel<Traits>, el: HTMLElement }} ctx */
function render({ model, el }) {
  /** @type {Array<() => void>} */
  const cleanups = [];
  const on = (name, fn) => {
    model.on(name, fn);
    cleanups.push(() => model.off(name, fn));
  };
  const listen = (target, type, fn) => {
    target.addEventListener(type, fn);
    cleanups.push(() => target.removeEventListener(type, fn));
  };
  const save = (changes) => {
    for (const [key, value] of Object.entries(changes)) model.set(key, value);
    model.save_changes();
  };

  // -- skeleton: fixed columns so that nothing moves when statuses change ------------------
  const root = h("div", "argmap-x");
  const toolbar = h("div", "argmap-x-toolbar");
  const title = h("span", "argmap-x-title");
  const semanticsLabel = h("label", "argmap-x-semantics", "Semantics ");
  const semanticsSelect = /** @type {HTMLSelectElement} */ (h("select"));
  semanticsSelect.setAttribute("aria-label", "semantics");
  semanticsLabel.append(semanticsSelect);
  const allOn = h("button", "argmap-x-all-on", "All on");
  allOn.type = "button";
  const reset = h("button", "argmap-x-reset", "Reset");
  reset.type = "button";
  const criticalToggle = h("button", "argmap-x-critical-toggle", "Critical evidence");
  criticalToggle.type = "button";
  toolbar.append(title, semanticsLabel, allOn, reset, criticalToggle);

  const body = h("div", "argmap-x-body");
  const switches = h("div", "argmap-x-switches");
  switches.setAttribute("role", "group");
  switches.setAttribute("aria-label", "evidence switches");
  const mapPane = h("div", "argmap-x-map");
  const side = h("div", "argmap-x-side");
  const verdictBox = h("div", "argmap-x-verdict");
  verdictBox.setAttribute("aria-live", "polite");
  const verdictList = h("ul", "argmap-x-positions");
  const verdictText = h("p", "argmap-x-verdict-text");
  verdictBox.append(h("h4", "", "Verdict"), verdictList, verdictText);
  const criticalBox = h("div", "argmap-x-critical");
  const explainBox = h("div", "argmap-x-explanation");
  const explainTitle = h("h4", "", "Why?");
  const explainText = h("pre", "argmap-x-explanation-text");
  explainBox.append(explainTitle, explainText);
  const errorBox = h("div", "argmap-x-error");
  side.append(verdictBox, criticalBox, explainBox);
  body.append(switches, mapPane, side);
  root.append(toolbar, errorBox, body);
  el.replaceChildren(root);

  /** @type {Map<string, Element>} statement id -> its node in the SVG */
  let nodes = new Map();
  /** @type {Map<string, Element[]>} argument id -> its elements in the SVG */
  let argumentNodes = new Map();
  /** @type {Map<string, HTMLInputElement>} evidence id -> its checkbox */
  let boxes = new Map();
  /** @type {Record<string, string>} what the SVG shows now, to restyle only what changed */
  let shown = {};
  let shownArguments = {};

  // -- drawing ----------------------------------------------------------------------------
  function drawSvg() {
    mapPane.innerHTML = model.get("svg");
    nodes = new Map();
    argumentNodes = new Map();
    for (const node of mapPane.querySelectorAll("[data-argmap-id]")) {
      nodes.set(statementIdOf(node), node);
    }
    for (const node of mapPane.querySelectorAll("[data-argmap-argument]")) {
      const id = node.getAttribute("data-argmap-argument");
      if (!argumentNodes.has(id)) argumentNodes.set(id, []);
      argumentNodes.get(id).push(node);
    }
    shown = {};
    shownArguments = {};
    restyle();
    markSelected();
  }

  function restyle() {
    const statuses = model.get("statuses") || {};
    const strengths = model.get("strengths") || {};
    for (const [id, status] of Object.entries(statuses)) {
      if (shown[id] === status) continue;
      const node = nodes.get(id);
      if (!node) continue;
      node.classList.remove(...STATUS_CLASSES);
      node.classList.add(`argmap-status-${status}`);
      node.setAttribute("data-argmap-status", status);
      const glyph = node.querySelector(".argmap-status-glyph");
      if (glyph) glyph.textContent = GLYPH[status] ?? "";
      shown[id] = status;
    }
    for (const [id, node] of nodes) {
      const strength = strengths[id];
      if (strength === undefined) node.removeAttribute("data-argmap-strength");
      else node.setAttribute("data-argmap-strength", strength.toFixed(2));
    }
    const states = model.get("argument_states") || {};
    for (const [id, state] of Object.entries(states)) {
      if (shownArguments[id] === state) continue;
      for (const node of argumentNodes.get(id) || []) {
        node.classList.remove(...ARGUMENT_CLASSES);
        node.classList.add(`argmap-argument-${state}`);
      }
      shownArguments[id] = state;
    }
  }

  function markSelected() {
    const selected = model.get("selected");
    for (const node of mapPane.querySelectorAll(".argmap-x-selected")) {
      node.classList.remove("argmap-x-selected");
    }
    const node = selected ? nodes.get(selected) : undefined;
    if (node) node.classList.add("argmap-x-selected");
  }

  function drawSwitches() {
    switches.replaceChildren();
    boxes = new Map();
    const off = new Set(model.get("off"));
    /** @type {Map<string, HTMLElement>} */
    const groups = new Map();
    for (const item of model.get("evidence")) {
      let group = groups.get(item.group);
      if (!group) {
        const fieldset = h("fieldset", "argmap-x-group");
        fieldset.setAttribute("data-argmap-group", item.group);
        fieldset.append(h("legend", "", item.group_label));
        switches.append(fieldset);
        groups.set(item.group, fieldset);
        group = fieldset;
      }
      const row = h("label", "argmap-x-switch");
      row.title = item.title;
      row.setAttribute("data-argmap-evidence", item.id);
      const box = /** @type {HTMLInputElement} */ (h("input"));
      box.type = "checkbox";
      box.checked = !off.has(item.id);
      box.setAttribute("data-argmap-evidence", item.id);
      const text = h("span", "argmap-x-switch-text");
      text.append(h("span", "argmap-x-quote", item.label));
      if (item.speaker) text.append(h("span", "argmap-x-speaker", item.speaker));
      row.append(box, text);
      group.append(row);
      boxes.set(item.id, box);
    }
  }

  function syncSwitches() {
    const off = new Set(model.get("off"));
    for (const [id, box] of boxes) box.checked = !off.has(id);
    for (const [id, node] of nodes) node.classList.toggle("argmap-x-switched-off", off.has(id));
  }

  function drawSemantics() {
    semanticsSelect.replaceChildren();
    for (const name of model.get("semantics_options")) {
      const option = /** @type {HTMLOptionElement} */ (h("option", "", name));
      option.value = name;
      semanticsSelect.append(option);
    }
    semanticsSelect.value = model.get("semantics");
  }

  function drawVerdict() {
    const verdict = model.get("verdict") || { positions: [], text: "", gradual: false, leader: null };
    verdictList.replaceChildren();
    for (const position of verdict.positions) {
      const row = h("li", `argmap-x-position argmap-status-${position.status}`);
      row.setAttribute("data-argmap-position", position.id);
      if (position.id === verdict.leader) row.classList.add("argmap-x-leader");
      const name = h("span", "argmap-x-position-label", position.label);
      const badge = h("span", "argmap-x-badge", READING[position.status] ?? position.status);
      row.append(name, badge);
      if (verdict.gradual && position.strength !== null) {
        const bar = h("span", "argmap-x-bar");
        const fill = h("span", "argmap-x-bar-fill");
        fill.style.width = `${Math.round(position.strength * 100)}%`;
        bar.append(fill);
        bar.title = `strength ${position.strength.toFixed(2)}`;
        row.append(bar, h("span", "argmap-x-strength", position.strength.toFixed(2)));
      }
      verdictList.append(row);
    }
    verdictText.textContent = verdict.text;
  }

  function drawCritical() {
    const show = model.get("show_critical");
    criticalToggle.classList.toggle("argmap-x-active", show);
    criticalToggle.setAttribute("aria-pressed", String(show));
    criticalBox.replaceChildren();
    criticalBox.hidden = !show;
    if (!show) return;
    criticalBox.append(h("h4", "", "Critical evidence"));
    const items = model.get("critical") || [];
    if (items.length === 0) {
      criticalBox.append(h("p", "argmap-x-muted", "No single piece of evidence changes the verdict."));
      return;
    }
    const size = (item) => (item.delta === null ? item.changes.length : Math.abs(item.delta));
    const largest = Math.max(...items.map(size), 1e-9);
    const list = h("ol", "argmap-x-critical-list");
    for (const item of items) {
      const row = h("li", "argmap-x-critical-item");
      row.setAttribute("data-argmap-evidence", item.id);
      row.title = item.text;
      const bar = h("span", "argmap-x-bar");
      const fill = h("span", "argmap-x-bar-fill");
      fill.style.width = `${Math.round((size(item) / largest) * 100)}%`;
      bar.append(fill);
      const amount = item.delta === null ? `${item.changes.length}` : item.delta.toFixed(2);
      row.append(h("span", "argmap-x-critical-label", item.label), bar, h("span", "argmap-x-strength", amount));
      list.append(row);
    }
    criticalBox.append(list);
  }

  function drawExplanation() {
    const selected = model.get("selected");
    const statuses = model.get("statuses") || {};
    explainTitle.textContent = selected ? `Why is ${selected} ${READING[statuses[selected]] ?? "?"}?` : "Why?";
    explainText.textContent = selected ? model.get("explanation") : "Click a statement in the map.";
  }

  function drawError() {
    const error = model.get("error");
    errorBox.textContent = error;
    errorBox.hidden = !error;
  }

  // -- user actions -----------------------------------------------------------------------
  /** @param {string} id @returns {string[]} `off` with `id` switched the other way */
  function toggledOff(id) {
    const off = model.get("off");
    return off.includes(id) ? off.filter((x) => x !== id) : [...off, id];
  }
  const toggle = (id) => save({ off: toggledOff(id) });

  listen(switches, "change", (event) => {
    const target = /** @type {HTMLElement} */ (event.target);
    const id = target.getAttribute("data-argmap-evidence");
    if (id) toggle(id);
  });
  listen(mapPane, "click", (event) => {
    const node = /** @type {Element} */ (event.target).closest("[data-argmap-id]");
    if (!node || !mapPane.contains(node)) return;
    event.preventDefault(); // nodes may carry source links; a click here means "toggle/explain"
    const id = statementIdOf(node);
    if (node.hasAttribute("data-argmap-evidence")) {
      save({ selected: id, off: toggledOff(id) });
    } else {
      save({ selected: id });
    }
  });
  listen(criticalBox, "click", (event) => {
    const row = /** @type {Element} */ (event.target).closest("[data-argmap-evidence]");
    if (row) toggle(row.getAttribute("data-argmap-evidence"));
  });
  listen(semanticsSelect, "change", () => save({ semantics: semanticsSelect.value }));
  listen(allOn, "click", () => save({ off: [] }));
  listen(reset, "click", () => model.send({ action: "reset" }));
  listen(criticalToggle, "click", () => save({ show_critical: !model.get("show_critical") }));
  // Hovering a switch points at its node in the map.
  const hover = (event, on) => {
    const row = /** @type {Element} */ (event.target).closest("[data-argmap-evidence]");
    const node = row ? nodes.get(row.getAttribute("data-argmap-evidence")) : undefined;
    if (node) node.classList.toggle("argmap-x-hover", on);
  };
  listen(switches, "mouseover", (event) => hover(event, true));
  listen(switches, "mouseout", (event) => hover(event, false));

  // -- model changes ----------------------------------------------------------------------
  on("change:svg", drawSvg);
  on("change:statuses", () => {
    restyle();
    drawExplanation();
  });
  on("change:strengths", restyle);
  on("change:argument_states", restyle);
  on("change:off", syncSwitches);
  on("change:evidence", () => {
    drawSwitches();
    syncSwitches();
  });
  on("change:semantics", () => {
    semanticsSelect.value = model.get("semantics");
  });
  on("change:semantics_options", drawSemantics);
  on("change:verdict", drawVerdict);
  on("change:critical", drawCritical);
  on("change:show_critical", drawCritical);
  on("change:selected", () => {
    markSelected();
    drawExplanation();
  });
  on("change:explanation", drawExplanation);
  on("change:error", drawError);
  on("change:title", () => {
    title.textContent = model.get("title");
  });

  title.textContent = model.get("title");
  drawSemantics();
  drawSwitches();
  drawSvg();
  syncSwitches();
  drawVerdict();
  drawCritical();
  drawExplanation();
  drawError();

  return () => {
    for (const cleanup of cleanups) cleanup();
    el.replaceChildren();
  };
}

export default { render };
