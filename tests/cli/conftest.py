"""What the command-line tests share: a small map with every status, and the engines to draw it."""

from __future__ import annotations

import pytest

from argmap.model import ArgumentMap


@pytest.fixture(scope="session")
def statuses_map() -> ArgumentMap:
    """A map whose grounded labelling has every status: in, out, undecided (a cycle) and off."""
    m = ArgumentMap.build("Four-day week?")
    m.question("q", "Should the school move to a four-day week?")
    yes = m.position("yes", "Yes, move to four days")
    m.position("no", "No, keep five days")
    rest = m.claim("c-rest", "Students would be better rested", supports=yes)
    cost = m.claim("c-care", "Parents would pay for a fifth day of childcare", opposes=yes)
    m.claim("c-clubs", "Clubs could use the free day", supports=cost)
    m.claim("c-cheaper", "Community clubs are free", opposes="c-clubs")
    m.claim("c-paid", "Community clubs charge fees", opposes="c-cheaper")
    m.con("c-cheaper", "c-paid", id="a-cycle")
    src = m.source("pilot", "District pilot report", date="2024")
    m.evidence(
        "ev-sleep", "Pupils slept 40 minutes longer on average.", source=src, locator="§3", supports=rest
    )
    m.evidence("ev-fees", "Two of five clubs asked for fees.", source=src, locator="§5", supports="c-paid")
    return m.finish()
