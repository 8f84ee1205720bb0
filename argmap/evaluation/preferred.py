"""Preferred and stable semantics of a map: which statements every coherent reading accepts.

Both run over the compiled framework of ``argmap.evaluation.compiled`` (the same attacks as
grounded, rebuttals and competing positions included), with switched-off parts and claims whose
support is circular forced OUT, by the exact search in ``argmap.evaluation.dung``. A labelling
in which a statement stands only through a loop of support (its support does not lead back to
evidence or an assumption) is no labelling. Read sceptically (the default), a
statement

- stands (IN) when it is IN in *every* preferred (stable) labelling,
- falls (OUT) when it is OUT in every one,
- is open (UNDECIDED) otherwise: an odd cycle, or IN in some labellings and not in others.

Read credulously (``mode="credulous"``) it stands when it is IN in *some* labelling, falls when it
is OUT in every one, and is open otherwise. Arguments read the same way (applicable,
inapplicable, undecided). A map may have no stable labelling (an odd cycle of attacks): then
every statement is open, and the notes and verdict say so. The search is exponential in the
worst case; it stops with EvaluationError after ``timeout`` seconds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final, Literal

from argmap.errors import EvaluationError
from argmap.evaluation.compiled import KIND_FAILS, CompiledMap, compile_map
from argmap.evaluation.dung import DEFAULT_TIMEOUT, IN, Labellings, grounded_labelling, search_labellings
from argmap.evaluation.labelling import NOTHING_SUPPORTS, Evaluation, Explanation, Reason, Status
from argmap.evaluation.verdict import verdicts
from argmap.model import ArgumentMap

if TYPE_CHECKING:
    from collections.abc import Callable

    from argmap.model.off import Off

__all__ = ["MODES", "ExtensionExplainer", "evaluate_preferred", "evaluate_stable"]

MODES: Final = ("sceptical", "credulous")
"""How preferred/stable labellings are read: IN in every one, or IN in some."""

_EXAMPLES: Final = 3
_SHOWN: Final = 12
_STATE: Final = {Status.IN: "applicable", Status.OUT: "inapplicable", Status.UNDECIDED: "undecided"}


def _reduced(c: CompiledMap, keep: set[int]) -> tuple[list[list[int]], list[int]]:
    """Return the compiled graph without the nodes whose label simply copies or negates a statement.

    An argument with one premise ``p`` and no other attacker than ``F(p)`` (no undercutter, no
    rebuttal) has ``p``'s label in every complete labelling, and ``F(p)`` the opposite. So the
    argument node is merged into ``p`` (its attacks start at ``p``) and ``F(p)`` is dropped when
    nothing else depends on it; complete labellings correspond one to one, with the same
    inclusions, and the search branches on statements rather than on their copies. Nodes in
    ``keep`` (switched-off arguments) are never merged.

    Returns the reduced successor lists, and for each original node the reduced node whose label
    it has (``-1`` for a dropped F node).
    Statements keep their indices.
    """
    pred = c.predecessors()
    alias = list(range(len(c.succ)))
    for j, premises in enumerate(c.premises):
        node = c.argument_node(j)
        if len(premises) == 1 and node not in keep and pred[node] == [c.fails_node[premises[0]]]:
            alias[node] = premises[0]
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
    where = [-1 if dropped[x] else index[alias[x]] for x in range(len(c.succ))]
    return succ, where


def _founded_check(
    c: CompiledMap, where: list[int], fixed: bytearray
) -> Callable[[frozenset[int]], bool] | None:
    """Return a test that rejects a labelling in which a claim stands only through a support loop.

    A statement that needs support is founded when some applicable pro argument has only founded
    premises; statements that need none are founded when they stand. None: no statement needs
    support, so every labelling passes.
    """
    if not any(c.needs_support):
        return None
    n_statements = c.n_statements
    uses: list[list[int]] = [[] for _ in range(n_statements)]
    for j, premises in enumerate(c.premises):
        for p in premises:
            uses[p].append(j)
    base = {x for x, value in enumerate(fixed) if value == IN}

    def accept(members: frozenset[int]) -> bool:
        standing = base | members

        def is_in(node: int) -> bool:
            return where[node] in standing

        founded = bytearray(n_statements)
        queue = [i for i in range(n_statements) if not c.needs_support[i] and is_in(i)]
        for i in queue:
            founded[i] = 1
        missing = [len(ps) for ps in c.premises]
        for i in queue:
            for j in uses[i]:
                missing[j] -= 1
                if missing[j] == 0 and c.is_pro[j] and is_in(c.argument_node(j)):
                    conclusion = c.conclusion[j]
                    if not founded[conclusion] and is_in(conclusion):
                        founded[conclusion] = 1
                        queue.append(conclusion)
        return all(founded[i] or not is_in(i) for i in range(n_statements) if c.needs_support[i])

    return accept


class ExtensionExplainer:
    """Explains a preferred/stable status by counting labellings and showing a few; plain data."""

    def __init__(
        self,
        *,
        semantics: str,
        mode: str,
        labels: dict[str, str],
        statuses: dict[str, Status],
        counts: dict[str, tuple[int, int]],
        total: int,
        examples: list[tuple[str, ...]],
        unsupported: frozenset[str] = frozenset(),
    ) -> None:
        self.semantics = semantics
        self.unsupported = unsupported
        """Statements that need support and that no argument concludes: why they fall."""
        self.mode = mode
        self.labels = labels
        self.statuses = statuses
        self.counts = counts
        self.total = total
        self.examples = examples

    def _summary(self, sid: str, status: Status) -> str:
        ins, outs = self.counts[sid]
        total, kind = self.total, f"{self.semantics} labellings"
        if status is Status.OFF:
            return f"{sid} is switched off: it counts as absent."
        if total == 0:
            return f"{sid} is open: there is no stable labelling at all."
        tally = f"IN in {ins:,} and OUT in {outs:,} of the {total:,} {kind}"
        if status is Status.IN:
            where = "every" if self.mode == "sceptical" else "at least one"
            return f"{sid} stands: it is IN in {where} {self.semantics} labelling ({tally})."
        if status is Status.OUT and sid in self.unsupported:
            return f"{sid} falls: {NOTHING_SUPPORTS}."
        if status is Status.OUT:
            return f"{sid} falls: it is OUT in every {self.semantics} labelling ({tally})."
        return f"{sid} is open: {tally}."

    def __call__(self, statement_id: str) -> Explanation:
        """Return the explanation of the statement with this id."""
        status = self.statuses[statement_id]
        reasons = []
        if status is not Status.OFF and self.total:
            for k, members in enumerate(self.examples):
                shown = ", ".join(members[:_SHOWN]) or "no statement"
                if len(members) > _SHOWN:
                    shown += f" and {len(members) - _SHOWN} more"
                where = "has it IN" if statement_id in members else "does not have it IN"
                reasons.append(
                    Reason(
                        kind="extension", text=f"Labelling {k + 1} {where}; IN: {shown}.", statements=members
                    )
                )
            if self.total > len(self.examples):
                more = self.total - len(self.examples)
                reasons.append(Reason(kind="extension", text=f"… and {more:,} more labellings."))
        return Explanation(
            id=statement_id,
            label=self.labels[statement_id],
            status=status,
            semantics=self.semantics,
            summary=self._summary(statement_id, status),
            reasons=tuple(reasons),
        )


def _status(ins: int, outs: int, total: int, mode: str) -> Status:
    if total == 0:
        return Status.UNDECIDED
    if outs == total:
        return Status.OUT
    if ins == total or (mode == "credulous" and ins > 0):
        return Status.IN
    return Status.UNDECIDED


def _evaluate(
    argument_map: ArgumentMap,
    off: Off,
    semantics: Literal["preferred", "stable"],
    timeout: float | None,
    mode: str,
) -> Evaluation:
    if mode == "skeptical":
        mode = "sceptical"
    if mode not in MODES:
        raise EvaluationError(
            f"evaluate: unknown mode {mode!r} for {semantics} (use 'sceptical' or 'credulous')"
        )
    if timeout is not None and not timeout > 0:
        raise EvaluationError(f"evaluate: timeout must be a positive number of seconds, got {timeout!r}")
    c = compile_map(argument_map)
    switched, unfounded = c.forced_out(off)
    first = c.n_statements
    succ, where = _reduced(c, {x for x in switched if x >= first})
    indeg = [0] * len(succ)
    for targets in succ:
        for y in targets:
            indeg[y] += 1
    # Statements keep their indices in the reduced graph, and kept argument nodes are found by
    # ``where``, so the forced nodes carry over.
    forced = sorted({where[x] for x in switched + unfounded})
    start = grounded_labelling(succ, indeg, forced)
    size = f"{c.n_statements:,} statements and {len(c.arguments):,} arguments"
    found: Labellings = search_labellings(
        succ,
        start.label,
        semantics,
        timeout=timeout,
        accept=_founded_check(c, where, start.label),
        size=size,
    )
    total = found.total
    counts_cache: dict[int, tuple[int, int]] = {}

    def counts(node: int) -> tuple[int, int]:
        reduced = where[node]
        if reduced not in counts_cache:
            counts_cache[reduced] = found.counts(reduced)
        return counts_cache[reduced]

    statuses: dict[str, Status] = {}
    statement_counts: dict[str, tuple[int, int]] = {}
    for i, sid in enumerate(c.statement_ids):
        statement_counts[sid] = counts(i)
        statuses[sid] = Status.OFF if sid in off.statements else _status(*counts(i), total, mode)
    arguments = {
        aid: _STATE[_status(*counts(c.argument_node(j)), total, mode)] for j, aid in enumerate(c.argument_ids)
    }
    notes: tuple[str, ...] = ()
    verdict_list = verdicts(argument_map, statuses, {}, semantics, off=off)
    if total == 0:
        notes = (
            (
                "no stable labelling: no consistent choice of statements defeats everything it"
                " leaves out (an odd cycle of attacks), so every statement is shown as open"
            ),
        )
        verdict_list = tuple(
            v.__class__(
                question=v.question,
                positions=v.positions,
                leader=None,
                text=f"No stable labelling exists, so stable semantics gives no verdict on {v.question!r}.",
            )
            for v in verdict_list
        )
    examples = [
        tuple(c.statement_ids[x] for x in sorted(found.example(k)) if x < first)
        for k in range(min(total, _EXAMPLES))
    ]
    explainer = ExtensionExplainer(
        semantics=semantics,
        mode=mode,
        labels={s.id: s.label for s in c.statements},
        statuses=statuses,
        counts=statement_counts,
        total=total,
        examples=examples,
        unsupported=frozenset(
            sid for i, sid in enumerate(c.statement_ids) if c.needs_support[i] and not c.pro_args[i]
        ),
    )
    return Evaluation(
        semantics=semantics,
        off=off.ids,
        statuses=statuses,
        arguments=arguments,
        verdicts=verdict_list,
        notes=notes,
        mode=mode,
        extensions=total,
        explainer=explainer,
    )


def evaluate_preferred(
    argument_map: ArgumentMap, off: Off, *, timeout: float | None = DEFAULT_TIMEOUT, mode: str = "sceptical"
) -> Evaluation:
    """Evaluate a map under preferred semantics (see the module docstring for ``mode``)."""
    return _evaluate(argument_map, off, "preferred", timeout, mode)


def evaluate_stable(
    argument_map: ArgumentMap, off: Off, *, timeout: float | None = DEFAULT_TIMEOUT, mode: str = "sceptical"
) -> Evaluation:
    """Evaluate a map under stable semantics; every statement open, with a note, when none exists."""
    return _evaluate(argument_map, off, "stable", timeout, mode)
