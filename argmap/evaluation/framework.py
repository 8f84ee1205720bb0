"""An ArgumentMap compiled once into integer-indexed attack lists, cached per map object.

The compiled framework (notes §3.3) has one node per statement and per argument, plus:

- a "fails" node ``F(p)`` for each statement ``p`` used as a premise: ``p`` attacks ``F(p)``, and
  ``F(p)`` attacks every argument that has ``p`` among its premises. So ``F(p)`` is IN exactly
  when ``p`` is OUT (or switched off), and then the argument cannot apply;
- a "lacks support" node ``U(c)`` for each statement ``c`` that needs support (some pro argument
  concludes it, and it is neither evidence nor assumed): every pro argument of ``c`` attacks
  ``U(c)``, and ``U(c)`` attacks ``c``. ``U(c)`` is IN exactly when every argument for ``c`` is
  inapplicable, and then ``c`` is OUT: "no standing support".

Each con argument attacks its conclusion; each undercutter attacks the argument it undercuts.
An argument node is IN ("applicable") when all its premises are IN and all its undercutters OUT.
The size is linear in the map: at most two extra nodes per statement.

Compiling is done once per map object (the cache is keyed on identity and dropped when the map
is garbage-collected), so switching evidence on and off only re-runs propagation.
"""

from __future__ import annotations

import weakref
from itertools import compress
from operator import attrgetter
from typing import Final

from argmap._gc import paused_gc
from argmap.model import ArgumentMap, Evidence, Statement
from argmap.model.arguments import Argument

__all__ = [
    "KIND_ARGUMENT",
    "KIND_FAILS",
    "KIND_LACKS",
    "KIND_STATEMENT",
    "CompiledMap",
    "compile_map",
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


class CompiledMap:
    """The integer-indexed form of one map; read-only after construction.

    Nodes ``0..S-1`` are the statements in declaration order, ``S..S+A-1`` the arguments, then
    the auxiliary nodes. ``kind[x]``/``ref[x]`` say what node ``x`` stands for (``ref`` is the
    statement index for F and U nodes).
    """

    __slots__ = (
        "__weakref__",
        "argument_ids",
        "arguments",
        "cache",
        "con_args",
        "conclusion",
        "fails_node",
        "indeg",
        "kind",
        "lacks_node",
        "needs_support",
        "premises",
        "pro_args",
        "ref",
        "statement_ids",
        "statement_index",
        "statements",
        "succ",
        "undercutters",
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
        is_pro = [stance == "pro" for stance in map(_STANCE, arguments)]
        self.pro_args: list[list[int]] = [[] for _ in range(n_statements)]
        self.con_args: list[list[int]] = [[] for _ in range(n_statements)]
        pro_args, con_args = self.pro_args, self.con_args
        for j, (c, pro) in enumerate(zip(self.conclusion, is_pro, strict=True)):
            (pro_args if pro else con_args)[c].append(j)
        self.needs_support: list[bool] = [
            bool(pro) and not s.assumed and not isinstance(s, Evidence)
            for s, pro in zip(statements, pro_args, strict=True)
        ]
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
        # use its premise, in argument order.
        succ: list[list[int]] = [[f] if f >= 0 else [] for f in fails_node]
        succ += [
            [c] if not pro else [lacks_node[c]] if lacks_node[c] >= 0 else []
            for c, pro in zip(self.conclusion, is_pro, strict=True)
        ]
        succ += [[] for _ in fails_ref]
        succ += [[i] for i in lacks_ref]
        for node, premises, undercutters in zip(
            range(n_statements, n_statements + n_arguments), self.premises, self.undercutters, strict=True
        ):
            for p in premises:
                succ[fails_node[p]].append(node)
            for u in undercutters:
                succ[u].append(node)
        self.succ: list[list[int]] = succ
        indeg = [0] * len(succ)
        for targets in succ:
            for y in targets:
                indeg[y] += 1
        self.indeg: list[int] = indeg
        self.cache: dict[str, object] = {}
        """Derived structures other semantics build once per map (e.g. DF-QuAD's evaluation order)."""

    @property
    def n_statements(self) -> int:
        """Return the number of statements."""
        return len(self.statements)

    def argument_node(self, j: int) -> int:
        """Return the node of argument ``j``."""
        return len(self.statements) + j


_CACHE: dict[int, tuple[weakref.ref[ArgumentMap], CompiledMap]] = {}


def _forget(key: int) -> None:
    _CACHE.pop(key, None)


def compile_map(argument_map: ArgumentMap) -> CompiledMap:
    """Return the compiled form of a map, compiling it on first use.

    The cache is keyed on the map object's identity (maps are frozen, so identity is enough and
    avoids hashing a large map) and the entry is dropped when the map is garbage-collected.
    """
    key = id(argument_map)
    entry = _CACHE.get(key)
    if entry is not None and entry[0]() is argument_map:
        return entry[1]
    with paused_gc():
        compiled = CompiledMap(argument_map)
    _CACHE[key] = (weakref.ref(argument_map), compiled)
    weakref.finalize(argument_map, _forget, key)
    return compiled
