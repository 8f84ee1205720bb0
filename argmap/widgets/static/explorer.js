// The argmap Explorer's view: draws what the Python model says and sends clicks back.
//
// Plain ESM for anywidget (AFM): no bundler, no imports, nothing fetched at run time. It talks
// to its host only through the model (get, set, save_changes, on, off, send), so a page with no
// kernel can drive it with a model of its own (argmap.html). Python is the source of truth.
// The map's SVG arrives once per picture; a toggle sends only what changed (`changes`:
// statuses, strengths and argument states as deltas, plus the verdict), and this view restyles
// just those nodes of the existing SVG. Text from the map is only ever set as text, and the SVG
// is cleaned of anything that could run or fetch before it is shown.
// The DOM and traits it relies on are listed in docs (explorer contract): keep them in step.

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
 * @property {string} id           a line's or an argument's id ("" for evidence reaching no position)
 * @property {string} label
 * @property {boolean} line        a line of argument
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
 * @typedef {object} VerdictData  the verdict on one question
 * @property {string | null} question
 * @property {string} [question_label]
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
 * @property {string} svg                       inline SVG, set once per picture (map, theme, detail)
 * @property {Palette} palette
 * @property {Record<string, Status>} statuses  statement id -> status (whole once; then `changes`)
 * @property {Record<string, number>} strengths statement id -> strength (gradual semantics only)
 * @property {Record<string, string>} argument_states  argument id -> applicable|inapplicable|undecided
 * @property {Changes} changes                  the last delta of the three above
 * @property {Record<string, string>} labels    statement id -> short label
 * @property {string[]} off                     ids switched off: statements, arguments, lines (both ways)
 * @property {string} semantics
 * @property {string[]} semantics_options
 * @property {string} detail
 * @property {string[]} detail_options
 * @property {EvidenceItem[]} evidence
 * @property {GroupItem[]} groups
 * @property {VerdictData} verdict              the first question's (kept for older hosts)
 * @property {VerdictData[]} verdicts           one per question
 * @property {string} selected                  id of the last clicked statement (both ways)
 * @property {string} explanation               why `selected` has its status
 * @property {string} explanation_title         the heading above it, naming the statement
 * @property {boolean} show_critical
 * @property {CriticalEntry[]} critical
 * @property {string} error                     the last evaluation error, "" when none
 * @property {string} title
 * @property {number} request                   counts this view's requests (js -> host)
 * @property {number} answered                  the last request the host has handled
 * @property {string} static_id                 marks the static picture shown with this widget
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
const KIND_WORD = { question: "Question", position: "Position", claim: "Claim", evidence: "Evidence" };
const KIND_RANK = { question: 0, position: 1, claim: 2, evidence: 3 };
const DELTA_TRAITS = ["statuses", "strengths", "argument_states"];
// What may stay in the map's SVG: Graphviz's shapes and text. Anything else (script,
// foreignObject, image, use, style, animation) could run code or fetch, and is dropped.
const SVG_ELEMENTS = new Set([
  "svg", "g", "a", "title", "desc", "ellipse", "circle", "rect", "path", "polygon", "polyline",
  "line", "text", "tspan", "defs", "lineargradient", "radialgradient", "stop", "clippath",
]);
const SAFE_LINK = /^(?:https?:|#)/i;
const SVG_NS = "http://www.w3.org/2000/svg";
// Graphviz writes DOT's "dashed" and "dotted" styles as these dash arrays.
const DASH = { solid: null, dashed: "5,2", dotted: "1,5" };
const XLINK = "http://www.w3.org/1999/xlink";
const TOOLTIP_STATUS = /^([^\n]*?): (stands|falls|open|off)(?: \(strength [0-9.]+\))?(\n|$)/;
const ZOOMS = [["fit", "fit"], ["0.5", "50%"], ["0.75", "75%"], ["1", "100%"], ["1.25", "125%"], ["1.5", "150%"]];
// The smallest text the default zoom shows, in CSS px; Graphviz sizes are in pt (4/3 px at 100%).
const MIN_TEXT_PX = 10;
const PX_PER_PT = 4 / 3;
const BUSY_AFTER_MS = 200;
const FLASH_MS = 1600;
const FLASH_MOST = 40;
// Restyling more than this many nodes takes long enough (a layout of the whole map) to show the
// busy sign first: the work waits for the frame that paints it.
const HEAVY_NODES = 300;
const CHANGED_SHOWN = 12;
const STACKED_PX = 900;
const ONE_COLUMN_PX = 560;
// Strength bar drawn in a node's header when the layout has none (one layout serves every semantics).
const BAR_WIDTH = 40;
const BAR_HEIGHT = 6;
const FIGURE_WIDTH = 22;

/** @param {string} tag @param {string} [className] @param {string} [text] */
function h(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** @param {string} tag @param {Record<string, string | number>} attributes */
function svgElement(tag, attributes) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  return node;
}

/** @param {Element} element @param {string} name @param {string | null} value */
function setAttr(element, name, value) {
  if (value === null) element.removeAttribute(name);
  else if (element.getAttribute(name) !== value) element.setAttribute(name, value);
}

const colourOf = (element, name) => (element.getAttribute(name) || "").toLowerCase();

/** Lower case without accents, for the filter box. @param {string} text */
const folded = (text) => text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();

/**
 * The bounding box of a polygon's points or a path's coordinates, read from its attribute: no
 * layout. (Graphviz writes absolute coordinates; a path's control points stay inside its box.)
 * @param {Element} shape
 */
function pointsBox(shape) {
  const text = shape.getAttribute(shape.tagName === "path" ? "d" : "points") || "";
  const numbers = (text.match(/-?\d*\.?\d+(?:e-?\d+)?/gi) || []).map(Number);
  const xs = numbers.filter((_, index) => index % 2 === 0);
  const ys = numbers.filter((_, index) => index % 2 === 1);
  if (!xs.length) return null;
  return { x: Math.min(...xs), y: Math.min(...ys), right: Math.max(...xs), bottom: Math.max(...ys) };
}

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
  // Moved, not copied, into this document: the parsed document is thrown away.
  return /** @type {SVGSVGElement} */ (document.adoptNode(svg));
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
  // A compact card holds its evidence as rows, each a statement of its own: not the card's parts.
  const own = (selector) => [...node.querySelectorAll(selector)].filter((e) => e.closest("g[data-argmap-id]") === node);
  const drawn = own("polygon, polyline, path, ellipse, text");
  const firstText = drawn.findIndex((e) => e.tagName === "text");
  const outline = drawn.slice(0, firstText < 0 ? drawn.length : firstText);
  for (const shape of outline) shape.classList.add("argmap-x-outline");
  const badge = own("text.argmap-badge-text")[0] ?? null;
  const badgeBg = own("polygon.argmap-badge")[0] ?? null;
  const bars = own("polygon.argmap-bar");
  const figure = own("text.argmap-strength")[0] ?? null;
  const header = ":not(.argmap-caption):not(.argmap-badge-text):not(.argmap-strength):not(.argmap-row-mark)";
  const body = own(`text${header}`).map((t) => /** @type {[Element, string]} */ ([t, t.getAttribute("fill")]));
  return {
    node,
    kind: node.getAttribute("data-kind") || "",
    evidence: node.hasAttribute("data-evidence-id"),
    /** the one-character status mark of an evidence row on a compact card */
    rowMark: own("text.argmap-row-mark")[0] ?? null,
    outline,
    badge,
    badgeBg,
    bars,
    figure,
    /** @type {{bar: Element | null, fill: Element | null, figure: Element | null, width: number} | null} drawn here under gradual semantics */
    drawnBar: null,
    body,
    anchor: own("a")[0] ?? null,
  };
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
  /** @type {Set<ReturnType<typeof setTimeout>>} */
  const timers = new Set();
  const later = (fn, ms) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
    return timer;
  };
  cleanups.push(() => {
    for (const timer of timers) clearTimeout(timer);
  });

  // -- skeleton: fixed panes so that nothing moves when statuses change --------------------
  const root = h("div", "argmap-x");
  const toolbar = h("div", "argmap-x-toolbar");
  const title = h("span", "argmap-x-title");
  const busy = h("span", "argmap-x-busy", "Working…");
  busy.setAttribute("role", "status");
  busy.hidden = true;
  const labelled = (className, text, name) => {
    const label = h("label", className, `${text} `);
    const select = /** @type {HTMLSelectElement} */ (h("select"));
    select.setAttribute("aria-label", name);
    label.append(select);
    return [label, select];
  };
  const [semanticsLabel, semanticsSelect] = labelled("argmap-x-semantics", "Semantics", "semantics");
  const [detailLabel, detailSelect] = labelled("argmap-x-detail", "Detail", "detail");
  const [zoomLabel, zoomSelect] = labelled("argmap-x-zoom", "Zoom", "zoom");
  for (const [value, text] of ZOOMS) {
    const option = /** @type {HTMLOptionElement} */ (h("option", "", text));
    option.value = value;
    zoomSelect.append(option);
  }
  zoomSelect.value = "0.75";
  const button = (className, text) => {
    const node = /** @type {HTMLButtonElement} */ (h("button", className, text));
    node.type = "button";
    return node;
  };
  const allOn = button("argmap-x-all-on", "All on");
  const reset = button("argmap-x-reset", "Reset");
  const criticalToggle = button("argmap-x-critical-toggle", "Critical evidence");
  toolbar.append(title, busy, semanticsLabel, detailLabel, allOn, reset, criticalToggle, zoomLabel);

  const body = h("div", "argmap-x-body");
  const switchPane = h("div", "argmap-x-switch-pane");
  const filter = /** @type {HTMLInputElement} */ (h("input", "argmap-x-filter"));
  filter.type = "search";
  filter.placeholder = "Filter switches";
  filter.setAttribute("aria-label", "filter switches");
  const switches = h("div", "argmap-x-switches");
  switches.setAttribute("role", "group");
  switches.setAttribute("aria-label", "evidence switches");
  switchPane.append(filter, switches);
  const mapPane = h("div", "argmap-x-map");
  const side = h("div", "argmap-x-side");
  const verdictBox = h("div", "argmap-x-verdict");
  verdictBox.setAttribute("aria-live", "polite");
  const verdictList = h("div", "argmap-x-questions");
  verdictBox.append(h("h4", "", "Verdict"), verdictList);
  const changedBox = h("div", "argmap-x-changed");
  changedBox.setAttribute("aria-live", "polite");
  changedBox.hidden = true;
  const criticalBox = h("div", "argmap-x-critical");
  const explainBox = h("div", "argmap-x-explanation");
  const explainTitle = h("h4", "", "Why?");
  const explainText = h("div", "argmap-x-explanation-text");
  explainBox.append(explainTitle, explainText);
  const errorBox = h("div", "argmap-x-error");
  errorBox.setAttribute("role", "alert");
  side.append(verdictBox, changedBox, criticalBox, explainBox);
  body.append(switchPane, mapPane, side);
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
  /** @type {Map<string, HTMLButtonElement>} evidence, line or argument id -> its switch */
  let buttons = new Map();
  /** @type {Map<string, HTMLElement>} group id -> its fieldset */
  let groupSets = new Map();
  /** @type {Array<{row: HTMLElement, text: string, group: string}>} what the filter searches */
  let searchable = [];
  /** @type {Record<string, string>} what the SVG shows now, to restyle only what changed */
  let shown = {};
  /** @type {[number, number] | null} the SVG's own width and height in pt */
  let natural = null;
  /** @type {number} the SVG's smallest statement text, in pt */
  let smallestText = 0;
  let zoomChosen = false;
  /** @type {Map<string, ReturnType<typeof setTimeout>>} node id -> the timer ending its flash */
  const flashing = new Map();
  /** @type {Map<ReturnType<typeof setTimeout>, Set<string>>} timer -> the nodes whose flash it ends */
  const flashEnds = new Map();

  // -- the host: every change goes through the model, counted so the view can show it waits --
  let waitingSince = 0;
  let working = false;
  let disposed = false;
  cleanups.push(() => (disposed = true));
  /** @type {Array<() => void>} */
  let queued = [];
  /** Run `job` now, or, when `big`, once the busy sign is painted (jobs queued meanwhile run together). */
  function work(job, big) {
    if (!big && !working) {
      job();
      return;
    }
    queued.push(job);
    if (working) return;
    working = true;
    showBusy();
    requestAnimationFrame(() =>
      later(() => {
        const jobs = queued;
        queued = [];
        if (!disposed) for (const each of jobs) each();
        working = false;
        showBusy();
      }, 0),
    );
  }
  function showBusy() {
    const pending = (model.get("answered") ?? 0) < (model.get("request") ?? 0);
    const on = (pending && waitingSince > 0) || working;
    // Written only when it changes: even an equal write makes the browser check the styles below.
    if (busy.hidden === on) busy.hidden = !on;
    setAttr(root, "aria-busy", String(on));
    if (!pending) waitingSince = 0;
  }
  const save = (changes) => {
    for (const [key, value] of Object.entries(changes)) model.set(key, value);
    model.set("request", (model.get("request") ?? 0) + 1);
    model.save_changes();
    if (!waitingSince) {
      waitingSince = Date.now();
      later(showBusy, BUSY_AFTER_MS);
    }
  };

  function applyZoom() {
    const svg = mapPane.querySelector("svg");
    if (!svg || !natural) return;
    const zoom = zoomSelect.value;
    mapPane.classList.toggle("argmap-x-fit", zoom === "fit");
    svg.style.width = zoom === "fit" ? "100%" : `${natural[0] * Number(zoom)}pt`;
    svg.style.height = zoom === "fit" ? "auto" : `${natural[1] * Number(zoom)}pt`;
  }

  /** The smallest zoom offered at which every statement's text is at least MIN_TEXT_PX. */
  function defaultZoom() {
    if (!smallestText) return "1";
    const needed = MIN_TEXT_PX / (smallestText * PX_PER_PT);
    const fixed = ZOOMS.filter(([value]) => value !== "fit").map(([value]) => value);
    return fixed.find((value) => Number(value) >= needed - 1e-9) ?? fixed[fixed.length - 1];
  }

  // -- drawing ----------------------------------------------------------------------------
  function drawSvg() {
    const svg = cleanSvg(model.get("svg"));
    mapPane.replaceChildren(...(svg ? [svg] : []));
    smallestText = 0;
    if (svg) {
      // Graphviz's size (in pt) is 100 %; the zoom scales from it and never re-lays anything out.
      natural = [parseFloat(svg.getAttribute("width")), parseFloat(svg.getAttribute("height"))];
      svg.removeAttribute("width");
      svg.removeAttribute("height");
      svg.setAttribute("role", "group");
      svg.setAttribute("aria-label", "argument map");
      // The kind's caption ("CLAIM") is a small-caps tag, not text to read: not counted.
      for (const text of svg.querySelectorAll("g[data-argmap-id] text:not(.argmap-caption)")) {
        const size = parseFloat(text.getAttribute("font-size") || "");
        if (size > 0 && (!smallestText || size < smallestText)) smallestText = size;
      }
    }
    if (!zoomChosen) zoomSelect.value = defaultZoom();
    applyZoom();
    nodes = new Map();
    edges = [];
    edgesFrom = new Map();
    edgesOf = new Map();
    argumentNodes = new Map();
    for (const node of mapPane.querySelectorAll("g[data-argmap-id]")) {
      const parts = statementParts(node);
      nodes.set(node.getAttribute("data-argmap-id"), parts);
      // Every statement is a button: Enter or Space does what a click does.
      node.setAttribute("tabindex", "0");
      node.setAttribute("role", "button");
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
    centred = false;
    centreOnQuestion();
  }

  /**
   * Find where a node's strength bar goes: after the badge and anything else in its header (a
   * compact card's evidence count), in what room the header has; the figure only where it fits
   * too. Reads attributes only, never the layout.
   */
  function planBar(parts) {
    const slot = parts.badgeBg ? pointsBox(parts.badgeBg) : null;
    const box = parts.outline[0] && parts.outline[0].tagName !== "ellipse" ? pointsBox(parts.outline[0]) : null;
    if (!slot || !box) return { x: 0, y: 0, width: 0, figure: false };
    const right = box.right;
    let x = slot.right + 5;
    for (const [text] of parts.body) {
      const y = parseFloat(text.getAttribute("y") || "");
      if (!(y >= slot.y && y <= slot.bottom + 2)) continue; // not in the header row
      // Its width estimated from its letters (generous for capitals): measuring would lay out.
      const size = parseFloat(text.getAttribute("font-size") || "8");
      const end = parseFloat(text.getAttribute("x") || "0") + (text.textContent || "").length * size * 0.72;
      x = Math.max(x, end + 5);
    }
    const room = right - 5 - x;
    const figure = room >= BAR_WIDTH / 2 + FIGURE_WIDTH;
    const width = Math.min(BAR_WIDTH, figure ? room - FIGURE_WIDTH : room);
    const y = (slot.y + slot.bottom) / 2 - BAR_HEIGHT / 2;
    return width < BAR_WIDTH / 4 ? { x, y, width: 0, figure: false } : { x, y, width, figure };
  }

  /** Draw (once) and fill the strength bar of a node whose layout has none. */
  function drawnBar(parts, strength, palette) {
    if (!parts.drawnBar) {
      const plan = planBar(parts);
      const { x, y, width } = plan;
      if (!width) {
        parts.drawnBar = { bar: null, fill: null, figure: null, width: 0 };
      } else {
        const bar = svgElement("rect", { class: "argmap-x-strength-bar", x, y, width, height: BAR_HEIGHT, rx: 1 });
        const fill = svgElement("rect", { class: "argmap-x-strength-fill", x, y, width: 0, height: BAR_HEIGHT, rx: 1 });
        const figure = plan.figure
          ? svgElement("text", {
              class: "argmap-x-strength-figure",
              x: x + width + 3,
              y: y + BAR_HEIGHT,
              "font-family": "Helvetica,sans-Serif",
              "font-size": 8,
            })
          : null;
        (parts.badgeBg.parentNode || parts.node).append(...[bar, fill, figure].filter(Boolean));
        parts.drawnBar = { bar, fill, figure, width };
      }
    }
    const { bar, fill, figure, width } = parts.drawnBar;
    if (!bar || !fill) return;
    if (strength === undefined) return;
    setAttr(bar, "fill", palette.bar_empty);
    setAttr(fill, "fill", palette.bar_fill);
    setAttr(fill, "width", (width * strength).toFixed(1));
    if (figure) {
      setAttr(figure, "fill", palette.muted);
      figure.textContent = strength.toFixed(2);
    }
  }

  /** Restyle one statement node as the renderer would draw it with this status and strength. */
  function styleStatement(parts, status, strength, palette, labels) {
    const { node } = parts;
    const style = palette.statuses[status];
    node.classList.remove(...STATUS_CLASSES);
    node.classList.add(`argmap-status-${status}`);
    node.setAttribute("data-status", status);
    const id = node.getAttribute("data-argmap-id");
    const label = labels[id] || id;
    const figure = strength !== undefined ? ` (strength ${strength.toFixed(2)})` : "";
    node.setAttribute("aria-label", `${KIND_WORD[parts.kind] || "Statement"} ‘${label}’: ${READING[status] ?? status}${figure}`);
    if (!style) return;
    const kind = palette.kinds[parts.kind];
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
    if (parts.rowMark) {
      parts.rowMark.textContent = palette.marks[status].charAt(0);
      setAttr(parts.rowMark, "fill", style.colour);
    }
    for (const [text, colour] of parts.body) setAttr(text, "fill", status === "off" ? palette.muted : colour);
    if (parts.bars.length && strength !== undefined) {
      const filled = Math.round(strength * parts.bars.length);
      parts.bars.forEach((bar, index) => setAttr(bar, "fill", index < filled ? palette.bar_fill : palette.bar_empty));
      if (parts.figure) parts.figure.textContent = strength.toFixed(2);
    } else if (!parts.bars.length && (strength !== undefined || parts.drawnBar)) {
      drawnBar(parts, strength, palette);
    }
  }

  /** Bring a node's tooltip ("Claim c-x: stands …") up to date; done when pointed at, not per change. */
  function updateTooltip(parts) {
    const id = parts.node.getAttribute("data-argmap-id");
    const status = (model.get("statuses") || {})[id];
    const title = parts.anchor?.getAttributeNS(XLINK, "title");
    if (!title || !status) return;
    const strength = (model.get("strengths") || {})[id];
    const figure = strength !== undefined ? ` (strength ${strength.toFixed(2)})` : "";
    const word = READING[status] ?? status;
    const updated = title.replace(TOOLTIP_STATUS, (_m, head, _w, end) => `${head}: ${word}${figure}${end}`);
    if (updated !== title) parts.anchor.setAttributeNS(XLINK, "xlink:title", updated);
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
   * Writes attributes only, never reads layout, so the browser lays out once afterwards.
   * @param {{statements: Iterable<string>, arguments: Iterable<string>} | null} changed
   */
  function restyle(changed = null) {
    const palette = model.get("palette");
    const statuses = model.get("statuses") || {};
    const strengths = model.get("strengths") || {};
    const states = model.get("argument_states") || {};
    const labels = model.get("labels") || {};
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
      styleStatement(parts, status, strength, palette, labels);
      shown[id] = key;
    }
    if (!changed) {
      // With no strengths (a semantics with none) the bars drawn for the last one are hidden by one class.
      mapPane.classList.toggle("argmap-x-no-strengths", Object.keys(strengths).length === 0);
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
    const before = { ...(changes.statuses ? pick(model.get("statuses"), Object.keys(changes.statuses)) : {}) };
    for (const name of DELTA_TRAITS) {
      const whole = model.get(name);
      if (changes[name] && whole) Object.assign(whole, changes[name]);
    }
    const statements = new Set([...Object.keys(changes.statuses || {}), ...Object.keys(changes.strengths || {})]);
    const argumentIds = Object.keys(changes.argument_states || {});
    work(() => restyle({ statements, arguments: argumentIds }), statements.size + argumentIds.length > HEAVY_NODES);
    showChanged(before, changes.statuses || {});
  }

  /** @param {Record<string, string> | undefined} whole @param {string[]} keys */
  function pick(whole, keys) {
    /** @type {Record<string, string>} */
    const out = {};
    if (whole) for (const key of keys) out[key] = whole[key];
    return out;
  }

  /** Flash the nodes whose status the user's last change moved, and list them. */
  function showChanged(before, after) {
    // A part switched off or on by hand changes to or from "off": the user knows; list the rest.
    const moved = Object.keys(after).filter((id) => after[id] !== "off" && before[id] !== "off" && before[id] !== after[id]);
    const rank = (id) => KIND_RANK[nodes.get(id)?.kind ?? ""] ?? 4;
    moved.sort((a, b) => rank(a) - rank(b));
    // A few moved nodes glow; a semantics switch moves hundreds, and hundreds of glows cost a
    // style pass each frame: the list says what moved then.
    if (moved.length <= FLASH_MOST) flash(moved);
    if (!Object.keys(after).length && changedBox.hidden) return;
    const labels = model.get("labels") || {};
    changedBox.replaceChildren();
    changedBox.hidden = false;
    if (!moved.length) {
      changedBox.append(h("p", "argmap-x-muted", "Nothing else changed."));
      return;
    }
    changedBox.append(h("h4", "", `${moved.length} changed:`));
    const list = h("ul", "argmap-x-changed-list");
    for (const id of moved.slice(0, CHANGED_SHOWN)) {
      const item = button(`argmap-x-changed-item argmap-status-${after[id]}`, "");
      item.setAttribute("data-argmap-id", id);
      item.append(h("span", "argmap-x-changed-label", labels[id] || id), h("span", "argmap-x-badge", READING[after[id]] ?? after[id]));
      const row = h("li");
      row.append(item);
      list.append(row);
    }
    changedBox.append(list);
    if (moved.length > CHANGED_SHOWN) changedBox.append(h("p", "argmap-x-muted", `… and ${moved.length - CHANGED_SHOWN} more`));
  }

  /**
   * Ring these nodes for FLASH_MS. One timer ends them all, so that they go in one frame (one
   * repaint of the map's layer, not one per node). @param {string[]} ids
   */
  function flash(ids) {
    const started = new Set(ids.filter((id) => nodes.has(id)));
    if (!started.size) return;
    const timer = later(() => {
      flashEnds.delete(timer);
      for (const id of started) {
        flashing.delete(id);
        nodes.get(id)?.node.classList.remove("argmap-x-flash");
      }
    }, FLASH_MS);
    for (const id of started) {
      const running = flashing.get(id);
      // A node flashed again ends with the new flash, not the old one.
      if (running !== undefined) flashEnds.get(running)?.delete(id);
      flashing.set(id, timer);
      nodes.get(id)?.node.classList.add("argmap-x-flash");
    }
    flashEnds.set(timer, started);
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
    for (const node of root.querySelectorAll(".argmap-x-selected")) node.classList.remove("argmap-x-selected");
    const parts = selected ? nodes.get(selected) : undefined;
    if (parts) parts.node.classList.add("argmap-x-selected");
    buttons.get(selected)?.classList.add("argmap-x-selected");
  }

  /** Mark a statement as pointed at, in the map and in the switch list. @param {string | null} id */
  function markHover(id, on) {
    if (!id) return;
    const parts = nodes.get(id);
    if (parts && on) updateTooltip(parts);
    parts?.node.classList.toggle("argmap-x-hover", on);
    buttons.get(id)?.classList.toggle("argmap-x-hover", on);
  }

  /** @param {string} id @param {string} className */
  function switchButton(id, className) {
    const node = button(className, "");
    node.setAttribute("data-argmap-id", id);
    node.setAttribute("aria-pressed", "true");
    buttons.set(id, node);
    return node;
  }

  /** @param {GroupItem} item */
  function drawGroup(item) {
    const fieldset = h("fieldset", "argmap-x-group");
    fieldset.setAttribute("data-argmap-group", item.id);
    const legend = h("legend");
    if (item.id) {
      // A line of argument, or the argument evidence reaches a position through: its id in
      // `off` switches the whole group off with one click.
      const line = Boolean(item.line);
      if (line) fieldset.classList.add("argmap-x-line");
      const toggle = switchButton(item.id, line ? "argmap-x-line-switch" : "argmap-x-group-switch");
      toggle.setAttribute(line ? "data-argmap-line" : "data-argmap-argument", item.id);
      if (item.title) toggle.title = item.title;
      toggle.append(h("span", "argmap-x-mark"), h("span", "argmap-x-line-title", item.label));
      legend.append(toggle);
    } else {
      legend.textContent = item.label;
    }
    fieldset.append(legend);
    switches.append(fieldset);
    groupSets.set(item.id, fieldset);
    return fieldset;
  }

  function drawSwitches() {
    switches.replaceChildren();
    buttons = new Map();
    groupSets = new Map();
    searchable = [];
    for (const item of model.get("groups") || []) drawGroup(item);
    for (const item of model.get("evidence") || []) {
      const group = groupSets.get(item.group) ?? drawGroup({ id: item.group, label: item.group_label, line: false, title: "" });
      const row = switchButton(item.id, "argmap-x-switch");
      row.title = item.title;
      row.setAttribute("data-argmap-evidence", item.id);
      const text = h("span", "argmap-x-switch-text");
      text.append(h("span", "argmap-x-quote", item.label));
      if (item.speaker) text.append(h("span", "argmap-x-speaker", item.speaker));
      row.append(h("span", "argmap-x-mark"), text);
      group.append(row);
      searchable.push({ row, text: folded(`${item.label} ${item.speaker} ${item.title}`), group: item.group });
    }
    applyFilter();
  }

  function applyFilter() {
    const query = folded(filter.value.trim());
    /** @type {Map<string, boolean>} */
    const groupShown = new Map();
    for (const [id, fieldset] of groupSets) {
      const label = folded(fieldset.querySelector("legend")?.textContent || "");
      groupShown.set(id, query !== "" && label.includes(query));
    }
    const anyInGroup = new Map();
    for (const { row, text, group } of searchable) {
      const match = query === "" || groupShown.get(group) || text.includes(query);
      row.hidden = !match;
      if (match) anyInGroup.set(group, true);
    }
    for (const [id, fieldset] of groupSets) fieldset.hidden = query !== "" && !anyInGroup.get(id) && !groupShown.get(id);
  }

  /** The `off` the switches and nodes show: a change of it touches only the ids that moved. */
  let shownOff = new Set();

  /** Show `off` on the switches and nodes; `all` after they were drawn anew, else only what changed. */
  function syncSwitches(all = true) {
    const off = new Set(model.get("off"));
    const ids = all
      ? new Set([...buttons.keys(), ...groupSets.keys(), ...nodes.keys()])
      : new Set([...off, ...shownOff].filter((id) => off.has(id) !== shownOff.has(id)));
    shownOff = off;
    for (const id of ids) {
      const isOff = off.has(id);
      const node = buttons.get(id);
      if (node) {
        setAttr(node, "aria-pressed", String(!isOff));
        node.classList.toggle("argmap-x-off", isOff);
      }
      groupSets.get(id)?.classList.toggle("argmap-x-line-off", isOff);
      const parts = nodes.get(id);
      if (parts) {
        parts.node.classList.toggle("argmap-x-switched-off", isOff);
        if (parts.evidence) setAttr(parts.node, "aria-pressed", String(!isOff));
      }
    }
  }

  /** @param {HTMLSelectElement} select @param {string[]} values @param {string} value */
  function fillSelect(select, values, value) {
    select.replaceChildren();
    for (const name of values) {
      const option = /** @type {HTMLOptionElement} */ (h("option", "", name));
      option.value = name;
      select.append(option);
    }
    select.value = value;
  }

  function drawSemantics() {
    fillSelect(semanticsSelect, model.get("semantics_options") || [], model.get("semantics"));
  }

  function drawDetail() {
    const options = model.get("detail_options") || [];
    fillSelect(detailSelect, options, model.get("detail") || options[0] || "");
    detailLabel.hidden = options.length < 2;
  }

  /**
   * Fill one question's block in place (its elements stay: whoever holds the sentence's element,
   * a screen reader or a test, sees it change). @param {HTMLElement} block @param {VerdictData} verdict
   */
  function fillQuestion(block, verdict, many) {
    block.setAttribute("data-argmap-question", verdict.question ?? "");
    const [heading, list, sentence] = /** @type {HTMLElement[]} */ ([...block.children]);
    heading.hidden = !many;
    heading.textContent = verdict.question_label || (verdict.question ? "" : "Other positions");
    list.replaceChildren();
    for (const position of verdict.positions) {
      const row = h("li", `argmap-x-position argmap-status-${position.status}`);
      row.setAttribute("data-argmap-position", position.id);
      const label = h("span", "argmap-x-position-label", position.label);
      if (position.id === verdict.leader) {
        row.classList.add("argmap-x-leader");
        label.prepend(h("span", "argmap-x-leads", "leads"));
      }
      row.append(label, h("span", "argmap-x-badge", READING[position.status] ?? position.status));
      if (verdict.gradual && position.strength !== null) {
        const bar = h("span", "argmap-x-bar");
        const fill = h("span", "argmap-x-bar-fill");
        fill.style.width = `${Math.round(position.strength * 100)}%`;
        bar.append(fill);
        bar.title = `strength ${position.strength.toFixed(2)}`;
        row.append(bar, h("span", "argmap-x-strength", position.strength.toFixed(2)));
      }
      list.append(row);
    }
    sentence.textContent = verdict.summary || verdict.text;
  }

  function drawVerdict() {
    const all = model.get("verdicts");
    const verdicts = all && all.length ? all : [model.get("verdict") || { positions: [], text: "", gradual: false, leader: null, question: null }];
    while (verdictList.children.length > verdicts.length) verdictList.lastElementChild?.remove();
    while (verdictList.children.length < verdicts.length) {
      const block = h("div", "argmap-x-question");
      block.append(h("h5"), h("ul", "argmap-x-positions"), h("p", "argmap-x-verdict-text"));
      verdictList.append(block);
    }
    verdicts.forEach((verdict, index) => fillQuestion(/** @type {HTMLElement} */ (verdictList.children[index]), verdict, verdicts.length > 1));
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
      row.setAttribute("tabindex", "0");
      row.setAttribute("role", "button");
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

  /** Scroll the map pane (only it, never the page) so that a statement's node is in view. */
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

  /** A click (or Enter/Space) on a statement: explain it; evidence is also switched. @param {Element} node */
  function activate(node) {
    const id = node.getAttribute("data-argmap-id");
    if (node instanceof SVGElement || node instanceof HTMLElement) node.focus({ preventScroll: true });
    if (node.hasAttribute("data-evidence-id")) save({ selected: id, off: toggledOff(id) });
    else save({ selected: id });
  }

  listen(switches, "click", (event) => {
    const target = /** @type {Element} */ (event.target).closest("button[data-argmap-id]");
    if (target) toggle(target.getAttribute("data-argmap-id"));
  });
  const statementAt = (event) => {
    const node = /** @type {Element} */ (event.target).closest("g[data-argmap-id]");
    return node && mapPane.contains(node) ? node : null;
  };
  // A press on a node must not focus it the browser's way, which scrolls it into view.
  listen(mapPane, "mousedown", (event) => {
    if (statementAt(event)) event.preventDefault();
  });
  listen(mapPane, "click", (event) => {
    const node = statementAt(event);
    if (!node) return;
    event.preventDefault(); // evidence may link to its source; a click here means "toggle and explain"
    activate(node);
  });
  listen(mapPane, "keydown", (event) => {
    if (event.key !== "Enter" && event.key !== " ") return;
    const node = statementAt(event);
    if (!node) return;
    event.preventDefault();
    activate(node);
  });
  const criticalRow = (event) => /** @type {Element} */ (event.target).closest("[data-argmap-part]");
  listen(criticalBox, "click", (event) => {
    const row = criticalRow(event);
    if (row) toggle(row.getAttribute("data-argmap-part"));
  });
  listen(criticalBox, "keydown", (event) => {
    const row = criticalRow(event);
    if (!row || (event.key !== "Enter" && event.key !== " ")) return;
    event.preventDefault();
    toggle(row.getAttribute("data-argmap-part"));
  });
  listen(changedBox, "click", (event) => {
    const item = /** @type {Element} */ (event.target).closest("[data-argmap-id]");
    if (!item) return;
    const id = item.getAttribute("data-argmap-id");
    reveal(id);
    flash([id]);
    save({ selected: id });
  });
  listen(filter, "input", applyFilter);
  listen(zoomSelect, "change", () => {
    zoomChosen = true;
    applyZoom();
  });
  listen(semanticsSelect, "change", () => save({ semantics: semanticsSelect.value }));
  listen(detailSelect, "change", () => save({ detail: detailSelect.value }));
  listen(allOn, "click", () => save({ off: [] }));
  listen(reset, "click", () => model.send({ action: "reset" }));
  listen(criticalToggle, "click", () => save({ show_critical: !model.get("show_critical") }));
  // Pointing at a switch marks its node, and pointing at a node marks its switch.
  const pointed = (event) => {
    const target = /** @type {Element} */ (event.target);
    const row = target.closest("[data-argmap-evidence]") || target.closest("g[data-argmap-id]");
    return row ? row.getAttribute("data-argmap-evidence") || row.getAttribute("data-argmap-id") : null;
  };
  for (const pane of [switches, mapPane]) {
    listen(pane, "mouseover", (event) => markHover(pointed(event), true));
    listen(pane, "mouseout", (event) => markHover(pointed(event), false));
  }
  listen(mapPane, "focusin", (event) => markHover(pointed(event), true));
  listen(mapPane, "focusout", (event) => markHover(pointed(event), false));

  // -- model changes ----------------------------------------------------------------------
  on("change:svg", drawSvg);
  // Whole dicts arrive with a new map or when strengths appear or go; a toggle sends `changes`.
  const restyleAll = () => work(() => restyle(), nodes.size > HEAVY_NODES);
  on("change:statuses", restyleAll);
  on("change:strengths", restyleAll);
  on("change:argument_states", restyleAll);
  on("change:changes", applyChanges);
  on("change:off", () => syncSwitches(false));
  const redrawSwitches = () => {
    drawSwitches();
    syncSwitches();
    markSelected();
  };
  on("change:evidence", redrawSwitches);
  on("change:groups", redrawSwitches);
  on("change:labels", () => {
    shown = {};
    restyle();
  });
  on("change:semantics", () => {
    semanticsSelect.value = model.get("semantics");
    patchLegend();
  });
  on("change:semantics_options", drawSemantics);
  on("change:detail", drawDetail);
  on("change:detail_options", drawDetail);
  on("change:verdict", drawVerdict);
  on("change:verdicts", drawVerdict);
  on("change:critical", drawCritical);
  on("change:show_critical", drawCritical);
  on("change:selected", () => {
    markSelected();
    drawExplanation();
  });
  on("change:explanation", drawExplanation);
  on("change:explanation_title", drawExplanation);
  on("change:error", drawError);
  on("change:answered", showBusy);
  on("change:request", showBusy);
  on("change:title", () => {
    title.textContent = model.get("title");
  });

  // Once the view has a size: the question in view (again after a resize, until the reader
  // moves the map), and the panes stacked, then in one column, as the view narrows.
  let centred = false;
  let moved = false;
  function centreOnQuestion() {
    if (centred || moved || mapPane.clientWidth === 0) return;
    centred = true;
    mapPane.scrollLeft = 0;
    mapPane.scrollTop = 0;
    const question = mapPane.querySelector("g[data-kind='question']");
    if (!question) return;
    // Boxes in the pane's scrolled content, read once (one layout), written after.
    const pane = mapPane.getBoundingClientRect();
    const inPane = (rect) => ({
      left: rect.left - pane.left - mapPane.clientLeft,
      top: rect.top - pane.top - mapPane.clientTop,
      right: rect.right - pane.left - mapPane.clientLeft,
      bottom: rect.bottom - pane.top - mapPane.clientTop,
    });
    const target = inPane(question.getBoundingClientRect());
    const titles = titleTexts().map((text) => inPane(text.getBoundingClientRect()));
    const margin = 12;
    const width = mapPane.clientWidth;
    const height = mapPane.clientHeight;
    const both = titles.reduce(
      (box, t) => ({
        left: Math.min(box.left, t.left),
        top: Math.min(box.top, t.top),
        right: Math.max(box.right, t.right),
        bottom: Math.max(box.bottom, t.bottom),
      }),
      target,
    );
    if (both.right - both.left + 2 * margin <= width && both.bottom - both.top + 2 * margin <= height) {
      // The map's title and the question together: scrolled as little as that takes.
      mapPane.scrollLeft = Math.max(0, both.right + margin - width);
      mapPane.scrollTop = Math.max(0, both.bottom + margin - height);
      return;
    }
    // No room for both: the question at the top, centred, and the title (in the toolbar too)
    // scrolled out of view rather than cut in the middle of its words.
    const centre = (target.left + target.right - width) / 2;
    mapPane.scrollLeft = Math.max(0, target.right - target.left + 2 * margin > width ? target.left - margin : centre);
    mapPane.scrollTop = Math.max(0, target.top - margin);
  }

  /** The map's title and description lines: the texts that open the graph's label (the legend follows). */
  function titleTexts() {
    const label = mapPane.querySelector("svg > g.graph > g > a");
    /** @type {Element[]} */
    const texts = [];
    for (const child of label ? label.children : []) {
      if (child.tagName === "text") texts.push(child);
      else if (child.tagName !== "polygon") break; // the background is a polygon; the legend starts
    }
    return texts;
  }
  for (const type of ["wheel", "pointerdown", "keydown"]) listen(mapPane, type, () => (moved = true));
  let paneSize = [0, 0];
  const sizeWatch = new ResizeObserver(() => {
    const width = root.clientWidth;
    root.classList.toggle("argmap-x-stacked", width > 0 && width < STACKED_PX);
    root.classList.toggle("argmap-x-one-column", width > 0 && width < ONE_COLUMN_PX);
    // Only a new size of the map pane moves the map (the explorer grows when the side panel
    // fills, in stacked layouts: that must not scroll the map back).
    const [oldWidth, oldHeight] = paneSize;
    paneSize = [mapPane.clientWidth, mapPane.clientHeight];
    if (paneSize[0] === oldWidth && paneSize[1] === oldHeight) return;
    if (moved && oldWidth > 0) {
      // The reader has moved the map: what was in the middle of the pane stays there.
      mapPane.scrollLeft += (oldWidth - paneSize[0]) / 2;
      mapPane.scrollTop += (oldHeight - paneSize[1]) / 2;
      return;
    }
    centred = false;
    centreOnQuestion();
  });
  sizeWatch.observe(root);
  sizeWatch.observe(mapPane);
  cleanups.push(() => sizeWatch.disconnect());

  // The static picture shown with this widget (for viewers with no widgets) gives way to it;
  // looked for again a little later in case this view is drawn before the picture is.
  const staticId = model.get("static_id");
  /** @type {HTMLElement[]} */
  const hiddenStatics = [];
  function hideStatics() {
    if (!staticId) return;
    for (const node of document.querySelectorAll(`.argmap-x-static[data-argmap-static="${CSS.escape(staticId)}"]`)) {
      const picture = /** @type {HTMLElement} */ (node);
      if (picture.hidden) continue;
      picture.hidden = true;
      picture.classList.add("argmap-x-static-hidden");
      hiddenStatics.push(picture);
    }
  }
  hideStatics();
  later(hideStatics, 1000);
  cleanups.push(() => {
    for (const picture of hiddenStatics) {
      picture.hidden = false;
      picture.classList.remove("argmap-x-static-hidden");
    }
  });

  title.textContent = model.get("title");
  drawSemantics();
  drawDetail();
  drawSwitches();
  drawSvg();
  syncSwitches();
  markSelected();
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
