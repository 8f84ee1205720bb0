"""DF-QuAD gradual semantics (Rago, Toni, Aurisicchio & Baroni, KR 2016): a strength in [0, 1].

Every statement and every argument gets a strength σ. With the probabilistic sum
``F(v1..vn) = 1 - (1 - v1)···(1 - vn)`` (``F() = 0``):

- a statement ``s`` has base score τ(s): an evidence item's ``weight`` (``EVIDENCE_WEIGHT`` = 0.6
  when unset), any other statement's ``base_score`` (``BASE_SCORE`` = 0.5 when unset). With
  ``va = F(σ of its con arguments)`` and ``vs = F(σ of its pro arguments)``:
  ``σ(s) = τ - τ·(va - vs)`` when ``va >= vs``, else ``τ + (1 - τ)·(vs - va)``.
  One unweighted piece of evidence lifts an unset claim from 0.5 to 0.8, two to 0.92: a single
  item does not saturate a claim, and switching one off visibly moves it;
- an argument passes on its weakest linked premise, scaled by its ``weight`` (1 when unset) and
  attacked by its undercutters as DF-QuAD attacks a node with no supporters:
  ``σ(a) = weight · min(σ(premises)) · (1 - u1)···(1 - un)`` over the undercutters' strengths;
- a switched-off statement has strength 0: it contributes nothing, and an argument with it as a
  premise passes on nothing. A switched-off argument (by id or through a line) carries 0.

Two of argmap's rules shape the graph DF-QuAD runs on:

- *Competing positions* (rule 2): the positions answering one question are alternatives, so what
  supports one bears against the others (unless the question is ``compatible``): a position's
  attackers are its con arguments plus its strongest rival, which attacks with the strength of
  that rival's support ``F(σ of the rival's pro arguments)``. Two positions with equally strong
  support stay level; support for one visibly lowers the others; and with three or more answers a
  position has to beat its best rival, not all rivals' support added up.
- *Support must be earned* (rule 3): in a support loop that nothing enters (no evidence, no
  assumption, no argument from outside; see ``carneades_loops``) the loop's arguments for its own
  members are not counted: each member keeps its base score, less what attacks it, instead of
  the members lifting each other towards 1.0. The evaluation's notes name each such loop. Adding
  evidence to a loop member earns the loop its support back. New evidence for a statement never
  lowers its strength on an acyclic map, nor on a cyclic one where no positions compete and no
  loop is unearned; otherwise it can (a position that supports its own rival hands the support
  on to the rival; a newly earned loop member may attack the statement).
  A claim or position that nothing argues for and nobody assumed falls under the other
  semantics; here it keeps its base score (0.5 unless set), which reads "open": the base score
  is the prior the map gives it, and DF-QuAD moves a strength away from its prior only for the
  arguments that bear on it. A supporter can then only raise it.

On an acyclic map each strength is computed once, in dependency order: linear time. Cycles are
evaluated strongly-connected component by component (rule 9): first by iterating
σ ← C(τ, F(att), F(sup)) in place from the base scores; if that has not settled (every strength
within ``TOLERANCE`` of the equations) after ``MAX_ITERATIONS`` rounds, again with damping,
σ ← σ + δ·(C(…) − σ) for δ in ``DAMPING``, which settles on oscillating cycles (two claims
attacking each other) and has the same fixed points. A fixed point always exists (the equations
are continuous on [0, 1]), but iteration need not find it: if no attempt settles, the evaluation
reports ``converged = False`` and a note, and shows the last iterate.

Statuses under DF-QuAD read the strength: IN above 0.5, OUT below, UNDECIDED within 1e-9 of 0.5.
An argument counts as applicable when it carries a positive strength, inapplicable at 0.

>>> from argmap.model import ArgumentMap
>>> m = ArgumentMap.build("t")
>>> c = m.claim("c", "A claim")
>>> s = m.source("s", "A source")
>>> m.evidence("e1", "for", source=s, weight=0.8, supports=c)
'e1'
>>> m.evidence("e2", "against", source=s, weight=0.4, opposes=c)
'e2'
>>> argument_map = m.finish()
>>> round(evaluate_dfquad(argument_map, frozenset()).strength("c"), 2)
0.7
>>> round(evaluate_dfquad(argument_map, frozenset({"e1"})).strength("c"), 2)
0.3

Rule 2, worked: evidence of weight 0.8 for "yes" lifts it to 0.5 + 0.5 · 0.8 = 0.9 and, as the
strongest rival's support, lowers "no" to 0.5 − 0.5 · 0.8 = 0.1.

>>> m = ArgumentMap.build("t")
>>> _ = m.question("q", "Yes or no?"), m.position("yes", "Yes"), m.position("no", "No")
>>> _ = m.evidence("e", "quote", source=m.source("s", "S"), weight=0.8, supports="yes")
>>> ev = evaluate_dfquad(m.finish(), frozenset())
>>> round(ev.strength("yes"), 2), round(ev.strength("no"), 2)
(0.9, 0.1)
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from argmap._text import shorten
from argmap.evaluation.carneades_loops import loop_note, unearned_support_loops
from argmap.evaluation.compiled import CompiledMap, compile_map
from argmap.evaluation.graphs import strongly_connected_components
from argmap.evaluation.labelling import Evaluation, Explanation, Reason, Status
from argmap.evaluation.verdict import verdicts
from argmap.model import ArgumentMap, Evidence, Position, Question
from argmap.model.off import Off

__all__ = [
    "BASE_SCORE",
    "DAMPING",
    "EVIDENCE_WEIGHT",
    "MAX_ITERATIONS",
    "TOLERANCE",
    "evaluate_dfquad",
]

BASE_SCORE: Final = 0.5
EVIDENCE_WEIGHT: Final = 0.6
ARGUMENT_WEIGHT: Final = 1.0
TOLERANCE: Final = 1e-9
MAX_ITERATIONS: Final = 1000
"""Rounds per attempt on one cycle (strongly connected component) before the next attempt."""
DAMPING: Final = (0.5, 0.1)
"""The damping factors tried, in turn, on a cycle the plain iteration does not settle."""
_UNDECIDED_BAND: Final = 1e-9
_MAX_DEPTH: Final = 6


class _Plan:
    """What DF-QuAD needs from a compiled map, built once per map: inputs and evaluation order."""

    __slots__ = (
        "base",
        "components",
        "cons",
        "inputs",
        "loops_possible",
        "n_statements",
        "rival_args",
        "rivals",
    )

    def __init__(self, c: CompiledMap) -> None:
        n_s = c.n_statements
        self.n_statements = n_s
        self.base: list[float] = []
        for statement in c.statements:
            if isinstance(statement, Evidence):
                weight = statement.weight
                self.base.append(EVIDENCE_WEIGHT if weight is None else float(weight))
            else:
                score = getattr(statement, "base_score", None)
                self.base.append(BASE_SCORE if score is None else float(score))
        for argument in c.arguments:
            self.base.append(ARGUMENT_WEIGHT if argument.weight is None else float(argument.weight))
        # Rule 2: a position is attacked by every pro argument of its rivals.
        self.rival_args: list[tuple[int, ...]] = [() for _ in range(n_s)]
        compatible = {s.id for s in c.statements if isinstance(s, Question) and s.compatible}
        by_question: dict[str, list[int]] = {}
        for i, statement in enumerate(c.statements):
            if isinstance(statement, Position) and statement.answers and statement.answers not in compatible:
                by_question.setdefault(statement.answers, []).append(i)
        # rivals[i]: for each rival position of i with pro arguments, (its index, their nodes).
        self.rivals: list[tuple[tuple[int, tuple[int, ...]], ...]] = [() for _ in range(n_s)]
        for members in by_question.values():
            for i in members:
                self.rival_args[i] = tuple(j for k in members if k != i for j in c.pro_args[k])
                self.rivals[i] = tuple(
                    (k, tuple(n_s + j for j in c.pro_args[k])) for k in members if k != i and c.pro_args[k]
                )
        # inputs[x]: for a statement (pro nodes, con nodes and rivals' pro nodes, which it depends
        # on); for an argument (premises, undercutters)
        self.inputs: list[tuple[tuple[int, ...], tuple[int, ...]]] = [
            (
                tuple(n_s + j for j in c.pro_args[i]),
                tuple(n_s + j for j in (*c.con_args[i], *self.rival_args[i])),
            )
            for i in range(n_s)
        ]
        self.inputs += [(c.premises[j], c.undercutters[j]) for j in range(len(c.arguments))]
        # A statement's own con nodes (its rivals' pro nodes are weighed apart, by rule 2).
        self.cons: list[tuple[int, ...]] = [tuple(n_s + j for j in c.con_args[i]) for i in range(n_s)]
        self.components = strongly_connected_components([a + b for a, b in self.inputs])
        # Switching parts off only removes support; with no support cycle in the whole map no
        # support loop can exist, and evaluations skip looking for one (most of a call's time).
        support: list[list[int]] = [[] for _ in range(n_s)]
        for conclusion, arguments in enumerate(c.pro_args):
            for j in arguments:
                for premise in c.premises[j]:
                    support[premise].append(conclusion)
        self.loops_possible = any(len(part) > 1 for part in strongly_connected_components(support))


def _plan(c: CompiledMap) -> _Plan:
    plan = c.cache.get("dfquad-2")
    if not isinstance(plan, _Plan):
        plan = _Plan(c)
        c.cache["dfquad-2"] = plan
    return plan


def _strengths(plan: _Plan, off: set[int]) -> tuple[list[float], bool, bool]:
    """Return the strengths, whether every cycle settled, and whether one needed damping."""
    n_s = plan.n_statements
    base, inputs, rivals = plan.base, plan.inputs, plan.rivals
    cons = plan.cons
    sigma = list(base)
    for i in off:
        sigma[i] = 0.0

    def value(x: int) -> float:
        first, second = inputs[x]
        if x < n_s:
            keep = 1.0
            for y in first:
                keep *= 1.0 - sigma[y]
            support = 1.0 - keep
            keep = 1.0
            for y in cons[x]:
                keep *= 1.0 - sigma[y]
            # Rule 2: the strongest rival position's support counts as one more attacker.
            strongest = 0.0
            for k, group in rivals[x]:
                if k in off:
                    continue  # a switched-off answer is absent: its support competes with nothing
                rival_keep = 1.0
                for y in group:
                    rival_keep *= 1.0 - sigma[y]
                strongest = max(strongest, 1.0 - rival_keep)
            attack = 1.0 - keep * (1.0 - strongest)
            tau = base[x]
            if attack >= support:
                return tau - tau * (attack - support)
            return tau + (1.0 - tau) * (support - attack)
        strength = base[x] * min(sigma[p] for p in first)
        for u in second:
            strength *= 1.0 - sigma[u]
        return strength

    def settle(members: list[int], damping: float | None) -> bool:
        for _ in range(MAX_ITERATIONS):
            if damping is None:
                moved = 0.0
                for x in members:
                    new = value(x)
                    moved = max(moved, abs(new - sigma[x]))
                    sigma[x] = new
                if moved <= TOLERANCE:
                    return True
                continue
            # Damped (Krasnoselskii-Mann) step from the whole previous iterate: same fixed points.
            targets = [value(x) for x in members]
            residual = max(abs(t - sigma[x]) for t, x in zip(targets, members, strict=True))
            if residual <= TOLERANCE:
                return True
            for t, x in zip(targets, members, strict=True):
                sigma[x] += damping * (t - sigma[x])
        return max(abs(value(x) - sigma[x]) for x in members) <= TOLERANCE

    converged = True
    damped = False
    for component in plan.components:
        if len(component) == 1:
            x = component[0]
            if x in off:
                continue
            first, second = inputs[x]
            if x not in first and x not in second:
                sigma[x] = value(x)
                continue
        members = [x for x in component if x not in off]
        if not members or settle(members, None):
            continue
        for damping in DAMPING:
            for x in members:
                sigma[x] = base[x]
            if settle(members, damping):
                damped = True
                break
        else:
            converged = False
    return sigma, converged, damped


def _status(strength: float) -> Status:
    if strength > BASE_SCORE + _UNDECIDED_BAND:
        return Status.IN
    if strength < BASE_SCORE - _UNDECIDED_BAND:
        return Status.OUT
    return Status.UNDECIDED


class _Explainer:
    def __init__(
        self, c: CompiledMap, plan: _Plan, sigma: list[float], off: set[int], why_zero: dict[int, str]
    ) -> None:
        self.c, self.plan, self.sigma, self.off, self.why_zero = c, plan, sigma, off, why_zero

    def argument_name(self, j: int) -> str:
        argument = self.c.arguments[j]
        if argument.title:
            return f"“{shorten(argument.title)}” ({argument.id})"
        return argument.id

    def argument_reason(self, kind: str, j: int, word: str) -> tuple[Reason, list[int]]:
        c, sigma, n_s = self.c, self.sigma, self.plan.n_statements
        premises, undercutters = c.premises[j], c.undercutters[j]
        name = self.argument_name(j)
        zero = self.why_zero.get(j)
        if zero is not None:
            text = f"Argument {name} {word} carries 0.00: {zero}."
            return Reason(kind=kind, text=text, argument=c.argument_ids[j], statements=()), []
        weakest = min(premises, key=lambda p: (sigma[p], p))
        state = "switched off" if weakest in self.off else f"{sigma[weakest]:.2f}"
        text = (
            f"Argument {name} {word} carries {sigma[n_s + j]:.2f}:"
            f" weight {self.plan.base[n_s + j]:.2f} × weakest premise"
            f" {c.statement_ids[weakest]} {state}"
        )
        if undercutters:
            shown = ", ".join(
                f"{c.statement_ids[u]} switched off"
                if u in self.off
                else f"{c.statement_ids[u]} {sigma[u]:.2f}"
                for u in undercutters
            )
            text += f", weakened by undercutters {shown}"
        reason = Reason(
            kind=kind,
            text=text + ".",
            argument=c.argument_ids[j],
            statements=tuple(c.statement_ids[p] for p in (*premises, *undercutters)),
        )
        return reason, [weakest, *undercutters]

    def strongest_rival(self, i: int) -> tuple[int, float] | None:
        """Return the rival position of ``i`` with the most support, and that support (first on ties)."""
        best: tuple[int, float] | None = None
        for k, group in self.plan.rivals[i]:
            if k in self.off:
                continue
            keep = 1.0
            for y in group:
                keep *= 1.0 - self.sigma[y]
            if best is None or 1.0 - keep > best[1]:
                best = (k, 1.0 - keep)
        return best

    def explain(self, i: int, seen: set[int], depth: int) -> Explanation:
        c, sigma = self.c, self.sigma
        seen.add(i)
        statement = c.statements[i]
        sid = statement.id
        if i in self.off:
            return Explanation(
                id=sid,
                label=statement.label,
                status=Status.OFF,
                semantics="df-quad",
                summary=f"{sid} is switched off: strength 0, it counts as absent.",
                strength=0.0,
            )
        reasons: list[Reason] = []
        deps: list[int] = []
        for kind, args, word in (
            ("support", c.pro_args[i], "for it"),
            ("rebuttal", c.con_args[i], "against it"),
        ):
            for j in args:
                reason, turned = self.argument_reason(kind, j, word)
                reasons.append(reason)
                deps += turned
        rival = self.strongest_rival(i)
        if rival is not None:
            k, support = rival
            reasons.append(
                Reason(
                    kind="rebuttal",
                    text=(
                        f"Its strongest rival, position {c.statement_ids[k]}, has support {support:.2f}:"
                        " support for a competing answer counts against this one."
                    ),
                    statements=(c.statement_ids[k],),
                )
            )
            deps.append(k)
        base = self.plan.base[i]
        strength = sigma[i]
        if not reasons:
            summary = f"{sid} keeps its base score {base:.2f}: no argument bears on it."
        else:
            summary = f"{sid} has strength {strength:.2f} (base score {base:.2f})."
        children = []
        if depth < _MAX_DEPTH:
            children = [
                self.explain(d, seen, depth + 1)
                for d in dict.fromkeys(deps)
                if d not in seen and d not in self.off
            ]
        return Explanation(
            id=sid,
            label=statement.label,
            status=_status(strength),
            semantics="df-quad",
            summary=summary,
            reasons=tuple(reasons),
            strength=strength,
            because=tuple(children),
        )

    def __call__(self, statement_id: str) -> Explanation:
        return self.explain(self.c.statement_index[statement_id], set(), 0)


def _checked(off: Off | Iterable[str]) -> Off:
    """Return ``off`` as an Off; a plain set names statements (the form older callers pass)."""
    if isinstance(off, Off):
        return off
    statements = frozenset(off)
    return Off(statements=statements, ids=statements)


def evaluate_dfquad(argument_map: ArgumentMap, off: Off | frozenset[str]) -> Evaluation:
    """Evaluate a map under DF-QuAD; ``off`` is checked already (a plain set names statements)."""
    switched = _checked(off)
    c = compile_map(argument_map)
    plan = _plan(c)
    n_s = plan.n_statements
    off_index = {c.statement_index[s] for s in switched.statements}
    why_zero: dict[int, str] = {}
    argument_index = {aid: j for j, aid in enumerate(c.argument_ids)}
    for aid in sorted(switched.arguments):
        why_zero[argument_index[aid]] = "it is switched off"
    loops = (
        unearned_support_loops(argument_map, switched.statements, switched.arguments)
        if plan.loops_possible
        else ()
    )
    for loop in loops:
        members = {c.statement_index[s] for s in loop}
        for member in members:
            for j in c.pro_args[member]:
                if j not in why_zero and any(p in members for p in c.premises[j]):
                    why_zero[j] = "it is not counted, being part of a support loop nothing enters"
    sigma, converged, damped = _strengths(plan, off_index | {n_s + j for j in why_zero})
    strengths = {sid: sigma[i] for i, sid in enumerate(c.statement_ids)}
    statuses = {
        sid: Status.OFF if i in off_index else _status(sigma[i]) for i, sid in enumerate(c.statement_ids)
    }
    arguments = {
        aid: "applicable" if sigma[n_s + j] > 0.0 else "inapplicable" for j, aid in enumerate(c.argument_ids)
    }
    notes = [
        loop_note("df-quad", loop, "their support of each other is not counted, so none reaches 1.0")
        for loop in loops
    ]
    if not converged:
        notes.append(
            f"df-quad: strengths did not settle within {MAX_ITERATIONS} iterations on a cycle, even with"
            " damping (the values shown are the last iterate; read them with care)"
        )
    elif damped:
        notes.append(
            "df-quad: strengths on a cycle settled only with damping; they satisfy the DF-QuAD equations,"
            " but another solution may exist"
        )
    return Evaluation(
        semantics="df-quad",
        off=switched.ids,
        statuses=statuses,
        strengths=strengths,
        arguments=arguments,
        verdicts=verdicts(argument_map, statuses, strengths, "df-quad", off=switched),
        converged=converged,
        notes=tuple(notes),
        explainer=_Explainer(c, plan, sigma, off_index, why_zero),
    )
