"""Maps, engines and the golden-file check shared by the rendering tests.

``--update-golden`` is declared in ``tests/conftest.py`` (pytest only reads options from the
rootdir conftest); the ``update_golden`` fixture comes from there.
"""

from __future__ import annotations

import html
import random
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

import pytest

from argmap.formats import load
from argmap.model import ArgumentMap

REPO = Path(__file__).resolve().parents[2]
GOLDEN = REPO / "tests" / "golden"
# Where a golden mismatch leaves the actual output and a side-by-side page: never build/ (it
# would shadow `python -m build`), never beside the goldens (it would be committed by mistake).
ARTIFACTS = REPO / ".test-artifacts" / "golden"
EXAMPLE = REPO / "examples" / "alliance.yaml"


def relations_map() -> ArgumentMap:
    """Every relation the renderer draws: pro, con, linked premises, undercut, answers, evidence."""
    m = ArgumentMap.build("School uniforms?", description="A small map with every relation kind.")
    m.question("q", "Should our school require uniforms?", note="Asked by the student council.")
    yes = m.position("yes", "Yes, require uniforms")
    no = m.position("no", "No, let students choose")
    cost = m.claim(
        "c-cost", "Uniforms lower what families spend on clothes over a school year.", supports=yes
    )
    bully = m.claim("c-bully", "Uniforms reduce bullying about brands", supports=yes)
    m.claim("c-expr", "Clothing is a form of self-expression students should keep.", supports=no)
    few = m.claim("c-few", "Only a few students are bullied about clothes")
    minor = m.claim("c-minor", "A minor problem does not justify a rule for everyone")
    reported = m.claim("c-reported", "The survey counted only reported cases", assumed=True)
    linked = m.con([few, minor], bully, id="a-minor", scheme="proportionality", weight=0.6)
    m.undercut(reported, linked)
    survey = m.source(
        "survey",
        "School climate survey 2024",
        author="District office",
        url="https://example.org/survey?year=2024&part=4",
    )
    blog = m.source("blog", "A teacher's blog")
    m.evidence(
        "ev-survey",
        "Only 3% of students said they had been teased about what they wear.",
        source=survey,
        speaker="District office",
        locator="p. 4",
        weight=0.6,
        supports=few,
    )
    m.evidence(
        "ev-price",
        "A full uniform set costs about $120, against $300 for a typical back-to-school wardrobe.",
        source=survey,
        speaker="Parents' association",
        locator="p. 9",
        supports=cost,
    )
    m.evidence(
        "ev-teacher",
        "I see kids judged by their sneakers every single day.",
        source=blog,
        speaker="Ms. Rivera, teacher",
        supports=bully,
    )
    m.evidence(
        "ev-counsellor",
        "Most complaints I get are about phones, not clothes.",
        source=blog,
        speaker="School counsellor",
        text="Complaints are mostly about phones.",
        supports=few,
    )
    m.evidence(
        "ev-rule", "The rule would apply to all 900 students.", source=survey, locator="p. 2", supports=minor
    )
    return m.finish()


def statuses_map() -> ArgumentMap:
    """A map whose grounded labelling has every status: in, out, undecided (a cycle) and off."""
    m = ArgumentMap.build("Four-day week?")
    m.question("q", "Should the school move to a four-day week?")
    yes = m.position("yes", "Yes, move to four days")
    m.position("no", "No, keep five days", assumed=True)
    rest = m.claim("c-rest", "Students would be better rested", supports=yes)
    cost = m.claim("c-care", "Parents would pay for a fifth day of childcare", opposes=yes)
    m.claim("c-clubs", "Clubs could use the free day", supports=cost, assumed=True)
    m.claim("c-cheaper", "Community clubs are free", opposes="c-clubs", assumed=True)
    m.claim("c-paid", "Community clubs charge fees", opposes="c-cheaper")
    m.con("c-cheaper", "c-paid", id="a-cycle")
    src = m.source("pilot", "District pilot report", date="2024")
    m.evidence(
        "ev-sleep", "Pupils slept 40 minutes longer on average.", source=src, locator="§3", supports=rest
    )
    m.evidence("ev-fees", "Two of five clubs asked for fees.", source=src, locator="§5", supports="c-paid")
    return m.finish()


def hostile_map(text: str) -> ArgumentMap:
    """A map whose every user-visible string is ``text``."""
    m = ArgumentMap.build(text, description=text)
    q = m.question("q", text, note=text)
    p = m.position("p", text)
    c = m.claim("c", text, supports=p, note=text)
    s = m.source("s", text, author=text, publisher=text, date=text, url='https://example.org/?q=<b>&x="y"')
    m.evidence("e", text, source=s, speaker=text, locator=text, text=text, supports=c)
    m.evidence("e2", text, source=s, speaker=text, locator=text, opposes=c)
    m.undercut("e2", m.pro(["e", "c"], q, id="a", title=text, scheme=text, note=text))
    m.con("c", q, id="a-titled", title=text)
    m.line("l", text, ["a-titled"])
    return m.finish()


_WORDS = [
    "alliance",
    "partnership",
    "threat",
    "trade",
    "energy",
    "sanctions",
    "military",
    "treaty",
    "border",
    "summit",
    "cooperation",
    "limits",
    "support",
    "weapons",
    "market",
    "rival",
    "interests",
    "history",
    "security",
    "economy",
    "pressure",
]


def lines_map(size: int = 60, seed: int = 1) -> ArgumentMap:
    """A generated map of about ``size`` statements, as an analyst writes one: lines of argument.

    A question, three rival positions and lines of argument, each one or two titled arguments
    for or against a position, resting on claims with sub-claims, and evidence quoted from two
    sources (about half the statements); some linked premises and an undercut.
    """
    rng = random.Random(seed)  # noqa: S311  # test data, not secrets

    def sentence(low: int = 6, high: int = 16) -> str:
        return " ".join(rng.choice(_WORDS) for _ in range(rng.randint(low, high))).capitalize() + "."

    m = ArgumentMap.build(f"Generated map of {size} statements")
    m.question("q", "Is the partnership an alliance?")
    positions = [
        m.position("p1", "A de facto alliance."),
        m.position("p2", "A partnership with limits."),
        m.position("p3", "More than an alliance."),
    ]
    sources = [
        m.source("s1", "A long analysis article", author="A. Writer", publisher="A Review", date="2023"),
        m.source("s2", "An interview", author="B. Speaker"),
    ]
    speakers = ["A. Writer (author)", "An expert, some institute", "Joint statement, 2021", "A minister"]
    count = 4
    number = 0
    claims: list[str] = []

    def evidence_for(claim: str) -> None:
        nonlocal count
        for _ in range(rng.randint(1, 3)):
            m.evidence(
                f"ev-{count}",
                sentence(10, 26),
                source=rng.choice(sources),
                speaker=rng.choice(speakers),
                locator=f"¶{count}",
                supports=claim,
            )
            count += 1

    while count < size:
        number += 1
        arguments = []
        for _ in range(rng.randint(1, 2)):
            top = m.claim(f"c-{count}", sentence())
            claims.append(top)
            count += 1
            premises = [top]
            if rng.random() < 0.3:
                premises.append(m.claim(f"c-{count}", sentence(), assumed=True))
                count += 1
            stance = m.pro if rng.random() < 0.7 else m.con
            arguments.append(
                stance(
                    premises, rng.choice(positions), id=f"a-{number}-{len(arguments)}", title=sentence(2, 4)
                )
            )
            evidence_for(top)
            if rng.random() < 0.5:
                below = m.claim(f"c-{count}", sentence())
                claims.append(below)
                count += 1
                arguments.append(m.pro(below, top, id=f"a-{number}-{len(arguments)}", title=sentence(2, 4)))
                evidence_for(below)
        m.line(f"l-{number}", sentence(2, 5).rstrip("."), arguments)
    if number > 1:
        # A claim of the last line undercuts the first line's first argument.
        m.undercut(claims[-1], "a-1-0")
    return m.finish()


class Maps:
    """The test maps, handed to tests as the ``maps`` fixture (conftest cannot be imported)."""

    relations = staticmethod(relations_map)
    statuses = staticmethod(statuses_map)
    hostile = staticmethod(hostile_map)
    lines = staticmethod(lines_map)
    cases: ClassVar[dict[str, Callable[[], ArgumentMap]]] = {
        "relations": relations_map,
        "statuses": statuses_map,
    }


@pytest.fixture(scope="session")
def maps() -> type[Maps]:
    """The small test maps: relations(), statuses(), hostile(text) and cases by name."""
    return Maps


@pytest.fixture(scope="session")
def alliance() -> ArgumentMap:
    """The example map, or a skip while it is missing."""
    if not EXAMPLE.is_file():
        pytest.skip("examples/alliance.yaml is not written yet")
    return load(EXAMPLE)


def _side_by_side(name: str, expected: Path, actual: Path) -> Path:
    page = actual.with_name(f"{name}.diff.html")
    if expected.suffix == ".svg":
        left = f'<img src="{expected.as_uri()}">' if expected.exists() else "(missing)"
        right = f'<img src="{actual.name}">'
    else:
        old = expected.read_text(encoding="utf-8") if expected.exists() else "(missing)"
        left = f"<pre>{html.escape(old)}</pre>"
        right = f"<pre>{html.escape(actual.read_text(encoding='utf-8'))}</pre>"
    page.write_text(
        "<!doctype html><meta charset='utf-8'><title>golden: "
        + html.escape(name)
        + "</title><style>td{vertical-align:top;border:1px solid #ccc}</style>"
        + f"<table><tr><th>expected {html.escape(expected.name)}</th><th>actual</th></tr>"
        + f"<tr><td>{left}</td><td>{right}</td></tr></table>",
        encoding="utf-8",
    )
    return page


@pytest.fixture
def golden(update_golden: bool) -> Callable[[str, str], None]:
    """Compare text with ``tests/golden/<name>`` byte for byte (or rewrite it with --update-golden).

    On a mismatch the actual output is written to ``.test-artifacts/golden/<stem>.actual.<ext>``
    with a side-by-side ``<stem>.diff.html`` page, and the test fails naming both.
    """

    def check(name: str, text: str) -> None:
        expected = GOLDEN / name
        stem, _, ext = name.rpartition(".")
        actual = ARTIFACTS / f"{stem}.actual.{ext}"
        (ARTIFACTS / f"{stem}.diff.html").unlink(missing_ok=True)
        if update_golden:
            GOLDEN.mkdir(parents=True, exist_ok=True)
            expected.write_bytes(text.encode("utf-8"))
            actual.unlink(missing_ok=True)
            return
        if expected.exists() and expected.read_bytes() == text.encode("utf-8"):
            actual.unlink(missing_ok=True)
            return
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        actual.write_bytes(text.encode("utf-8"))
        page = _side_by_side(stem, expected, actual)
        what = "differs from" if expected.exists() else "has no"
        pytest.fail(
            f"output {what} golden file {expected.relative_to(REPO)}; actual: {actual.relative_to(REPO)},"
            f" side by side: {page.relative_to(REPO)} (look at it; accept with --update-golden)"
        )

    return check
