"""Hypothesis strategies for evaluation: maps with evidence, claims, positions, rebuttals, undercuts."""

from __future__ import annotations

from hypothesis import strategies as st

from argmap.model import Argument, ArgumentMap, Claim, Evidence, Position, Question, Source
from argmap.model.lines import Line


@st.composite
def evaluation_maps(
    draw: st.DrawFn, max_statements: int = 9, max_arguments: int = 12, acyclic: bool = False
) -> ArgumentMap:
    """Draw a valid map shaped for evaluation: cycles, linked premises and undercutters included.

    With ``acyclic`` every argument's premises and undercutters come later in declaration order
    than its conclusion, so the support/attack graph has no cycle.
    """
    n = draw(st.integers(min_value=2, max_value=max_statements))
    kinds = draw(st.lists(st.sampled_from(["claim", "evidence", "position"]), min_size=n, max_size=n))
    statements: list = [Question(id="q", text="The question", compatible=draw(st.booleans()))]
    ids: list[str] = []
    for k, kind in enumerate(kinds):
        sid = f"{kind[0]}{k}"
        ids.append(sid)
        if kind == "evidence":
            weight = draw(st.none() | st.floats(min_value=0.0, max_value=1.0))
            statements.append(Evidence(id=sid, quote=f"quote {k}", source="src", weight=weight))
        elif kind == "position":
            # Mostly not assumed: a position has to earn its support (rule 3), but an assumed
            # one keeps competing positions that stand without arguments in the draws.
            assumed = draw(st.sampled_from([False, False, True]))
            statements.append(Position(id=sid, text=f"position {k}", answers="q", assumed=assumed))
        else:
            assumed = draw(st.booleans())
            score = draw(st.none() | st.floats(min_value=0.0, max_value=1.0))
            statements.append(Claim(id=sid, text=f"claim {k}", assumed=assumed, base_score=score))
    arguments = []
    for j in range(draw(st.integers(min_value=0, max_value=max_arguments))):
        c = draw(st.integers(min_value=0, max_value=n - 1))
        pool = [i for i in range(n) if i != c and (not acyclic or i > c)]
        if not pool:
            continue
        premises = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=3, unique=True))
        rest = [i for i in pool if i not in premises]
        undercutters = draw(st.lists(st.sampled_from(rest), max_size=2, unique=True)) if rest else []
        # Few distinct weights, so that equal weights (mutual defeat) come up as often as unequal.
        weight = draw(
            st.none() | st.sampled_from([0.25, 0.5, 0.75]) | st.floats(min_value=0.0, max_value=1.0)
        )
        arguments.append(
            Argument(
                id=f"a{j}",
                conclusion=ids[c],
                premises=tuple(ids[i] for i in premises),
                stance=draw(st.sampled_from(["pro", "con"])),
                undercutters=tuple(ids[i] for i in undercutters),
                weight=weight,
            )
        )
    lines: tuple[Line, ...] = ()
    if len(arguments) > 1 and draw(st.booleans()):
        members = draw(
            st.lists(st.sampled_from([a.id for a in arguments]), min_size=1, max_size=3, unique=True)
        )
        lines = (Line(id="line", title="A line of argument", arguments=tuple(members)),)
    return ArgumentMap(
        title="generated",
        sources=(Source(id="src", title="A source"),),
        statements=tuple(statements),
        arguments=tuple(arguments),
        lines=lines,
    )


def reordered(
    argument_map: ArgumentMap, statement_order: list[int], argument_order: list[int]
) -> ArgumentMap:
    """Return the same map with statements and arguments declared in another order."""
    return ArgumentMap(
        title=argument_map.title,
        sources=argument_map.sources,
        statements=tuple(argument_map.statements[i] for i in statement_order),
        arguments=tuple(argument_map.arguments[i] for i in argument_order),
        lines=argument_map.lines,
    )


def off_sets(argument_map: ArgumentMap, max_size: int = 3) -> st.SearchStrategy[frozenset[str]]:
    """Draw a set of ids to switch off: statements, arguments and lines alike."""
    ids = [s.id for s in argument_map.statements] + [a.id for a in argument_map.arguments]
    ids += [line.id for line in argument_map.lines]
    return st.frozensets(st.sampled_from(ids), max_size=max_size)
