"""Carneades' rule engine: argument schemes with variables, run by forward chaining, bounded.

Every scheme is a propagation rule: whenever the facts (the assumptions, then every conclusion
derived) match all its premises, the scheme is applied once per distinct binding: one argument
per conclusion, whose premises are the scheme's premises and assumptions (the latter assumed)
and whose undercutters are the scheme's exceptions. Carneades routes exceptions through an
extra ``undercut(aN)`` statement; making them undercutters directly labels the same.
Statements the rules need are added, their text from the graph's ``language``.

Rules need not terminate (``p(X) → p(f(X))`` never does), so three limits are checked while the
combinations are enumerated, not after: ``MAX_APPLICATIONS`` applications, ``MAX_STEPS``
attempts to match a premise against a fact, and terms no deeper than ``MAX_DEPTH`` and no larger
than ``MAX_SIZE``. Passing one raises a ParseError at the scheme responsible.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any, Final

from argmap._text import shorten
from argmap.errors import ParseError
from argmap.formats.carneades._model import Path, Scheme
from argmap.formats.carneades._terms import (
    MAX_DEPTH,
    MAX_SIZE,
    Term,
    TermError,
    Var,
    match,
    measure,
    parse,
    show,
    substitute,
)

__all__ = ["MAX_APPLICATIONS", "MAX_STEPS", "Rules"]

MAX_APPLICATIONS: Final = 10_000
"""How many scheme applications the rule engine makes before it stops (Carneades allows 100,000)."""
MAX_STEPS: Final = 1_000_000
"""How many premise-against-fact matches the rule engine tries in all (a few seconds at most)."""

Fail = Callable[[str, Path], ParseError]


def apply_language(language: dict[str, Any], term: Term) -> str | None:
    """Render a ground term in natural language with the graph's ``language`` templates."""
    if isinstance(term, tuple):
        template = language.get(f"{term[0]}/{len(term[1])}")
        if not isinstance(template, str):
            return None
        pieces = re.split(r"%[sv]", template)
        args = [show(a) for a in term[1]]
        out = pieces[0]
        for k, piece in enumerate(pieces[1:]):
            out += (args[k] if k < len(args) else "") + piece
        return out
    template = language.get(f"{term}/0")
    return template if isinstance(template, str) else None


class _Budget:
    """Counts matching steps and stops the engine, located at the scheme being run."""

    __slots__ = ("fail", "scheme", "steps")

    def __init__(self, fail: Fail) -> None:
        self.fail = fail
        self.steps = 0
        self.scheme: Scheme | None = None

    def spend(self, steps: int) -> None:
        self.steps += steps
        if self.steps > MAX_STEPS:
            name = self.scheme.id if self.scheme is not None else "?"
            raise self.fail(
                f"scheme {name!r}: its premises match too many combinations of facts (more than"
                f" {MAX_STEPS:,} tries; give it fewer or more specific premises)",
                self.scheme.path if self.scheme is not None else ("argument_schemes",),
            )


class Rules:
    """Runs a graph's argument schemes and issue schemes over its statements."""

    def __init__(
        self,
        *,
        fail: Fail,
        skipped: list[str],
        top: dict[str, Any],
        texts: dict[str, str],
        assumed: set[str],
        order: list[str],
        schemes: dict[str, Scheme],
    ) -> None:
        self.fail = fail
        self.skipped = skipped
        language = top.get("language")
        self.language: dict[str, Any] = language if isinstance(language, dict) else {}
        raw_issue_schemes = top.get("issue_schemes")
        self.issue_patterns: dict[str, Any] = raw_issue_schemes if isinstance(raw_issue_schemes, dict) else {}
        self.texts = texts
        self.assumed = assumed
        self.order = order
        self.schemes = schemes

    def statement(self, term: Term, *, assumed: bool = False) -> str:
        sid = show(term)
        if sid not in self.texts:
            self.texts[sid] = apply_language(self.language, term) or sid
            self.order.append(sid)
        if assumed:
            self.assumed.add(sid)
        return sid

    def _parse_scheme(self, scheme: Scheme) -> tuple[list[Term], list[Term], list[Term], list[Term]] | None:
        parts: list[list[Term]] = []
        for formulas in (
            [f for _, f in scheme.premises],
            scheme.assumptions,
            scheme.exceptions,
            scheme.conclusions,
        ):
            terms: list[Term] = []
            for formula in formulas:
                try:
                    term = parse(formula, variables=True)
                except TermError as error:
                    raise self.fail(
                        f"scheme {scheme.id!r}: formula {shorten(formula, 40)!r}: {error}"
                        " (Carneades formulas are shallow; flatten it)",
                        scheme.path,
                    ) from None
                if term is None:
                    self.skipped.append(
                        f"scheme {scheme.id} has a formula argmap cannot parse; it was not run"
                    )
                    return None
                terms.append(term)
            parts.append(terms)
        return parts[0], parts[1], parts[2], parts[3]

    def _check_size(self, scheme: Scheme, term: Term) -> None:
        depth, size = measure(term)
        if depth > MAX_DEPTH or size > MAX_SIZE:
            # Printing the whole term could take gigabytes; its head and the bound say enough.
            head = term[0] if isinstance(term, tuple) else str(term)
            raise self.fail(
                f"scheme {scheme.id!r} never stops: it builds ever larger terms ({head}(…) past"
                f" {MAX_DEPTH} levels or {MAX_SIZE:,} parts) by feeding its conclusion back into its"
                " premises (change the conclusion so that it no longer matches a premise)",
                scheme.path,
            )

    def instantiate(self, facts_listed: list[str], explicit: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Apply the schemes to the facts until nothing new follows; return the arguments made."""
        runnable = [s for s in self.schemes.values() if s.conclusions and (s.premises or not s.variables)]
        for scheme in runnable:
            if scheme.rule_only:
                self.skipped.append(
                    f"scheme {scheme.id} uses {' and '.join(scheme.rule_only)} (Constraint Handling Rules),"
                    " which argmap does not run; no arguments were generated from it"
                )
        runnable = [s for s in runnable if not s.rule_only]
        if not runnable:
            return []
        facts: dict[str, Term] = {}
        index: dict[tuple[str, int] | str, list[Term]] = {}

        def add(term: Term) -> bool:
            key = show(term)
            if key in facts:
                return False
            facts[key] = term
            slot = (term[0], len(term[1])) if isinstance(term, tuple) else key
            index.setdefault(slot, []).append(term)
            return True

        for text in facts_listed:
            try:
                term = parse(text, variables=False)
            except TermError:
                continue  # the reader has reported ids nested this deep already
            if term is not None:
                add(term)

        budget = _Budget(self.fail)

        def candidates(pattern: Term) -> list[Term]:
            if isinstance(pattern, Var):
                found = list(facts.values())
            else:
                slot = (pattern[0], len(pattern[1])) if isinstance(pattern, tuple) else pattern
                found = list(index.get(slot, ()))
            budget.spend(len(found) + 1)
            return found

        def joins(heads: list[Term]) -> Iterator[dict[str, Term]]:
            # Depth-first over the premises, without recursion: (next premise, bindings so far).
            stack: list[tuple[int, dict[str, Term]]] = [(0, {})]
            while stack:
                k, bindings = stack.pop()
                if k == len(heads):
                    yield bindings
                    continue
                found = [match(heads[k], fact, bindings) for fact in candidates(heads[k])]
                stack.extend((k + 1, b) for b in reversed(found) if b is not None)

        parsed: dict[str, tuple[list[Term], list[Term], list[Term], list[Term]]] = {}
        for scheme in runnable:
            parts = self._parse_scheme(scheme)
            if parts is not None:
                parsed[scheme.id] = parts

        seen: set[tuple[str, tuple[tuple[str, str], ...]]] = set()
        applications: list[tuple[Scheme, dict[str, Term]]] = []
        changed = True
        while changed:
            changed = False
            for scheme in runnable:
                if scheme.id not in parsed:
                    continue
                budget.scheme = scheme
                heads, _, _, conclusions = parsed[scheme.id]
                # Collected first: the facts this pass adds are matched on the next pass. Only new
                # bindings are kept, and no more than the limit allows, so memory stays bounded.
                fresh: list[tuple[dict[str, Term], list[Term]]] = []
                for bindings in joins(heads):
                    key = (scheme.id, tuple(sorted((k, show(v)) for k, v in bindings.items())))
                    if key in seen:
                        continue
                    grounded = [substitute(c, bindings) for c in conclusions]
                    if any(g is None for g in grounded):
                        continue
                    seen.add(key)
                    if len(applications) + len(fresh) >= MAX_APPLICATIONS:
                        raise self.fail(
                            f"scheme {scheme.id!r} would make more than {MAX_APPLICATIONS:,} arguments:"
                            " its premises match too many combinations of facts, or its conclusions"
                            " feed its premises again (give it more specific premises)",
                            scheme.path,
                        )
                    fresh.append((bindings, [g for g in grounded if g is not None]))
                for bindings, grounded_terms in fresh:
                    applications.append((scheme, bindings))
                    for g in grounded_terms:
                        self._check_size(scheme, g)
                        changed = add(g) or changed
        return self._arguments(applications, parsed, facts_listed, explicit)

    def _arguments(
        self,
        applications: list[tuple[Scheme, dict[str, Term]]],
        parsed: dict[str, tuple[list[Term], list[Term], list[Term], list[Term]]],
        facts_listed: list[str],
        explicit: list[dict[str, Any]],
    ) -> list[dict[str, Any]]:
        listed = set(facts_listed)
        taken = {a["id"] for a in explicit} | set(self.texts)
        generated: list[dict[str, Any]] = []
        counter = 0
        for scheme, bindings in applications:
            heads, extra, exceptions, conclusions = parsed[scheme.id]
            premises: list[str] = []
            for term in heads:
                ground = substitute(term, bindings)
                if isinstance(ground, tuple) and ground[0] == "argument":
                    continue  # Carneades leaves argument(S, P) premises implicit
                if ground is not None:
                    premises.append(self.statement(ground, assumed=show(ground) in listed))
            for term in extra:
                ground = substitute(term, bindings)
                if ground is not None:
                    premises.append(self.statement(ground, assumed=True))
            undercutters = tuple(
                dict.fromkeys(
                    self.statement(ground)
                    for ground in (substitute(t, bindings) for t in exceptions)
                    if ground is not None
                )
            )
            values = ", ".join(f"{k}={show(v)}" for k, v in sorted(bindings.items()))
            for conclusion in conclusions:
                ground = substitute(conclusion, bindings)
                if ground is None:
                    continue
                target = self.statement(ground, assumed=False)
                if target in premises:
                    continue  # the model rejects an argument for its own premise; it adds nothing
                counter += 1
                while f"a{counter}" in taken:
                    counter += 1
                aid = f"a{counter}"
                taken.add(aid)
                generated.append(
                    {
                        "id": aid,
                        "conclusion": target,
                        "premises": tuple(dict.fromkeys(premises)),
                        "undercutters": tuple(u for u in undercutters if u != target),
                        "scheme": scheme.id,
                        "weight": self.criteria_weight(scheme, heads, bindings),
                        "notes": [
                            f"generated by scheme {scheme.id} with {values}"
                            if values
                            else f"generated by scheme {scheme.id}"
                        ],
                    }
                )
        for sid in list(self.texts):
            if sid in listed:
                self.assumed.add(sid)
        return generated

    def criteria_weight(self, scheme: Scheme, heads: list[Term], bindings: dict[str, Term]) -> float | None:
        """Weigh an application of a criteria scheme by the values its own premises state.

        Carneades reads each criterion's value from the premise with that predicate, or, when that
        premise is not IN, from the IN position of its issue; here the premise's own value is used
        and, as for linked arguments, the weight counts only when every premise holds. That is
        also how ``hard`` criteria are applied: a generated argument is linked, so it weighs
        nothing unless each premise, the hard ones among them, stands.
        """
        if scheme.weighing != "criteria":
            return None
        total = sum(factor for factor, _ in scheme.soft.values())
        if total <= 0.0:
            return 0.0
        grounded = [substitute(h, bindings) for h in heads]
        weight = 0.0
        for prop, (factor, values) in scheme.soft.items():
            premise = next((g for g in grounded if isinstance(g, tuple) and g[0] == prop and g[1]), None)
            if premise is None:
                return 0.0
            weight += factor / total * values.get(show(premise[1][-1]), 0.0)
        return round(min(max(weight, 0.0), 1.0), 12)

    def _pattern(self, name: str, text: str) -> Term | None:
        try:
            return parse(text, variables=True)
        except TermError as error:
            raise self.fail(
                f"issue scheme {name!r}: pattern {shorten(text, 40)!r}: {error} (flatten it)",
                ("issue_schemes", name),
            ) from None

    def issue_schemes(self, issues: dict[str, tuple[list[str], str | None]]) -> None:
        """Make issues of the statements that match an issue scheme's patterns, as Carneades does.

        ``[p1, "...", pn]`` is an enumeration: every statement matching ``p1`` (variables ending
        in a digit free) is a position. Otherwise a statement matching the first pattern and the
        statements matching the others with the same bindings are positions. A statement is a
        position of at most one issue; fewer than two positions make no issue.
        """
        if not self.issue_patterns:
            return
        position_of = {p: issue for issue, (positions, _) in issues.items() for p in positions}
        terms: dict[str, Term | None] = {}
        for sid in self.order:
            try:
                terms[sid] = parse(sid, variables=False)
            except TermError:
                terms[sid] = None
        budget = _Budget(self.fail)
        for name, raw in self.issue_patterns.items():
            patterns = [p for p in raw if isinstance(p, str)] if isinstance(raw, list) else []
            if len(patterns) < 2:  # noqa: PLR2004
                continue
            enumeration = len(patterns) == 3 and patterns[1].strip() == "..."  # noqa: PLR2004
            first = self._pattern(name, patterns[0])
            rest = [self._pattern(name, p) for p in patterns[1:]] if not enumeration else []
            if first is None or any(p is None for p in rest):
                self.skipped.append(f"issue scheme {name} has a pattern argmap cannot parse")
                continue
            budget.scheme = Scheme(id=name, path=("issue_schemes", name))
            for sid in self.order:
                term = terms[sid]
                bindings = match(first, term, {}) if term is not None else None
                if bindings is None:
                    continue
                budget.spend(len(self.order))
                candidates = [sid]
                if enumeration:
                    kept = {k: v for k, v in bindings.items() if not k[-1:].isdigit()}
                    candidates += [
                        o
                        for o in self.order
                        if o != sid and (t := terms[o]) is not None and match(first, t, kept) is not None
                    ]
                else:
                    candidates += [
                        o
                        for o in self.order
                        if o != sid
                        and (t := terms[o]) is not None
                        and any(p is not None and match(p, t, bindings) is not None for p in rest)
                    ]
                self._make_issue(issues, position_of, candidates)

    def _make_issue(
        self,
        issues: dict[str, tuple[list[str], str | None]],
        position_of: dict[str, str],
        candidates: list[str],
    ) -> None:
        owner: str | None = None
        positions: list[str] = []
        for candidate in candidates:
            current = position_of.get(candidate)
            if current is not None:
                if owner is None:
                    owner = current
                elif current != owner:
                    continue
            positions.append(candidate)
        if len(positions) < 2:  # noqa: PLR2004
            return
        if owner is None:
            number = len(issues) + 1
            while f"i{number}" in issues or f"i{number}" in self.texts:
                number += 1
            owner = f"i{number}"
            issues[owner] = ([], None)
        for position in positions:
            if position not in position_of:
                issues[owner][0].append(position)
                position_of[position] = owner
