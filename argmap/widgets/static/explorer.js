// The argmap Explorer's view: draws what the Python model says and sends clicks back.
//
// Plain ESM for anywidget (AFM): no bundler, no imports, nothing fetched at run time.
// Python is the source of truth. The map's SVG arrives once per picture; a toggle sends only
// what changed (`changes`: statuses, strengths and argument states as deltas, plus the verdict),
// and this view restyles just those nodes of the existing SVG, swapping `argmap-status-*`
// classes on the nodes the renderer tagged with statement ids. Text from the map is only ever
// set as text, and the SVG is cleaned of anything that could run or fetch before it is shown.

/**
 * @typedef {"in" | "out" | "undecided" | "off"} Status
 *
 * @typedef {object} EvidenceItem  one switch in the evidence panel
 * @property {string} id
 * @property {string} label        short form of the quote (or the author's paraphrase)
 * @property {string} speaker      short speaker name, "" when unknown
 * @property {string} title        tooltip: the full quote, speaker, source and locator
 * @property {string} group        id of the group it is listed in (a line of argument or an argument)
 * @property {string} group_label  text of that group
 *
 * @typedef {object} GroupItem  one group of switches
 * @property {string} id
 * @property {string} label
 * @property {boolean} line        a line of argument: the group has its own switch (its id in `off`)
 * @property {string} title        tooltip
 *
 * @typedef {object} Changes  what the last update changed; merged into the whole dicts
 * @property {number} seq
 * @property {Record<string, Status>} [statuses]
 * @property {Record<string, number>} [strengths]
 * @property {Record<string, string>} [argument_states]
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
 * @property {string} text       the verdict's sentence, naming ids
 * @property {string} summary    the same sentence naming the question and positions by their text
 * @property {boolean} gradual
 * @property {PositionItem[]} positions
 *
 * @typedef {object} CriticalEntry  a part whose switching off alone changes the verdict
 * @property {string} id
 * @property {string} kind         evidence, assumption, claim, argument or line
 * @property {string} label
 * @property {string[]} changes
 * @property {number | null} delta
 * @property {string} text
 *
 * @typedef {object} StatusStyle
 * @property {string} colour
 * @property {string} badge_fill
 * @property {string} badge_text
 * @property {"solid" | "dashed" | "dotted"} line
 *
 * @typedef {object} Palette  the rendering theme's colours, to restyle exactly as a re-render would
 * @property {Record<Status, StatusStyle>} statuses
 * @property {Record<string, {fill: string, border: string, text: string}>} kinds
 * @property {Record<Status, string>} marks  badge text per status, e.g. "√ stands"
 * @property {string} off_fill
 * @property {string} muted
 * @property {string} pro
 * @property {string} con
 * @property {string} undercut
 * @property {string} inactive
 * @property {string} bar_fill
 * @property {string} bar_empty
 * @property {number} bar_segments
 *
 * @typedef {object} Traits  the synced traits of argmap.widgets.Explorer
 * @property {string} svg                       inline SVG, set once per picture (map, theme, gradual or not)
 * @property {Palette} palette
 * @property {Record<string, Status>} statuses  statement id -> status (whole once; then `changes`)
 * @property {Record<string, number>} strengths statement id -> strength (gradual semantics only)
 * @property {Record<string, string>} argument_states  argument id -> applicable|inapplicable|undecided
 * @property {Changes} changes                  the last delta of the three above
 * @property {string[]} off                     ids switched off: statements, arguments, lines (both ways)
 * @property {string} semantics
 * @property {string[]} semantics_options
 * @property {EvidenceItem[]} evidence
 * @property {GroupItem[]} groups
 * @property {VerdictData} verdict
 * @property {string} selected                  id of the last clicked statement (both ways)
 * @property {string} explanation               why `selected` has its status
 * @property {string} explanation_title         the heading above it, naming the statement
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
// One word per status, as the legend says it.
const READING = { in: "stands", out: "falls", undecided: "open", off: "off" };
const DELTA_TRAITS = ["statuses", "strengths", "argument_states"];
// What may stay in the map's SVG: Graphviz's shapes and text. Anything else (script,
// foreignObject, image, use, style, animation) could run code or fetch, and is dropped.
const SVG_ELEMENTS = new Set([
  "svg", "g", "a", "title", "desc", "ellipse", "circle", "rect", "path", "polygon", "polyline",
  "line", "text", "tspan", "defs", "lineargradient", "radialgradient", "stop", "clippath",
]);
const SAFE_LINK = /^(?:https?:|#)/i;
// Graphviz writes DOT's "dashed" and "dotted" styles as these dash arrays.
const DASH = { solid: null, dashed: "5,2", dotted: "1,5" };
const XLINK = "http://www.w3.org/1999/xlink";
const TOOLTIP_STATUS = /^([^\n]*?): (stands|falls|open|off)(?: \(strength [0-9.]+\))?(\n|$)/;

/** @param {string} tag @param {string} [className] @param {string} [text] */
function h(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** @param {Element} element @param {string} name @param {string | null} value */
function setAttr(element, name, value) {
  if (value === null) element.removeAttribute(name);
  else if (element.getAttribute(name) !== value) element.setAttribute(name, value);
}

const colourOf = (element, name) => (element.getAttribute(name) || "").toLowerCase();

/**
 * Parse the renderer's SVG without running anything in it, and keep only shapes, text and
 * plain links: no element outside SVG_ELEMENTS, no on* handler, no link but http(s) on <a>
 * and same-document references elsewhere, no style that loads a URL.
 * @param {string} text
 * @returns {SVGSVGElement | null}
 */
function cleanSvg(text) {
  if (!text) return null;
  const doc = new DOMParser().parseFromString(text, "image/svg+xml");
  const svg = doc.documentElement;
  if (!svg || svg.localName !== "svg" || doc.getElementsByTagName("parsererror").length) return null;
  for (const el of [svg, ...svg.querySelectorAll("*")]) {
    if (!SVG_ELEMENTS.has(el.localName.toLowerCase())) {
      el.remove();
      continue;
    }
    for (const attr of [...el.attributes]) {
      const name = attr.localName.toLowerCase();
      const value = attr.value.trim();
      const link = name === "href" || name === "src" || name === "action";
      if (
        name.startsWith("on") ||
        (link && !(el.localName === "a" ? SAFE_LINK.test(value) : value.startsWith("#"))) ||
        (name === "style" && /url\s*\(|expression|@import/i.test(value))
      ) {
        el.removeAttributeNode(attr);
      }
    }
  }
  return /** @type {SVGSVGElement} */ (document.importNode(svg, true));
}

/**
 * Find the parts of a statement node the renderer draws per status: its outline, the badge in
 * its fixed-size slot, the strength bar and figure (gradual semantics), its text and tooltip.
 * The header's parts carry the renderer's classes (see argmap.rendering: argmap-caption,
 * argmap-badge, argmap-badge-text, argmap-bar, argmap-strength); the outline is what is drawn
 * before the first text.
 * @param {Element} node
 */
function statementParts(node) {
  const drawn = [...node.querySelectorAll("polygon, polyline, path, ellipse, text")];
  const firstText = drawn.findIndex((e) => e.tagName === "text");
  const outline = drawn.slice(0, firstText < 0 ? drawn.length : firstText);
  const badge = node.querySelector("text.argmap-badge-text");
  const badgeBg = node.querySelector("polygon.argmap-badge");
  const bars = [...node.querySelectorAll("polygon.argmap-bar")];
  const figure = node.querySelector("text.argmap-strength");
  const header = ":not(.argmap-caption):not(.argmap-badge-text):not(.argmap-strength)";
  const body = [...node.querySelectorAll(`text${header}`)].map(
    (t) => /** @type {[Element, string]} */ ([t, t.getAttribute("fill")]),
  );
  return { node, outline, badge, badgeBg, bars, figure, body, anchor: node.querySelector("a") };
}

/**
 * @typedef {object} Model  the part of anywidget's model this view uses
 * @property {<K extends keyof Traits>(name: K) => Traits[K]} get
 * @property {<K extends keyof Traits>(name: K, value: Traits[K]) => void} set
 * @property {(event: string, callback: () => void) => void} on
 * @property {(event: string, callback: () => void) => void} off
 * @property {() => void} save_changes
 * @property {(content: object) => void} send
 */

/** @param {{ model: Model, el: HTMLElement }} ctx */
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
  const zoomLabel = h("label", "argmap-x-zoom", "Zoom ");
  const zoomSelect = /** @type {HTMLSelectElement} */ (h("select"));
  zoomSelect.setAttribute("aria-label", "zoom");
  for (const [value, text] of [["fit", "fit"], ["0.5", "50%"], ["0.75", "75%"], ["1", "100%"]]) {
    const option = /** @type {HTMLOptionElement} */ (h("option", "", text));
    option.value = value;
    zoomSelect.append(option);
  }
  zoomSelect.value = "0.75";
  zoomLabel.append(zoomSelect);
  const criticalToggle = h("button", "argmap-x-critical-toggle", "Critical evidence");
  criticalToggle.type = "button";
  toolbar.append(title, semanticsLabel, allOn, reset, criticalToggle, zoomLabel);

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
  const explainText = h("div", "argmap-x-explanation-text");
  explainBox.append(explainTitle, explainText);
  const errorBox = h("div", "argmap-x-error");
  side.append(verdictBox, criticalBox, explainBox);
  body.append(switches, mapPane, side);
  root.append(toolbar, errorBox, body);
  el.replaceChildren(root);

  /** @type {Map<string, ReturnType<typeof statementParts>>} statement id -> its drawn parts */
  let nodes = new Map();
  /** @typedef {{el: Element, from: string, argument: string | null, kind: string}} Edge */
  /** @type {Edge[]} */
  let edges = [];
  /** @type {Map<string, Edge[]>} statement id -> edges from it; argument id -> its edges */
  let edgesFrom = new Map();
  let edgesOf = new Map();
  /** @type {Map<string, Element[]>} argument id -> its junction node and edges */
  let argumentNodes = new Map();
  /** @type {Map<string, HTMLInputElement>} evidence or line id -> its checkbox */
  let boxes = new Map();
  /** @type {Map<string, HTMLElement>} line id -> its group of switches */
  let lineGroups = new Map();
  /** @type {Record<string, string>} what the SVG shows now, to restyle only what changed */
  let shown = {};
  /** @type {[number, number] | null} the SVG's own width and height in pt */
  let natural = null;

  function applyZoom() {
    const svg = mapPane.querySelector("svg");
    if (!svg || !natural) return;
    const zoom = zoomSelect.value;
    mapPane.classList.toggle("argmap-x-fit", zoom === "fit");
    svg.style.width = zoom === "fit" ? "100%" : `${natural[0] * Number(zoom)}pt`;
    svg.style.height = zoom === "fit" ? "auto" : `${natural[1] * Number(zoom)}pt`;
  }

  // -- drawing ----------------------------------------------------------------------------
  function drawSvg() {
    const svg = cleanSvg(model.get("svg"));
    mapPane.replaceChildren(...(svg ? [svg] : []));
    if (svg) {
      // Graphviz's size (in pt) is 100 %; the zoom scales from it and never re-lays anything out.
      natural = [parseFloat(svg.getAttribute("width")), parseFloat(svg.getAttribute("height"))];
      svg.removeAttribute("width");
      svg.removeAttribute("height");
    }
    applyZoom();
    nodes = new Map();
    edges = [];
    edgesFrom = new Map();
    edgesOf = new Map();
    argumentNodes = new Map();
    for (const node of mapPane.querySelectorAll("g[data-argmap-id]")) {
      nodes.set(node.getAttribute("data-argmap-id"), statementParts(node));
    }
    for (const el of mapPane.querySelectorAll("g[data-argument-id]")) {
      const id = el.getAttribute("data-argument-id");
      if (!argumentNodes.has(id)) argumentNodes.set(id, []);
      argumentNodes.get(id).push(el);
    }
    for (const el of mapPane.querySelectorAll("g.argmap-edge")) {
      const kind = ["argmap-undercut", "argmap-answers", "argmap-pro", "argmap-con"].find((k) =>
        el.classList.contains(k),
      );
      const edge = { el, from: el.getAttribute("data-from"), argument: el.getAttribute("data-argument-id"), kind };
      edges.push(edge);
      for (const [index, key] of [[edgesFrom, edge.from], [edgesOf, edge.argument]]) {
        if (!key) continue;
        if (!index.has(key)) index.set(key, []);
        index.get(key).push(edge);
      }
    }
    shown = {};
    restyle();
    patchLegend();
    markSelected();
    syncSwitches();
  }

  /** Restyle one statement node as the renderer would draw it with this status and strength. */
  function styleStatement(parts, status, strength, palette) {
    const { node } = parts;
    const style = palette.statuses[status];
    node.classList.remove(...STATUS_CLASSES);
    node.classList.add(`argmap-status-${status}`);
    node.setAttribute("data-status", status);
    if (!style) return;
    const kind = palette.kinds[node.getAttribute("data-kind")];
    for (const shape of parts.outline) {
      setAttr(shape, "stroke", style.colour);
      setAttr(shape, "stroke-dasharray", DASH[style.line] ?? null);
      if (kind && colourOf(shape, "fill") !== "none") {
        setAttr(shape, "fill", status === "off" ? palette.off_fill : kind.fill);
      }
    }
    if (parts.badge) {
      parts.badge.textContent = palette.marks[status];
      setAttr(parts.badge, "fill", style.badge_text);
    }
    if (parts.badgeBg) setAttr(parts.badgeBg, "fill", style.badge_fill);
    for (const [text, colour] of parts.body) setAttr(text, "fill", status === "off" ? palette.muted : colour);
    if (parts.bars.length && strength !== undefined) {
      const filled = Math.round(strength * parts.bars.length);
      parts.bars.forEach((bar, index) => setAttr(bar, "fill", index < filled ? palette.bar_fill : palette.bar_empty));
      if (parts.figure) parts.figure.textContent = strength.toFixed(2);
    }
    if (parts.anchor) {
      const title = parts.anchor.getAttributeNS(XLINK, "title");
      if (title) {
        const word = palette.marks[status].split(" ").slice(1).join(" ");
        const extra = strength !== undefined ? ` (strength ${strength.toFixed(2)})` : "";
        const updated = title.replace(TOOLTIP_STATUS, (_m, head, _w, end) => `${head}: ${word}${extra}${end}`);
        if (updated !== title) parts.anchor.setAttributeNS(XLINK, "xlink:title", updated);
      }
    }
  }

  /** Recolour an argument's junction: inactive when the argument fails. */
  function styleArgument(id, state, palette) {
    for (const el of argumentNodes.get(id) || []) {
      el.classList.remove(...ARGUMENT_CLASSES);
      if (state) el.classList.add(`argmap-argument-${state}`);
      if (!el.classList.contains("node")) continue;
      const colour = state === "inapplicable" ? palette.inactive : el.classList.contains("argmap-pro") ? palette.pro : palette.con;
      for (const shape of el.querySelectorAll("ellipse, polygon, path")) {
        setAttr(shape, "fill", colour);
        setAttr(shape, "stroke", colour);
      }
    }
  }

  /** Recolour an edge: inactive when its argument fails or the statement it starts from is off. */
  function styleEdge(edge, statuses, states, palette) {
    let colour;
    const from = statuses[edge.from];
    if (edge.kind === "argmap-undercut") {
      colour = from === "out" || from === "off" ? palette.inactive : palette.undercut;
    } else if (edge.kind === "argmap-pro" || edge.kind === "argmap-con") {
      const inactive = states[edge.argument] === "inapplicable" || from === "off";
      colour = inactive ? palette.inactive : edge.kind === "argmap-pro" ? palette.pro : palette.con;
    } else return;
    for (const path of edge.el.querySelectorAll("path")) setAttr(path, "stroke", colour);
    for (const head of edge.el.querySelectorAll("polygon")) {
      setAttr(head, "fill", colour);
      setAttr(head, "stroke", colour);
    }
  }

  /**
   * Restyle statements, arguments and edges; with `changed`, only those it names and the edges
   * that touch them (a toggle at 5,000 statements then touches a handful of nodes, not all).
   * @param {{statements: Iterable<string>, arguments: Iterable<string>} | null} changed
   */
  function restyle(changed = null) {
    const palette = model.get("palette");
    const statuses = model.get("statuses") || {};
    const strengths = model.get("strengths") || {};
    const states = model.get("argument_states") || {};
    const statementIds = changed ? changed.statements : Object.keys(statuses);
    /** @type {Set<Edge>} */
    const touched = new Set();
    for (const id of statementIds) {
      const status = statuses[id];
      const strength = strengths[id];
      for (const edge of edgesFrom.get(id) || []) touched.add(edge);
      const key = strength === undefined ? status : `${status}:${strength.toFixed(2)}`;
      if (shown[id] === key) continue;
      const parts = nodes.get(id);
      if (!parts || !status) continue;
      styleStatement(parts, status, strength, palette);
      shown[id] = key;
    }
    const argumentIds = changed ? changed.arguments : argumentNodes.keys();
    for (const id of argumentIds) {
      styleArgument(id, states[id], palette);
      for (const edge of edgesOf.get(id) || []) touched.add(edge);
    }
    for (const edge of changed ? touched : edges) styleEdge(edge, statuses, states, palette);
  }

  /** Merge the last delta into the whole dicts (in place: no event, nothing sent back); restyle it. */
  function applyChanges() {
    const changes = model.get("changes") || {};
    for (const name of DELTA_TRAITS) {
      const whole = model.get(name);
      if (changes[name] && whole) Object.assign(whole, changes[name]);
    }
    restyle({
      statements: new Set([...Object.keys(changes.statuses || {}), ...Object.keys(changes.strengths || {})]),
      arguments: Object.keys(changes.argument_states || {}),
    });
  }

  /** The legend names the semantics; a change of semantics (without a new layout) updates it. */
  function patchLegend() {
    const semantics = model.get("semantics");
    for (const text of mapPane.querySelectorAll("g.graph > g > a > text")) {
      const match = /^Status \(.+ semantics\)(:?)$/.exec(text.textContent);
      if (match) text.textContent = `Status (${semantics} semantics)${match[1]}`;
    }
  }

  function markSelected() {
    const selected = model.get("selected");
    for (const node of mapPane.querySelectorAll(".argmap-x-selected")) {
      node.classList.remove("argmap-x-selected");
    }
    const parts = selected ? nodes.get(selected) : undefined;
    if (parts) parts.node.classList.add("argmap-x-selected");
  }

  /** @param {GroupItem} item */
  function drawGroup(item) {
    const fieldset = h("fieldset", "argmap-x-group");
    fieldset.setAttribute("data-argmap-group", item.id);
    const legend = h("legend");
    if (item.line) {
      // A line of argument has its own switch: its id in `off` switches off all its arguments.
      fieldset.classList.add("argmap-x-line");
      const label = h("label", "argmap-x-line-switch");
      if (item.title) label.title = item.title;
      const box = /** @type {HTMLInputElement} */ (h("input"));
      box.type = "checkbox";
      box.setAttribute("data-argmap-line", item.id);
      label.append(box, h("span", "argmap-x-line-title", item.label));
      legend.append(label);
      boxes.set(item.id, box);
      lineGroups.set(item.id, fieldset);
    } else {
      legend.textContent = item.label;
    }
    fieldset.append(legend);
    switches.append(fieldset);
    return fieldset;
  }

  function drawSwitches() {
    switches.replaceChildren();
    boxes = new Map();
    lineGroups = new Map();
    const off = new Set(model.get("off"));
    /** @type {Map<string, HTMLElement>} */
    const groups = new Map();
    for (const item of model.get("groups") || []) groups.set(item.id, drawGroup(item));
    for (const item of model.get("evidence")) {
      let group = groups.get(item.group);
      if (!group) {
        group = drawGroup({ id: item.group, label: item.group_label, line: false, title: "" });
        groups.set(item.group, group);
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
    for (const [id, group] of lineGroups) group.classList.toggle("argmap-x-line-off", off.has(id));
    for (const [id, parts] of nodes) parts.node.classList.toggle("argmap-x-switched-off", off.has(id));
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
    verdictText.textContent = verdict.summary || verdict.text;
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
      criticalBox.append(h("p", "argmap-x-muted", "Switching off no single part changes the verdict."));
      return;
    }
    const gradual = items.some((item) => item.delta !== null);
    criticalBox.append(
      h(
        "p",
        "argmap-x-muted argmap-x-note",
        gradual
          ? "How far switching it off alone moves a position's strength. Click to switch it off."
          : "How many positions change if it alone is switched off. Click to switch it off.",
      ),
    );
    const size = (item) => (item.delta === null ? item.changes.length : Math.abs(item.delta));
    const largest = Math.max(...items.map(size), 1e-9);
    const list = h("ol", "argmap-x-critical-list");
    for (const item of items) {
      const row = h("li", "argmap-x-critical-item");
      row.setAttribute("data-argmap-part", item.id);
      row.setAttribute("data-argmap-kind", item.kind);
      row.title = item.text;
      const bar = h("span", "argmap-x-bar");
      const fill = h("span", item.delta !== null && item.delta < 0 ? "argmap-x-bar-fill argmap-x-negative" : "argmap-x-bar-fill");
      fill.style.width = `${Math.round((size(item) / largest) * 100)}%`;
      bar.append(fill);
      const amount = item.delta === null ? `${item.changes.length}` : item.delta.toFixed(2);
      const label = h("span", "argmap-x-critical-label", item.label);
      if (item.kind && item.kind !== "evidence") label.prepend(h("span", "argmap-x-kind", item.kind));
      row.append(label, bar, h("span", "argmap-x-strength", amount));
      list.append(row);
    }
    criticalBox.append(list);
  }

  function drawExplanation() {
    const selected = model.get("selected");
    explainTitle.textContent = (selected && model.get("explanation_title")) || "Why?";
    explainText.textContent = selected ? model.get("explanation") : "Click a statement in the map.";
  }

  function drawError() {
    const error = model.get("error");
    errorBox.textContent = error;
    errorBox.hidden = !error;
  }

  /** Scroll the map pane (only it, not the page) so that a statement's node is in view. */
  function reveal(id) {
    const parts = nodes.get(id);
    if (!parts) return;
    const box = parts.node.getBoundingClientRect();
    const pane = mapPane.getBoundingClientRect();
    if (box.left < pane.left || box.right > pane.right) {
      mapPane.scrollLeft += box.left - pane.left - (pane.width - box.width) / 2;
    }
    if (box.top < pane.top || box.bottom > pane.bottom) {
      mapPane.scrollTop += box.top - pane.top - (pane.height - box.height) / 2;
    }
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
    const line = target.getAttribute("data-argmap-line");
    if (line) toggle(line);
    const id = target.getAttribute("data-argmap-evidence");
    if (id) {
      toggle(id);
      reveal(id);
    }
  });
  listen(mapPane, "click", (event) => {
    const node = /** @type {Element} */ (event.target).closest("g[data-argmap-id]");
    if (!node || !mapPane.contains(node)) return;
    event.preventDefault(); // evidence may link to its source; a click here means "toggle and explain"
    const id = node.getAttribute("data-argmap-id");
    if (node.hasAttribute("data-evidence-id")) {
      save({ selected: id, off: toggledOff(id) });
    } else {
      save({ selected: id });
    }
  });
  listen(criticalBox, "click", (event) => {
    const row = /** @type {Element} */ (event.target).closest("[data-argmap-part]");
    if (row) toggle(row.getAttribute("data-argmap-part"));
  });
  listen(zoomSelect, "change", applyZoom);
  listen(semanticsSelect, "change", () => save({ semantics: semanticsSelect.value }));
  listen(allOn, "click", () => save({ off: [] }));
  listen(reset, "click", () => model.send({ action: "reset" }));
  listen(criticalToggle, "click", () => save({ show_critical: !model.get("show_critical") }));
  // Hovering a switch points at its node in the map.
  const hover = (event, on) => {
    const row = /** @type {Element} */ (event.target).closest("[data-argmap-evidence]");
    const parts = row ? nodes.get(row.getAttribute("data-argmap-evidence")) : undefined;
    if (parts) parts.node.classList.toggle("argmap-x-hover", on);
  };
  listen(switches, "mouseover", (event) => hover(event, true));
  listen(switches, "mouseout", (event) => hover(event, false));

  // -- model changes ----------------------------------------------------------------------
  on("change:svg", drawSvg);
  // Whole dicts arrive with a new map or when strengths appear or go; a toggle sends `changes`.
  on("change:statuses", () => restyle());
  on("change:strengths", () => restyle());
  on("change:argument_states", () => restyle());
  on("change:changes", applyChanges);
  on("change:off", syncSwitches);
  const redrawSwitches = () => {
    drawSwitches();
    syncSwitches();
  };
  on("change:evidence", redrawSwitches);
  on("change:groups", redrawSwitches);
  on("change:semantics", () => {
    semanticsSelect.value = model.get("semantics");
    patchLegend();
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
  on("change:explanation_title", drawExplanation);
  on("change:error", drawError);
  on("change:title", () => {
    title.textContent = model.get("title");
  });

  // Once the view has a size, centre the map on its question: Graphviz puts it mid-top.
  let centred = false;
  const sizeWatch = new ResizeObserver(() => {
    if (centred || mapPane.clientWidth === 0) return;
    centred = true;
    const question = mapPane.querySelector("g[data-kind='question']");
    if (question) reveal(question.getAttribute("data-argmap-id"));
    mapPane.scrollTop = 0;
  });
  sizeWatch.observe(mapPane);
  cleanups.push(() => sizeWatch.disconnect());

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
