"""Hypothesis strategies that build valid ArgumentMaps of every shape the model allows."""

from __future__ import annotations

from hypothesis import strategies as st

from argmap.model import Argument, ArgumentMap, Claim, Evidence, Position, Question, Source

# Text as users write it: unicode, quotes, backslashes, line breaks, right-to-left scripts.
texts = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip() != "")
optional_texts = st.none() | texts
ids = st.from_regex(r"[A-Za-z][A-Za-z0-9_.:\-]{0,12}", fullmatch=True) | st.sampled_from(
    ["yes", "no", "on", "off", "null", "1", "0.5", "true", "é-ü", "日本"]
)
units = st.none() | st.floats(min_value=0.0, max_value=1.0, allow_nan=False)
standards = st.none() | st.sampled_from(["se", "pe", "cce", "brd", "dv"])


@st.composite
def argument_maps(draw: st.DrawFn, max_statements: int = 8) -> ArgumentMap:
    """Draw a valid map: unique ids, every reference resolved, no self-support."""
    names = draw(st.lists(ids, min_size=2, max_size=max_statements + 3, unique=True))
    source_id, question_id, *statement_ids = names
    statement_ids = statement_ids or ["only"]
    sources = [
        Source(
            id=source_id,
            title=draw(texts),
            author=draw(optional_texts),
            date=draw(st.none() | st.sampled_from(["2023-10-20", "1980", "June 1980"])),
            url=draw(st.none() | st.sampled_from(["https://example.org/a?b=1&c=2", "http://x.test/é"])),
            path=draw(st.none() | st.just("../seeds/a.txt")),
        )
    ]
    statements: list[object] = [Question(id=question_id, text=draw(texts), note=draw(optional_texts))]
    for sid in statement_ids:
        kind = draw(st.sampled_from(["position", "claim", "evidence"]))
        if kind == "position":
            statements.append(
                Position(
                    id=sid,
                    text=draw(texts),
                    answers=question_id,
                    base_score=draw(units),
                    standard=draw(standards),
                )
            )
        elif kind == "claim":
            statements.append(
                Claim(
                    id=sid,
                    text=draw(texts),
                    assumed=draw(st.booleans()),
                    base_score=draw(units),
                    note=draw(optional_texts),
                )
            )
        else:
            statements.append(
                Evidence(
                    id=sid,
                    quote=draw(texts),
                    source=source_id,
                    speaker=draw(optional_texts),
                    locator=draw(st.none() | st.sampled_from(["¶3", "p. 12", "00:14:03"])),
                    weight=draw(units),
                    text=draw(optional_texts),
                )
            )
    arguments = []
    if len(statement_ids) >= 2:
        for index in range(draw(st.integers(0, 6))):
            conclusion = draw(st.sampled_from(statement_ids))
            others = [s for s in statement_ids if s != conclusion]
            premises = draw(st.lists(st.sampled_from(others), min_size=1, max_size=3, unique=True))
            rest = [s for s in others if s not in premises]
            undercutters = draw(st.lists(st.sampled_from(rest), max_size=2, unique=True)) if rest else []
            arguments.append(
                Argument(
                    id=f"#arg{index}",
                    conclusion=conclusion,
                    premises=tuple(premises),
                    stance=draw(st.sampled_from(["pro", "con"])),
                    undercutters=tuple(undercutters),
                    weight=draw(units),
                    scheme=draw(optional_texts),
                )
            )
    return ArgumentMap(
        title=draw(texts),
        description=draw(optional_texts),
        sources=tuple(sources),
        statements=tuple(statements),  # type: ignore[arg-type]
        arguments=tuple(arguments),
    )
