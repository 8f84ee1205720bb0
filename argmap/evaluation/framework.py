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
from typing import Final

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
        self.statements: tuple[Statement, ...] = argument_map.statements
        self.arguments: tuple[Argument, ...] = argument_map.arguments
        self.statement_ids: tuple[str, ...] = tuple(s.id for s in self.statements)
        self.argument_ids: tuple[str, ...] = tuple(a.id for a in self.arguments)
        index = {sid: i for i, sid in enumerate(self.statement_ids)}
        self.statement_index: dict[str, int] = index
        n_statements = len(self.statements)
        self.conclusion: list[int] = [index[a.conclusion] for a in self.arguments]
        self.premises: list[tuple[int, ...]] = [tuple(index[p] for p in a.premises) for a in self.arguments]
        self.undercutters: list[tuple[int, ...]] = [
            tuple(index[u] for u in a.undercutters) for a in self.arguments
        ]
        self.pro_args: list[list[int]] = [[] for _ in range(n_statements)]
        self.con_args: list[list[int]] = [[] for _ in range(n_statements)]
        for j, argument in enumerate(self.arguments):
            (self.pro_args if argument.is_pro else self.con_args)[self.conclusion[j]].append(j)
        self.needs_support: list[bool] = [
            bool(self.pro_args[i]) and not s.assumed and not isinstance(s, Evidence)
            for i, s in enumerate(self.statements)
        ]
        kind = [KIND_STATEMENT] * n_statements + [KIND_ARGUMENT] * len(self.arguments)
        ref = list(range(n_statements)) + list(range(len(self.arguments)))
        self.fails_node: list[int] = [-1] * n_statements
        self.lacks_node: list[int] = [-1] * n_statements
        for premises in self.premises:
            for p in premises:
                if self.fails_node[p] < 0:
                    self.fails_node[p] = len(kind)
                    kind.append(KIND_FAILS)
                    ref.append(p)
        for i in range(n_statements):
            if self.needs_support[i]:
                self.lacks_node[i] = len(kind)
                kind.append(KIND_LACKS)
                ref.append(i)
        self.kind: list[int] = kind
        self.ref: list[int] = ref
        succ: list[list[int]] = [[] for _ in kind]
        for i in range(n_statements):
            if self.fails_node[i] >= 0:
                succ[i].append(self.fails_node[i])
            if self.lacks_node[i] >= 0:
                succ[self.lacks_node[i]].append(i)
        for j in range(len(self.arguments)):
            node = n_statements + j
            for p in self.premises[j]:
                succ[self.fails_node[p]].append(node)
            for u in self.undercutters[j]:
                succ[u].append(node)
            c = self.conclusion[j]
            if self.arguments[j].is_pro:
                if self.lacks_node[c] >= 0:
                    succ[node].append(self.lacks_node[c])
            else:
                succ[node].append(c)
        self.succ: list[list[int]] = succ
        indeg = [0] * len(kind)
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
    compiled = CompiledMap(argument_map)
    _CACHE[key] = (weakref.ref(argument_map), compiled)
    weakref.finalize(argument_map, _forget, key)
    return compiled
