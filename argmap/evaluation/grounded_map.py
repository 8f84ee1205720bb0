"""Grounded semantics of a map: the sceptical reading, unique, always defined, explainable.

Statements stand (IN), fall (OUT), are open (UNDECIDED) or switched off (OFF). Arguments are
applicable, inapplicable or undecided. The labelling is the least fixpoint of the rules in
docs/semantics.md:

- an argument is *applicable* when it is switched on, all its premises stand, all its
  undercutters fall (or are off), and every argument rebutting it is inapplicable;
  *inapplicable* when it is switched off, a premise falls (or is off), an undercutter stands, or
  a rebutting argument applies; undecided otherwise;
- a con argument and a pro argument of the same conclusion rebut each other, except that where
  both carry a weight the strictly weaker does not defeat the stronger; a pro argument for one of
  a question's competing positions rebuts the pro arguments of the others in the same way;
- evidence and assumed statements (and a question nothing argues for) stand when nothing
  against it applies; every other claim or position needs an applicable pro argument, so one
  that nothing supports falls (mark it ``assumed`` if the map takes it as given);
- a statement falls when a con argument against it applies, when (needing support) every pro
  argument for it is inapplicable, or when a competing position, or an argument for one, stands;
  claims that support only each other, with no evidence or assumption entering the loop, fall;
- everything else is open (mutual rebuttals, odd cycles).

This is Dung's grounded labelling of the compiled framework of ``argmap.evaluation.compiled``,
computed by linear-time propagation (``argmap.evaluation.dung``). Switching a part off labels
it OUT before propagation starts, which gives the same labels as deleting its attacks.

>>> from argmap.model import ArgumentMap
>>> m = ArgumentMap.build("Alliance or not?")
>>> q = m.question("q", "Is the partnership an alliance?")
>>> yes = m.position("p-alliance", "A de facto alliance")
>>> threats = m.claim("c-threats", "They share threat perceptions", supports=yes)
>>> no_arms = m.claim("c-no-arms", "They supply each other no arms", opposes=yes)
>>> src = m.source("pham", "The Limits Of A Russia-China Partnership")
>>> m.evidence("ev-storey", "shared threat perceptions", source=src, supports=threats)
'ev-storey'
>>> m.evidence("ev-kashin", "no arms deliveries", source=src, supports=no_arms)
'ev-kashin'
>>> argument_map = m.finish()

The argument for the position and the one against it rebut each other and neither is weightier,
so the position is open:

>>> from argmap.model.off import resolve_off
>>> ev = evaluate_grounded(argument_map, resolve_off(argument_map))
>>> [ev.status(s).value for s in ("c-threats", "c-no-arms", "p-alliance")]
['in', 'in', 'undecided']

Switch ``ev-kashin`` off: ``c-no-arms`` loses its last support and falls, its argument against
the position becomes inapplicable, and the position stands:

>>> ev = evaluate_grounded(argument_map, resolve_off(argument_map, "ev-kashin"))
>>> [ev.status(s).value for s in ("ev-kashin", "c-no-arms", "p-alliance")]
['off', 'out', 'in']
>>> print(ev.explain("c-no-arms").summary)
c-no-arms falls: no argument for it applies.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from argmap._text import shorten
from argmap.evaluation.compiled import (
    KIND_ARGUMENT,
    KIND_FAILS,
    KIND_LACKS,
    KIND_STATEMENT,
    CompiledMap,
    compile_map,
)
from argmap.evaluation.dung import IN, OUT, grounded_labelling
from argmap.evaluation.labelling import NOTHING_SUPPORTS, Evaluation, Explanation, Reason, Status
from argmap.evaluation.verdict import verdicts
from argmap.model import ArgumentMap, Evidence

if TYPE_CHECKING:
    from argmap.model.off import Off

__all__ = [
    "MAX_DEPTH",
    "GroundedExplainer",
    "argument_states",
    "evaluate_grounded",
    "statement_statuses",
]

MAX_DEPTH: Final = 40
"""How deep an explanation follows the chain of reasons before it stops."""

_ARGUMENT_STATE: Final = {IN: "applicable", OUT: "inapplicable", 0: "undecided"}
_STATUS: Final = {IN: Status.IN, OUT: Status.OUT, 0: Status.UNDECIDED}
_WORD: Final = {
    Status.IN: "stands",
    Status.OUT: "falls",
    Status.UNDECIDED: "is open",
    Status.OFF: "is switched off",
}


def statement_statuses(compiled: CompiledMap, label: bytearray, off: frozenset[str]) -> dict[str, Status]:
    """Return every statement's status from a labelling of the compiled framework."""
    ids = compiled.statement_ids
    statuses = dict(zip(ids, map(_STATUS.__getitem__, label[: len(ids)]), strict=True))
    for sid in off:
        statuses[sid] = Status.OFF
    return statuses


def argument_states(compiled: CompiledMap, label: bytearray) -> dict[str, str]:
    """Return every argument's state from a labelling of the compiled framework."""
    first = compiled.n_statements
    ids = compiled.argument_ids
    return dict(zip(ids, map(_ARGUMENT_STATE.__getitem__, label[first : first + len(ids)]), strict=True))


def _weights(a: float | None, b: float | None) -> str:
    if a is None or b is None:
        return ""
    if a == b:
        return f" (both weigh {a:g})"
    return f" (weight {a:g} against {b:g})"


class GroundedExplainer:
    """Builds explanations from a grounded labelling by following the order labels were given in.

    An OUT node is explained by its first IN attacker in labelling order, an IN node by all its
    attackers (all OUT, each decided earlier), so every IN/OUT explanation is a finite chain.
    Plain data throughout, so an Evaluation holding it pickles.
    """

    def __init__(
        self,
        compiled: CompiledMap,
        label: bytearray,
        order: list[int],
        off: Off,
        *,
        forced: tuple[list[int], list[int]],
        semantics: str = "grounded",
    ) -> None:
        self.c = compiled
        self.label = label
        self.order = order
        self.off = {compiled.statement_index[s] for s in off.statements}
        first = compiled.n_statements
        switched, unfounded = forced
        self.off_arguments = {x - first for x in switched if x >= first}
        self.unfounded = set(unfounded)
        self.semantics = semantics
        self._position: dict[int, int] | None = None

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_position"] = None
        return state

    # -- small helpers ------------------------------------------------------------------------

    def _pos(self, node: int) -> int:
        if self._position is None:
            self._position = {x: k for k, x in enumerate(self.order)}
        return self._position.get(node, len(self.order))

    def status(self, i: int) -> Status:
        """Return the status of statement ``i``."""
        return Status.OFF if i in self.off else _STATUS[self.label[i]]

    def name(self, i: int) -> str:
        """Return how a statement is named in a sentence: its id and a short label."""
        statement = self.c.statements[i]
        return f"{statement.id} (“{shorten(statement.label, 60)}”)"

    def arg(self, j: int) -> str:
        """Return how an argument is named in a sentence: its title, if it has one, and its id."""
        title = self.c.arguments[j].title
        aid = self.c.argument_ids[j]
        return f"“{shorten(title, 60)}” ({aid})" if title else aid

    def _arg_label(self, j: int) -> int:
        return self.label[self.c.argument_node(j)]

    def _first_in(self, nodes: list[int]) -> int:
        return min((x for x in nodes if self.label[x] == IN), key=self._pos)

    def _rebutter(self, j: int, r: int, *, outweighed: bool = False) -> str:
        """Return how argument ``r``, which rebuts ``j`` (or, ``outweighed``, fails to), relates to it."""
        c = self.c
        target = c.conclusion[r]
        if c.is_pro[r] and c.is_pro[j] and target != c.conclusion[j]:
            relation = f"for the competing position {c.statement_ids[target]}"
        elif c.is_pro[r]:
            relation = f"for {c.statement_ids[target]}"
        else:
            relation = f"against {c.statement_ids[target]}"
        weights = _weights(c.weights[j], c.weights[r]) if outweighed else _weights(c.weights[r], c.weights[j])
        return f"argument {self.arg(r)} {relation}{weights}"

    def _opponents(self, j: int) -> list[int]:
        """Return the arguments that bear the other way on what argument ``j`` bears on."""
        c = self.c
        conclusion = c.conclusion[j]
        if not c.is_pro[j]:
            return list(c.pro_args[conclusion])
        rivals = c.rivals.get(conclusion, ())
        return [*c.con_args[conclusion], *(r for k in rivals for r in c.pro_args[k])]

    def why_argument(self, j: int) -> tuple[str, tuple[int, ...]]:
        """Return a clause saying why argument ``j`` has its state, and the statements it turns on."""
        c = self.c
        if j in self.off_arguments:
            conclusion = c.conclusion[j]
            if conclusion in self.off:
                return f"its conclusion {self.name(conclusion)} is switched off", ()
            return "it is switched off", ()
        premises, undercutters = c.premises[j], c.undercutters[j]
        node = c.argument_node(j)
        state = self.label[node]
        rebutters = [c.ref[x] for x in c.predecessors()[node] if c.kind[x] == KIND_ARGUMENT]
        if state == IN:
            clause = "its premises " if len(premises) > 1 else "its premise "
            clause += ", ".join(self.name(p) for p in premises)
            clause += " stand" if len(premises) > 1 else " stands"
            for u in undercutters:
                clause += f"; its undercutter {self.name(u)} {_WORD[self.status(u)]}"
            if rebutters:
                clause += "; " + ", ".join(self._rebutter(j, r) for r in rebutters)
                clause += " does not apply" if len(rebutters) == 1 else " do not apply"
            weaker = [r for r in self._opponents(j) if r not in rebutters and r not in self.off_arguments]
            if weaker:
                clause += "; it outweighs " + ", ".join(self._rebutter(j, r, outweighed=True) for r in weaker)
            return clause, (*premises, *(u for u in undercutters if u not in self.off))
        if state == OUT:
            attackers = c.predecessors()[node]
            x = self._first_in(attackers)
            if c.kind[x] == KIND_FAILS:
                p = c.ref[x]
                return f"its premise {self.name(p)} {_WORD[self.status(p)]}", (p,)
            if c.kind[x] == KIND_STATEMENT:
                return f"it is undercut by {self.name(x)}, which stands", (x,)
            r = c.ref[x]
            return f"it is defeated by {self._rebutter(j, r)}, which applies", c.premises[r]
        open_premises = tuple(p for p in premises if self.status(p) is Status.UNDECIDED)
        open_undercutters = tuple(u for u in undercutters if self.status(u) is Status.UNDECIDED)
        parts = [f"premise {self.name(p)} is open" for p in open_premises]
        parts += [f"undercutter {self.name(u)} is open" for u in open_undercutters]
        open_rebutters = [r for r in rebutters if self._arg_label(r) not in (IN, OUT)]
        parts += [f"{self._rebutter(j, r)} is undecided" for r in open_rebutters]
        return "; ".join(parts), (*open_premises, *open_undercutters)

    # -- the reasons for one statement ---------------------------------------------------------

    def _argument_reason(self, kind: str, j: int, lead: str) -> tuple[Reason, tuple[int, ...]]:
        clause, turned_on = self.why_argument(j)
        state = _ARGUMENT_STATE[self._arg_label(j)]
        text = f"{lead} {self.arg(j)} is {state}: {clause}" if clause else f"{lead} {self.arg(j)} is {state}"
        reason = Reason(
            kind=kind,
            text=text + ".",
            argument=self.c.argument_ids[j],
            argument_status=state,
            statements=tuple(self.c.statement_ids[s] for s in turned_on),
        )
        return reason, turned_on

    def _given(self, i: int) -> Reason:
        statement = self.c.statements[i]
        if isinstance(statement, Evidence):
            text = "It is evidence: accepted as given while switched on."
        elif statement.assumed:
            text = "It is assumed: accepted unless something defeats it."
        else:
            text = "It is a question, not asserted: it stands unless something defeats it."
        return Reason(kind="given", text=text)

    def _rival_reason(self, i: int, k: int) -> tuple[Reason, tuple[int, ...]]:
        question = self.c.statements[i]
        answers = getattr(question, "answers", None)
        text = (
            f"{self.name(k)}, a competing answer to {answers}, {_WORD[self.status(k)]}."
            if answers
            else f"{self.name(k)}, a competing answer, {_WORD[self.status(k)]}."
        )
        turned = (k,) if k not in self.off else ()
        return Reason(kind="alternative", text=text, statements=(self.c.statement_ids[k],)), turned

    def _on_loop(self, i: int) -> bool:
        """Return whether unfounded statement ``i`` supports itself through other unfounded claims."""
        c = self.c
        todo, seen = [i], set()
        while todo:
            x = todo.pop()
            for j in c.pro_args[x]:
                if j in self.off_arguments:
                    continue
                for p in c.premises[j]:
                    if p == i:
                        return True
                    if p in self.unfounded and p not in seen:
                        seen.add(p)
                        todo.append(p)
        return False

    def reasons(self, i: int) -> tuple[str, list[Reason], tuple[int, ...]]:
        """Return the summary, the reasons and the statements they turn on, for statement ``i``."""
        c = self.c
        sid = c.statement_ids[i]
        status = self.status(i)
        if status is Status.OFF:
            return f"{sid} is switched off: it counts as absent.", [], ()
        reasons: list[Reason] = []
        deps: list[int] = []
        pro, con = c.pro_args[i], c.con_args[i]
        rivals = c.rivals.get(i, ())
        rival_args = [j for k in rivals for j in c.pro_args[k]]

        def add(pair: tuple[Reason, tuple[int, ...]]) -> None:
            reasons.append(pair[0])
            deps.extend(pair[1])

        if status is Status.IN:
            if c.needs_support[i]:
                j = c.ref[self._first_in([c.argument_node(j) for j in pro])]
                add(self._argument_reason("support", j, "The argument for it"))
                head = f"{sid} stands: argument {self.arg(j)} for it applies"
            else:
                reasons.append(self._given(i))
                head = f"{sid} stands"
            for j in con:
                add(self._argument_reason("rebuttal", j, "The argument against it"))
            for k in rivals:
                add(self._rival_reason(i, k))
            for j in rival_args:
                add(self._argument_reason("rebuttal", j, "The argument for a competing position"))
            opposed = bool(con or rivals)
            head += " and everything against it fails." if opposed else " and nothing argues against it."
            return head, reasons, tuple(deps)
        attackers = c.predecessors()[i]
        if status is Status.OUT:
            if i in self.unfounded and self._on_loop(i):
                for j in pro:
                    add(self._argument_reason("no-support", j, "The argument for it"))
                return (
                    (
                        f"{sid} falls: its support is circular (it rests only on claims that rest on"
                        " it, with no evidence or assumption entering the loop)."
                    ),
                    reasons,
                    tuple(deps),
                )
            x = self._first_in(attackers)
            if c.kind[x] == KIND_ARGUMENT and not c.is_pro[c.ref[x]]:
                j = c.ref[x]
                add(self._argument_reason("rebuttal", j, "The argument against it"))
                return f"{sid} falls: it is rebutted by {self.arg(j)}, which applies.", reasons, tuple(deps)
            if c.kind[x] == KIND_ARGUMENT:
                j = c.ref[x]
                add(self._argument_reason("rebuttal", j, "The argument for a competing position"))
                return (
                    (
                        f"{sid} falls: argument {self.arg(j)} for the competing position"
                        f" {c.statement_ids[c.conclusion[j]]} applies."
                    ),
                    reasons,
                    tuple(deps),
                )
            if c.kind[x] == KIND_STATEMENT:
                add(self._rival_reason(i, x))
                return (
                    f"{sid} falls: the competing position {c.statement_ids[x]} stands.",
                    reasons,
                    tuple(deps),
                )
            if not pro:
                return f"{sid} falls: {NOTHING_SUPPORTS}.", reasons, tuple(deps)
            for j in pro:
                add(self._argument_reason("no-support", j, "The argument for it"))
            return f"{sid} falls: no argument for it applies.", reasons, tuple(deps)
        # UNDECIDED: nothing against it wins, but something against it, or all support, is open.
        open_nodes = [x for x in attackers if self.label[x] not in (IN, OUT)]
        against = False
        lacking = False
        for x in open_nodes:
            if c.kind[x] == KIND_ARGUMENT:
                j = c.ref[x]
                lead = "The argument for a competing position" if c.is_pro[j] else "The argument against it"
                add(self._argument_reason("rebuttal", j, lead))
                against = True
            elif c.kind[x] == KIND_STATEMENT:
                add(self._rival_reason(i, x))
                against = True
            elif c.kind[x] == KIND_LACKS:
                lacking = True
                for j in pro:
                    if self._arg_label(j) != OUT:
                        add(self._argument_reason("support", j, "The argument for it"))
        if against and lacking:
            why = "what argues for it and what argues against it are both undecided"
        elif against:
            why = "something against it is undecided"
        else:
            why = "no argument for it is sure to apply"
        return f"{sid} is open: {why}.", reasons, tuple(deps)

    def explain(self, i: int, seen: set[int] | None = None, depth: int = 0) -> Explanation:
        """Return the explanation of statement ``i``, following reasons not yet explained."""
        seen = set() if seen is None else seen
        seen.add(i)
        summary, reasons, deps = self.reasons(i)
        children: list[Explanation] = []
        if depth < MAX_DEPTH:
            children.extend(
                self.explain(d, seen, depth + 1)
                for d in dict.fromkeys(deps)
                if d not in seen and d not in self.off
            )
        statement = self.c.statements[i]
        return Explanation(
            id=statement.id,
            label=statement.label,
            status=self.status(i),
            semantics=self.semantics,
            summary=summary,
            reasons=tuple(reasons),
            because=tuple(children),
        )

    def __call__(self, statement_id: str) -> Explanation:
        """Return the explanation of the statement with this id."""
        return self.explain(self.c.statement_index[statement_id])


def evaluate_grounded(argument_map: ArgumentMap, off: Off) -> Evaluation:
    """Evaluate a map under grounded semantics; ``off`` comes from ``resolve_off``."""
    compiled = compile_map(argument_map)
    switched, unfounded = compiled.forced_out(off)
    labelling = grounded_labelling(compiled.succ, compiled.indeg, switched + unfounded)
    statuses = statement_statuses(compiled, labelling.label, off.statements)
    return Evaluation(
        semantics="grounded",
        off=off.ids,
        statuses=statuses,
        arguments=argument_states(compiled, labelling.label),
        verdicts=verdicts(argument_map, statuses, {}, "grounded", off=off),
        explainer=GroundedExplainer(
            compiled, labelling.label, labelling.order, off, forced=(switched, unfounded)
        ),
    )
