"""Carneades semantics: Carneades 4's argument evaluation, with issues, proof standards and weights.

This follows the labelling of Carneades 4 (Gordon and Walton; the CAES of carneades-4, read for
its algorithm), so that the expected labels of Carneades' own example graphs come out the same,
with the changes argmap's rules ask for (marked *rule N*; docs/format.md has worked examples):

- Statements are IN, OUT or UNDECIDED; switched-off ones are OFF and count as OUT. Switched-off
  arguments (by id or through a line of argument) weigh nothing and are inapplicable.
- *Given* statements start IN: evidence and assumed statements. Once one position of a question
  is given, the other positions start OUT. Two positions of one question that are both assumed
  both stand, as in Carneades 4 (its ``paraconsistency`` example): the only exception to *rule 2*
  ("at most one position stands"), flagged in the evaluation's notes.
- An argument's *undercut* is IN when some undercutter is IN, OUT when all are OUT or switched off
  (or it has none), otherwise undecided. Its *weight* is its weighing function applied to its
  premises' labels, times its ``weight`` when set, and 0 when it is undercut. The weighing
  function is named by the argument's ``scheme``: ``linked`` (the default: 1 when every premise
  is IN, else 0), ``convergent`` (1 when some premise is IN), ``cumulative`` (the share of
  premises IN) or ``factorized`` (like cumulative, but 0 when a premise is OUT and measured
  against the distinct premises of all arguments about the issue).
- While some premise or undercutter is undecided, an argument's weight is only known to lie
  between a lower bound (open parts go against it) and an upper bound (open parts go its way).
  It is *applicable* when the lower bound is above 0 and *inapplicable* when the upper bound is 0.
  *Rule 4*: so a linked argument with an OUT or switched-off premise is inapplicable whatever its
  undercutters or other premises (Carneades 4 waits for them to be decided).
- A statement every argument for which is inapplicable is *unsupported*: OUT (so also a claim
  nothing argues for and nobody assumed: a bare claim does not stand, as under grounded).
- A statement that is not *at issue* is IN as soon as some argument for it is applicable.
- A statement is at issue when it is a position of a question, when arguments oppose it (then it
  competes with its own negation, which the con arguments support), or when it has a proof
  standard of its own. A position *meets its standard* when its best argument's weight beats
  every rival's (and the best weight against it) under the standard. An issue is resolved as soon
  as its outcome is certain: one position meets its standard even at its lower bound against the
  rivals' upper bounds (and no rival could meet its own standard with as much weight), or every
  argument about it is decided. The position that meets its standard with the greatest weight is
  IN, the others OUT; no position wins a tie. Deciding early never changes the outcome, and it
  keeps rule 3's promise below.
- Repeat until nothing changes; what is left is UNDECIDED (support loops, odd and even cycles).
  *Rule 3*: claims that support only each other, with no evidence, assumption or outside argument
  entering their loop, are never IN; the evaluation's notes name each such loop. Adding an
  argument for a statement never makes it worse: bounds only widen its way.

Positions of a ``compatible`` question do not compete (*rule 2*): each is weighed on its own,
against the arguments opposing it.

Proof standards compare the best weights ``w1`` of a position and ``w2`` of a rival (*rule 6*).
Two sets of thresholds are offered; ``CARNEADES_4`` is the default, ``GORDON_WALTON`` the other
(``evaluate_carneades(..., thresholds=GORDON_WALTON)``):

============  ==========================================  ===========================================
standard      Carneades 4 (default)                       Gordon and Walton (α 0.4, β 0.3, γ 0.2)
============  ==========================================  ===========================================
``pe``        ``w1 > w2``                                 ``w1 > w2``
``cce``       ``w1 > w2`` and ``w1 - w2 > 0.5``           ``w1 > 0.4`` and ``w1 - w2 > 0.3``
``brd``       ``cce`` and ``w2 < 0.3``                    ``cce`` and ``w2 < 0.2``
``dv``        ``w1 > 0`` and ``w2 == 0``                  the same
``se``        ``w1 > 0``                                  the same
============  ==========================================  ===========================================

Under ``se`` several positions may meet the standard; the one with the greatest weight then wins,
and none on a tie, so the result does not depend on the order positions are declared in.

Questions themselves are not labelled by Carneades; here they are IN (the question is posed).

>>> from argmap.model import ArgumentMap
>>> m = ArgumentMap.build("Tweety")
>>> q = m.question("q", "Does Tweety fly?")
>>> flies = m.position("flies", "Tweety flies")
>>> walks = m.position("walks", "Tweety does not fly")
>>> bird = m.claim("bird", "Tweety is a bird", assumed=True, supports=flies)
>>> penguin = m.claim("penguin", "Tweety is a penguin", supports=walks)
>>> ev = evaluate_carneades(m.finish(), frozenset())
>>> [ev.status(s).value for s in ("bird", "penguin", "flies", "walks")]
['in', 'out', 'in', 'out']

Rule 4, worked: ``c`` rests on ``p`` and ``r``; ``p`` falls (nothing supports it) while the
undercutter ``u`` stays open (it and ``v`` only support each other). Carneades 4 would wait for
``u``; here the argument is inapplicable at once, and ``c`` falls.

>>> m = ArgumentMap.build("Rule 4")
>>> for sid in ("p", "u", "v", "c"):
...     _ = m.claim(sid, sid.upper())
>>> _ = m.claim("r", "R", assumed=True)
>>> _ = m.pro("v", "u", id="v-u"), m.pro("u", "v", id="u-v"), m.pro(["p", "r"], "c", id="a")
>>> _ = m.undercut("u", "a")
>>> ev = evaluate_carneades(m.finish(), frozenset())
>>> [ev.status(s).value for s in ("p", "u", "c")], ev.arguments["a"]
(['out', 'undecided', 'out'], 'inapplicable')
>>> ev.notes[0][:45]
'carneades: support loop u → v → u: these clai'
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from typing import Final

from attrs import define

from argmap._text import shorten, suggest
from argmap.errors import EvaluationError
from argmap.evaluation.carneades_loops import loop_note, unearned_support_loops
from argmap.evaluation.labelling import NOTHING_SUPPORTS, Evaluation, Explanation, Reason, Status
from argmap.evaluation.verdict import verdicts
from argmap.model import Argument, ArgumentMap, Evidence, Question, Statement
from argmap.model.off import Off

__all__ = ["CARNEADES_4", "GORDON_WALTON", "Thresholds", "evaluate_carneades", "greater"]


@define(frozen=True)
class Thresholds:
    """The thresholds of the proof standards ``cce`` and ``brd``.

    ``cce``: ``w1 > w2``, ``w1 > alpha`` and ``w1 - w2 > beta``; ``brd``: also ``w2 < gamma``.
    """

    name: str
    alpha: float
    """The least weight the best argument needs."""
    beta: float
    """How far the best argument must outweigh the rival's."""
    gamma: float
    """The rival's weight must stay below this under ``brd``."""


CARNEADES_4: Final = Thresholds("Carneades 4", alpha=0.0, beta=0.5, gamma=0.3)
"""Carneades 4's code: ``cce`` needs a lead of more than 0.5; ``brd`` also a rival below 0.3."""
GORDON_WALTON: Final = Thresholds("Gordon and Walton", alpha=0.4, beta=0.3, gamma=0.2)
"""Gordon and Walton (2009), "Proof burdens and standards", with their usual α, β, γ."""

MAX_DEPTH: Final = 40

IN: Final = 1
OUT: Final = 2
UNDECIDED: Final = 0

_STATUS: Final = {IN: Status.IN, OUT: Status.OUT, UNDECIDED: Status.UNDECIDED}
_STANDARD_NAMES: Final = {
    "pe": "preponderance of evidence",
    "cce": "clear and convincing evidence",
    "brd": "beyond reasonable doubt",
    "dv": "dialectical validity",
    "se": "scintilla of evidence",
}


def greater(standard: str, w1: float, w2: float, thresholds: Thresholds = CARNEADES_4) -> bool:
    """Return whether weight ``w1`` beats ``w2`` under a proof standard.

    Every standard rises with ``w1`` and falls with ``w2``, which early resolution relies on.

    >>> greater("pe", 0.6, 0.5), greater("cce", 0.6, 0.5), greater("brd", 0.9, 0.2), greater("dv", 0.4, 0.1)
    (True, False, True, False)
    >>> greater("cce", 0.7, 0.35), greater("cce", 0.7, 0.35, GORDON_WALTON)
    (False, True)
    """
    if standard in {"cce", "brd"}:
        clear = w1 > w2 and w1 > thresholds.alpha and w1 - w2 > thresholds.beta
        return clear and (standard == "cce" or w2 < thresholds.gamma)
    if standard == "dv":
        return w1 > 0.0 and w2 == 0.0
    if standard == "se":
        return w1 > 0.0
    return w1 > w2


class _Issue:
    """Positions competing under their standards; a lone member competes with its con arguments."""

    __slots__ = ("members", "question", "standards")

    def __init__(self, question: str | None, members: list[str], standards: dict[str, str]) -> None:
        self.question = question
        self.members = members
        self.standards = standards


def _weigh(scheme: str, labels: list[int], premise_count: int) -> float:
    if scheme == "convergent":
        return 1.0 if IN in labels else 0.0
    if scheme == "cumulative":
        return labels.count(IN) / len(labels)
    if scheme == "factorized":
        return 0.0 if OUT in labels else labels.count(IN) / premise_count
    return 1.0 if all(label == IN for label in labels) else 0.0


class _Labeller:
    def __init__(
        self,
        argument_map: ArgumentMap,
        off: frozenset[str],
        off_arguments: frozenset[str],
        thresholds: Thresholds,
    ) -> None:
        self.map = argument_map
        self.off = off
        self.off_arguments = off_arguments
        self.thresholds = thresholds
        self.statements: dict[str, Statement] = {s.id: s for s in argument_map.statements}
        self.pro: dict[str, tuple[Argument, ...]] = {s: argument_map.pro(s) for s in self.statements}
        self.con: dict[str, tuple[Argument, ...]] = {s: argument_map.con(s) for s in self.statements}
        self.label: dict[str, int] = dict.fromkeys(self.statements, UNDECIDED)
        self.order: list[str] = []
        self.why: dict[str, str] = {}
        self.issue_of: dict[str, _Issue] = {}
        self.looked: dict[int, int] = {}
        self.conflicts: list[tuple[str, tuple[str, ...]]] = []
        """Questions with more than one given position (all of them stand, as in Carneades 4)."""
        self._build_issues()

    # -- structure -----------------------------------------------------------------------------

    def _standard(self, statement: Statement, fallback: str | None) -> str:
        own = getattr(statement, "standard", None)
        return own or fallback or "pe"

    def _build_issues(self) -> None:
        for question in self.map.questions:
            members = [p.id for p in self.map.positions_of(question.id)]
            if not members or question.compatible:
                continue
            standards = {p: self._standard(self.statements[p], question.standard) for p in members}
            issue = _Issue(question.id, members, standards)
            for p in members:
                self.issue_of[p] = issue
        for sid, statement in self.statements.items():
            if sid in self.issue_of or isinstance(statement, Question):
                continue
            answers = getattr(statement, "answers", None)
            asked = self.statements.get(answers) if isinstance(answers, str) else None
            fallback = asked.standard if isinstance(asked, Question) else None
            if self.con[sid] or getattr(statement, "standard", None) or fallback:
                self.issue_of[sid] = _Issue(None, [sid], {sid: self._standard(statement, fallback)})

    def given(self, sid: str) -> bool:
        statement = self.statements[sid]
        return isinstance(statement, Evidence | Question) or statement.assumed

    def rivals_of(self, sid: str) -> list[str]:
        issue = self.issue_of.get(sid)
        if issue is None or issue.question is None:
            return []
        return [m for m in issue.members if m != sid and m not in self.off]

    # -- arguments -----------------------------------------------------------------------------

    def get(self, sid: str) -> int:
        return OUT if sid in self.off else self.label[sid]

    def undercut(self, argument: Argument) -> int:
        result = OUT
        for u in argument.undercutters:
            value = self.get(u)
            if value == IN:
                return IN
            if value == UNDECIDED:
                result = UNDECIDED
        return result

    def bounds(self, argument: Argument) -> tuple[float, float]:
        """Return the least and the greatest weight the argument can still come to."""
        if argument.id in self.off_arguments:
            return 0.0, 0.0
        cut = self.undercut(argument)
        if cut == IN:
            return 0.0, 0.0
        labels = [self.get(p) for p in argument.premises]
        scheme = (argument.scheme or "linked").strip().lower()
        count = self._premise_count(argument) if scheme == "factorized" else len(labels)
        scale = argument.weight if argument.weight is not None else 1.0
        high = _weigh(scheme, [IN if v == UNDECIDED else v for v in labels], count) * scale
        if high <= 0.0:
            return 0.0, 0.0
        if cut == UNDECIDED:
            return 0.0, high
        return _weigh(scheme, [OUT if v == UNDECIDED else v for v in labels], count) * scale, high

    def decided(self, argument: Argument) -> bool:
        low, high = self.bounds(argument)
        return low == high

    def weight(self, argument: Argument) -> float:
        """Return the weight once decided (the lower bound while it is not)."""
        return self.bounds(argument)[0]

    def _premise_count(self, argument: Argument) -> int:
        issue = self.issue_of.get(argument.conclusion)
        if issue is None:
            about = self.pro[argument.conclusion]
        else:
            about = tuple(a for m in issue.members for a in (*self.pro[m], *self.con[m]))
        return max(len({p for a in about for p in a.premises}), 1)

    def best(self, arguments: tuple[Argument, ...]) -> tuple[float, float]:
        pairs = [self.bounds(a) for a in arguments]
        return max((p[0] for p in pairs), default=0.0), max((p[1] for p in pairs), default=0.0)

    def argument_state(self, argument: Argument) -> str:
        low, high = self.bounds(argument)
        if high <= 0.0:
            return "inapplicable"
        return "applicable" if low > 0.0 else "undecided"

    # -- labelling -----------------------------------------------------------------------------

    def set(self, sid: str, value: int, why: str) -> None:
        self.label[sid] = value
        self.order.append(sid)
        self.why[sid] = why

    def _given(self) -> None:
        for sid in self.statements:
            if sid not in self.off and self.given(sid):
                self.set(sid, IN, "given")
        for question in self.map.questions:
            if question.compatible:
                continue
            members = [p.id for p in self.map.positions_of(question.id) if p.id not in self.off]
            given = [p for p in members if self.label[p] == IN]
            if len(given) > 1:
                # Carneades 4 keeps inconsistent assumptions (its paraconsistency example); say so.
                self.conflicts.append((question.id, tuple(given)))
            if given:
                for p in members:
                    if p not in given and self.label[p] == UNDECIDED:
                        self.set(p, OUT, "rival-given")

    def run(self) -> None:
        self._given()
        # A worklist instead of Carneades' repeated passes: a statement is looked at again only
        # when a label it depends on changes, so long chains cost linear time. Labels only ever
        # go from undecided to decided, so the order of visits does not change the result.
        dependents = self._dependents()
        queue = deque(sid for sid in self.statements if self.label[sid] == UNDECIDED and sid not in self.off)
        queued = set(queue)
        while queue:
            sid = queue.popleft()
            queued.discard(sid)
            if self.label[sid] != UNDECIDED:
                continue
            before = len(self.order)
            issue = self.issue_of.get(sid)
            if all(self.bounds(a)[1] <= 0.0 for a in self.pro[sid]):
                self.set(sid, OUT, "unsupported")
            elif issue is None:
                if any(self.bounds(a)[0] > 0.0 for a in self.pro[sid]):
                    self.set(sid, IN, "supported")
            else:
                self.resolve(issue)
            for changed in self.order[before:]:
                for dependent in dependents.get(changed, ()):
                    if (
                        dependent not in queued
                        and self.label[dependent] == UNDECIDED
                        and dependent not in self.off
                    ):
                        queue.append(dependent)
                        queued.add(dependent)

    def _dependents(self) -> dict[str, list[str]]:
        """Return, for each statement, the statements whose label may change when its label does."""
        out: dict[str, dict[str, None]] = {}
        for argument in self.map.arguments:
            issue = self.issue_of.get(argument.conclusion)
            targets = issue.members if issue is not None else [argument.conclusion]
            for source in (*argument.premises, *argument.undercutters):
                bucket = out.setdefault(source, {})
                for target in targets:
                    bucket[target] = None
            # A member decided (say, unsupported) can settle its rivals' issue.
            for target in targets:
                bucket = out.setdefault(target, {})
                for other in targets:
                    bucket[other] = None
        return {k: list(v) for k, v in out.items()}

    def winner(self, issue: _Issue) -> tuple[bool, str | None]:
        """Return whether the issue's outcome is certain, and its winner (None: no position wins)."""
        members = [m for m in issue.members if m not in self.off]
        pro = {m: [self.bounds(a) for a in self.pro[m]] for m in members}
        con = {m: [self.bounds(a) for a in self.con[m]] for m in members if self.con[m]}
        best = {
            m: (max((b[0] for b in pro[m]), default=0.0), max((b[1] for b in pro[m]), default=0.0))
            for m in members
        }
        against = {m: (max(b[0] for b in con[m]), max(b[1] for b in con[m])) for m in con}

        def meets(p: str, weight: float, bound: int) -> bool:
            # Against the rivals' best and its own con arguments, at their low (0) or high (1) bound.
            if weight <= 0.0:
                return False
            standard = issue.standards[p]
            rivals = [best[q][bound] for q in members if q != p]
            if p in against:
                rivals.append(against[p][bound])
            return all(greater(standard, weight, w, self.thresholds) for w in rivals)

        if all(b[0] == b[1] for bounds in (*pro.values(), *con.values()) for b in bounds):
            meeting = [m for m in members if meets(m, best[m][0], 0)]
            top = max((best[m][0] for m in meeting), default=0.0)
            leaders = [m for m in meeting if best[m][0] == top]
            return True, leaders[0] if len(leaders) == 1 else None
        for p in members:
            low = best[p][0]
            if not meets(p, low, 1):
                continue
            # Certain only if no rival could also meet its standard with as much weight.
            if all(best[q][1] < low or not meets(q, best[q][1], 0) for q in members if q != p):
                return True, p
        return False, None

    def resolve(self, issue: _Issue) -> None:
        # Each member of an issue is queued on its own; look again only once some label changed.
        if self.looked.get(id(issue)) == len(self.order):
            return
        self.looked[id(issue)] = len(self.order)
        certain, winner = self.winner(issue)
        if not certain:
            return
        for p in issue.members:
            if p in self.off or self.label[p] != UNDECIDED:
                continue
            self.set(p, IN if p == winner else OUT, "won" if p == winner else "lost")

    # -- results -------------------------------------------------------------------------------

    def status(self, sid: str) -> Status:
        return Status.OFF if sid in self.off else _STATUS[self.label[sid]]


class _Explainer:
    def __init__(self, labeller: _Labeller) -> None:
        self.l = labeller

    def name(self, sid: str) -> str:
        return f"{sid} (“{shorten(self.l.statements[sid].label)}”)"

    def argument_name(self, argument: Argument) -> str:
        if argument.title:
            return f"“{shorten(argument.title)}” ({argument.id})"
        return argument.id

    def argument_reason(self, kind: str, argument: Argument, lead: str) -> tuple[Reason, tuple[str, ...]]:
        lab = self.l
        state = lab.argument_state(argument)
        low, high = lab.bounds(argument)
        cut = lab.undercut(argument)
        scheme = (argument.scheme or "linked").strip().lower()
        failed = tuple(p for p in argument.premises if lab.get(p) == OUT)
        switched = tuple(u for u in argument.undercutters if u in lab.off)
        turned: tuple[str, ...]
        if argument.id in lab.off_arguments:
            turned = ()
            clause = "it is switched off"
        elif cut == IN:
            turned = tuple(u for u in argument.undercutters if lab.get(u) == IN)
            clause = "it is undercut by " + ", ".join(self.name(u) for u in turned)
        elif high <= 0.0 and failed:
            turned = failed
            words = [
                f"{self.name(p)} is switched off" if p in lab.off else f"{self.name(p)} falls" for p in failed
            ]
            clause = "premise " + " and ".join(words)
            if scheme in {"linked", "factorized"} and (
                cut == UNDECIDED or len(failed) < len(argument.premises)
            ):
                clause += ", so nothing else about it matters"
        elif cut == UNDECIDED:
            turned = tuple(u for u in argument.undercutters if lab.get(u) == UNDECIDED)
            clause = "undercutter " + ", ".join(self.name(u) for u in turned) + " is open"
        else:
            open_premises = tuple(p for p in argument.premises if lab.get(p) == UNDECIDED)
            if open_premises and low != high:
                turned = open_premises
                clause = "premise " + ", ".join(self.name(p) for p in open_premises) + " is open"
            else:
                turned = tuple(argument.premises)
                standing = [p for p in argument.premises if lab.get(p) == IN]
                clause = f"it weighs {low:.2f}"
                if len(standing) != len(argument.premises):
                    clause += f" ({len(standing)} of {len(argument.premises)} premises stand)"
        if switched and argument.id not in lab.off_arguments and cut != IN:
            clause += "; undercutter " + ", ".join(self.name(u) for u in switched) + " is switched off"
        text = f"{lead} {self.argument_name(argument)} is {state}: {clause}."
        reason = Reason(kind=kind, text=text, argument=argument.id, argument_status=state, statements=turned)
        return reason, turned

    def reasons(self, sid: str) -> tuple[str, list[Reason], list[str]]:
        lab = self.l
        status = lab.status(sid)
        statement = lab.statements[sid]
        if status is Status.OFF:
            return f"{sid} is switched off: it counts as absent.", [], []
        why = lab.why.get(sid)
        reasons: list[Reason] = []
        deps: list[str] = []

        def add(kind: str, arguments: Iterable[Argument], lead: str) -> None:
            for argument in arguments:
                reason, turned = self.argument_reason(kind, argument, lead)
                reasons.append(reason)
                deps.extend(turned)

        if why == "given":
            if isinstance(statement, Question):
                text = "It is a question: Carneades labels its positions, not the question."
            elif isinstance(statement, Evidence):
                text = "It is evidence: accepted as given while switched on."
            else:
                text = "It is assumed: accepted as given, as Carneades' assumptions are."
            reasons.append(Reason(kind="given", text=text))
            return f"{sid} stands: it is given.", reasons, deps
        if why == "rival-given":
            rivals = [m for m in lab.rivals_of(sid) if lab.why.get(m) == "given"]
            reasons.append(
                Reason(
                    kind="rebuttal",
                    text=f"A rival position of the same question is given: {', '.join(rivals)}.",
                    statements=tuple(rivals),
                )
            )
            deps.extend(rivals)
            return f"{sid} falls: a rival position is given.", reasons, deps
        if why == "unsupported":
            add("no-support", lab.pro[sid], "The argument for it")
            if not lab.pro[sid]:
                reasons.append(
                    Reason(kind="no-support", text="Nothing argues for it and it is not assumed or evidence.")
                )
                return f"{sid} falls: {NOTHING_SUPPORTS}.", reasons, deps
            return f"{sid} falls: no argument for it can carry any weight.", reasons, deps
        if why == "supported":
            good = [a for a in lab.pro[sid] if lab.bounds(a)[0] > 0.0]
            add("support", good[:1], "The argument for it")
            return f"{sid} stands: argument {self.argument_name(good[0])} for it applies.", reasons, deps
        contest = lab.issue_of.get(sid)
        if why in {"won", "lost"} and contest is not None:
            issue = contest
            standard = issue.standards[sid]
            add("support", lab.pro[sid], "The argument for it")
            add("rebuttal", lab.con[sid], "The argument against it")
            rivals = [m for m in issue.members if m != sid and m not in lab.off]
            weights = ", ".join(f"{m} {_shown(lab.best(lab.pro[m]))}" for m in [sid, *rivals])
            if lab.con[sid]:
                weights += f", against {sid} {_shown(lab.best(lab.con[sid]))}"
            where = f"on {issue.question!r}" if issue.question else "against the arguments opposing it"
            name = _STANDARD_NAMES.get(standard, standard)
            reasons.append(Reason(kind="strength", text=f"Best argument weights: {weights}."))
            if why == "won":
                return f"{sid} stands: it prevails {where} under {name}.", reasons, deps
            return f"{sid} falls: it does not prevail {where} under {name}.", reasons, deps
        open_pro = tuple(a for a in lab.pro[sid] if lab.argument_state(a) == "undecided")
        open_con = tuple(a for a in lab.con[sid] if lab.argument_state(a) == "undecided")
        add("support", open_pro, "The argument for it")
        add("rebuttal", open_con, "The argument against it")
        if contest is not None and contest.question is not None:
            return f"{sid} is open: its question cannot be resolved yet.", reasons, deps
        return f"{sid} is open: no argument for it is sure to apply.", reasons, deps

    def explain(self, sid: str, seen: set[str], depth: int) -> Explanation:
        seen.add(sid)
        summary, reasons, deps = self.reasons(sid)
        children: list[Explanation] = []
        if depth < MAX_DEPTH:
            for d in dict.fromkeys(deps):
                if d not in seen and d not in self.l.off:
                    children.append(self.explain(d, seen, depth + 1))  # noqa: PERF401  # `seen` grows as it goes
        statement = self.l.statements[sid]
        return Explanation(
            id=sid,
            label=statement.label,
            status=self.l.status(sid),
            semantics="carneades",
            summary=summary,
            reasons=tuple(reasons),
            because=tuple(children),
        )

    def __call__(self, statement_id: str) -> Explanation:
        return self.explain(statement_id, set(), 0)


def _shown(bounds: tuple[float, float]) -> str:
    low, high = bounds
    return f"{low:.2f}" if low == high else f"{low:.2f}–{high:.2f}"


def _checked(off: Off | Iterable[str]) -> Off:
    """Return ``off`` as an Off; a plain set names statements (the form older callers pass)."""
    if isinstance(off, Off):
        return off
    statements = frozenset(off)
    return Off(statements=statements, ids=statements)


def evaluate_carneades(
    argument_map: ArgumentMap,
    off: Off | frozenset[str],
    *,
    thresholds: Thresholds | str = CARNEADES_4,
) -> Evaluation:
    """Evaluate a map as Carneades 4 would, with argmap's rules; ``off`` is checked already.

    ``thresholds`` is ``CARNEADES_4`` (the default), ``GORDON_WALTON``, or either's name
    ("carneades-4", "gordon-walton").
    """
    chosen = _thresholds(thresholds)
    switched = _checked(off)
    labeller = _Labeller(argument_map, switched.statements, switched.arguments, chosen)
    labeller.run()
    statuses = {sid: labeller.status(sid) for sid in labeller.statements}
    notes = [
        loop_note(
            "carneades",
            loop,
            "none of them is accepted" if all(statuses[s] is not Status.IN for s in loop) else "",
        )
        for loop in unearned_support_loops(argument_map, switched.statements, switched.arguments)
    ]
    notes += [
        f"carneades: positions {' and '.join(given)} of question {question!r} are all assumed, so all"
        " stand although they compete (assume at most one, or mark the question compatible)"
        for question, given in labeller.conflicts
    ]
    if chosen != CARNEADES_4:
        notes.append(f"carneades: proof standards use the thresholds of {chosen.name}")
    return Evaluation(
        semantics="carneades",
        off=switched.ids,
        statuses=statuses,
        arguments={a.id: labeller.argument_state(a) for a in argument_map.arguments},
        verdicts=verdicts(argument_map, statuses, {}, "carneades", off=switched),
        notes=tuple(notes),
        explainer=_Explainer(labeller),
    )


def _thresholds(value: Thresholds | str) -> Thresholds:
    if isinstance(value, Thresholds):
        return value
    named = {"carneades-4": CARNEADES_4, "gordon-walton": GORDON_WALTON}
    if value not in named:
        raise EvaluationError(
            f"carneades: unknown thresholds {value!r}{suggest(str(value), named)}"
            " (use 'carneades-4' or 'gordon-walton')"
        )
    return named[value]
