"""An ArgumentMap compiled once into integer-indexed attack lists, kept with the map.

The compiled framework (notes §3.3) has one node per statement and per argument, plus:

- a "fails" node ``F(p)`` for each statement ``p`` used as a premise: ``p`` attacks ``F(p)``, and
  ``F(p)`` attacks every argument that has ``p`` among its premises. So ``F(p)`` is IN exactly
  when ``p`` is OUT (or switched off), and then the argument cannot apply;
- a "lacks support" node ``U(c)`` for each statement ``c`` that needs support (every claim and
  position that is neither evidence nor assumed, and a question that some pro argument
  concludes): every pro argument of ``c`` attacks ``U(c)``, and ``U(c)`` attacks ``c``. ``U(c)``
  is IN exactly when no argument for ``c`` prevails, and then ``c`` is OUT: "no standing
  support" (with no pro argument at all, "nothing supports it"). Support is earned everywhere,
  so adding an argument for ``c`` can only add an attacker of ``U(c)``, never make ``c`` worse.

The attacks between them (docs/semantics.md states the rules with examples):

- each undercutter attacks the argument it undercuts;
- each con argument attacks its conclusion (rebuttal);
- a con argument and each pro argument of the same conclusion attack one another, except that
  where both carry a weight the strictly weaker one does not attack the stronger;
- the positions answering one question (unless it is ``compatible``) attack one another, and
  each pro argument of one position attacks the other positions and, weights deciding as above,
  their pro arguments.

An argument node is IN ("applicable") when all its premises are IN, all its undercutters OUT,
and every argument rebutting it OUT. The size is linear in the map except for the rebuttals
between the arguments of one conclusion or one question.

Compiling is done once per map object and kept in a private slot of the map, so switching parts
on and off only re-runs propagation.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import compress
from operator import attrgetter
from typing import TYPE_CHECKING, Final

from argmap.model import ArgumentMap, Evidence, Question, Statement
from argmap.model.arguments import Argument

if TYPE_CHECKING:
    from argmap.model.off import Off

__all__ = [
    "KIND_ARGUMENT",
    "KIND_FAILS",
    "KIND_LACKS",
    "KIND_STATEMENT",
    "CompiledMap",
    "compile_map",
    "defeats",
]

KIND_STATEMENT: Final = 0
KIND_ARGUMENT: Final = 1
KIND_FAILS: Final = 2
KIND_LACKS: Final = 3

_ID: Final = attrgetter("id")
_CONCLUSION: Final = attrgetter("conclusion")
_PREMISES: Final = attrgetter("premises")
_UNDERCUTTERS: Final = attrgetter("undercutters")
_STANCE: Final = attrgetter("stance")
_WEIGHT: Final = attrgetter("weight")
_SLOT: Final = "evaluation.compiled"


def defeats(attacker: float | None, target: float | None) -> bool:
    """Return whether a rebutting argument of weight ``attacker`` defeats one of weight ``target``.

    Only weights decide, and only when both arguments carry one: the strictly weaker does not
    defeat the stronger; otherwise (no weight, or equal weights) each defeats the other.

    >>> defeats(0.4, 0.8), defeats(0.8, 0.4), defeats(0.5, 0.5), defeats(None, 0.9)
    (False, True, True, True)
    """
    return attacker is None or target is None or attacker >= target


class CompiledMap:
    """The integer-indexed form of one map; read-only after construction.

    Nodes ``0..S-1`` are the statements in declaration order, ``S..S+A-1`` the arguments, then
    the auxiliary nodes. ``kind[x]``/``ref[x]`` say what node ``x`` stands for (``ref`` is the
    statement index for F and U nodes). ``rivals[i]`` lists, for a position ``i`` of a question
    whose positions compete, the other positions of that question.
    """

    __slots__ = (
        "argument_ids",
        "arguments",
        "cache",
        "con_args",
        "conclusion",
        "fails_node",
        "indeg",
        "is_pro",
        "kind",
        "lacks_node",
        "needs_support",
        "premises",
        "pro_args",
        "ref",
        "rivals",
        "statement_ids",
        "statement_index",
        "statements",
        "succ",
        "undercutters",
        "weights",
    )

    def __init__(self, argument_map: ArgumentMap) -> None:
        # Written for 10^5 statements: C-level map()/zip() where a comprehension would do, and
        # the common shapes (one premise, no undercutter) without a generator per argument.
        statements = argument_map.statements
        arguments = argument_map.arguments
        n_statements = len(statements)
        n_arguments = len(arguments)
        self.statements: tuple[Statement, ...] = statements
        self.arguments: tuple[Argument, ...] = arguments
        self.statement_ids: tuple[str, ...] = tuple(map(_ID, statements))
        self.argument_ids: tuple[str, ...] = tuple(map(_ID, arguments))
        index = dict(zip(self.statement_ids, range(n_statements), strict=True))
        self.statement_index: dict[str, int] = index
        at = index.__getitem__
        self.conclusion: list[int] = list(map(at, map(_CONCLUSION, arguments)))
        self.premises: list[tuple[int, ...]] = [
            (at(ps[0]),) if len(ps) == 1 else tuple(map(at, ps)) for ps in map(_PREMISES, arguments)
        ]
        self.undercutters: list[tuple[int, ...]] = [
            tuple(map(at, us)) if us else () for us in map(_UNDERCUTTERS, arguments)
        ]
        self.weights: list[float | None] = list(map(_WEIGHT, arguments))
        is_pro = [stance == "pro" for stance in map(_STANCE, arguments)]
        self.is_pro: list[bool] = is_pro
        # Most statements (the evidence) have no argument for or against them: they share one
        # empty tuple, which spares the garbage collector 10^5 lists on big maps.
        pro_args: list[Sequence[int]] = [()] * n_statements
        con_args: list[Sequence[int]] = [()] * n_statements
        for j, (c, pro) in enumerate(zip(self.conclusion, is_pro, strict=True)):
            by_stance = pro_args if pro else con_args
            members = by_stance[c]
            if members:
                members.append(j)  # type: ignore[attr-defined]  # a list once it has one member
            else:
                by_stance[c] = [j]
        self.pro_args: list[Sequence[int]] = pro_args
        self.con_args: list[Sequence[int]] = con_args
        # Rule 3: a claim or position must earn its support, with or without arguments for it;
        # a question is not asserted, so it needs support only when something argues for it.
        self.needs_support: list[bool] = [
            not s.assumed and not isinstance(s, Evidence) and (bool(pro) or not isinstance(s, Question))
            for s, pro in zip(statements, pro_args, strict=True)
        ]
        self.rivals: dict[int, tuple[int, ...]] = {}
        for question in argument_map.questions:
            if getattr(question, "compatible", False):
                continue
            group = [at(p.id) for p in argument_map.positions_of(question.id)]
            if len(group) > 1:
                for i in group:
                    self.rivals[i] = tuple(k for k in group if k != i)
        # Auxiliary nodes: F(p) in order of first use as a premise, then U(c) in statement order.
        fails_node = [-1] * n_statements
        fails_ref: list[int] = []
        next_node = n_statements + n_arguments
        for premises in self.premises:
            for p in premises:
                if fails_node[p] < 0:
                    fails_node[p] = next_node + len(fails_ref)
                    fails_ref.append(p)
        next_node += len(fails_ref)
        lacks_ref = list(compress(range(n_statements), self.needs_support))
        lacks_node = [-1] * n_statements
        for k, i in enumerate(lacks_ref, next_node):
            lacks_node[i] = k
        self.fails_node: list[int] = fails_node
        self.lacks_node: list[int] = lacks_node
        self.kind: list[int] = (
            [KIND_STATEMENT] * n_statements
            + [KIND_ARGUMENT] * n_arguments
            + [KIND_FAILS] * len(fails_ref)
            + [KIND_LACKS] * len(lacks_ref)
        )
        self.ref: list[int] = [*range(n_statements), *range(n_arguments), *fails_ref, *lacks_ref]
        # Edges, in the order the labelling's explanations rely on: a statement's list starts
        # with its F node, then the arguments it undercuts; an F node lists the arguments that
        # use its premise, in argument order. Kept as tuples: tuples of ints drop out of the
        # garbage collector's view once it has seen them, 10^5 lists would not.
        first_fails = n_statements + n_arguments
        succ: list[list[int]] = [[f] if f >= 0 else [] for f in fails_node]
        succ += [
            [c] if not pro else [lacks_node[c]] if lacks_node[c] >= 0 else []
            for c, pro in zip(self.conclusion, is_pro, strict=True)
        ]
        succ += [[] for _ in fails_ref]
        succ += [[i] for i in lacks_ref]
        for node, premises, undercutters in zip(
            range(n_statements, first_fails), self.premises, self.undercutters, strict=True
        ):
            for p in premises:
                succ[fails_node[p]].append(node)
            for u in undercutters:
                succ[u].append(node)
        src: list[int] = []
        dst: list[int] = []
        self._add_rebuttals(src, dst, n_statements)
        for x, y in zip(src, dst, strict=True):
            succ[x].append(y)
        self.succ: list[tuple[int, ...]] = list(map(tuple, succ))
        indeg = [0] * len(succ)
        for targets in succ:
            for y in targets:
                indeg[y] += 1
        self.indeg: list[int] = indeg
        self.cache: dict[str, object] = {}
        """Derived structures other semantics build once per map (e.g. DF-QuAD's evaluation order)."""

    def _add_rebuttals(self, src: list[int], dst: list[int], first: int) -> None:
        weights = self.weights
        for c in compress(range(len(self.statements)), self.con_args):
            pro, con = self.pro_args[c], self.con_args[c]
            if pro:
                for a in con:
                    for b in pro:
                        if defeats(weights[a], weights[b]):
                            src.append(first + a)
                            dst.append(first + b)
                        if defeats(weights[b], weights[a]):
                            src.append(first + b)
                            dst.append(first + a)
        for i, others in self.rivals.items():
            for k in others:
                src.append(i)
                dst.append(k)
                for a in self.pro_args[i]:
                    src.append(first + a)
                    dst.append(k)
                    for b in self.pro_args[k]:
                        if defeats(weights[a], weights[b]):
                            src.append(first + a)
                            dst.append(first + b)

    @property
    def n_statements(self) -> int:
        """Return the number of statements."""
        return len(self.statements)

    def argument_node(self, j: int) -> int:
        """Return the node of argument ``j``."""
        return len(self.statements) + j

    def predecessors(self) -> list[list[int]]:
        """Return, for every node, the nodes that attack it (built once, on first use)."""
        cached = self.cache.get("predecessors")
        if isinstance(cached, list):
            return cached
        pred: list[list[int]] = [[] for _ in self.succ]
        for x, targets in enumerate(self.succ):
            for y in targets:
                pred[y].append(x)
        self.cache["predecessors"] = pred
        return pred

    def forced_out(self, off: Off) -> tuple[list[int], list[int]]:
        """Return the switched-off nodes, and the statements whose support cannot be earned.

        Switched-off nodes are the statements and arguments in ``off`` and the arguments whose
        conclusion is switched off.

        A statement that needs support is *unfounded* when no chain of arguments leads to it from
        statements that need none (evidence, assumptions, questions nothing argues for), using
        only the parts switched on: claims that support only each other, or rest on claims that
        nothing supports. They are OUT in every semantics. A statement with no pro argument at
        all is not listed: nothing attacks its U node, so propagation puts it OUT anyway.
        """
        index = self.statement_index
        first = len(self.statements)
        off_statements = [index[s] for s in sorted(off.statements)]
        off_arguments = []
        if off.arguments:
            argument_index = {a: j for j, a in enumerate(self.argument_ids)}
            off_arguments = [argument_index[a] for a in sorted(off.arguments)]
        # An argument whose conclusion is switched off is switched off with it: it bears on nothing
        # that is there (it no longer speaks against its conclusion's competing positions).
        off_arguments = sorted(
            {*off_arguments, *(j for i in off_statements for j in (*self.pro_args[i], *self.con_args[i]))}
        )
        switched = off_statements + [first + j for j in off_arguments]
        if not any(self.needs_support):
            return switched, []
        return switched, self._unfounded(off_statements, off_arguments)

    def _uses(self) -> list[list[int]]:
        """Return, per statement, the arguments that have it as a premise (built once)."""
        cached = self.cache.get("uses")
        if isinstance(cached, list):
            return cached
        uses: list[list[int]] = [[] for _ in self.statements]
        for j, ps in enumerate(self.premises):
            for p in ps:
                uses[p].append(j)
        self.cache["uses"] = uses
        return uses

    def _unfounded(self, off_statements: list[int], off_arguments: list[int]) -> list[int]:
        """Return the statements whose support cannot be earned with these parts switched off.

        With nothing off this is computed once. Switching parts off can only change statements
        that some chain of support leads to from them, so only that region is recomputed: a
        toggle costs what it touches, not the whole map.
        """
        base = self.cache.get("founded")
        everywhere = self.cache.get("unfounded")
        if not isinstance(base, bytearray) or not isinstance(everywhere, list):
            base = self._founded(range(len(self.statements)), set(), set(), None)
            # A statement with no pro argument at all is left out: its U node has no attacker,
            # so propagation puts it OUT without being told, and the list stays short.
            pro = self.pro_args
            everywhere = [i for i, ok in enumerate(base) if self.needs_support[i] and not ok and pro[i]]
            self.cache["founded"] = base
            self.cache["unfounded"] = everywhere
        if not off_statements and not off_arguments:
            return everywhere
        uses = self._uses()
        region: set[int] = set()
        todo = [*off_statements, *(self.conclusion[j] for j in off_arguments if self.is_pro[j])]
        while todo:
            x = todo.pop()
            if x not in region:
                region.add(x)
                todo.extend(self.conclusion[j] for j in uses[x] if self.is_pro[j])
        founded = self._founded(sorted(region), set(off_statements), set(off_arguments), base)
        dead = set(off_statements)
        unfounded = [i for i in everywhere if i not in region]
        unfounded += [
            i
            for i in sorted(region)
            if self.needs_support[i] and not founded[i] and i not in dead and self.pro_args[i]
        ]
        return unfounded

    def _founded(
        self,
        region: range | list[int],
        dead_statements: set[int],
        dead_arguments: set[int],
        base: bytearray | None,
    ) -> bytearray:
        """Return which statements of ``region`` have support leading back to something needing none.

        Statements outside ``region`` keep their status in ``base``; with no base, the region is
        every statement.
        """
        n = len(self.statements)
        inside = None if base is None else set(region)
        founded = bytearray(n)
        missing: dict[int, int] = {}
        queue = []
        for i in region:
            if not self.needs_support[i] and i not in dead_statements:
                founded[i] = 1
                queue.append(i)
        for c in region:
            if c in dead_statements:
                continue
            for j in self.pro_args[c]:
                if j in dead_arguments:
                    continue
                count = 0
                for p in self.premises[j]:
                    if inside is None or p in inside:
                        count += 1
                    elif base is not None and not base[p]:
                        count += n + 1  # unfounded outside the region: never satisfied
                missing[j] = count
                if count == 0 and not founded[c]:
                    founded[c] = 1
                    queue.append(c)
        uses = self._uses()
        for i in queue:
            for j in uses[i]:
                if j in missing:
                    missing[j] -= 1
                    c = self.conclusion[j]
                    if missing[j] == 0 and not founded[c]:
                        founded[c] = 1
                        queue.append(c)
        return founded


def compile_map(argument_map: ArgumentMap) -> CompiledMap:
    """Return the compiled form of a map, compiling it on first use and keeping it with the map."""
    derived = argument_map._derived  # noqa: SLF001  # the model's slot for exactly this
    compiled = derived.get(_SLOT)
    if not isinstance(compiled, CompiledMap):
        compiled = CompiledMap(argument_map)
        derived[_SLOT] = compiled
    return compiled
