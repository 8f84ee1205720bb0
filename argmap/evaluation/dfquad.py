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
  premise passes on nothing.

On an acyclic map each strength is computed once, in dependency order: linear time. Cycles are
evaluated strongly-connected component by component, iterating σ ← C(τ, F(att), F(sup)) in place
from the base scores until no strength moves by more than ``TOLERANCE``; after ``MAX_ITERATIONS``
the evaluation reports ``converged = False`` and a note (DF-QuAD need not converge on cycles).

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
"""

from __future__ import annotations

from typing import Final

from argmap.evaluation.framework import CompiledMap, compile_map
from argmap.evaluation.labelling import Evaluation, Explanation, Reason, Status
from argmap.evaluation.verdict import verdicts
from argmap.model import ArgumentMap, Evidence

__all__ = [
    "BASE_SCORE",
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
_UNDECIDED_BAND: Final = 1e-9
_MAX_DEPTH: Final = 6


class _Plan:
    """What DF-QuAD needs from a compiled map, built once per map: inputs and evaluation order."""

    __slots__ = ("base", "components", "inputs", "n_statements")

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
        # inputs[x]: for a statement (pro nodes, con nodes); for an argument (premises, undercutters)
        self.inputs: list[tuple[tuple[int, ...], tuple[int, ...]]] = [
            (tuple(n_s + j for j in c.pro_args[i]), tuple(n_s + j for j in c.con_args[i])) for i in range(n_s)
        ]
        self.inputs += [(c.premises[j], c.undercutters[j]) for j in range(len(c.arguments))]
        self.components = _components(self.inputs)


def _components(inputs: list[tuple[tuple[int, ...], tuple[int, ...]]]) -> list[tuple[int, ...]]:
    """Return the strongly connected components, each after every component it depends on (Tarjan)."""
    n = len(inputs)
    index = [-1] * n
    low = [0] * n
    on_stack = [False] * n
    stack: list[int] = []
    result: list[tuple[int, ...]] = []
    counter = 0
    for root in range(n):
        if index[root] >= 0:
            continue
        work = [(root, 0)]
        while work:
            v, k = work[-1]
            if k == 0:
                index[v] = low[v] = counter
                counter += 1
                stack.append(v)
                on_stack[v] = True
            deps = inputs[v][0] + inputs[v][1]
            if k < len(deps):
                work[-1] = (v, k + 1)
                w = deps[k]
                if index[w] < 0:
                    work.append((w, 0))
                elif on_stack[w]:
                    low[v] = min(low[v], index[w])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[v])
            if low[v] == index[v]:
                component = []
                while True:
                    w = stack.pop()
                    on_stack[w] = False
                    component.append(w)
                    if w == v:
                        break
                result.append(tuple(sorted(component)))
    return result


def _plan(c: CompiledMap) -> _Plan:
    plan = c.cache.get("dfquad")
    if not isinstance(plan, _Plan):
        plan = _Plan(c)
        c.cache["dfquad"] = plan
    return plan


def _strengths(plan: _Plan, off: set[int]) -> tuple[list[float], bool]:
    n_s = plan.n_statements
    base, inputs = plan.base, plan.inputs
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
            for y in second:
                keep *= 1.0 - sigma[y]
            attack = 1.0 - keep
            tau = base[x]
            if attack >= support:
                return tau - tau * (attack - support)
            return tau + (1.0 - tau) * (support - attack)
        strength = base[x] * min(sigma[p] for p in first)
        for u in second:
            strength *= 1.0 - sigma[u]
        return strength

    converged = True
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
        for _ in range(MAX_ITERATIONS):
            moved = 0.0
            for x in members:
                new = value(x)
                moved = max(moved, abs(new - sigma[x]))
                sigma[x] = new
            if moved <= TOLERANCE:
                break
        else:
            converged = False
    return sigma, converged


def _status(strength: float) -> Status:
    if strength > BASE_SCORE + _UNDECIDED_BAND:
        return Status.IN
    if strength < BASE_SCORE - _UNDECIDED_BAND:
        return Status.OUT
    return Status.UNDECIDED


class _Explainer:
    def __init__(self, c: CompiledMap, plan: _Plan, sigma: list[float], off: set[int]) -> None:
        self.c, self.plan, self.sigma, self.off = c, plan, sigma, off

    def explain(self, i: int, seen: set[int], depth: int) -> Explanation:
        c, sigma, n_s = self.c, self.sigma, self.plan.n_statements
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
        for kind, args in (("support", c.pro_args[i]), ("rebuttal", c.con_args[i])):
            for j in args:
                premises, undercutters = c.premises[j], c.undercutters[j]
                weakest = min(premises, key=lambda p: (sigma[p], p))
                word = "for" if kind == "support" else "against"
                text = (
                    f"Argument {c.argument_ids[j]} {word} it carries {sigma[n_s + j]:.2f}:"
                    f" weight {self.plan.base[n_s + j]:.2f} × weakest premise"
                    f" {c.statement_ids[weakest]} {sigma[weakest]:.2f}"
                )
                if undercutters:
                    shown = ", ".join(f"{c.statement_ids[u]} {sigma[u]:.2f}" for u in undercutters)
                    text += f", weakened by undercutters {shown}"
                reasons.append(
                    Reason(
                        kind=kind,
                        text=text + ".",
                        argument=c.argument_ids[j],
                        statements=tuple(c.statement_ids[p] for p in (*premises, *undercutters)),
                    )
                )
                deps += [weakest, *undercutters]
        base = self.plan.base[i]
        strength = sigma[i]
        if not reasons:
            summary = f"{sid} keeps its base score {base:.2f}: no argument bears on it."
        else:
            summary = f"{sid} has strength {strength:.2f} (base score {base:.2f})."
        children = []
        if depth < _MAX_DEPTH:
            children = [self.explain(d, seen, depth + 1) for d in dict.fromkeys(deps) if d not in seen]
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


def evaluate_dfquad(argument_map: ArgumentMap, off: frozenset[str]) -> Evaluation:
    """Evaluate a map under DF-QuAD; ``off`` must hold statement ids of the map."""
    c = compile_map(argument_map)
    plan = _plan(c)
    off_index = {c.statement_index[s] for s in off}
    sigma, converged = _strengths(plan, off_index)
    n_s = plan.n_statements
    strengths = {sid: sigma[i] for i, sid in enumerate(c.statement_ids)}
    statuses = {
        sid: Status.OFF if i in off_index else _status(sigma[i]) for i, sid in enumerate(c.statement_ids)
    }
    arguments = {}
    for j, aid in enumerate(c.argument_ids):
        value = sigma[n_s + j]
        arguments[aid] = "applicable" if value > 0.0 else "inapplicable"
    notes = (
        ()
        if converged
        else (
            (
                f"df-quad: strengths did not settle within {MAX_ITERATIONS} iterations on a cycle"
                " (the values shown are the last iterate; read them with care)"
            ),
        )
    )
    return Evaluation(
        semantics="df-quad",
        off=off,
        statuses=statuses,
        strengths=strengths,
        arguments=arguments,
        verdicts=verdicts(argument_map, statuses, strengths, "df-quad"),
        converged=converged,
        notes=notes,
        explainer=_Explainer(c, plan, sigma, off_index),
    )
