"""Support loops nothing enters: claims that support only each other (rule 3, "support must be earned").

A *support loop* is a set of two or more statements each reachable from every other along pro
arguments (premise → conclusion): a strongly connected component of the support graph. It is
*unearned* when no member is given (evidence or assumed, switched on) and no switched-on pro
argument for a member has an open door from outside: all its premises outside the loop (or, for
``convergent`` and ``cumulative`` arguments, which weigh each premise on its own, any one premise
outside). Such claims hold each other up and nothing else: Carneades leaves them unaccepted and
DF-QuAD keeps them below full strength; both say so in the evaluation's notes.

>>> from argmap.model import ArgumentMap
>>> m = ArgumentMap.build("t")
>>> a, b = m.claim("a", "A"), m.claim("b", "B", supports="a")
>>> _ = m.pro("a", "b", id="a-b")
>>> unearned_support_loops(m.finish(), frozenset(), frozenset())
(('a', 'b'),)
"""

from __future__ import annotations

from typing import Final

from argmap.evaluation.graphs import strongly_connected_components
from argmap.model import ArgumentMap, Evidence

__all__ = ["loop_note", "unearned_support_loops"]

_ONE_BY_ONE: Final = frozenset({"convergent", "cumulative"})


def unearned_support_loops(
    argument_map: ArgumentMap, off_statements: frozenset[str], off_arguments: frozenset[str]
) -> tuple[tuple[str, ...], ...]:
    """Return each unearned support loop as its statement ids in declaration order, loops in order."""
    statements = argument_map.statements
    index = {s.id: i for i, s in enumerate(statements)}
    live = [a for a in argument_map.arguments if a.is_pro and a.id not in off_arguments]
    live = [a for a in live if a.conclusion not in off_statements]
    edges: list[list[int]] = [[] for _ in statements]
    for argument in live:
        target = index[argument.conclusion]
        for premise in argument.premises:
            if premise not in off_statements:
                edges[index[premise]].append(target)
    loops: list[tuple[str, ...]] = []
    for component in strongly_connected_components(edges):
        if len(component) < 2:  # noqa: PLR2004
            continue
        members = {statements[i].id for i in component}
        if any(isinstance(statements[i], Evidence) or statements[i].assumed for i in component):
            continue
        entered = False
        for argument in live:
            if argument.conclusion not in members:
                continue
            outside = [p not in members for p in argument.premises]
            scheme = (argument.scheme or "").strip().lower()
            if all(outside) or (scheme in _ONE_BY_ONE and any(outside)):
                entered = True
                break
        if not entered:
            loops.append(tuple(statements[i].id for i in component))
    loops.sort(key=lambda loop: index[loop[0]])
    return tuple(loops)


def loop_note(semantics: str, loop: tuple[str, ...], consequence: str) -> str:
    """Return the note flagging one unearned support loop."""
    shown = " → ".join([*loop[:6], loop[0]]) if len(loop) <= 6 else " → ".join(loop[:6]) + " → …"  # noqa: PLR2004
    return (
        f"{semantics}: support loop {shown}: these claims support only each other and nothing"
        f" (no evidence, assumption or outside argument) supports the loop; {consequence}"
    )
