"""Grounded semantics: the sceptical reading of a map, unique, always defined, explainable.

Statements are IN (stand), OUT (fall), UNDECIDED (contested) or OFF (switched off, absent).
Arguments are applicable, inapplicable or undecided. The labelling is the least fixpoint of:

- an argument is *applicable* when all its premises are IN and all its undercutters are OUT or
  OFF; *inapplicable* when some premise is OUT or OFF, or some undercutter is IN; undecided
  otherwise (so an undecided undercutter leaves the argument undecided);
- a statement that no pro argument concludes (evidence, assumptions, bare premises), and any
  evidence or assumed statement, is IN when every con argument against it is inapplicable, OUT
  when some con argument is applicable;
- a statement that pro arguments conclude needs support (evidential/necessary support): it is
  IN when some pro argument is applicable and every con argument is inapplicable; OUT when some
  con argument is applicable or every pro argument is inapplicable ("no standing support", e.g.
  its last evidence is switched off);
- everything else is UNDECIDED (mutual rebuttals, odd cycles).

This is Dung's grounded labelling of the compiled framework described in
``argmap.evaluation.framework`` (one auxiliary "lacks support" node per supported claim and one
"fails" node per premise), computed by linear-time propagation (``argmap.evaluation.dung``).
Switching a statement off labels it OUT before propagation starts, which gives the same labels
as deleting it.

Worked example, after the alliance map. ``c-threats`` ("they share threat perceptions") is
supported by the quote ``ev-storey``; the claim ``c-no-arms`` ("they supply each other no
arms"), itself resting on ``ev-kashin``, rebuts the position ``p-alliance`` which ``c-threats``
supports.

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

Both pieces of evidence are IN (given); each claim has an applicable argument, so both are IN;
``c-no-arms`` rebuts the position through an applicable con argument, so it is OUT although its
support stands:

>>> ev = evaluate_grounded(argument_map, frozenset())
>>> [ev.status(s).value for s in ("c-threats", "c-no-arms", "p-alliance")]
['in', 'in', 'out']

Switch ``ev-kashin`` off: ``c-no-arms`` loses its last support and falls, its argument against
the position becomes inapplicable, and the position is reinstated:

>>> ev = evaluate_grounded(argument_map, frozenset({"ev-kashin"}))
>>> [ev.status(s).value for s in ("ev-kashin", "c-no-arms", "p-alliance")]
['off', 'out', 'in']
>>> print(ev.explain("c-no-arms").summary)
c-no-arms falls: no argument for it applies.
"""

from __future__ import annotations

from typing import Final

from argmap.evaluation.dung import IN, OUT, GroundedLabelling, grounded_labelling
from argmap.evaluation.framework import KIND_ARGUMENT, KIND_FAILS, CompiledMap, compile_map
from argmap.evaluation.labelling import Evaluation, Explanation, Reason, Status
from argmap.evaluation.verdict import verdicts
from argmap.model import ArgumentMap, Evidence

__all__ = ["MAX_DEPTH", "GroundedExplainer", "argument_states", "evaluate_grounded", "statement_statuses"]

MAX_DEPTH: Final = 40
"""How deep an explanation follows the chain of reasons before it stops."""

_ARGUMENT_STATE: Final = {IN: "applicable", OUT: "inapplicable", 0: "undecided"}
_STATUS: Final = {IN: Status.IN, OUT: Status.OUT, 0: Status.UNDECIDED}


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


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class GroundedExplainer:
    """Builds explanations from a grounded labelling by following the order labels were given in.

    An OUT node is explained by its first IN attacker in labelling order, an IN node by all its
    attackers (all OUT, each decided earlier), so every IN/OUT explanation is a finite chain.
    """

    def __init__(
        self, compiled: CompiledMap, labelling: GroundedLabelling, off: frozenset[str], semantics: str
    ) -> None:
        self.c = compiled
        self.label = labelling.label
        self.order = labelling.order
        self.off = {compiled.statement_index[s] for s in off}
        self.semantics = semantics
        self._position: dict[int, int] | None = None

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
        return f"{statement.id} (“{_short(statement.label)}”)"

    def _arg(self, j: int) -> str:
        return self.c.argument_ids[j]

    def _arg_label(self, j: int) -> int:
        return self.label[self.c.argument_node(j)]

    def _first_in(self, nodes: list[int]) -> int:
        return min((x for x in nodes if self.label[x] == IN), key=self._pos)

    def _premise_word(self, i: int) -> str:
        return {
            Status.IN: "stands",
            Status.OUT: "falls",
            Status.UNDECIDED: "is contested",
            Status.OFF: "is switched off",
        }[self.status(i)]

    def why_argument(self, j: int) -> tuple[str, tuple[int, ...]]:
        """Return a clause saying why argument ``j`` has its state, and the statements it turns on."""
        premises, undercutters = self.c.premises[j], self.c.undercutters[j]
        state = self._arg_label(j)
        if state == IN:
            clause = "its premises " if len(premises) > 1 else "its premise "
            clause += ", ".join(self.name(p) for p in premises)
            clause += " stand" if len(premises) > 1 else " stands"
            if undercutters:
                clause += "; its undercutters fall" if len(undercutters) > 1 else "; its undercutter falls"
            return clause, (*premises, *undercutters)
        if state == OUT:
            attackers = [self.c.fails_node[p] for p in premises] + list(undercutters)
            node = self._first_in(attackers)
            if self.c.kind[node] == KIND_FAILS:
                p = self.c.ref[node]
                return f"its premise {self.name(p)} {self._premise_word(p)}", (p,)
            return f"it is undercut by {self.name(node)}, which stands", (node,)
        open_premises = tuple(p for p in premises if self.status(p) is Status.UNDECIDED)
        open_undercutters = tuple(u for u in undercutters if self.status(u) is Status.UNDECIDED)
        parts = [f"premise {self.name(p)} is contested" for p in open_premises]
        parts += [f"undercutter {self.name(u)} is contested" for u in open_undercutters]
        return "; ".join(parts), (*open_premises, *open_undercutters)

    # -- the reasons for one statement ---------------------------------------------------------

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

        def argument_reason(kind: str, j: int, lead: str) -> None:
            clause, turned_on = self.why_argument(j)
            state = _ARGUMENT_STATE[self._arg_label(j)]
            text = (
                f"{lead} {self._arg(j)} is {state}: {clause}"
                if clause
                else f"{lead} {self._arg(j)} is {state}"
            )
            reasons.append(
                Reason(
                    kind=kind,
                    text=text + ".",
                    argument=self._arg(j),
                    argument_status=state,
                    statements=tuple(c.statement_ids[s] for s in turned_on),
                )
            )
            deps.extend(turned_on)

        def given_reason() -> None:
            statement = c.statements[i]
            if isinstance(statement, Evidence):
                text = "It is evidence: accepted as given while switched on."
            elif statement.assumed:
                text = "It is assumed: accepted unless something defeats it."
            else:
                text = "Nothing argues for it, so it is taken as a premise: it stands unless defeated."
            reasons.append(Reason(kind="given", text=text))

        if status is Status.IN:
            if c.needs_support[i]:
                j = c.ref[self._first_in([c.argument_node(j) for j in pro])]
                argument_reason("support", j, "The argument for it")
                head = f"{sid} stands: argument {self._arg(j)} for it applies"
            else:
                given_reason()
                head = f"{sid} stands"
            for j in con:
                argument_reason("rebuttal", j, "The argument against it")
            head += " and every argument against it fails." if con else " and nothing argues against it."
            return head, reasons, tuple(deps)
        if status is Status.OUT:
            attackers = [c.argument_node(j) for j in con]
            if c.lacks_node[i] >= 0:
                attackers.append(c.lacks_node[i])
            node = self._first_in(attackers)
            if c.kind[node] == KIND_ARGUMENT:
                j = c.ref[node]
                argument_reason("rebuttal", j, "The argument against it")
                return f"{sid} falls: it is rebutted by {self._arg(j)}, which applies.", reasons, tuple(deps)
            for j in pro:
                argument_reason("no-support", j, "The argument for it")
            return f"{sid} falls: no argument for it applies.", reasons, tuple(deps)
        # UNDECIDED: nothing against it applies, but something against it, or all support, is open.
        open_con = [j for j in con if self._arg_label(j) not in (IN, OUT)]
        for j in open_con:
            argument_reason("rebuttal", j, "The argument against it")
        lacking = c.lacks_node[i] >= 0 and self.label[c.lacks_node[i]] != OUT
        if lacking:
            for j in pro:
                if self._arg_label(j) != OUT:
                    argument_reason("support", j, "The argument for it")
        if open_con and lacking:
            why = "arguments for and against it are contested"
        elif open_con:
            why = (
                "an argument against it is contested"
                if len(open_con) == 1
                else "arguments against it are contested"
            )
        else:
            why = "no argument for it is sure to apply"
        return f"{sid} is contested: {why}.", reasons, tuple(deps)

    def explain(self, i: int, seen: set[int] | None = None, depth: int = 0) -> Explanation:
        """Return the explanation of statement ``i``, following reasons not yet explained."""
        seen = set() if seen is None else seen
        seen.add(i)
        summary, reasons, deps = self.reasons(i)
        children: list[Explanation] = []
        if depth < MAX_DEPTH:
            children.extend(
                self.explain(d, seen, depth + 1) for d in deps if d not in seen and d not in self.off
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


def evaluate_grounded(argument_map: ArgumentMap, off: frozenset[str]) -> Evaluation:
    """Evaluate a map under grounded semantics; ``off`` must hold statement ids of the map."""
    compiled = compile_map(argument_map)
    index = compiled.statement_index
    labelling = grounded_labelling(compiled.succ, compiled.indeg, [index[s] for s in sorted(off)])
    statuses = statement_statuses(compiled, labelling.label, off)
    return Evaluation(
        semantics="grounded",
        off=off,
        statuses=statuses,
        arguments=argument_states(compiled, labelling.label),
        verdicts=verdicts(argument_map, statuses, {}, "grounded"),
        explainer=GroundedExplainer(compiled, labelling, off, "grounded"),
    )
