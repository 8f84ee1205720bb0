"""Preferred and stable semantics: which statements belong to every, some, or no coherent position.

Both run over the compiled attack graph of ``argmap.evaluation.framework`` (Dung 1995), with
switched-off statements forced OUT, by the exact search in ``argmap.evaluation.dung``. A
statement is

- IN when it is in *every* extension (sceptically accepted: "of every position"),
- UNDECIDED when it is in some extensions but not all (credulously accepted: "part of some
  coherent position"),
- OUT when it is in none.

Arguments read the same way: applicable in every extension, in none (inapplicable), or in some.
A map may have no stable extension (an odd cycle of attacks, e.g. a claim that undercuts the
argument for itself): then every statement is UNDECIDED, and the evaluation's notes and verdict
say "no stable extension" plainly. The search is exact but exponential in the worst case; past
the size guard it raises EvaluationError and suggests grounded semantics.
"""

from __future__ import annotations

from typing import Final, Literal

from argmap.evaluation.dung import grounded_labelling, search_extensions
from argmap.evaluation.framework import KIND_FAILS, CompiledMap, compile_map
from argmap.evaluation.labelling import Evaluation, Explanation, Reason, Status
from argmap.evaluation.verdict import verdicts
from argmap.model import ArgumentMap

__all__ = ["evaluate_preferred", "evaluate_stable"]

_EXAMPLES: Final = 3
_SHOWN: Final = 12


def _reduced(c: CompiledMap) -> tuple[list[list[int]], list[int], list[tuple[int, int]]]:
    """Return the compiled graph without the nodes whose label simply copies or negates a statement.

    An argument with one premise ``p`` and no undercutter is attacked only by ``F(p)``, which is
    attacked only by ``p``: in every complete labelling the argument has ``p``'s label and
    ``F(p)`` the opposite. So the argument node is merged into ``p`` (its attacks start at ``p``)
    and ``F(p)`` is dropped when nothing else depends on it. Complete labellings, and with them
    preferred and stable extensions, correspond one to one, with the same inclusions; the search
    then branches on statements rather than on their copies.

    Returns the reduced successor lists, the original node of each reduced node, and the merged
    (argument node, statement node) pairs. Statements keep their indices.
    """
    alias = list(range(len(c.succ)))
    for j, premises in enumerate(c.premises):
        if len(premises) == 1 and not c.undercutters[j]:
            alias[c.argument_node(j)] = premises[0]
    dropped = [c.kind[x] == KIND_FAILS and all(alias[y] != y for y in c.succ[x]) for x in range(len(c.succ))]
    original = [x for x in range(len(c.succ)) if alias[x] == x and not dropped[x]]
    index = {x: k for k, x in enumerate(original)}
    succ: list[list[int]] = [[] for _ in original]
    for x, targets in enumerate(c.succ):
        if dropped[x]:
            continue
        source = index[alias[x]]
        for y in targets:
            if alias[y] == y and not dropped[y]:
                succ[source].append(index[y])
    succ = [list(dict.fromkeys(targets)) for targets in succ]
    aliases = [(x, alias[x]) for x in range(len(c.succ)) if alias[x] != x]
    return succ, original, aliases


def _evaluate(
    argument_map: ArgumentMap, off: frozenset[str], semantics: Literal["preferred", "stable"]
) -> Evaluation:
    c = compile_map(argument_map)
    off_index = {c.statement_index[s] for s in off}
    succ, original, aliases = _reduced(c)
    indeg = [0] * len(succ)
    for targets in succ:
        for y in targets:
            indeg[y] += 1
    # Statements keep their indices in the reduced graph, so off ids and branching order carry over.
    start = grounded_labelling(succ, indeg, sorted(off_index))
    found = []
    for extension in search_extensions(succ, start.label, semantics, priority=range(len(succ))):
        members = {original[x] for x in extension}
        members.update(node for node, target in aliases if target in members)
        found.append(frozenset(members))
    total = len(found)
    counts = [0] * len(c.succ)
    for extension in found:
        for x in extension:
            counts[x] += 1

    def status(x: int) -> Status:
        if total == 0:
            return Status.UNDECIDED
        if counts[x] == total:
            return Status.IN
        return Status.OUT if counts[x] == 0 else Status.UNDECIDED

    statuses = {sid: Status.OFF if i in off_index else status(i) for i, sid in enumerate(c.statement_ids)}
    state = {Status.IN: "applicable", Status.OUT: "inapplicable", Status.UNDECIDED: "undecided"}
    arguments = {aid: state[status(c.argument_node(j))] for j, aid in enumerate(c.argument_ids)}
    notes: tuple[str, ...] = ()
    verdict_list = verdicts(argument_map, statuses, {}, semantics)
    if total == 0:
        notes = (
            (
                "no stable extension: no consistent choice of statements defeats everything it leaves"
                " out (an odd cycle of attacks), so every statement is shown as contested"
            ),
        )
        verdict_list = tuple(
            v.__class__(
                question=v.question,
                positions=v.positions,
                leader=None,
                text=f"No stable extension exists, so stable semantics gives no verdict on {v.question!r}.",
            )
            for v in verdict_list
        )

    def explain(statement_id: str) -> Explanation:
        i = c.statement_index[statement_id]
        statement = c.statements[i]
        st = statuses[statement_id]
        if st is Status.OFF:
            summary = f"{statement_id} is switched off: it counts as absent."
        elif total == 0:
            summary = f"{statement_id} is contested: there is no stable extension at all."
        elif st is Status.IN:
            summary = f"{statement_id} stands: it is in every {semantics} extension ({total} of {total})."
        elif st is Status.OUT:
            summary = f"{statement_id} falls: it is in none of the {total} {semantics} extensions."
        else:
            summary = (
                f"{statement_id} is contested: it is in {counts[i]} of the {total} {semantics} extensions"
                " (part of some coherent position, not of every one)."
            )
        reasons = []
        if st is not Status.OFF and total:
            names = c.statement_ids
            for k, extension in enumerate(found[:_EXAMPLES]):
                members = sorted(x for x in extension if x < c.n_statements)
                shown = ", ".join(names[x] for x in members[:_SHOWN]) or "no statement"
                if len(members) > _SHOWN:
                    shown += f" and {len(members) - _SHOWN} more"
                where = "includes it" if i in extension else "leaves it out"
                reasons.append(
                    Reason(
                        kind="extension",
                        text=f"Extension {k + 1} {where}: {shown}.",
                        statements=tuple(names[x] for x in members),
                    )
                )
            if total > _EXAMPLES:
                reasons.append(Reason(kind="extension", text=f"… and {total - _EXAMPLES} more extensions."))
        return Explanation(
            id=statement_id,
            label=statement.label,
            status=st,
            semantics=semantics,
            summary=summary,
            reasons=tuple(reasons),
        )

    return Evaluation(
        semantics=semantics,
        off=off,
        statuses=statuses,
        arguments=arguments,
        verdicts=verdict_list,
        notes=notes,
        explainer=explain,
    )


def evaluate_preferred(argument_map: ArgumentMap, off: frozenset[str]) -> Evaluation:
    """Evaluate a map under preferred semantics (sceptical IN, credulous UNDECIDED, OUT in none)."""
    return _evaluate(argument_map, off, "preferred")


def evaluate_stable(argument_map: ArgumentMap, off: frozenset[str]) -> Evaluation:
    """Evaluate a map under stable semantics; all UNDECIDED, with a note, when none exists."""
    return _evaluate(argument_map, off, "stable")
