"""An oracle for grounded, preferred and stable on maps, by brute force over labellings.

Written from the rules in docs/semantics.md alone, sharing no code with argmap.evaluation: every
labelling of the statements and arguments that obeys the rules is listed (backtracking, each rule
checked as soon as the labels it reads are set), and the semantics are read off that list. For
small maps only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from argmap.model import ArgumentMap, Evidence, Question

IN, OUT, UND, OFF = "in", "out", "undecided", "off"


def _beats(attacker: float | None, target: float | None) -> bool:
    """Rule 1: the strictly weaker of two weighted arguments does not defeat the stronger."""
    return attacker is None or target is None or attacker >= target


class Oracle:
    """The labellings of one map with some ids switched off."""

    def __init__(self, argument_map: ArgumentMap, off: Iterable[str]) -> None:
        self.map = argument_map
        off = set(off)
        self.off_statements = {s.id for s in argument_map.statements if s.id in off}
        self.off_arguments = {a.id for a in argument_map.arguments if a.id in off}
        for line in argument_map.lines:
            if line.id in off:
                self.off_arguments |= set(line.arguments)
        # Switching a statement off switches off the arguments that conclude it.
        self.off_arguments |= {a.id for a in argument_map.arguments if a.conclusion in self.off_statements}
        statements = argument_map.statements
        arguments = argument_map.arguments
        self.pro = {
            s.id: [a for a in arguments if a.conclusion == s.id and a.stance == "pro"] for s in statements
        }
        self.con = {
            s.id: [a for a in arguments if a.conclusion == s.id and a.stance == "con"] for s in statements
        }
        # Rule 3: support must be earned by every claim and position that is not assumed; a
        # question is not asserted and needs support only when something argues for it.
        self.needs = {
            s.id: not s.assumed
            and not isinstance(s, Evidence)
            and (bool(self.pro[s.id]) or not isinstance(s, Question))
            for s in statements
        }
        self.rivals: dict[str, list[str]] = {s.id: [] for s in statements}
        for q in argument_map.questions:
            if q.compatible:
                continue
            answers = [s.id for s in statements if getattr(s, "answers", None) == q.id]
            for p in answers:
                self.rivals[p] = [r for r in answers if r != p]
        # Rule 3: support that cannot be traced back to evidence, assumptions or bare questions.
        traced = {s.id for s in statements if not self.needs[s.id] and s.id not in self.off_statements}
        grew = True
        while grew:
            grew = False
            for a in arguments:
                if (
                    a.stance == "pro"
                    and a.id not in self.off_arguments
                    and a.conclusion not in traced
                    and a.conclusion not in self.off_statements
                    and all(p in traced for p in a.premises)
                ):
                    traced.add(a.conclusion)
                    grew = True
        self.untraced = {
            s.id
            for s in statements
            if self.needs[s.id] and s.id not in traced and s.id not in self.off_statements
        }
        # Who defeats each argument by rebuttal (rules 1 and 2).
        self.defeaters: dict[str, list[str]] = {a.id: [] for a in arguments}
        for s in statements:
            for k in self.con[s.id]:
                for b in self.pro[s.id]:
                    if _beats(k.weight, b.weight):
                        self.defeaters[b.id].append(k.id)
                    if _beats(b.weight, k.weight):
                        self.defeaters[k.id].append(b.id)
            for r in self.rivals[s.id]:
                for b in self.pro[s.id]:
                    for b2 in self.pro[r]:
                        if _beats(b2.weight, b.weight):
                            self.defeaters[b.id].append(b2.id)
        self.labellings = self._enumerate()

    # -- the rules, one node at a time ------------------------------------------------------

    def _argument_rule(self, a_id: str) -> tuple[list[str], Callable[[dict[str, str]], str]]:
        a = self.map.argument(a_id)
        reads = [*a.premises, *a.undercutters, *self.defeaters[a_id]]

        def label(lab: dict[str, str]) -> str:
            if (
                any(lab[p] in (OUT, OFF) for p in a.premises)
                or any(lab[u] == IN for u in a.undercutters)
                or any(lab[d] == IN for d in self.defeaters[a_id])
            ):
                return OUT
            if (
                all(lab[p] == IN for p in a.premises)
                and all(lab[u] in (OUT, OFF) for u in a.undercutters)
                and all(lab[d] == OUT for d in self.defeaters[a_id])
            ):
                return IN
            return UND

        return reads, label

    def _statement_rule(self, s_id: str) -> tuple[list[str], Callable[[dict[str, str]], str]]:
        against = [a.id for a in self.con[s_id]] + self.rivals[s_id]
        against += [b.id for r in self.rivals[s_id] for b in self.pro[r]]
        pro = [a.id for a in self.pro[s_id]]
        needs = self.needs[s_id]

        def label(lab: dict[str, str]) -> str:
            if any(lab[x] == IN for x in against) or (needs and all(lab[x] == OUT for x in pro)):
                return OUT
            if all(lab[x] in (OUT, OFF) for x in against) and (not needs or any(lab[x] == IN for x in pro)):
                return IN
            return UND

        return [*against, *pro], label

    def violations(self, labels: dict[str, str]) -> list[str]:
        """Return the ids whose label in ``labels`` (in/out/undecided/off) the rules would change."""
        lab = dict(labels)
        for a in self.off_arguments:
            lab[a] = OUT
        wrong = []
        for s in self.map.statements:
            if s.id in self.off_statements:
                expected = OFF
            elif s.id in self.untraced:
                expected = OUT
            else:
                expected = self._statement_rule(s.id)[1](lab)
            if lab[s.id] != expected:
                wrong.append(s.id)
        for a in self.map.arguments:
            expected = OUT if a.id in self.off_arguments else self._argument_rule(a.id)[1](lab)
            if labels[a.id] != expected:
                wrong.append(a.id)
        return wrong

    def _enumerate(self) -> list[dict[str, str]]:
        fixed: dict[str, str] = {}
        free: list[str] = []
        rules: dict[str, tuple[list[str], Callable[[dict[str, str]], str]]] = {}
        for s in self.map.statements:
            if s.id in self.off_statements:
                fixed[s.id] = OFF
            elif s.id in self.untraced:
                fixed[s.id] = OUT
            else:
                free.append(s.id)
                rules[s.id] = self._statement_rule(s.id)
        for a in self.map.arguments:
            if a.id in self.off_arguments:
                fixed[a.id] = OUT
            else:
                free.append(a.id)
                rules[a.id] = self._argument_rule(a.id)
        position = {x: k for k, x in enumerate(free)}
        checks: list[list[str]] = [[] for _ in free]
        for node, (reads, _) in rules.items():
            last = max([position[node]] + [position[x] for x in reads if x in position])
            checks[last].append(node)
        found: list[dict[str, str]] = []
        lab = dict(fixed)

        def walk(k: int) -> None:
            if k == len(free):
                found.append(dict(lab))
                return
            for value in (IN, OUT, UND):
                lab[free[k]] = value
                if all(rules[node][1](lab) == lab[node] for node in checks[k]):
                    walk(k + 1)
            del lab[free[k]]

        walk(0)
        return [lab_ for lab_ in found if self._founded(lab_)]

    def _founded(self, lab: dict[str, str]) -> bool:
        """Rule 3: what stands on support has support leading back to something needing none."""
        founded = {s.id for s in self.map.statements if lab[s.id] == IN and not self.needs[s.id]}
        grew = True
        while grew:
            grew = False
            for a in self.map.arguments:
                if (
                    a.stance == "pro"
                    and lab[a.id] == IN
                    and lab[a.conclusion] == IN
                    and a.conclusion not in founded
                    and all(p in founded for p in a.premises)
                ):
                    founded.add(a.conclusion)
                    grew = True
        return all(s.id in founded for s in self.map.statements if lab[s.id] == IN)

    # -- the semantics ------------------------------------------------------------------------

    def _below(self, lab: dict[str, str], other: dict[str, str]) -> bool:
        """Return whether ``other`` keeps everything ``lab`` decides (IN stays IN, OUT stays OUT)."""
        return all(other[x] == v for x, v in lab.items() if v in (IN, OUT))

    def grounded(self) -> dict[str, str]:
        """Return the labelling every other one extends (there must be exactly one)."""
        least = [lab for lab in self.labellings if all(self._below(lab, o) for o in self.labellings)]
        assert len(least) == 1, "the rules must have a least labelling"
        return least[0]

    def extensions(self, semantics: str) -> list[dict[str, str]]:
        """Return the preferred (no other extends them) or stable (nothing undecided) labellings."""
        if semantics == "stable":
            return [lab for lab in self.labellings if UND not in lab.values()]
        return [
            lab
            for lab in self.labellings
            if not any(o != lab and self._below(lab, o) for o in self.labellings)
        ]

    def statuses(self, semantics: str, mode: str = "sceptical") -> dict[str, str]:
        """Return each statement's status, and each argument's state, as evaluate() words them."""
        chosen = [self.grounded()] if semantics == "grounded" else self.extensions(semantics)
        result: dict[str, str] = {}
        for x in [s.id for s in self.map.statements] + [a.id for a in self.map.arguments]:
            values = [lab[x] for lab in chosen]
            if x in self.off_statements:
                result[x] = OFF
            elif not values:
                result[x] = UND
            elif all(v == OUT for v in values):
                result[x] = OUT
            elif all(v == IN for v in values) or (mode == "credulous" and IN in values):
                result[x] = IN
            else:
                result[x] = UND
        words = {IN: "applicable", OUT: "inapplicable", UND: "undecided"}
        for a in self.map.arguments:
            result[a.id] = words[result[a.id]]
        return result
