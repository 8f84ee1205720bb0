"""MapBuilder: write a map in Python, one readable line per statement or argument.

>>> m = ArgumentMap.build("Alliance or not?")
>>> q = m.question("q", "Is the Russia-China partnership an alliance?")
>>> yes = m.position("yes", "A de facto alliance")
>>> threats = m.claim("c-threats", "They share threat perceptions", supports=yes)
>>> src = m.source("pham", "The Limits Of A Russia-China Partnership", url="https://example.org/a")
>>> m.evidence("ev-storey", "shared threat perceptions", source=src, supports=threats)
'ev-storey'
>>> argument_map = m.finish()
>>> [a.id for a in argument_map.arguments]
['c-threats.pro.yes', 'ev-storey.pro.c-threats']
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from argmap._text import suggest
from argmap.errors import ModelError
from argmap.model.argument_map import ArgumentMap
from argmap.model.arguments import Argument, Stance
from argmap.model.ids import derived_argument_id
from argmap.model.lines import Line
from argmap.model.sources import Source
from argmap.model.statements import Claim, Evidence, Position, ProofStandard, Question, Statement

__all__ = ["MapBuilder"]

Premises = str | Sequence[str]


class MapBuilder:
    """Collects statements and arguments, then freezes them into an ArgumentMap with ``finish()``.

    Every method returns the id it created, so the result can be passed straight on.
    Bad values raise ModelError at the line that gave them; reference problems (an id used but
    never defined) are gathered and raised together by ``finish()``.
    """

    def __init__(self, title: str, *, description: str | None = None) -> None:
        self.title = title
        self.description = description
        self._sources: list[Source] = []
        self._statements: list[Statement] = []
        self._arguments: list[Argument] = []
        self._argument_at: dict[str, int] = {}  # undercut() finds its argument without a scan
        self._lines: list[Line] = []
        self._last_question: str | None = None

    def __repr__(self) -> str:
        return (
            f"<MapBuilder {self.title!r}: {len(self._statements)} statements,"
            f" {len(self._arguments)} arguments>"
        )

    def source(
        self,
        id: str,  # noqa: A002
        title: str,
        *,
        author: str | None = None,
        publisher: str | None = None,
        date: str | None = None,
        url: str | None = None,
        path: str | None = None,
    ) -> str:
        """Add a source that evidence can quote."""
        self._sources.append(
            Source(id=id, title=title, author=author, publisher=publisher, date=date, url=url, path=path)
        )
        return id

    def question(
        self,
        id: str,  # noqa: A002
        text: str,
        *,
        compatible: bool = False,
        note: str | None = None,
    ) -> str:
        """Add a question; later positions answer it unless told otherwise.

        Its positions are alternatives (at most one stands) unless ``compatible`` is true.
        """
        self._statements.append(Question(id=id, text=text, compatible=compatible, note=note))
        self._last_question = id
        return id

    def position(
        self,
        id: str,  # noqa: A002
        text: str,
        *,
        answers: str | None = None,
        assumed: bool = False,
        base_score: float | None = None,
        standard: ProofStandard | None = None,
        note: str | None = None,
    ) -> str:
        """Add a position answering ``answers`` (by default the last question added)."""
        self._statements.append(
            Position(
                id=id,
                text=text,
                answers=answers if answers is not None else self._last_question,
                assumed=assumed,
                base_score=base_score,
                standard=standard,
                note=note,
            )
        )
        return id

    def claim(
        self,
        id: str,  # noqa: A002
        text: str,
        *,
        supports: str | None = None,
        opposes: str | None = None,
        assumed: bool = False,
        base_score: float | None = None,
        standard: ProofStandard | None = None,
        note: str | None = None,
    ) -> str:
        """Add a claim; ``supports``/``opposes`` also add a one-premise argument from it."""
        self._statements.append(
            Claim(
                id=id,
                text=text,
                assumed=assumed,
                base_score=base_score,
                standard=standard,
                note=note,
            )
        )
        self._link(id, supports, opposes)
        return id

    def evidence(
        self,
        id: str,  # noqa: A002
        quote: str,
        *,
        source: str,
        speaker: str | None = None,
        locator: str | None = None,
        weight: float | None = None,
        text: str | None = None,
        supports: str | None = None,
        opposes: str | None = None,
        note: str | None = None,
    ) -> str:
        """Add a verbatim quote from ``source``; ``supports``/``opposes`` link it to a statement."""
        self._statements.append(
            Evidence(
                id=id,
                quote=quote,
                source=source,
                speaker=speaker,
                locator=locator,
                weight=weight,
                text=text,
                note=note,
            )
        )
        self._link(id, supports, opposes)
        return id

    def pro(
        self,
        premises: Premises,
        conclusion: str,
        *,
        id: str | None = None,  # noqa: A002
        title: str | None = None,
        weight: float | None = None,
        scheme: str | None = None,
        note: str | None = None,
    ) -> str:
        """Add an argument for ``conclusion``; several premises are linked (they hold together)."""
        return self._argument("pro", premises, conclusion, id, title, weight, scheme, note)

    def con(
        self,
        premises: Premises,
        conclusion: str,
        *,
        id: str | None = None,  # noqa: A002
        title: str | None = None,
        weight: float | None = None,
        scheme: str | None = None,
        note: str | None = None,
    ) -> str:
        """Add an argument against ``conclusion`` (a rebuttal)."""
        return self._argument("con", premises, conclusion, id, title, weight, scheme, note)

    def undercut(self, statement: str, argument: str) -> str:
        """Make ``statement`` attack the inference of ``argument``; returns the argument's id."""
        index = self._argument_at.get(argument)
        if index is None:
            hint = suggest(argument, self._argument_at) or " (add the argument first)"
            raise ModelError(f"cannot undercut unknown argument {argument!r}{hint}", id=argument)
        existing = self._arguments[index]
        undercutters = (*existing.undercutters, statement)
        self._arguments[index] = attrs.evolve(existing, undercutters=undercutters)
        return argument

    def line(self, id: str, title: str, arguments: Sequence[str], *, note: str | None = None) -> str:  # noqa: A002
        """Add a line of argument: ``arguments`` (ids) that a reader follows, and switches off, as one."""
        self._lines.append(Line(id=id, title=title, arguments=tuple(arguments), note=note))
        return id

    def finish(self) -> ArgumentMap:
        """Return the frozen map; raises InvalidMapError listing every problem."""
        return ArgumentMap(
            title=self.title,
            description=self.description,
            sources=tuple(self._sources),
            statements=tuple(self._statements),
            arguments=tuple(self._arguments),
            lines=tuple(self._lines),
        )

    def _link(self, statement: str, supports: str | None, opposes: str | None) -> None:
        if supports is not None:
            self.pro(statement, supports)
        if opposes is not None:
            self.con(statement, opposes)

    def _argument(  # noqa: PLR0917  # private: one call site per stance
        self,
        stance: Stance,
        premises: Premises,
        conclusion: str,
        id: str | None,  # noqa: A002
        title: str | None,
        weight: float | None,
        scheme: str | None,
        note: str | None,
    ) -> str:
        premise_ids = (premises,) if isinstance(premises, str) else tuple(premises)
        if id is None:
            # Derived, not random: the same map written twice gets the same ids.
            id = derived_argument_id(premise_ids, stance, conclusion)  # noqa: A001
        self._argument_at.setdefault(id, len(self._arguments))
        self._arguments.append(
            Argument(
                id=id,
                conclusion=conclusion,
                premises=premise_ids,
                stance=stance,
                title=title,
                weight=weight,
                scheme=scheme,
                note=note,
            )
        )
        return id
