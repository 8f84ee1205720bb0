"""Tests of argmap.model: the classes, the builder and the reference checks."""

from __future__ import annotations

import attrs
import pytest

from argmap.errors import InvalidMapError, InvalidUrlError, ModelError
from argmap.model import Argument, ArgumentMap, Claim, Evidence, Position, Question, Source


def small_map() -> ArgumentMap:
    """Build a small map with every relation kind."""
    m = ArgumentMap.build("Alliance or not?", description="A seminar map.")
    m.question("q", "Is the Russia–China partnership an alliance?")
    yes = m.position("yes", "A de facto alliance")
    no = m.position("no", "A partnership with limits")
    threats = m.claim("c-threats", "They share threat perceptions.", supports=yes)
    arms = m.claim("c-no-arms", "China supplies no arms.", opposes=yes)
    m.pro(arms, no)
    src = m.source("pham", "The Limits Of A Russia-China Partnership", url="https://example.org/a")
    m.evidence("ev-storey", "“shared threat perceptions”", source=src, speaker="Ian Storey", supports=threats)
    a = m.con(["c-no-arms", "c-sanctions"], yes, id="a-linked")
    m.claim("c-sanctions", "The U.S. threatens sanctions.")
    m.claim("c-exceed", "Ties exceed an alliance.")
    m.undercut("c-exceed", a)
    return m.finish()


def test_builder_makes_the_map_a_user_typed():
    """Each builder call adds one part, in order, with derived argument ids."""
    argument_map = small_map()
    assert [s.id for s in argument_map.statements] == [
        "q",
        "yes",
        "no",
        "c-threats",
        "c-no-arms",
        "ev-storey",
        "c-sanctions",
        "c-exceed",
    ]
    assert [a.id for a in argument_map.arguments] == [
        "c-threats.pro.yes",
        "c-no-arms.con.yes",
        "c-no-arms.pro.no",
        "ev-storey.pro.c-threats",
        "a-linked",
    ]
    assert argument_map.argument("a-linked").undercutters == ("c-exceed",)
    assert argument_map.argument("a-linked").premises == ("c-no-arms", "c-sanctions")
    assert argument_map.positions_of("q") == (argument_map.statement("yes"), argument_map.statement("no"))


def test_lookups_by_role():
    """pro/con/undercut_by and the kind views answer from the indexes."""
    argument_map = small_map()
    assert [a.id for a in argument_map.pro("yes")] == ["c-threats.pro.yes"]
    assert [a.id for a in argument_map.con("yes")] == ["c-no-arms.con.yes", "a-linked"]
    assert [a.id for a in argument_map.undercut_by("c-exceed")] == ["a-linked"]
    assert [e.id for e in argument_map.evidence] == ["ev-storey"]
    assert [q.id for q in argument_map.questions] == ["q"]
    assert "pham" in argument_map
    assert "nope" not in argument_map


def test_unknown_lookup_suggests_a_close_id():
    """A misspelt id in a lookup names the id it probably meant."""
    with pytest.raises(KeyError, match="did you mean 'c-threats'"):
        small_map().statement("c-threat")


def test_model_is_frozen_and_edited_with_evolve():
    """Parts cannot be changed in place; attrs.evolve makes a changed copy."""
    argument_map = small_map()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        argument_map.title = "x"  # type: ignore[misc]
    renamed = attrs.evolve(argument_map, title="Renamed")
    assert renamed.title == "Renamed"
    assert renamed.statements == argument_map.statements


def test_every_reference_problem_is_reported_at_once():
    """Unknown ids, duplicates, self-support and a wrong `answers` come out in one InvalidMapError."""
    with pytest.raises(InvalidMapError) as caught:
        ArgumentMap(
            title="Broken",
            sources=(Source(id="s", title="S"),),
            statements=(
                Question(id="q", text="Q?"),
                Claim(id="c", text="C"),
                Claim(id="c", text="again"),
                Position(id="p", text="P", answers="c"),
                Evidence(id="e", quote="x", source="s-missing"),
            ),
            arguments=(
                Argument(id="a1", conclusion="c", premises=("c",)),
                Argument(id="a2", conclusion="q", premises=("ghost",), undercutters=("phantom",)),
            ),
        )
    kinds = sorted(p.kind for p in caught.value.problems)
    assert kinds == [
        "duplicate-id",
        "self-support",
        "unknown-reference",
        "unknown-reference",
        "unknown-reference",
        "unknown-reference",
    ]
    text = str(caught.value)
    assert "cites unknown source 's-missing'" in text
    assert "position 'p' answers claim, not a question," in text
    assert "'ghost' among its premises" in text
    assert "'phantom' among its undercutters" in text


def test_self_attack_is_allowed_self_support_is_not():
    """A statement may rebut itself (odd cycles are real), but may not support itself."""
    ArgumentMap(
        title="t",
        statements=(Claim(id="a", text="A"),),
        arguments=(Argument(id="x", conclusion="a", premises="a", stance="con"),),
    )
    with pytest.raises(InvalidMapError, match="cannot support itself"):
        ArgumentMap(
            title="t",
            statements=(Claim(id="a", text="A"),),
            arguments=(Argument(id="x", conclusion="a", premises="a"),),
        )


@pytest.mark.parametrize(
    ("build", "match"),
    [
        (lambda: Source(id="s", title="S", url="javascript:alert(1)"), "url must start with http"),
        (lambda: Source(id="s", title="S", url="file:///etc/passwd"), "url must start with http"),
        (
            lambda: Evidence(id="e", quote="q", source="s", weight=1.01),
            r"weight must be a number in \[0, 1\]",
        ),
        (lambda: Claim(id="c", text="t", base_score=-0.1), r"base_score must be a number in \[0, 1\]"),
        (lambda: Argument(id="a", conclusion="c", premises=()), "has no premises"),
        (
            lambda: Argument(id="a", conclusion="c", premises="p", stance="maybe"),
            "stance must be 'pro' or 'con'",
        ),
        (lambda: Claim(id=" c", text="t"), "surrounding whitespace"),
        (lambda: Claim(id="c", text="   "), "text must be non-empty"),
        (lambda: Claim(id="c", text="t", standard="xyz"), "standard must be one of"),
    ],
)
def test_bad_values_raise_model_errors(build, match):
    """Each bad value raises a ModelError naming the field and the value."""
    with pytest.raises(ModelError, match=match):
        build()


def test_invalid_url_is_a_value_error_too():
    """Users who catch ValueError still catch argmap's model errors."""
    with pytest.raises(ValueError, match="http") as caught:
        Source(id="s", title="S", url="ftp://x")
    assert isinstance(caught.value, InvalidUrlError)


def test_single_premise_needs_no_list():
    """One premise may be given as a plain id."""
    assert Argument(id="a", conclusion="c", premises="p").premises == ("p",)


def test_undercut_of_unknown_argument_is_explained():
    """Undercutting an argument the builder has not seen says which arguments exist."""
    m = ArgumentMap.build("t")
    with pytest.raises(ModelError, match="cannot undercut unknown argument 'a-x'"):
        m.undercut("c", "a-x")


def test_a_url_that_urlsplit_refuses_is_a_model_error():
    """`https://[a]x` makes urlsplit raise ValueError; the model says what is wrong instead."""
    from argmap.errors import InvalidUrlError  # noqa: PLC0415
    from argmap.model import Source  # noqa: PLC0415

    with pytest.raises(
        InvalidUrlError, match=r"url must start with http:// or https://, got 'https://\[a\]x'"
    ):
        Source(id="s", title="S", url="https://[a]x")
