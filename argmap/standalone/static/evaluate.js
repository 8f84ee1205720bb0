// argmap's evaluation in the browser: every built-in semantics, agreeing exactly with Python.
//
// A port of argmap/evaluation (compiled.py, dung.py, grounded_map.py, preferred.py, carneades.py,
// carneades_loops.py, dfquad.py, verdict.py, api.py) and of the Explorer's panel data
// (argmap/widgets/_panel.py). Same iteration orders, same float operations, same texts: the test
// vectors in tests/standalone/vectors hold Python's answers, and Node and Chromium must give them.
// Pure functions of the map data (argmap.standalone.data.page_data) and the options: no DOM, no
// network; map text is only ever returned as data.

const BLANK = 0;
const IN = 1;
const OUT = 2;
const MUST_OUT = 3;
const EXCLUDED = 4;

const KIND_STATEMENT = 0;
const KIND_ARGUMENT = 1;
const KIND_FAILS = 2;
const KIND_LACKS = 3;

const DEFAULT_TIMEOUT = 5.0;
const MAX_DEPTH = 40;
const NOTHING_SUPPORTS = "nothing supports it (mark it assumed if the map takes it as given)";
const CRITICAL_KINDS = ["evidence", "assumption", "claim", "argument", "line"];
const MOVED = 1e-9;
const TIE = 1e-6;
const READING = { in: "stands", out: "falls", undecided: "open", off: "switched off" };
const PANEL_READING = { in: "stands", out: "falls", undecided: "open", off: "off" };
const WORD = { in: "stands", out: "falls", undecided: "is open", off: "is switched off" };
const ARGUMENT_STATE = { [IN]: "applicable", [OUT]: "inapplicable", [BLANK]: "undecided" };
const STATUS_OF = { [IN]: "in", [OUT]: "out", [BLANK]: "undecided" };

/** The error Python raises as EvaluationError or UnknownIdError; `message` is Python's text. */
class EvaluationError extends Error {
  constructor(message) {
    super(message);
    this.name = "EvaluationError";
  }
}

// -- text, as Python writes it ------------------------------------------------------------------

const NOT_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;
// str.split() with no argument splits on these (str.isspace), not on JavaScript's \s.
const PY_SPACE = /[\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/u;

function hex(code, width) {
  return code.toString(16).padStart(width, "0");
}

/** Python's repr() of a str (None for null). */
function pyRepr(value) {
  if (value === null || value === undefined) return "None";
  const text = String(value);
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of text) {
    const code = ch.codePointAt(0);
    if (ch === quote || ch === "\\") out += "\\" + ch;
    else if (ch === "\t") out += "\\t";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (code < 0x20 || code === 0x7f) out += "\\x" + hex(code, 2);
    else if (code > 0x7f && NOT_PRINTABLE.test(ch)) {
      if (code <= 0xff) out += "\\x" + hex(code, 2);
      else if (code <= 0xffff) out += "\\u" + hex(code, 4);
      else out += "\\U" + hex(code, 8);
    } else out += ch;
  }
  return out + quote;
}

/** Python's ordering of str: by code point (JavaScript's default compares UTF-16 units). */
function comparePy(a, b) {
  const x = Array.from(a);
  const y = Array.from(b);
  const n = Math.min(x.length, y.length);
  for (let k = 0; k < n; k++) {
    const d = x[k].codePointAt(0) - y[k].codePointAt(0);
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

function sortedIds(ids) {
  return [...ids].sort(comparePy);
}

/** argmap._text.shorten: one line, cut at a word boundary to at most `limit` characters. */
function shorten(text, limit = 60) {
  const flat = Array.from(
    String(text)
      .split(PY_SPACE)
      .filter((part) => part !== "")
      .join(" "),
  );
  if (flat.length <= limit) return flat.join("");
  let cut = flat.slice(0, Math.max(limit - 1, 1));
  const space = cut.lastIndexOf(" ");
  if (flat[cut.length] !== " " && space > Math.floor(limit / 2)) cut = cut.slice(0, space);
  const strip = " ,;:.-–—";
  let end = cut.length;
  while (end > 0 && strip.includes(cut[end - 1])) end--;
  return cut.slice(0, end).join("") + "…";
}

function decompose(x) {
  // |x| = mantissa * 2**exponent, exactly.
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const high = view.getUint32(0);
  const low = view.getUint32(4);
  const exponent = (high >>> 20) & 0x7ff;
  const mantissa = (BigInt(high & 0xfffff) << 32n) | BigInt(low);
  if (exponent === 0) return [mantissa, -1074];
  return [mantissa | (1n << 52n), exponent - 1075];
}

function roundScaled(x, scale) {
  // |x| * 10**scale rounded half to even, from the exact binary value, as Python formats.
  const [mantissa, exponent] = decompose(x);
  let num = mantissa;
  let den = 1n;
  if (exponent >= 0) num <<= BigInt(exponent);
  else den <<= BigInt(-exponent);
  if (scale >= 0) num *= 10n ** BigInt(scale);
  else den *= 10n ** BigInt(-scale);
  let q = num / den;
  const twice = 2n * (num - q * den);
  if (twice > den || (twice === den && (q & 1n) === 1n)) q += 1n;
  return q;
}

/** Python's f"{x:.{digits}f}". */
function fixed(x, digits) {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? "nan" : x < 0 ? "-inf" : "inf";
  const negative = x < 0 || Object.is(x, -0);
  let text = roundScaled(x, digits).toString();
  if (digits > 0) {
    text = text.padStart(digits + 1, "0");
    text = text.slice(0, -digits) + "." + text.slice(-digits);
  }
  return (negative ? "-" : "") + text;
}

/** Python's f"{x:g}". */
function general(x) {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? "nan" : x < 0 ? "-inf" : "inf";
  if (x === 0) return Object.is(x, -0) ? "-0" : "0";
  const precision = 6;
  const top = 10n ** BigInt(precision);
  const bottom = 10n ** BigInt(precision - 1);
  let exponent = Math.floor(Math.log10(Math.abs(x)));
  let q = roundScaled(x, precision - 1 - exponent);
  while (q >= top || q < bottom) {
    exponent += q >= top ? 1 : -1;
    q = roundScaled(x, precision - 1 - exponent);
  }
  const digits = q.toString();
  const sign = x < 0 ? "-" : "";
  if (exponent >= -4 && exponent < precision) {
    let whole;
    let fraction;
    if (exponent >= 0) {
      whole = digits.slice(0, exponent + 1);
      fraction = digits.slice(exponent + 1);
    } else {
      whole = "0";
      fraction = "0".repeat(-exponent - 1) + digits;
    }
    fraction = fraction.replace(/0+$/, "");
    return sign + whole + (fraction ? "." + fraction : "");
  }
  const rest = digits.slice(1).replace(/0+$/, "");
  const shown = Math.abs(exponent).toString().padStart(2, "0");
  return `${sign}${digits[0]}${rest ? "." + rest : ""}e${exponent < 0 ? "-" : "+"}${shown}`;
}

/** Python's f"{n:,}" for an int (a number or a BigInt). */
function grouped(n) {
  const text = n.toString();
  const negative = text.startsWith("-");
  const digits = negative ? text.slice(1) : text;
  return (negative ? "-" : "") + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

function replaceAll(text, old, replacement) {
  return text.split(old).join(replacement);
}

// difflib.get_close_matches(word, known, n=1), as argmap._text.suggest uses it.
function matchingCharacters(a, b) {
  const b2j = new Map();
  b.forEach((ch, j) => {
    if (!b2j.has(ch)) b2j.set(ch, []);
    b2j.get(ch).push(j);
  });
  if (b.length >= 200) {
    const popular = Math.floor(b.length / 100) + 1;
    for (const [ch, where] of [...b2j]) if (where.length > popular) b2j.delete(ch);
  }
  const longest = (alo, ahi, blo, bhi) => {
    let besti = alo;
    let bestj = blo;
    let bestsize = 0;
    let j2len = new Map();
    for (let i = alo; i < ahi; i++) {
      const next = new Map();
      for (const j of b2j.get(a[i]) || []) {
        if (j < blo) continue;
        if (j >= bhi) break;
        const k = (j2len.get(j - 1) || 0) + 1;
        next.set(j, k);
        if (k > bestsize) {
          besti = i - k + 1;
          bestj = j - k + 1;
          bestsize = k;
        }
      }
      j2len = next;
    }
    return [besti, bestj, bestsize];
  };
  let total = 0;
  const queue = [[0, a.length, 0, b.length]];
  while (queue.length) {
    const [alo, ahi, blo, bhi] = queue.pop();
    const [i, j, k] = longest(alo, ahi, blo, bhi);
    if (k) {
      total += k;
      if (alo < i && blo < j) queue.push([alo, i, blo, j]);
      if (i + k < ahi && j + k < bhi) queue.push([i + k, ahi, j + k, bhi]);
    }
  }
  return total;
}

function closeMatch(word, known) {
  const b = Array.from(word);
  let best = null;
  for (const candidate of known) {
    const a = Array.from(candidate);
    const length = a.length + b.length;
    const ratio = (matches) => (length ? (2.0 * matches) / length : 1.0);
    if (ratio(Math.min(a.length, b.length)) < 0.6) continue;
    const counts = new Map();
    for (const ch of b) counts.set(ch, (counts.get(ch) || 0) + 1);
    let common = 0;
    for (const ch of a) {
      const left = counts.get(ch) || 0;
      if (left > 0) common++;
      counts.set(ch, left - 1);
    }
    if (ratio(common) < 0.6) continue;
    const score = ratio(matchingCharacters(a, b));
    if (score < 0.6) continue;
    if (best === null || score > best[0] || (score === best[0] && comparePy(candidate, best[1]) > 0)) {
      best = [score, candidate];
    }
  }
  return best === null ? null : best[1];
}

/** argmap._text.suggest. */
function suggest(value, known) {
  const close = closeMatch(String(value), known);
  return close === null ? "" : ` (did you mean ${pyRepr(close)}?)`;
}

// -- the map ------------------------------------------------------------------------------------

const MODELS = new WeakMap();

class Model {
  constructor(data) {
    if (!data || data.argmap_page !== 1) {
      throw new EvaluationError(
        "evaluate: this is not argmap page data of version 1 (make it with argmap.standalone.data.page_data)",
      );
    }
    this.data = data;
    const statements = data.statements;
    this.statements = statements;
    this.n = statements.length;
    this.ids = statements.map((s) => s.id);
    this.index = new Map(this.ids.map((id, i) => [id, i]));
    this.arguments = data.arguments.map((a) => ({
      id: a.id,
      conclusion: a.conclusion,
      pro: a.pro,
      premises: a.premises,
      undercutters: a.undercutters || [],
      weight: a.weight === undefined ? null : a.weight,
      scheme: a.scheme === undefined ? null : a.scheme,
      title: a.title === undefined ? null : a.title,
      label: a.title || a.id,
    }));
    this.argumentIds = this.arguments.map((a) => a.id);
    this.argumentIndex = new Map(this.argumentIds.map((id, j) => [id, j]));
    this.lines = data.lines || [];
    this.lineIndex = new Map(this.lines.map((line, k) => [line.id, k]));
    this.sourceIds = data.sources || [];
    this.semantics = data.semantics || [];
    this.pro = statements.map(() => []);
    this.con = statements.map(() => []);
    this.arguments.forEach((a, j) => (a.pro ? this.pro : this.con)[a.conclusion].push(j));
    this.questions = [];
    this.positions = [];
    statements.forEach((s, i) => {
      if (s.kind === "question") this.questions.push(i);
      else if (s.kind === "position") this.positions.push(i);
    });
    this.cache = new Map();
  }

  static of(data) {
    let model = MODELS.get(data);
    if (!model) {
      model = new Model(data);
      MODELS.set(data, model);
    }
    return model;
  }

  isGiven(i) {
    const s = this.statements[i];
    return s.kind === "evidence" || s.kind === "question" || Boolean(s.assumed);
  }

  positionsOf(question) {
    return this.positions.filter((p) => this.statements[p].answers === question);
  }

  label(i) {
    return this.statements[i].label;
  }

  /** argmap.model.off.resolve_off, for a list of ids. */
  resolveOff(off) {
    const ids = off === null || off === undefined ? [] : typeof off === "string" ? [off] : [...off];
    const result = { statements: new Set(), arguments: new Set(), lines: new Set(), ids: new Set(ids) };
    for (const item of ids) {
      if (typeof item !== "string") {
        throw new EvaluationError(
          `off must list ids (strings), got ${pyRepr(item)} (write off={'ev-kashin'} or off='ev-kashin')`,
        );
      }
      if (this.index.has(item)) result.statements.add(item);
      else if (this.argumentIndex.has(item)) result.arguments.add(item);
      else if (this.lineIndex.has(item)) {
        result.lines.add(item);
        for (const j of this.lines[this.lineIndex.get(item)].arguments) result.arguments.add(this.argumentIds[j]);
      } else {
        const known = [...this.sourceIds, ...this.ids, ...this.argumentIds, ...this.lines.map((l) => l.id)];
        const hint = suggest(item, known) || " (switch off a statement, argument or line of argument by its id)";
        throw new EvaluationError(`cannot switch off ${pyRepr(item)}: no such id${hint}`);
      }
    }
    return result;
  }

  compiled() {
    if (!this._compiled) this._compiled = new Compiled(this);
    return this._compiled;
  }
}

function defeats(attacker, target) {
  return attacker === null || target === null || attacker >= target;
}

class Compiled {
  constructor(model) {
    const n = model.n;
    const args = model.arguments;
    const m = args.length;
    this.model = model;
    this.n = n;
    this.conclusion = args.map((a) => a.conclusion);
    this.premises = args.map((a) => a.premises);
    this.undercutters = args.map((a) => a.undercutters);
    this.weights = args.map((a) => a.weight);
    this.isPro = args.map((a) => a.pro);
    this.proArgs = model.pro;
    this.conArgs = model.con;
    this.needsSupport = model.statements.map(
      (s, i) => !s.assumed && s.kind !== "evidence" && (this.proArgs[i].length > 0 || s.kind !== "question"),
    );
    this.rivals = new Map();
    for (const q of model.questions) {
      if (model.statements[q].compatible) continue;
      const group = model.positionsOf(q);
      if (group.length > 1) for (const i of group) this.rivals.set(i, group.filter((k) => k !== i));
    }
    const failsNode = new Array(n).fill(-1);
    const failsRef = [];
    let next = n + m;
    for (const premises of this.premises) {
      for (const p of premises) {
        if (failsNode[p] < 0) {
          failsNode[p] = next + failsRef.length;
          failsRef.push(p);
        }
      }
    }
    next += failsRef.length;
    const lacksRef = [];
    const lacksNode = new Array(n).fill(-1);
    for (let i = 0; i < n; i++) {
      if (this.needsSupport[i]) {
        lacksNode[i] = next + lacksRef.length;
        lacksRef.push(i);
      }
    }
    this.failsNode = failsNode;
    this.lacksNode = lacksNode;
    this.kind = [
      ...new Array(n).fill(KIND_STATEMENT),
      ...new Array(m).fill(KIND_ARGUMENT),
      ...new Array(failsRef.length).fill(KIND_FAILS),
      ...new Array(lacksRef.length).fill(KIND_LACKS),
    ];
    this.ref = [...Array(n).keys(), ...Array(m).keys(), ...failsRef, ...lacksRef];
    const succ = failsNode.map((f) => (f >= 0 ? [f] : []));
    for (let j = 0; j < m; j++) {
      const c = this.conclusion[j];
      succ.push(!this.isPro[j] ? [c] : lacksNode[c] >= 0 ? [lacksNode[c]] : []);
    }
    for (let k = 0; k < failsRef.length; k++) succ.push([]);
    for (const i of lacksRef) succ.push([i]);
    for (let j = 0; j < m; j++) {
      const node = n + j;
      for (const p of this.premises[j]) succ[failsNode[p]].push(node);
      for (const u of this.undercutters[j]) succ[u].push(node);
    }
    this.addRebuttals(succ, n);
    this.succ = succ;
    const indeg = new Array(succ.length).fill(0);
    for (const targets of succ) for (const y of targets) indeg[y]++;
    this.indeg = indeg;
    this.cache = new Map();
  }

  addRebuttals(succ, first) {
    const w = this.weights;
    for (let c = 0; c < this.n; c++) {
      const con = this.conArgs[c];
      const pro = this.proArgs[c];
      if (!con.length || !pro.length) continue;
      for (const a of con) {
        for (const b of pro) {
          if (defeats(w[a], w[b])) succ[first + a].push(first + b);
          if (defeats(w[b], w[a])) succ[first + b].push(first + a);
        }
      }
    }
    for (const [i, others] of this.rivals) {
      for (const k of others) {
        succ[i].push(k);
        for (const a of this.proArgs[i]) {
          succ[first + a].push(k);
          for (const b of this.proArgs[k]) if (defeats(w[a], w[b])) succ[first + a].push(first + b);
        }
      }
    }
  }

  predecessors() {
    if (!this._pred) {
      const pred = this.succ.map(() => []);
      this.succ.forEach((targets, x) => {
        for (const y of targets) pred[y].push(x);
      });
      this._pred = pred;
    }
    return this._pred;
  }

  uses() {
    if (!this._uses) {
      const uses = Array.from({ length: this.n }, () => []);
      this.premises.forEach((ps, j) => {
        for (const p of ps) uses[p].push(j);
      });
      this._uses = uses;
    }
    return this._uses;
  }

  /** CompiledMap.forced_out: switched-off nodes, and statements whose support cannot be earned. */
  forcedOut(off) {
    const model = this.model;
    const first = this.n;
    const offStatements = sortedIds(off.statements).map((s) => model.index.get(s));
    const argumentSet = new Set(sortedIds(off.arguments).map((a) => model.argumentIndex.get(a)));
    for (const i of offStatements) {
      for (const j of this.proArgs[i]) argumentSet.add(j);
      for (const j of this.conArgs[i]) argumentSet.add(j);
    }
    const offArguments = [...argumentSet].sort((a, b) => a - b);
    const switched = [...offStatements, ...offArguments.map((j) => first + j)];
    if (!this.needsSupport.some(Boolean)) return [switched, []];
    return [switched, this.unfounded(offStatements, offArguments)];
  }

  unfounded(offStatements, offArguments) {
    if (!this._founded) {
      const all = Array.from({ length: this.n }, (_, i) => i);
      const base = this.founded(all, new Set(), new Set(), null);
      this._founded = base;
      this._everywhere = all.filter((i) => this.needsSupport[i] && !base[i] && this.proArgs[i].length);
    }
    const base = this._founded;
    const everywhere = this._everywhere;
    if (!offStatements.length && !offArguments.length) return everywhere;
    const uses = this.uses();
    const region = new Set();
    const todo = [...offStatements, ...offArguments.filter((j) => this.isPro[j]).map((j) => this.conclusion[j])];
    while (todo.length) {
      const x = todo.pop();
      if (!region.has(x)) {
        region.add(x);
        for (const j of uses[x]) if (this.isPro[j]) todo.push(this.conclusion[j]);
      }
    }
    const sortedRegion = [...region].sort((a, b) => a - b);
    const dead = new Set(offStatements);
    const founded = this.founded(sortedRegion, dead, new Set(offArguments), base);
    const result = everywhere.filter((i) => !region.has(i));
    for (const i of sortedRegion) {
      if (this.needsSupport[i] && !founded[i] && !dead.has(i) && this.proArgs[i].length) result.push(i);
    }
    return result;
  }

  founded(region, deadStatements, deadArguments, base) {
    const n = this.n;
    const inside = base === null ? null : new Set(region);
    const founded = new Uint8Array(n);
    const missing = new Map();
    const queue = [];
    for (const i of region) {
      if (!this.needsSupport[i] && !deadStatements.has(i)) {
        founded[i] = 1;
        queue.push(i);
      }
    }
    for (const c of region) {
      if (deadStatements.has(c)) continue;
      for (const j of this.proArgs[c]) {
        if (deadArguments.has(j)) continue;
        let count = 0;
        for (const p of this.premises[j]) {
          if (inside === null || inside.has(p)) count += 1;
          else if (base !== null && !base[p]) count += n + 1;
        }
        missing.set(j, count);
        if (count === 0 && !founded[c]) {
          founded[c] = 1;
          queue.push(c);
        }
      }
    }
    const uses = this.uses();
    for (let k = 0; k < queue.length; k++) {
      for (const j of uses[queue[k]]) {
        if (missing.has(j)) {
          const left = missing.get(j) - 1;
          missing.set(j, left);
          const c = this.conclusion[j];
          if (left === 0 && !founded[c]) {
            founded[c] = 1;
            queue.push(c);
          }
        }
      }
    }
    return founded;
  }
}

/** dung.grounded_labelling: labels, and the IN nodes in the order they were labelled. */
function groundedLabelling(succ, indeg, forced) {
  const alive = Int32Array.from(indeg);
  const label = new Uint8Array(alive.length);
  for (const x of forced) {
    if (label[x] !== OUT) {
      label[x] = OUT;
      for (const z of succ[x]) alive[z]--;
    }
  }
  const queue = [];
  for (let x = 0; x < alive.length; x++) if (alive[x] === 0 && label[x] === BLANK) queue.push(x);
  for (const x of queue) label[x] = IN;
  for (let k = 0; k < queue.length; k++) {
    for (const y of succ[queue[k]]) {
      if (label[y] === BLANK) {
        label[y] = OUT;
        for (const z of succ[y]) {
          alive[z]--;
          if (alive[z] === 0 && label[z] === BLANK) {
            label[z] = IN;
            queue.push(z);
          }
        }
      }
    }
  }
  return { label, order: queue };
}

// -- explanations -------------------------------------------------------------------------------

function reason(kind, text, argument = null, argumentStatus = null, statements = []) {
  return { kind, text, argument, argument_status: argumentStatus, statements };
}

function explanation(fields) {
  return {
    id: fields.id,
    label: fields.label,
    status: fields.status,
    semantics: fields.semantics,
    summary: fields.summary,
    reasons: fields.reasons || [],
    strength: fields.strength === undefined ? null : fields.strength,
    because: fields.because || [],
  };
}

function explanationLines(e, depth, out) {
  const pad = "  ".repeat(depth);
  out.push(pad + e.summary);
  for (const r of e.reasons) out.push(`${pad}  - ${r.text}`);
  for (const child of e.because) explanationLines(child, depth + 1, out);
  return out;
}

/** str(explanation): the plain-English rendering, indented by depth. */
function explanationText(e) {
  return explanationLines(e, 0, []).join("\n");
}

function unique(items) {
  return [...new Set(items)];
}

function weightsText(a, b) {
  if (a === null || b === null) return "";
  if (a === b) return ` (both weigh ${general(a)})`;
  return ` (weight ${general(a)} against ${general(b)})`;
}

class GroundedExplainer {
  constructor(c, label, order, off, switched, unfounded) {
    this.c = c;
    this.model = c.model;
    this.label = label;
    this.order = order;
    this.off = new Set([...off.statements].map((s) => c.model.index.get(s)));
    this.offArguments = new Set(switched.filter((x) => x >= c.n).map((x) => x - c.n));
    this.unfounded = new Set(unfounded);
    this.position = null;
  }

  pos(node) {
    if (this.position === null) this.position = new Map(this.order.map((x, k) => [x, k]));
    const at = this.position.get(node);
    return at === undefined ? this.order.length : at;
  }

  status(i) {
    return this.off.has(i) ? "off" : STATUS_OF[this.label[i]];
  }

  name(i) {
    return `${this.model.ids[i]} (“${shorten(this.model.label(i), 60)}”)`;
  }

  arg(j) {
    const a = this.model.arguments[j];
    return a.title ? `“${shorten(a.title, 60)}” (${a.id})` : a.id;
  }

  argLabel(j) {
    return this.label[this.c.n + j];
  }

  firstIn(nodes) {
    let best = -1;
    let bestPos = Infinity;
    for (const x of nodes) {
      if (this.label[x] !== IN) continue;
      const p = this.pos(x);
      if (p < bestPos) {
        best = x;
        bestPos = p;
      }
    }
    if (best < 0) throw new EvaluationError("min() arg is an empty sequence");
    return best;
  }

  rebutter(j, r, outweighed = false) {
    const c = this.c;
    const target = c.conclusion[r];
    let relation;
    if (c.isPro[r] && c.isPro[j] && target !== c.conclusion[j]) {
      relation = `for the competing position ${this.model.ids[target]}`;
    } else if (c.isPro[r]) relation = `for ${this.model.ids[target]}`;
    else relation = `against ${this.model.ids[target]}`;
    const w = outweighed ? weightsText(c.weights[j], c.weights[r]) : weightsText(c.weights[r], c.weights[j]);
    return `argument ${this.arg(r)} ${relation}${w}`;
  }

  opponents(j) {
    const c = this.c;
    const conclusion = c.conclusion[j];
    if (!c.isPro[j]) return [...c.proArgs[conclusion]];
    const rivals = c.rivals.get(conclusion) || [];
    return [...c.conArgs[conclusion], ...rivals.flatMap((k) => c.proArgs[k])];
  }

  whyArgument(j) {
    const c = this.c;
    if (this.offArguments.has(j)) {
      const conclusion = c.conclusion[j];
      if (this.off.has(conclusion)) return [`its conclusion ${this.name(conclusion)} is switched off`, []];
      return ["it is switched off", []];
    }
    const premises = c.premises[j];
    const undercutters = c.undercutters[j];
    const node = c.n + j;
    const state = this.label[node];
    const pred = c.predecessors()[node];
    const rebutters = pred.filter((x) => c.kind[x] === KIND_ARGUMENT).map((x) => c.ref[x]);
    if (state === IN) {
      let clause = premises.length > 1 ? "its premises " : "its premise ";
      clause += premises.map((p) => this.name(p)).join(", ");
      clause += premises.length > 1 ? " stand" : " stands";
      for (const u of undercutters) clause += `; its undercutter ${this.name(u)} ${WORD[this.status(u)]}`;
      if (rebutters.length) {
        clause += "; " + rebutters.map((r) => this.rebutter(j, r)).join(", ");
        clause += rebutters.length === 1 ? " does not apply" : " do not apply";
      }
      const weaker = this.opponents(j).filter((r) => !rebutters.includes(r) && !this.offArguments.has(r));
      if (weaker.length) {
        clause += "; it outweighs " + weaker.map((r) => this.rebutter(j, r, true)).join(", ");
      }
      return [clause, [...premises, ...undercutters.filter((u) => !this.off.has(u))]];
    }
    if (state === OUT) {
      const x = this.firstIn(pred);
      if (c.kind[x] === KIND_FAILS) {
        const p = c.ref[x];
        return [`its premise ${this.name(p)} ${WORD[this.status(p)]}`, [p]];
      }
      if (c.kind[x] === KIND_STATEMENT) return [`it is undercut by ${this.name(x)}, which stands`, [x]];
      const r = c.ref[x];
      return [`it is defeated by ${this.rebutter(j, r)}, which applies`, [...c.premises[r]]];
    }
    const openPremises = premises.filter((p) => this.status(p) === "undecided");
    const openUndercutters = undercutters.filter((u) => this.status(u) === "undecided");
    const parts = openPremises.map((p) => `premise ${this.name(p)} is open`);
    parts.push(...openUndercutters.map((u) => `undercutter ${this.name(u)} is open`));
    const openRebutters = rebutters.filter((r) => this.argLabel(r) !== IN && this.argLabel(r) !== OUT);
    parts.push(...openRebutters.map((r) => `${this.rebutter(j, r)} is undecided`));
    return [parts.join("; "), [...openPremises, ...openUndercutters]];
  }

  argumentReason(kind, j, lead) {
    const [clause, turned] = this.whyArgument(j);
    const state = ARGUMENT_STATE[this.argLabel(j)];
    const text = clause ? `${lead} ${this.arg(j)} is ${state}: ${clause}` : `${lead} ${this.arg(j)} is ${state}`;
    const ids = turned.map((s) => this.model.ids[s]);
    return [reason(kind, text + ".", this.model.argumentIds[j], state, ids), turned];
  }

  given(i) {
    const s = this.model.statements[i];
    if (s.kind === "evidence") return reason("given", "It is evidence: accepted as given while switched on.");
    if (s.assumed) return reason("given", "It is assumed: accepted unless something defeats it.");
    return reason("given", "It is a question, not asserted: it stands unless something defeats it.");
  }

  rivalReason(i, k) {
    const s = this.model.statements[i];
    const answers = s.answers === undefined ? null : this.model.ids[s.answers];
    const text = answers
      ? `${this.name(k)}, a competing answer to ${answers}, ${WORD[this.status(k)]}.`
      : `${this.name(k)}, a competing answer, ${WORD[this.status(k)]}.`;
    const turned = this.off.has(k) ? [] : [k];
    return [reason("alternative", text, null, null, [this.model.ids[k]]), turned];
  }

  onLoop(i) {
    const c = this.c;
    const todo = [i];
    const seen = new Set();
    while (todo.length) {
      const x = todo.pop();
      for (const j of c.proArgs[x]) {
        if (this.offArguments.has(j)) continue;
        for (const p of c.premises[j]) {
          if (p === i) return true;
          if (this.unfounded.has(p) && !seen.has(p)) {
            seen.add(p);
            todo.push(p);
          }
        }
      }
    }
    return false;
  }

  reasons(i) {
    const c = this.c;
    const sid = this.model.ids[i];
    const status = this.status(i);
    if (status === "off") return [`${sid} is switched off: it counts as absent.`, [], []];
    const reasons = [];
    const deps = [];
    const pro = c.proArgs[i];
    const con = c.conArgs[i];
    const rivals = c.rivals.get(i) || [];
    const rivalArgs = rivals.flatMap((k) => c.proArgs[k]);
    const add = ([r, turned]) => {
      reasons.push(r);
      deps.push(...turned);
    };
    if (status === "in") {
      let head;
      if (c.needsSupport[i]) {
        const j = c.ref[this.firstIn(pro.map((a) => c.n + a))];
        add(this.argumentReason("support", j, "The argument for it"));
        head = `${sid} stands: argument ${this.arg(j)} for it applies`;
      } else {
        reasons.push(this.given(i));
        head = `${sid} stands`;
      }
      for (const j of con) add(this.argumentReason("rebuttal", j, "The argument against it"));
      for (const k of rivals) add(this.rivalReason(i, k));
      for (const j of rivalArgs) add(this.argumentReason("rebuttal", j, "The argument for a competing position"));
      const opposed = con.length > 0 || rivals.length > 0;
      head += opposed ? " and everything against it fails." : " and nothing argues against it.";
      return [head, reasons, deps];
    }
    const attackers = c.predecessors()[i];
    if (status === "out") {
      if (this.unfounded.has(i) && this.onLoop(i)) {
        for (const j of pro) add(this.argumentReason("no-support", j, "The argument for it"));
        return [
          `${sid} falls: its support is circular (it rests only on claims that rest on` +
            " it, with no evidence or assumption entering the loop).",
          reasons,
          deps,
        ];
      }
      const x = this.firstIn(attackers);
      if (c.kind[x] === KIND_ARGUMENT && !c.isPro[c.ref[x]]) {
        const j = c.ref[x];
        add(this.argumentReason("rebuttal", j, "The argument against it"));
        return [`${sid} falls: it is rebutted by ${this.arg(j)}, which applies.`, reasons, deps];
      }
      if (c.kind[x] === KIND_ARGUMENT) {
        const j = c.ref[x];
        add(this.argumentReason("rebuttal", j, "The argument for a competing position"));
        return [
          `${sid} falls: argument ${this.arg(j)} for the competing position ${this.model.ids[c.conclusion[j]]} applies.`,
          reasons,
          deps,
        ];
      }
      if (c.kind[x] === KIND_STATEMENT) {
        add(this.rivalReason(i, x));
        return [`${sid} falls: the competing position ${this.model.ids[x]} stands.`, reasons, deps];
      }
      if (!pro.length) return [`${sid} falls: ${NOTHING_SUPPORTS}.`, reasons, deps];
      for (const j of pro) add(this.argumentReason("no-support", j, "The argument for it"));
      return [`${sid} falls: no argument for it applies.`, reasons, deps];
    }
    let against = false;
    let lacking = false;
    for (const x of attackers) {
      if (this.label[x] === IN || this.label[x] === OUT) continue;
      if (c.kind[x] === KIND_ARGUMENT) {
        const j = c.ref[x];
        const lead = c.isPro[j] ? "The argument for a competing position" : "The argument against it";
        add(this.argumentReason("rebuttal", j, lead));
        against = true;
      } else if (c.kind[x] === KIND_STATEMENT) {
        add(this.rivalReason(i, x));
        against = true;
      } else if (c.kind[x] === KIND_LACKS) {
        lacking = true;
        for (const j of pro) {
          if (this.argLabel(j) !== OUT) add(this.argumentReason("support", j, "The argument for it"));
        }
      }
    }
    let why;
    if (against && lacking) why = "what argues for it and what argues against it are both undecided";
    else if (against) why = "something against it is undecided";
    else why = "no argument for it is sure to apply";
    return [`${sid} is open: ${why}.`, reasons, deps];
  }

  explainIndex(i, seen, depth) {
    seen.add(i);
    const [summary, reasons, deps] = this.reasons(i);
    const children = [];
    if (depth < MAX_DEPTH) {
      for (const d of unique(deps)) {
        if (!seen.has(d) && !this.off.has(d)) children.push(this.explainIndex(d, seen, depth + 1));
      }
    }
    return explanation({
      id: this.model.ids[i],
      label: this.model.label(i),
      status: this.status(i),
      semantics: "grounded",
      summary,
      reasons,
      because: children,
    });
  }

  explain(id) {
    return this.explainIndex(this.model.index.get(id), new Set(), 0);
  }
}

// -- verdicts -----------------------------------------------------------------------------------

function verdictGroups(model) {
  if (!model.cache.has("verdict-groups")) {
    const groups = model.questions.map((q) => [model.ids[q], model.positionsOf(q).map((p) => model.ids[p])]);
    const loose = model.positions.filter((p) => model.statements[p].answers === undefined).map((p) => model.ids[p]);
    if (loose.length) groups.push([null, loose]);
    model.cache.set("verdict-groups", groups);
  }
  return model.cache.get("verdict-groups");
}

function oneVerdict(question, positionIds, statuses, strengths, semantics, argued) {
  const gradual = Object.keys(strengths).length > 0;
  const positions = positionIds.map((p) => ({
    id: p,
    status: statuses[p],
    strength: gradual && p in strengths ? strengths[p] : null,
  }));
  const where = question ? `on question ${pyRepr(question)}` : "on the positions";
  if (!positions.length) {
    return { question, positions: [], leader: null, text: `No position answers ${pyRepr(question)}.` };
  }
  let leader = null;
  let text;
  if (gradual) {
    const score = (p) => p.strength || 0.0;
    const ranked = positions.filter((p) => p.status !== "off").sort((a, b) => -score(a) - -score(b));
    const ahead = ranked.length && (ranked.length === 1 || score(ranked[0]) - score(ranked[1]) > TIE);
    if (ahead) leader = argued.has(ranked[0].id) ? ranked[0].id : null;
    const scores = positions
      .filter((p) => p.strength !== null)
      .map((p) => `${p.id} ${fixed(p.strength, 2)}`)
      .join(", ");
    if (leader !== null) {
      text = `Under ${semantics}, the balance ${where} favours ${pyRepr(leader)} (${scores}).`;
    } else if (ranked.length && !argued.has(ranked[0].id) && ahead) {
      text =
        `Under ${semantics}, no position ${where} leads: ${pyRepr(ranked[0].id)} is ahead` +
        ` but nothing argues for it (${scores}).`;
    } else if (ranked.length) {
      text = `Under ${semantics}, no position ${where} leads: the top strengths tie (${scores}).`;
    } else {
      text = `Under ${semantics}, every position ${where} is switched off.`;
    }
    return { question, positions, leader, text };
  }
  const standing = positions.filter((p) => p.status === "in").map((p) => p.id);
  const undecided = positions.filter((p) => p.status === "undecided").map((p) => p.id);
  if (standing.length === 1 && !argued.has(standing[0])) {
    text = `Under ${semantics}, no position leads ${where}: ${pyRepr(standing[0])} stands, but nothing argues for it.`;
  } else if (standing.length === 1) {
    leader = standing[0];
    text = `Under ${semantics}, ${where}, ${pyRepr(leader)} stands`;
    const others = positions.filter((p) => p.id !== leader).map((p) => p.id);
    if (others.length) {
      const verb = others.length === 1 ? "does" : "do";
      text += `; ${others.map(pyRepr).join(", ")} ${verb} not.`;
    } else text += ".";
  } else if (standing.length) {
    const all = standing.length === 2 ? "both" : "all";
    text = `Under ${semantics}, no position leads ${where}: ${standing.map(pyRepr).join(", ")} ${all} stand.`;
  } else if (undecided.length) {
    const is = undecided.length === 1 ? "is" : "are";
    text = `Under ${semantics}, no position leads ${where}: ${undecided.map(pyRepr).join(", ")} ${is} open.`;
  } else {
    text = `Under ${semantics}, no position stands ${where}.`;
  }
  return { question, positions, leader, text };
}

function verdicts(model, statuses, strengths, semantics, off) {
  const argued = new Set();
  for (const p of model.positions) {
    if (model.pro[p].some((j) => !off.arguments.has(model.argumentIds[j]))) argued.add(model.ids[p]);
  }
  return verdictGroups(model).map(([q, ps]) => oneVerdict(q, ps, statuses, strengths, semantics, argued));
}

const NO_VERDICT = { question: null, positions: [], leader: null, text: "The map has no positions to weigh." };

function result(fields) {
  const verdictList = fields.verdicts || [];
  const explainer = fields.explainer;
  const statuses = fields.statuses;
  return {
    semantics: fields.semantics,
    mode: fields.mode || "sceptical",
    off: [...fields.off.ids],
    statuses,
    strengths: fields.strengths || {},
    arguments: fields.arguments,
    verdicts: verdictList,
    verdict: verdictList.length ? verdictList[0] : NO_VERDICT,
    notes: fields.notes || [],
    converged: fields.converged === undefined ? true : fields.converged,
    extensions: fields.extensions === undefined ? null : fields.extensions,
    explain(id) {
      if (!Object.prototype.hasOwnProperty.call(statuses, id)) {
        const hint = suggest(id, Object.keys(statuses)) || " (use a statement id of this map)";
        throw new EvaluationError(`evaluation: no statement ${pyRepr(id)}${hint}`);
      }
      return explainer(id);
    },
  };
}

// -- grounded -----------------------------------------------------------------------------------

function statementStatuses(model, label, off) {
  const statuses = {};
  model.ids.forEach((id, i) => (statuses[id] = STATUS_OF[label[i]]));
  for (const id of off.statements) statuses[id] = "off";
  return statuses;
}

function argumentStates(model, label) {
  const states = {};
  model.argumentIds.forEach((id, j) => (states[id] = ARGUMENT_STATE[label[model.n + j]]));
  return states;
}

function evaluateGrounded(model, off) {
  const c = model.compiled();
  const [switched, unfounded] = c.forcedOut(off);
  const { label, order } = groundedLabelling(c.succ, c.indeg, [...switched, ...unfounded]);
  const statuses = statementStatuses(model, label, off);
  let explainer = null;
  return result({
    semantics: "grounded",
    off,
    statuses,
    arguments: argumentStates(model, label),
    verdicts: verdicts(model, statuses, {}, "grounded", off),
    explainer: (id) => {
      if (explainer === null) explainer = new GroundedExplainer(c, label, order, off, switched, unfounded);
      return explainer.explain(id);
    },
  });
}

// -- preferred and stable -----------------------------------------------------------------------

class Clock {
  constructor(timeout, semantics, size) {
    const now = Clock.now();
    this.deadline = timeout === null ? null : now + timeout * 1000;
    this.timeout = timeout;
    this.semantics = semantics;
    this.size = size;
    this.steps = 0;
  }

  static now() {
    return typeof performance !== "undefined" ? performance.now() : Date.now();
  }

  tick() {
    this.steps++;
    if (this.deadline !== null && !(this.steps & 0xff) && Clock.now() > this.deadline) {
      throw new EvaluationError(
        `${this.semantics}: no answer within ${general(this.timeout)} s for ${this.size}` +
          " (the exact search is exponential in the worst case; allow more time with" +
          " timeout=..., or use the grounded semantics, which is always fast)",
      );
    }
  }
}

function compareIntLists(a, b) {
  const n = Math.min(a.length, b.length);
  for (let k = 0; k < n; k++) if (a[k] !== b[k]) return a[k] - b[k];
  return a.length - b.length;
}

function openParts(succ, label) {
  const root = new Map();
  for (let x = 0; x < label.length; x++) if (label[x] === BLANK) root.set(x, x);
  const find = (x) => {
    while (root.get(x) !== x) {
      root.set(x, root.get(root.get(x)));
      x = root.get(x);
    }
    return x;
  };
  for (const x of root.keys()) {
    for (const y of succ[x]) {
      if (root.has(y)) {
        const a = find(x);
        const b = find(y);
        if (a !== b) root.set(Math.max(a, b), Math.min(a, b));
      }
    }
  }
  const groups = new Map();
  for (const x of root.keys()) {
    const r = find(x);
    if (!groups.has(r)) groups.set(r, []);
    groups.get(r).push(x);
  }
  return [...groups.values()].sort((a, b) => a.length - b.length || a[0] - b[0]);
}

function searchPart(nodes, succ, semantics, clock, accept) {
  const local = new Map(nodes.map((x, k) => [x, k]));
  const n = nodes.length;
  const lsucc = nodes.map((x) => succ[x].filter((y) => local.has(y)).map((y) => local.get(y)));
  const pred = Array.from({ length: n }, () => []);
  lsucc.forEach((targets, x) => {
    for (const y of targets) pred[y].push(x);
  });
  const stable = semantics === "stable";
  const excludedLabel = stable ? MUST_OUT : EXCLUDED;
  const attacksOf = stable ? [] : lsucc.map((t) => new Set(t));
  const label = new Uint8Array(n);
  for (let x = 0; x < n; x++) if (lsucc[x].includes(x)) label[x] = excludedLabel;
  const found = [];
  const masks = [];
  const candidates = [];
  const fullMasks = [];

  const settle = (lab, pending, check) => {
    while (pending.length || check.length) {
      while (pending.length) {
        const x = pending.pop();
        if (lab[x] === IN) continue;
        if (lab[x] !== BLANK) return false;
        lab[x] = IN;
        for (const y of lsucc[x]) {
          if (lab[y] === IN) return false;
          if (lab[y] !== OUT) {
            lab[y] = OUT;
            check.push(...lsucc[y]);
          }
        }
        for (const z of pred[x]) {
          if (lab[z] === IN) return false;
          if (lab[z] === BLANK || lab[z] === EXCLUDED) {
            lab[z] = MUST_OUT;
            check.push(z);
            check.push(...lsucc[z]);
          }
        }
      }
      while (check.length && !pending.length) {
        const z = check.pop();
        const state = lab[z];
        if (state === IN || state === OUT) continue;
        const attackers = pred[z];
        if (state === MUST_OUT) {
          const open = attackers.filter((w) => lab[w] === BLANK);
          if (!open.length) return false;
          if (open.length === 1) pending.push(open[0]);
        } else if (attackers.every((w) => lab[w] === OUT)) {
          if (state !== BLANK) return false;
          pending.push(z);
        } else if (
          state === EXCLUDED &&
          !attacksOf[z].has(z) &&
          attackers.every((w) => lab[w] === OUT || attacksOf[z].has(w))
        ) {
          lab[z] = MUST_OUT;
          check.push(z);
        }
      }
    }
    return true;
  };

  const pick = (lab) => {
    let blank = -1;
    for (let x = 0; x < n; x++) {
      if (lab[x] === MUST_OUT) return pred[x].find((w) => lab[w] === BLANK);
      if (blank < 0 && lab[x] === BLANK) blank = x;
    }
    return blank;
  };

  const subset = (a, b) => {
    // Whether the IN nodes of mask a are all IN in mask b.
    for (let x = 0; x < n; x++) if (a[x] && !b[x]) return false;
    return true;
  };

  const leaf = (lab) => {
    const members = [];
    for (let x = 0; x < n; x++) if (lab[x] === IN) members.push(x);
    if (accept !== null && !accept(members.map((x) => nodes[x]))) return;
    if (stable) {
      found.push([members, lab]);
      return;
    }
    const mask = Uint8Array.from(lab, (v) => (v === IN ? 1 : 0));
    const undecided = lab.includes(EXCLUDED);
    if (undecided && [...masks, ...fullMasks].some((other) => subset(mask, other))) return;
    const keep = [];
    masks.forEach((other, k) => {
      if (!subset(other, mask)) keep.push(k);
    });
    const kept = keep.map((k) => candidates[k]);
    const keptMasks = keep.map((k) => masks[k]);
    candidates.length = 0;
    candidates.push(...kept);
    masks.length = 0;
    masks.push(...keptMasks);
    if (undecided) {
      candidates.push([members, lab]);
      masks.push(mask);
    } else {
      found.push([members, lab]);
      fullMasks.push(mask);
    }
  };

  const start = [];
  for (let x = 0; x < n; x++) if (label[x] === MUST_OUT) start.push(x);
  const stack = settle(label, [], start) ? [label] : [];
  while (stack.length) {
    const lab = stack.pop();
    clock.tick();
    const blank = pick(lab);
    if (blank < 0) {
      leaf(lab);
      continue;
    }
    const excluded = Uint8Array.from(lab);
    excluded[blank] = excludedLabel;
    if (settle(excluded, [], [blank, ...lsucc[blank]])) stack.push(excluded);
    const chosen = Uint8Array.from(lab);
    if (settle(chosen, [blank], [])) stack.push(chosen);
  }
  const labellings = [...found, ...candidates].map(([members, lab]) => {
    const ins = members.map((x) => nodes[x]).sort((a, b) => a - b);
    const outs = [];
    for (let x = 0; x < n; x++) if (lab[x] === OUT) outs.push(nodes[x]);
    return [ins, outs];
  });
  labellings.sort((a, b) => compareIntLists(a[0], b[0]));
  return labellings.map(([ins, outs]) => [new Set(ins), new Set(outs)]);
}

class Labellings {
  constructor(fixed, parts) {
    this.fixed = fixed;
    this.parts = parts;
    this.where = new Map();
    parts.forEach((part) => {
      for (const x of part.nodes) if (!this.where.has(x)) this.where.set(x, part);
    });
    this.total = parts.reduce((t, part) => t * BigInt(part.labellings.length), 1n);
  }

  counts(node) {
    const total = this.total;
    if (this.fixed[node] === IN) return [total, 0n];
    if (this.fixed[node] === OUT) return [0n, total];
    const part = this.where.get(node);
    if (part === undefined) return [0n, 0n];
    const size = BigInt(part.labellings.length);
    const rest = size ? total / size : 0n;
    let ins = 0n;
    let outs = 0n;
    for (const [members, beaten] of part.labellings) {
      if (members.has(node)) ins++;
      if (beaten.has(node)) outs++;
    }
    return [ins * rest, outs * rest];
  }

  example(k) {
    const members = new Set();
    this.fixed.forEach((value, x) => {
      if (value === IN) members.add(x);
    });
    let left = BigInt(k);
    for (const part of this.parts) {
      const count = BigInt(part.labellings.length);
      for (const x of part.labellings[Number(left % count)][0]) members.add(x);
      left /= count;
    }
    return members;
  }
}

function searchLabellings(succ, start, semantics, timeout, accept, size) {
  const clock = new Clock(timeout, semantics, size);
  const parts = [];
  for (const nodes of openParts(succ, start)) {
    const labellings = searchPart(nodes, succ, semantics, clock, accept);
    parts.push({ nodes, labellings });
    if (!labellings.length) break;
  }
  return new Labellings(Uint8Array.from(start), parts);
}

function reduced(c, keep) {
  const pred = c.predecessors();
  const total = c.succ.length;
  const alias = Array.from({ length: total }, (_, x) => x);
  c.premises.forEach((premises, j) => {
    const node = c.n + j;
    if (premises.length === 1 && !keep.has(node) && pred[node].length === 1 && pred[node][0] === c.failsNode[premises[0]]) {
      alias[node] = premises[0];
    }
  });
  const dropped = c.succ.map((targets, x) => c.kind[x] === KIND_FAILS && targets.every((y) => alias[y] !== y));
  const index = new Map();
  for (let x = 0; x < total; x++) if (alias[x] === x && !dropped[x]) index.set(x, index.size);
  const succ = Array.from({ length: index.size }, () => []);
  c.succ.forEach((targets, x) => {
    if (dropped[x]) return;
    const source = index.get(alias[x]);
    for (const y of targets) if (alias[y] === y && !dropped[y]) succ[source].push(index.get(y));
  });
  const deduped = succ.map((targets) => unique(targets));
  const where = alias.map((a, x) => (dropped[x] ? -1 : index.get(a)));
  return [deduped, where];
}

function foundedCheck(c, where, fixed) {
  if (!c.needsSupport.some(Boolean)) return null;
  const n = c.n;
  const uses = c.uses();
  const base = new Set();
  fixed.forEach((value, x) => {
    if (value === IN) base.add(x);
  });
  return (members) => {
    const standing = new Set(base);
    for (const x of members) standing.add(x);
    const isIn = (node) => standing.has(where[node]);
    const founded = new Uint8Array(n);
    const queue = [];
    for (let i = 0; i < n; i++) if (!c.needsSupport[i] && isIn(i)) queue.push(i);
    for (const i of queue) founded[i] = 1;
    const missing = c.premises.map((ps) => ps.length);
    for (let k = 0; k < queue.length; k++) {
      for (const j of uses[queue[k]]) {
        missing[j]--;
        if (missing[j] === 0 && c.isPro[j] && isIn(c.n + j)) {
          const conclusion = c.conclusion[j];
          if (!founded[conclusion] && isIn(conclusion)) {
            founded[conclusion] = 1;
            queue.push(conclusion);
          }
        }
      }
    }
    for (let i = 0; i < n; i++) if (c.needsSupport[i] && !founded[i] && isIn(i)) return false;
    return true;
  };
}

function extensionStatus(ins, outs, total, mode) {
  if (total === 0n) return "undecided";
  if (outs === total) return "out";
  if (ins === total || (mode === "credulous" && ins > 0n)) return "in";
  return "undecided";
}

const EXTENSION_STATE = { in: "applicable", out: "inapplicable", undecided: "undecided" };

function evaluateExtensions(model, off, semantics, timeout, mode) {
  if (mode === "skeptical") mode = "sceptical";
  if (mode !== "sceptical" && mode !== "credulous") {
    throw new EvaluationError(
      `evaluate: unknown mode ${pyRepr(mode)} for ${semantics} (use 'sceptical' or 'credulous')`,
    );
  }
  if (timeout !== null && !(timeout > 0)) {
    throw new EvaluationError(`evaluate: timeout must be a positive number of seconds, got ${Number.isInteger(timeout) ? timeout + ".0" : String(timeout)}`);
  }
  const c = model.compiled();
  const [switched, unfounded] = c.forcedOut(off);
  const keep = new Set(switched.filter((x) => x >= c.n));
  const [succ, where] = reduced(c, keep);
  const indeg = new Array(succ.length).fill(0);
  for (const targets of succ) for (const y of targets) indeg[y]++;
  const forced = unique([...switched, ...unfounded].map((x) => where[x])).sort((a, b) => a - b);
  const start = groundedLabelling(succ, indeg, forced);
  const size = `${grouped(c.n)} statements and ${grouped(model.arguments.length)} arguments`;
  const found = searchLabellings(succ, start.label, semantics, timeout, foundedCheck(c, where, start.label), size);
  const total = found.total;
  const cache = new Map();
  const counts = (node) => {
    const r = where[node];
    if (!cache.has(r)) cache.set(r, found.counts(r));
    return cache.get(r);
  };
  const statuses = {};
  const statementCounts = {};
  model.ids.forEach((sid, i) => {
    statementCounts[sid] = counts(i);
    statuses[sid] = off.statements.has(sid) ? "off" : extensionStatus(...counts(i), total, mode);
  });
  const states = {};
  model.argumentIds.forEach((aid, j) => {
    states[aid] = EXTENSION_STATE[extensionStatus(...counts(c.n + j), total, mode)];
  });
  let notes = [];
  let verdictList = verdicts(model, statuses, {}, semantics, off);
  if (total === 0n) {
    notes = [
      "no stable labelling: no consistent choice of statements defeats everything it" +
        " leaves out (an odd cycle of attacks), so every statement is shown as open",
    ];
    verdictList = verdictList.map((v) => ({
      question: v.question,
      positions: v.positions,
      leader: null,
      text: `No stable labelling exists, so stable semantics gives no verdict on ${pyRepr(v.question)}.`,
    }));
  }
  const examples = [];
  const shownCount = total < 3n ? Number(total) : 3;
  for (let k = 0; k < shownCount; k++) {
    examples.push([...found.example(k)].filter((x) => x < c.n).sort((a, b) => a - b).map((x) => model.ids[x]));
  }
  const unsupported = new Set(model.ids.filter((_, i) => c.needsSupport[i] && !c.proArgs[i].length));
  const explain = (sid) => {
    const status = statuses[sid];
    const [ins, outs] = statementCounts[sid];
    const kind = `${semantics} labellings`;
    let summary;
    const tally = `IN in ${grouped(ins)} and OUT in ${grouped(outs)} of the ${grouped(total)} ${kind}`;
    if (status === "off") summary = `${sid} is switched off: it counts as absent.`;
    else if (total === 0n) summary = `${sid} is open: there is no stable labelling at all.`;
    else if (status === "in") {
      const at = mode === "sceptical" ? "every" : "at least one";
      summary = `${sid} stands: it is IN in ${at} ${semantics} labelling (${tally}).`;
    } else if (status === "out" && unsupported.has(sid)) summary = `${sid} falls: ${NOTHING_SUPPORTS}.`;
    else if (status === "out") summary = `${sid} falls: it is OUT in every ${semantics} labelling (${tally}).`;
    else summary = `${sid} is open: ${tally}.`;
    const reasons = [];
    if (status !== "off" && total) {
      examples.forEach((members, k) => {
        let shown = members.slice(0, 12).join(", ") || "no statement";
        if (members.length > 12) shown += ` and ${members.length - 12} more`;
        const has = members.includes(sid) ? "has it IN" : "does not have it IN";
        reasons.push(reason("extension", `Labelling ${k + 1} ${has}; IN: ${shown}.`, null, null, members));
      });
      if (total > BigInt(examples.length)) {
        reasons.push(reason("extension", `… and ${grouped(total - BigInt(examples.length))} more labellings.`));
      }
    }
    return explanation({ id: sid, label: model.label(model.index.get(sid)), status, semantics, summary, reasons });
  };
  return result({
    semantics,
    mode,
    off,
    statuses,
    arguments: states,
    verdicts: verdictList,
    notes,
    extensions: Number(total),
    explainer: explain,
  });
}

// -- carneades ----------------------------------------------------------------------------------

const CARNEADES_4 = { name: "Carneades 4", alpha: 0.0, beta: 0.5, gamma: 0.3 };
const GORDON_WALTON = { name: "Gordon and Walton", alpha: 0.4, beta: 0.3, gamma: 0.2 };
const THRESHOLDS = { "carneades-4": CARNEADES_4, "gordon-walton": GORDON_WALTON };
const STANDARD_NAMES = {
  pe: "preponderance of evidence",
  cce: "clear and convincing evidence",
  brd: "beyond reasonable doubt",
  dv: "dialectical validity",
  se: "scintilla of evidence",
};
const C_UNDECIDED = 0;

function greater(standard, w1, w2, t) {
  if (standard === "cce" || standard === "brd") {
    const clear = w1 > w2 && w1 > t.alpha && w1 - w2 > t.beta;
    return clear && (standard === "cce" || w2 < t.gamma);
  }
  if (standard === "dv") return w1 > 0.0 && w2 === 0.0;
  if (standard === "se") return w1 > 0.0;
  return w1 > w2;
}

function weigh(scheme, labels, premiseCount) {
  const ins = labels.filter((v) => v === IN).length;
  if (scheme === "convergent") return ins > 0 ? 1.0 : 0.0;
  if (scheme === "cumulative") return ins / labels.length;
  if (scheme === "factorized") return labels.includes(OUT) ? 0.0 : ins / premiseCount;
  return labels.every((v) => v === IN) ? 1.0 : 0.0;
}

function pyMax(values, initial) {
  // max(values, default=initial): the first of the largest.
  let best = null;
  for (const v of values) if (best === null || v > best) best = v;
  return best === null ? initial : best;
}

function schemeOf(argument, fallback) {
  return (argument.scheme || fallback).trim().toLowerCase();
}

class CarneadesLabeller {
  constructor(model, off, thresholds) {
    this.model = model;
    this.off = off.statements;
    this.offArguments = off.arguments;
    this.thresholds = thresholds;
    this.label = new Map(model.ids.map((id) => [id, C_UNDECIDED]));
    this.order = [];
    this.why = new Map();
    this.looked = new Map();
    this.conflicts = [];
    // What depends on the map alone is built once per map, not per evaluation (switches only).
    let shared = model.cache.get("carneades");
    if (!shared) {
      this.pro = new Map(model.ids.map((id, i) => [id, model.pro[i].map((j) => model.arguments[j])]));
      this.con = new Map(model.ids.map((id, i) => [id, model.con[i].map((j) => model.arguments[j])]));
      this.issueOf = new Map();
      this.buildIssues();
      shared = { pro: this.pro, con: this.con, issueOf: this.issueOf, dependents: this.dependents() };
      model.cache.set("carneades", shared);
    }
    this.pro = shared.pro;
    this.con = shared.con;
    this.issueOf = shared.issueOf;
    this.dependentsOf = shared.dependents;
  }

  statement(sid) {
    return this.model.statements[this.model.index.get(sid)];
  }

  standardOf(s, fallback) {
    return s.standard || fallback || "pe";
  }

  buildIssues() {
    const model = this.model;
    for (const q of model.questions) {
      const members = model.positionsOf(q).map((p) => model.ids[p]);
      if (!members.length || model.statements[q].compatible) continue;
      const fallback = model.statements[q].standard || null;
      const standards = new Map(members.map((p) => [p, this.standardOf(this.statement(p), fallback)]));
      const issue = { question: model.ids[q], members, standards };
      for (const p of members) this.issueOf.set(p, issue);
    }
    model.statements.forEach((s, i) => {
      const sid = model.ids[i];
      if (this.issueOf.has(sid) || s.kind === "question") return;
      const asked = s.answers === undefined ? null : model.statements[s.answers];
      const fallback = asked && asked.kind === "question" ? asked.standard || null : null;
      if (this.con.get(sid).length || s.standard || fallback) {
        this.issueOf.set(sid, { question: null, members: [sid], standards: new Map([[sid, this.standardOf(s, fallback)]]) });
      }
    });
  }

  rivalsOf(sid) {
    const issue = this.issueOf.get(sid);
    if (issue === undefined || issue.question === null) return [];
    return issue.members.filter((m) => m !== sid && !this.off.has(m));
  }

  get(sid) {
    return this.off.has(sid) ? OUT : this.label.get(sid);
  }

  undercut(argument) {
    let outcome = OUT;
    for (const u of argument.undercutters) {
      const value = this.get(this.model.ids[u]);
      if (value === IN) return IN;
      if (value === C_UNDECIDED) outcome = C_UNDECIDED;
    }
    return outcome;
  }

  bounds(argument) {
    if (this.offArguments.has(argument.id)) return [0.0, 0.0];
    const cut = this.undercut(argument);
    if (cut === IN) return [0.0, 0.0];
    const labels = argument.premises.map((p) => this.get(this.model.ids[p]));
    const scheme = schemeOf(argument, "linked");
    const count = scheme === "factorized" ? this.premiseCount(argument) : labels.length;
    const scale = argument.weight !== null ? argument.weight : 1.0;
    const high = weigh(scheme, labels.map((v) => (v === C_UNDECIDED ? IN : v)), count) * scale;
    if (high <= 0.0) return [0.0, 0.0];
    if (cut === C_UNDECIDED) return [0.0, high];
    return [weigh(scheme, labels.map((v) => (v === C_UNDECIDED ? OUT : v)), count) * scale, high];
  }

  premiseCount(argument) {
    const conclusion = this.model.ids[argument.conclusion];
    const issue = this.issueOf.get(conclusion);
    const about =
      issue === undefined
        ? this.pro.get(conclusion)
        : issue.members.flatMap((m) => [...this.pro.get(m), ...this.con.get(m)]);
    const premises = new Set();
    for (const a of about) for (const p of a.premises) premises.add(p);
    return Math.max(premises.size, 1);
  }

  best(args) {
    const pairs = args.map((a) => this.bounds(a));
    return [pyMax(pairs.map((p) => p[0]), 0.0), pyMax(pairs.map((p) => p[1]), 0.0)];
  }

  argumentState(argument) {
    const [low, high] = this.bounds(argument);
    if (high <= 0.0) return "inapplicable";
    return low > 0.0 ? "applicable" : "undecided";
  }

  set(sid, value, why) {
    this.label.set(sid, value);
    this.order.push(sid);
    this.why.set(sid, why);
  }

  setGiven() {
    const model = this.model;
    model.ids.forEach((sid, i) => {
      if (!this.off.has(sid) && model.isGiven(i)) this.set(sid, IN, "given");
    });
    for (const q of model.questions) {
      if (model.statements[q].compatible) continue;
      const members = model.positionsOf(q).map((p) => model.ids[p]).filter((p) => !this.off.has(p));
      const given = members.filter((p) => this.label.get(p) === IN);
      if (given.length > 1) this.conflicts.push([model.ids[q], given]);
      if (given.length) {
        for (const p of members) {
          if (!given.includes(p) && this.label.get(p) === C_UNDECIDED) this.set(p, OUT, "rival-given");
        }
      }
    }
  }

  dependents() {
    const out = new Map();
    const bucket = (key) => {
      if (!out.has(key)) out.set(key, new Set());
      return out.get(key);
    };
    for (const argument of this.model.arguments) {
      const conclusion = this.model.ids[argument.conclusion];
      const issue = this.issueOf.get(conclusion);
      const targets = issue !== undefined ? issue.members : [conclusion];
      for (const source of [...argument.premises, ...argument.undercutters]) {
        const b = bucket(this.model.ids[source]);
        for (const target of targets) b.add(target);
      }
      for (const target of targets) {
        const b = bucket(target);
        for (const other of targets) b.add(other);
      }
    }
    return out;
  }

  run() {
    this.setGiven();
    const dependents = this.dependentsOf;
    const queue = this.model.ids.filter((sid) => this.label.get(sid) === C_UNDECIDED && !this.off.has(sid));
    const queued = new Set(queue);
    for (let k = 0; k < queue.length; k++) {
      const sid = queue[k];
      queued.delete(sid);
      if (this.label.get(sid) !== C_UNDECIDED) continue;
      const before = this.order.length;
      const issue = this.issueOf.get(sid);
      const pro = this.pro.get(sid);
      if (pro.every((a) => this.bounds(a)[1] <= 0.0)) this.set(sid, OUT, "unsupported");
      else if (issue === undefined) {
        if (pro.some((a) => this.bounds(a)[0] > 0.0)) this.set(sid, IN, "supported");
      } else this.resolve(issue);
      for (const changed of this.order.slice(before)) {
        for (const dependent of dependents.get(changed) || []) {
          if (!queued.has(dependent) && this.label.get(dependent) === C_UNDECIDED && !this.off.has(dependent)) {
            queue.push(dependent);
            queued.add(dependent);
          }
        }
      }
    }
  }

  winner(issue) {
    const members = issue.members.filter((m) => !this.off.has(m));
    const pro = new Map(members.map((m) => [m, this.pro.get(m).map((a) => this.bounds(a))]));
    const con = new Map();
    for (const m of members) if (this.con.get(m).length) con.set(m, this.con.get(m).map((a) => this.bounds(a)));
    const best = new Map(
      members.map((m) => [m, [pyMax(pro.get(m).map((b) => b[0]), 0.0), pyMax(pro.get(m).map((b) => b[1]), 0.0)]]),
    );
    const against = new Map();
    for (const [m, bs] of con) against.set(m, [pyMax(bs.map((b) => b[0]), 0.0), pyMax(bs.map((b) => b[1]), 0.0)]);
    const meets = (p, weight, bound) => {
      if (weight <= 0.0) return false;
      const standard = issue.standards.get(p);
      const rivals = members.filter((q) => q !== p).map((q) => best.get(q)[bound]);
      if (against.has(p)) rivals.push(against.get(p)[bound]);
      return rivals.every((w) => greater(standard, weight, w, this.thresholds));
    };
    const all = [...pro.values(), ...con.values()];
    if (all.every((bounds) => bounds.every((b) => b[0] === b[1]))) {
      const meeting = members.filter((m) => meets(m, best.get(m)[0], 0));
      const top = pyMax(meeting.map((m) => best.get(m)[0]), 0.0);
      const leaders = meeting.filter((m) => best.get(m)[0] === top);
      return [true, leaders.length === 1 ? leaders[0] : null];
    }
    for (const p of members) {
      const low = best.get(p)[0];
      if (!meets(p, low, 1)) continue;
      if (members.filter((q) => q !== p).every((q) => best.get(q)[1] < low || !meets(q, best.get(q)[1], 0))) {
        return [true, p];
      }
    }
    return [false, null];
  }

  resolve(issue) {
    if (this.looked.get(issue) === this.order.length) return;
    this.looked.set(issue, this.order.length);
    const [certain, winner] = this.winner(issue);
    if (!certain) return;
    for (const p of issue.members) {
      if (this.off.has(p) || this.label.get(p) !== C_UNDECIDED) continue;
      this.set(p, p === winner ? IN : OUT, p === winner ? "won" : "lost");
    }
  }

  status(sid) {
    return this.off.has(sid) ? "off" : STATUS_OF[this.label.get(sid)];
  }
}

function shownBounds([low, high]) {
  return low === high ? fixed(low, 2) : `${fixed(low, 2)}–${fixed(high, 2)}`;
}

class CarneadesExplainer {
  constructor(labeller) {
    this.l = labeller;
    this.model = labeller.model;
  }

  name(sid) {
    return `${sid} (“${shorten(this.l.statement(sid).label)}”)`;
  }

  argumentName(argument) {
    return argument.title ? `“${shorten(argument.title)}” (${argument.id})` : argument.id;
  }

  argumentReason(kind, argument, lead) {
    const lab = this.l;
    const ids = this.model.ids;
    const state = lab.argumentState(argument);
    const [low, high] = lab.bounds(argument);
    const cut = lab.undercut(argument);
    const scheme = schemeOf(argument, "linked");
    const premises = argument.premises.map((p) => ids[p]);
    const undercutters = argument.undercutters.map((u) => ids[u]);
    const failed = premises.filter((p) => lab.get(p) === OUT);
    const switched = undercutters.filter((u) => lab.off.has(u));
    let turned;
    let clause;
    if (lab.offArguments.has(argument.id)) {
      turned = [];
      clause = "it is switched off";
    } else if (cut === IN) {
      turned = undercutters.filter((u) => lab.get(u) === IN);
      clause = "it is undercut by " + turned.map((u) => this.name(u)).join(", ");
    } else if (high <= 0.0 && failed.length) {
      turned = failed;
      const words = failed.map((p) => (lab.off.has(p) ? `${this.name(p)} is switched off` : `${this.name(p)} falls`));
      clause = "premise " + words.join(" and ");
      if ((scheme === "linked" || scheme === "factorized") && (cut === C_UNDECIDED || failed.length < premises.length)) {
        clause += ", so nothing else about it matters";
      }
    } else if (cut === C_UNDECIDED) {
      turned = undercutters.filter((u) => lab.get(u) === C_UNDECIDED);
      clause = "undercutter " + turned.map((u) => this.name(u)).join(", ") + " is open";
    } else {
      const openPremises = premises.filter((p) => lab.get(p) === C_UNDECIDED);
      if (openPremises.length && low !== high) {
        turned = openPremises;
        clause = "premise " + openPremises.map((p) => this.name(p)).join(", ") + " is open";
      } else {
        turned = [...premises];
        const standing = premises.filter((p) => lab.get(p) === IN);
        clause = `it weighs ${fixed(low, 2)}`;
        if (standing.length !== premises.length) clause += ` (${standing.length} of ${premises.length} premises stand)`;
      }
    }
    if (switched.length && !lab.offArguments.has(argument.id) && cut !== IN) {
      clause += "; undercutter " + switched.map((u) => this.name(u)).join(", ") + " is switched off";
    }
    const text = `${lead} ${this.argumentName(argument)} is ${state}: ${clause}.`;
    return [reason(kind, text, argument.id, state, turned), turned];
  }

  reasons(sid) {
    const lab = this.l;
    const status = lab.status(sid);
    const s = lab.statement(sid);
    if (status === "off") return [`${sid} is switched off: it counts as absent.`, [], []];
    const why = lab.why.get(sid);
    const reasons = [];
    const deps = [];
    const add = (kind, args, lead) => {
      for (const argument of args) {
        const [r, turned] = this.argumentReason(kind, argument, lead);
        reasons.push(r);
        deps.push(...turned);
      }
    };
    if (why === "given") {
      let text;
      if (s.kind === "question") text = "It is a question: Carneades labels its positions, not the question.";
      else if (s.kind === "evidence") text = "It is evidence: accepted as given while switched on.";
      else text = "It is assumed: accepted as given, as Carneades' assumptions are.";
      reasons.push(reason("given", text));
      return [`${sid} stands: it is given.`, reasons, deps];
    }
    if (why === "rival-given") {
      const rivals = lab.rivalsOf(sid).filter((m) => lab.why.get(m) === "given");
      reasons.push(
        reason("rebuttal", `A rival position of the same question is given: ${rivals.join(", ")}.`, null, null, rivals),
      );
      deps.push(...rivals);
      return [`${sid} falls: a rival position is given.`, reasons, deps];
    }
    const pro = lab.pro.get(sid);
    const con = lab.con.get(sid);
    if (why === "unsupported") {
      add("no-support", pro, "The argument for it");
      if (!pro.length) {
        reasons.push(reason("no-support", "Nothing argues for it and it is not assumed or evidence."));
        return [`${sid} falls: ${NOTHING_SUPPORTS}.`, reasons, deps];
      }
      return [`${sid} falls: no argument for it can carry any weight.`, reasons, deps];
    }
    if (why === "supported") {
      const good = pro.filter((a) => lab.bounds(a)[0] > 0.0);
      add("support", good.slice(0, 1), "The argument for it");
      return [`${sid} stands: argument ${this.argumentName(good[0])} for it applies.`, reasons, deps];
    }
    const contest = lab.issueOf.get(sid);
    if ((why === "won" || why === "lost") && contest !== undefined) {
      const standard = contest.standards.get(sid);
      add("support", pro, "The argument for it");
      add("rebuttal", con, "The argument against it");
      const rivals = contest.members.filter((m) => m !== sid && !lab.off.has(m));
      let weights = [sid, ...rivals].map((m) => `${m} ${shownBounds(lab.best(lab.pro.get(m)))}`).join(", ");
      if (con.length) weights += `, against ${sid} ${shownBounds(lab.best(con))}`;
      const where = contest.question ? `on ${pyRepr(contest.question)}` : "against the arguments opposing it";
      const name = STANDARD_NAMES[standard] || standard;
      reasons.push(reason("strength", `Best argument weights: ${weights}.`));
      if (why === "won") return [`${sid} stands: it prevails ${where} under ${name}.`, reasons, deps];
      return [`${sid} falls: it does not prevail ${where} under ${name}.`, reasons, deps];
    }
    add("support", pro.filter((a) => lab.argumentState(a) === "undecided"), "The argument for it");
    add("rebuttal", con.filter((a) => lab.argumentState(a) === "undecided"), "The argument against it");
    if (contest !== undefined && contest.question !== null) {
      return [`${sid} is open: its question cannot be resolved yet.`, reasons, deps];
    }
    return [`${sid} is open: no argument for it is sure to apply.`, reasons, deps];
  }

  explain(sid, seen, depth) {
    seen.add(sid);
    const [summary, reasons, deps] = this.reasons(sid);
    const children = [];
    if (depth < MAX_DEPTH) {
      for (const d of unique(deps)) {
        if (!seen.has(d) && !this.l.off.has(d)) children.push(this.explain(d, seen, depth + 1));
      }
    }
    return explanation({
      id: sid,
      label: this.l.statement(sid).label,
      status: this.l.status(sid),
      semantics: "carneades",
      summary,
      reasons,
      because: children,
    });
  }
}

/** graphs.strongly_connected_components: Tarjan's order, members sorted, no recursion. */
function stronglyConnectedComponents(edges) {
  const n = edges.length;
  const index = new Array(n).fill(-1);
  const low = new Array(n).fill(0);
  const onStack = new Array(n).fill(false);
  const stack = [];
  const out = [];
  let counter = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] >= 0) continue;
    const work = [[root, 0]];
    while (work.length) {
      const top = work[work.length - 1];
      const [v, k] = top;
      if (k === 0) {
        index[v] = low[v] = counter++;
        stack.push(v);
        onStack[v] = true;
      }
      const targets = edges[v];
      if (k < targets.length) {
        top[1] = k + 1;
        const w = targets[k];
        if (index[w] < 0) work.push([w, 0]);
        else if (onStack[w]) low[v] = Math.min(low[v], index[w]);
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1][0];
        low[parent] = Math.min(low[parent], low[v]);
      }
      if (low[v] === index[v]) {
        const component = [];
        for (;;) {
          const w = stack.pop();
          onStack[w] = false;
          component.push(w);
          if (w === v) break;
        }
        out.push(component.sort((a, b) => a - b));
      }
    }
  }
  return out;
}

/** carneades_loops.unearned_support_loops: each loop as its ids in declaration order. */
function unearnedSupportLoops(model, offStatements, offArguments) {
  const ids = model.ids;
  const live = model.arguments.filter(
    (a) => a.pro && !offArguments.has(a.id) && !offStatements.has(ids[a.conclusion]),
  );
  const edges = ids.map(() => []);
  for (const a of live) for (const p of a.premises) if (!offStatements.has(ids[p])) edges[p].push(a.conclusion);
  const loops = [];
  for (const component of stronglyConnectedComponents(edges)) {
    if (component.length < 2) continue;
    const members = new Set(component);
    if (component.some((i) => model.statements[i].kind === "evidence" || model.statements[i].assumed)) continue;
    let entered = false;
    for (const a of live) {
      if (!members.has(a.conclusion)) continue;
      const outside = a.premises.map((p) => !members.has(p));
      const scheme = schemeOf(a, "");
      if (outside.every(Boolean) || ((scheme === "convergent" || scheme === "cumulative") && outside.some(Boolean))) {
        entered = true;
        break;
      }
    }
    if (!entered) loops.push(component);
  }
  loops.sort((a, b) => a[0] - b[0]);
  return loops.map((loop) => loop.map((i) => ids[i]));
}

function loopNote(semantics, loop, consequence) {
  const shown = loop.length <= 6 ? [...loop.slice(0, 6), loop[0]].join(" → ") : loop.slice(0, 6).join(" → ") + " → …";
  return (
    `${semantics}: support loop ${shown}: these claims support only each other and nothing` +
    ` (no evidence, assumption or outside argument) supports the loop; ${consequence}`
  );
}

function evaluateCarneades(model, off, thresholds) {
  let chosen = thresholds;
  if (typeof thresholds === "string") {
    if (!(thresholds in THRESHOLDS)) {
      throw new EvaluationError(
        `carneades: unknown thresholds ${pyRepr(thresholds)}${suggest(thresholds, Object.keys(THRESHOLDS))}` +
          " (use 'carneades-4' or 'gordon-walton')",
      );
    }
    chosen = THRESHOLDS[thresholds];
  }
  const labeller = new CarneadesLabeller(model, off, chosen);
  labeller.run();
  const statuses = {};
  for (const sid of model.ids) statuses[sid] = labeller.status(sid);
  const notes = unearnedSupportLoops(model, off.statements, off.arguments).map((loop) =>
    loopNote("carneades", loop, loop.every((s) => statuses[s] !== "in") ? "none of them is accepted" : ""),
  );
  for (const [question, given] of labeller.conflicts) {
    notes.push(
      `carneades: positions ${given.join(" and ")} of question ${pyRepr(question)} are all assumed, so all` +
        " stand although they compete (assume at most one, or mark the question compatible)",
    );
  }
  if (chosen !== CARNEADES_4) notes.push(`carneades: proof standards use the thresholds of ${chosen.name}`);
  const states = {};
  for (const a of model.arguments) states[a.id] = labeller.argumentState(a);
  const explainer = new CarneadesExplainer(labeller);
  return result({
    semantics: "carneades",
    off,
    statuses,
    arguments: states,
    verdicts: verdicts(model, statuses, {}, "carneades", off),
    notes,
    explainer: (sid) => explainer.explain(sid, new Set(), 0),
  });
}

// -- df-quad ------------------------------------------------------------------------------------

const BASE_SCORE = 0.5;
const EVIDENCE_WEIGHT = 0.6;
const ARGUMENT_WEIGHT = 1.0;
const TOLERANCE = 1e-9;
const MAX_ITERATIONS = 1000;
const DAMPING = [0.5, 0.1];
const UNDECIDED_BAND = 1e-9;
const DFQUAD_DEPTH = 6;

class Plan {
  constructor(model, c) {
    const n = model.n;
    this.n = n;
    this.base = model.statements.map((s) => {
      if (s.kind === "evidence") return s.base === undefined ? EVIDENCE_WEIGHT : s.base;
      return s.base === undefined ? BASE_SCORE : s.base;
    });
    for (const a of model.arguments) this.base.push(a.weight === null ? ARGUMENT_WEIGHT : a.weight);
    this.rivalArgs = Array.from({ length: n }, () => []);
    const compatible = new Set(model.questions.filter((q) => model.statements[q].compatible));
    const byQuestion = new Map();
    model.statements.forEach((s, i) => {
      if (s.kind === "position" && s.answers !== undefined && !compatible.has(s.answers)) {
        if (!byQuestion.has(s.answers)) byQuestion.set(s.answers, []);
        byQuestion.get(s.answers).push(i);
      }
    });
    this.rivals = Array.from({ length: n }, () => []);
    for (const members of byQuestion.values()) {
      for (const i of members) {
        this.rivalArgs[i] = members.filter((k) => k !== i).flatMap((k) => c.proArgs[k]);
        this.rivals[i] = members
          .filter((k) => k !== i && c.proArgs[k].length)
          .map((k) => [k, c.proArgs[k].map((j) => n + j)]);
      }
    }
    this.inputs = [];
    for (let i = 0; i < n; i++) {
      this.inputs.push([
        c.proArgs[i].map((j) => n + j),
        [...c.conArgs[i], ...this.rivalArgs[i]].map((j) => n + j),
      ]);
    }
    model.arguments.forEach((_, j) => this.inputs.push([c.premises[j], c.undercutters[j]]));
    this.cons = this.inputs.slice(0, n).map(([, second], i) => second.slice(0, second.length - this.rivalArgs[i].length));
    this.components = stronglyConnectedComponents(this.inputs.map(([a, b]) => [...a, ...b]));
    // Switching parts off only removes support: with no support cycle in the whole map there is
    // no support loop to look for on any evaluation.
    const support = Array.from({ length: n }, () => []);
    c.proArgs.forEach((args, conclusion) => {
      for (const j of args) for (const p of c.premises[j]) support[p].push(conclusion);
    });
    this.loopsPossible = stronglyConnectedComponents(support).some((part) => part.length > 1);
  }
}

function dfquadStrengths(plan, off) {
  const n = plan.n;
  const { base, inputs, rivals, cons } = plan;
  const sigma = Float64Array.from(base);
  for (const x of off) sigma[x] = 0.0;

  const value = (x) => {
    const [first, second] = inputs[x];
    if (x < n) {
      let keep = 1.0;
      for (const y of first) keep *= 1.0 - sigma[y];
      const support = 1.0 - keep;
      keep = 1.0;
      for (const y of cons[x]) keep *= 1.0 - sigma[y];
      let strongest = 0.0;
      for (const [k, group] of rivals[x]) {
        if (off.has(k)) continue;
        let rivalKeep = 1.0;
        for (const y of group) rivalKeep *= 1.0 - sigma[y];
        const s = 1.0 - rivalKeep;
        if (s > strongest) strongest = s;
      }
      const attack = 1.0 - keep * (1.0 - strongest);
      const tau = base[x];
      if (attack >= support) return tau - tau * (attack - support);
      return tau + (1.0 - tau) * (support - attack);
    }
    let weakest = sigma[first[0]];
    for (let k = 1; k < first.length; k++) if (sigma[first[k]] < weakest) weakest = sigma[first[k]];
    let strength = base[x] * weakest;
    for (const u of second) strength *= 1.0 - sigma[u];
    return strength;
  };

  const settle = (members, damping) => {
    for (let round = 0; round < MAX_ITERATIONS; round++) {
      if (damping === null) {
        let moved = 0.0;
        for (const x of members) {
          const next = value(x);
          const d = Math.abs(next - sigma[x]);
          if (d > moved) moved = d;
          sigma[x] = next;
        }
        if (moved <= TOLERANCE) return true;
        continue;
      }
      const targets = members.map(value);
      let residual = null;
      targets.forEach((t, k) => {
        const d = Math.abs(t - sigma[members[k]]);
        if (residual === null || d > residual) residual = d;
      });
      if (residual <= TOLERANCE) return true;
      targets.forEach((t, k) => {
        const x = members[k];
        sigma[x] += damping * (t - sigma[x]);
      });
    }
    let residual = null;
    for (const x of members) {
      const d = Math.abs(value(x) - sigma[x]);
      if (residual === null || d > residual) residual = d;
    }
    return residual <= TOLERANCE;
  };

  let converged = true;
  let damped = false;
  for (const component of plan.components) {
    if (component.length === 1) {
      const x = component[0];
      if (off.has(x)) continue;
      const [first, second] = inputs[x];
      if (!first.includes(x) && !second.includes(x)) {
        sigma[x] = value(x);
        continue;
      }
    }
    const members = component.filter((x) => !off.has(x));
    if (!members.length || settle(members, null)) continue;
    let settled = false;
    for (const damping of DAMPING) {
      for (const x of members) sigma[x] = base[x];
      if (settle(members, damping)) {
        damped = true;
        settled = true;
        break;
      }
    }
    if (!settled) converged = false;
  }
  return [sigma, converged, damped];
}

function dfquadStatus(strength) {
  if (strength > BASE_SCORE + UNDECIDED_BAND) return "in";
  if (strength < BASE_SCORE - UNDECIDED_BAND) return "out";
  return "undecided";
}

class DfquadExplainer {
  constructor(model, c, plan, sigma, off, whyZero) {
    Object.assign(this, { model, c, plan, sigma, off, whyZero });
  }

  argumentName(j) {
    const a = this.model.arguments[j];
    return a.title ? `“${shorten(a.title)}” (${a.id})` : a.id;
  }

  argumentReason(kind, j, word) {
    const { c, sigma, model } = this;
    const n = this.plan.n;
    const premises = c.premises[j];
    const undercutters = c.undercutters[j];
    const name = this.argumentName(j);
    const zero = this.whyZero.get(j);
    if (zero !== undefined) {
      return [reason(kind, `Argument ${name} ${word} carries 0.00: ${zero}.`, model.argumentIds[j], null, []), []];
    }
    let weakest = premises[0];
    for (const p of premises.slice(1)) {
      if (sigma[p] < sigma[weakest] || (sigma[p] === sigma[weakest] && p < weakest)) weakest = p;
    }
    const state = this.off.has(weakest) ? "switched off" : fixed(sigma[weakest], 2);
    let text =
      `Argument ${name} ${word} carries ${fixed(sigma[n + j], 2)}:` +
      ` weight ${fixed(this.plan.base[n + j], 2)} × weakest premise` +
      ` ${model.ids[weakest]} ${state}`;
    if (undercutters.length) {
      const shown = undercutters
        .map((u) => (this.off.has(u) ? `${model.ids[u]} switched off` : `${model.ids[u]} ${fixed(sigma[u], 2)}`))
        .join(", ");
      text += `, weakened by undercutters ${shown}`;
    }
    const ids = [...premises, ...undercutters].map((s) => model.ids[s]);
    return [reason(kind, text + ".", model.argumentIds[j], null, ids), [weakest, ...undercutters]];
  }

  strongestRival(i) {
    let best = null;
    for (const [k, group] of this.plan.rivals[i]) {
      if (this.off.has(k)) continue;
      let keep = 1.0;
      for (const y of group) keep *= 1.0 - this.sigma[y];
      if (best === null || 1.0 - keep > best[1]) best = [k, 1.0 - keep];
    }
    return best;
  }

  explain(i, seen, depth) {
    const { c, sigma, model } = this;
    seen.add(i);
    const sid = model.ids[i];
    if (this.off.has(i)) {
      return explanation({
        id: sid,
        label: model.label(i),
        status: "off",
        semantics: "df-quad",
        summary: `${sid} is switched off: strength 0, it counts as absent.`,
        strength: 0.0,
      });
    }
    const reasons = [];
    const deps = [];
    for (const [kind, args, word] of [
      ["support", c.proArgs[i], "for it"],
      ["rebuttal", c.conArgs[i], "against it"],
    ]) {
      for (const j of args) {
        const [r, turned] = this.argumentReason(kind, j, word);
        reasons.push(r);
        deps.push(...turned);
      }
    }
    const rival = this.strongestRival(i);
    if (rival !== null) {
      const [k, support] = rival;
      reasons.push(
        reason(
          "rebuttal",
          `Its strongest rival, position ${model.ids[k]}, has support ${fixed(support, 2)}:` +
            " support for a competing answer counts against this one.",
          null,
          null,
          [model.ids[k]],
        ),
      );
      deps.push(k);
    }
    const base = this.plan.base[i];
    const strength = sigma[i];
    const summary = reasons.length
      ? `${sid} has strength ${fixed(strength, 2)} (base score ${fixed(base, 2)}).`
      : `${sid} keeps its base score ${fixed(base, 2)}: no argument bears on it.`;
    const children = [];
    if (depth < DFQUAD_DEPTH) {
      for (const d of unique(deps)) {
        if (!seen.has(d) && !this.off.has(d)) children.push(this.explain(d, seen, depth + 1));
      }
    }
    return explanation({
      id: sid,
      label: model.label(i),
      status: dfquadStatus(strength),
      semantics: "df-quad",
      summary,
      reasons,
      strength,
      because: children,
    });
  }
}

function evaluateDfquad(model, off) {
  const c = model.compiled();
  if (!model.cache.has("dfquad-plan")) model.cache.set("dfquad-plan", new Plan(model, c));
  const plan = model.cache.get("dfquad-plan");
  const n = plan.n;
  const offIndex = new Set([...off.statements].map((s) => model.index.get(s)));
  const whyZero = new Map();
  for (const aid of sortedIds(off.arguments)) whyZero.set(model.argumentIndex.get(aid), "it is switched off");
  const loops = plan.loopsPossible ? unearnedSupportLoops(model, off.statements, off.arguments) : [];
  for (const loop of loops) {
    const members = new Set(loop.map((s) => model.index.get(s)));
    for (const member of members) {
      for (const j of c.proArgs[member]) {
        if (!whyZero.has(j) && c.premises[j].some((p) => members.has(p))) {
          whyZero.set(j, "it is not counted, being part of a support loop nothing enters");
        }
      }
    }
  }
  const zeroed = new Set(offIndex);
  for (const j of whyZero.keys()) zeroed.add(n + j);
  const [sigma, converged, damped] = dfquadStrengths(plan, zeroed);
  const strengths = {};
  const statuses = {};
  model.ids.forEach((sid, i) => {
    strengths[sid] = sigma[i];
    statuses[sid] = offIndex.has(i) ? "off" : dfquadStatus(sigma[i]);
  });
  const states = {};
  model.argumentIds.forEach((aid, j) => (states[aid] = sigma[n + j] > 0.0 ? "applicable" : "inapplicable"));
  const notes = loops.map((loop) =>
    loopNote("df-quad", loop, "their support of each other is not counted, so none reaches 1.0"),
  );
  if (!converged) {
    notes.push(
      `df-quad: strengths did not settle within ${MAX_ITERATIONS} iterations on a cycle, even with` +
        " damping (the values shown are the last iterate; read them with care)",
    );
  } else if (damped) {
    notes.push(
      "df-quad: strengths on a cycle settled only with damping; they satisfy the DF-QuAD equations," +
        " but another solution may exist",
    );
  }
  const explainer = new DfquadExplainer(model, c, plan, sigma, offIndex, whyZero);
  return result({
    semantics: "df-quad",
    off,
    statuses,
    strengths,
    arguments: states,
    verdicts: verdicts(model, statuses, strengths, "df-quad", off),
    converged,
    notes,
    explainer: (sid) => explainer.explain(model.index.get(sid), new Set(), 0),
  });
}

// -- the front door -----------------------------------------------------------------------------

const BUILT_IN = ["grounded", "preferred", "stable", "df-quad", "carneades"];
const GRADUAL = new Set(["df-quad"]);

function semanticsNames(model) {
  const names = model.semantics.map((s) => s.name);
  return names.length ? names : BUILT_IN;
}

function run(model, off, options) {
  const semantics = options.semantics === undefined ? "grounded" : options.semantics;
  const names = semanticsNames(model);
  if (!names.includes(semantics) || !BUILT_IN.includes(semantics)) {
    throw new EvaluationError(
      `unknown semantics: ${pyRepr(semantics)}${suggest(semantics, names)} (use one of ${names.join(", ")})`,
    );
  }
  if (semantics === "grounded") return evaluateGrounded(model, off);
  if (semantics === "df-quad") return evaluateDfquad(model, off);
  if (semantics === "carneades") {
    return evaluateCarneades(model, off, options.thresholds === undefined ? "carneades-4" : options.thresholds);
  }
  const timeout = options.timeout === undefined ? DEFAULT_TIMEOUT : options.timeout;
  return evaluateExtensions(model, off, semantics, timeout, options.mode === undefined ? "sceptical" : options.mode);
}

/**
 * Evaluate the map `data` (argmap.standalone.data.page_data) as argmap.evaluate does.
 *
 * options: off (ids of statements, arguments and lines), semantics, mode and timeout (seconds,
 * null for none) for preferred/stable, thresholds for carneades.
 */
function evaluate(data, options = {}) {
  const model = Model.of(data);
  return run(model, model.resolveOff(options.off), options);
}

function partsOf(model, kinds) {
  const wanted = new Set(kinds);
  const unknown = sortedIds([...wanted].filter((k) => !CRITICAL_KINDS.includes(k)));
  if (unknown.length) {
    throw new EvaluationError(
      `critical: unknown kind of part ${pyRepr(unknown[0])} (use some of ${CRITICAL_KINDS.join(", ")})`,
    );
  }
  const found = Object.fromEntries(CRITICAL_KINDS.map((k) => [k, []]));
  model.statements.forEach((s, i) => {
    if (s.kind === "evidence") found.evidence.push(["evidence", s.id, s.label]);
    else if (s.assumed) found.assumption.push(["assumption", s.id, s.label]);
    else if (s.kind === "claim") found.claim.push(["claim", s.id, s.label]);
  });
  found.argument = model.arguments.map((a) => ["argument", a.id, a.label]);
  found.line = model.lines.map((line) => ["line", line.id, line.title]);
  return CRITICAL_KINDS.filter((k) => wanted.has(k)).flatMap((k) => found[k]);
}

function leaderChange(before, after) {
  if (before === null) return `${pyRepr(after)} comes to lead`;
  if (after === null) return `${pyRepr(before)} no longer leads`;
  return `the leading position changes from ${pyRepr(before)} to ${pyRepr(after)}`;
}

function compareKeys(a, b) {
  for (let k = 0; k < a.length; k++) {
    if (a[k] < b[k]) return -1;
    if (a[k] > b[k]) return 1;
  }
  return 0;
}

/** argmap.critical: the parts whose switching off alone changes the verdict, ranked. */
function critical(data, options = {}) {
  const model = Model.of(data);
  const base = model.resolveOff(options.off);
  const before = run(model, base, options);
  const gradual = GRADUAL.has(before.semantics);
  const positions = model.positions.map((p) => model.ids[p]);
  const leaderBefore = before.verdict.leader;
  const ranked = [];
  partsOf(model, options.kinds === undefined ? CRITICAL_KINDS : options.kinds).forEach(([kind, id, label], order) => {
    if (base.statements.has(id) || base.arguments.has(id) || base.lines.has(id)) return;
    const after = run(model, model.resolveOff([...base.ids, id]), options);
    const changes = positions.filter((p) => after.statuses[p] !== before.statuses[p]);
    let delta = null;
    let mover = null;
    if (gradual && positions.length && Object.keys(before.strengths).length) {
      let best = -1;
      for (const p of positions) {
        const d = Math.abs(after.strengths[p] - before.strengths[p]);
        if (d > best) {
          best = d;
          mover = p;
        }
      }
      delta = after.strengths[mover] - before.strengths[mover];
    }
    const leaderAfter = after.verdict.leader;
    const moved = delta !== null && Math.abs(delta) > MOVED;
    if (!changes.length && leaderAfter === leaderBefore && !moved) return;
    const parts = [];
    if (leaderAfter !== leaderBefore) parts.push(leaderChange(leaderBefore, leaderAfter));
    for (const p of changes) parts.push(`${p} goes from ${READING[before.statuses[p]]} to ${READING[after.statuses[p]]}`);
    if (moved && mover !== null) {
      parts.push(`${mover} moves from ${fixed(before.strengths[mover], 2)} to ${fixed(after.strengths[mover], 2)}`);
    }
    const item = {
      id,
      kind,
      label,
      changes,
      delta,
      leader_before: leaderBefore,
      leader_after: leaderAfter,
      text: `Switching off ${kind} ${id}: ` + parts.join("; ") + ".",
    };
    const key = [leaderAfter !== leaderBefore ? 0 : 1, -changes.length, -Math.abs(delta || 0.0), order];
    ranked.push([key, item]);
  });
  ranked.sort((a, b) => compareKeys(a[0], b[0]));
  return ranked.map(([, item]) => item);
}

/** _panel.verdict_data: a verdict with positions and the question named by their text. */
function verdictData(model, evaluation, verdict = evaluation.verdict) {
  const v = verdict;
  const data = {
    question: v.question,
    positions: v.positions.map((p) => ({ id: p.id, status: p.status, strength: p.strength })),
    leader: v.leader,
    text: v.text,
  };
  let summary = data.text;
  const named = data.positions.map((p) => p.id);
  if (data.question) named.push(data.question);
  const labels = new Map();
  for (const id of named) labels.set(id, `‘${shorten(model.label(model.index.get(id)), 60)}’`);
  for (const [id, label] of labels) summary = replaceAll(summary, pyRepr(id), label);
  for (const p of data.positions) {
    if (p.strength !== null) {
      const score = fixed(p.strength, 2);
      summary = replaceAll(summary, `${p.id} ${score}`, `${labels.get(p.id)} ${score}`);
    }
  }
  for (const p of data.positions) p.label = model.label(model.index.get(p.id));
  data.summary = summary;
  data.question_label = data.question ? model.label(model.index.get(data.question)) : "";
  data.gradual = GRADUAL.has(evaluation.semantics);
  data.semantics = evaluation.semantics;
  return data;
}

// _panel.part_names and in_words: sentences name each part by its text, not its id.
const PY_WS = "\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const TITLED_ID = new RegExp(`” \\(([^()${PY_WS}]+)\\)`, "gu");
const LABELLED_ID = new RegExp(`([^${PY_WS}]+) \\((“[^”]*”)\\)`, "gu");
const TOKEN = new RegExp(`[^${PY_WS}]+`, "gu");
const LEAD = "('\"‘“[";
const TRAIL = ")'\"’”.,;:!?]";
const PY_FLOAT = new RegExp(
  `^[${PY_WS}]*[+-]?(?:nan|inf|infinity|(?:\\p{Nd}(?:_?\\p{Nd})*(?:\\.(?:\\p{Nd}(?:_?\\p{Nd})*)?)?|\\.\\p{Nd}(?:_?\\p{Nd})*)(?:e[+-]?\\p{Nd}(?:_?\\p{Nd})*)?)[${PY_WS}]*$`,
  "iu",
);

function stripChars(text, chars, { start = true, end = true } = {}) {
  let a = 0;
  let b = text.length;
  while (start && a < b && chars.includes(text[a])) a++;
  while (end && b > a && chars.includes(text[b - 1])) b--;
  return text.slice(a, b);
}

function partNames(model) {
  if (!model.cache.has("part-names")) {
    const names = new Map();
    model.statements.forEach((s) => names.set(s.id, `‘${shorten(s.label, 48)}’`));
    for (const a of model.arguments) {
      if (a.title) names.set(a.id, `“${a.title}”`);
      else {
        const more = a.premises.length - 1;
        const extra = more ? ` and ${more} more` : "";
        names.set(a.id, `from ${names.get(model.ids[a.premises[0]])}${extra}`);
      }
    }
    for (const line of model.lines) names.set(line.id, `“${line.title}”`);
    for (const [id, name] of [...names]) {
      if (stripChars(name, "‘’“”") === id || PY_FLOAT.test(id)) names.delete(id);
    }
    model.cache.set("part-names", names);
  }
  return model.cache.get("part-names");
}

// A status is named as the legend names it; Python's \w is Unicode letters, digits and "_".
const OTHER_WORDS = /(?<![\p{L}\p{N}_.-])(undecided|contested)(?![\p{L}\p{N}_-])/gu;

function inWords(text, names) {
  if (!text) return text;
  text = text.replace(OTHER_WORDS, "open");
  if (!names.size) return text;
  text = text.replace(TITLED_ID, (match, id) => (names.has(id) ? "”" : match));
  text = text.replace(LABELLED_ID, (match, id, quoted) => (names.has(id) ? quoted : match));
  return text.replace(TOKEN, (token) => {
    if (names.has(token)) return names.get(token);
    const core = stripChars(token, LEAD, { end: false });
    const bare = stripChars(core, TRAIL, { start: false });
    if (!names.has(bare)) return token;
    const lead = token.slice(0, token.length - core.length).split("'").join("");
    const trail = core.slice(bare.length).split("'").join("");
    return `${lead}${names.get(bare)}${trail}`;
  });
}

/** _panel.critical_data: the ranking as the panel's rows. */
function criticalData(model, items) {
  const names = partNames(model);
  return items.map((item) => {
    let label = item.label;
    if (label === item.id && names.has(item.id)) label = names.get(item.id);
    return {
      id: item.id,
      kind: item.kind,
      label: shorten(label, 96),
      changes: item.changes,
      delta: item.delta,
      text: inWords(item.text, names),
    };
  });
}

/** _panel.statement_labels: every statement's label, shortened, by id (the Explorer's `labels`). */
function statementLabels(data) {
  const model = Model.of(data);
  const labels = {};
  model.statements.forEach((s) => (labels[s.id] = shorten(s.label, 60)));
  return labels;
}

/** _panel.explanation_title: the heading above an explanation. */
function explanationTitle(model, id, status) {
  const label = shorten(model.label(model.index.get(id)), 60);
  if (status === "in") return `Why does ‘${label}’ stand?`;
  if (status === "out") return `Why does ‘${label}’ fall?`;
  return `Why is ‘${label}’ ${PANEL_READING[status] || status}?`;
}

/**
 * The Explorer's trait values for `off`, `semantics`, `selected` and `showCritical`.
 *
 * Throws EvaluationError (with the Explorer's message) on an unknown id or semantics.
 */
function explorerState(data, options = {}) {
  const model = Model.of(data);
  const semantics = options.semantics === undefined ? "grounded" : options.semantics;
  const offered = semanticsNames(model);
  if (!offered.includes(semantics)) {
    throw new EvaluationError(
      `Explorer.semantics: unknown semantics: ${pyRepr(semantics)} (use one of [${offered.map(pyRepr).join(", ")}])`,
    );
  }
  let off;
  try {
    off = model.resolveOff(options.off);
  } catch (error) {
    if (error instanceof EvaluationError) throw new EvaluationError(`Explorer.off: ${error.message}`);
    throw error;
  }
  const evaluation = run(model, off, { semantics });
  const selected = options.selected && model.index.has(options.selected) ? options.selected : "";
  const explained = selected ? evaluation.explain(selected) : null;
  const items = options.showCritical ? critical(data, { off: options.off, semantics }) : [];
  return {
    statuses: evaluation.statuses,
    strengths: evaluation.strengths,
    argument_states: evaluation.arguments,
    verdict: verdictData(model, evaluation),
    verdicts: evaluation.verdicts.map((v) => verdictData(model, evaluation, v)),
    explanation: explained ? inWords(explanationText(explained), partNames(model)) : "",
    explanation_title: selected ? explanationTitle(model, selected, evaluation.statuses[selected]) : "",
    critical: criticalData(model, items),
    error: "",
  };
}

const SEMANTICS = BUILT_IN;
/** How Python writes text and numbers, as this file reproduces it (for tests). */
const pythonText = Object.freeze({ fixed, general, grouped, pyRepr, shorten, suggest });

export {
  evaluate,
  critical,
  explorerState,
  explanationText,
  statementLabels,
  shorten,
  pythonText,
  SEMANTICS,
  EvaluationError,
};
