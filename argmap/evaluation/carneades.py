"""Carneades semantics: Carneades 4's argument evaluation, with issues, proof standards and weights.

This follows the labelling of Carneades 4 (Gordon and Walton; the CAES of carneades-4, read for
its algorithm), so that the expected labels of Carneades' own example graphs come out the same:

- Statements are IN, OUT or UNDECIDED; switched-off ones are OFF and count as OUT.
- *Given* statements start IN: evidence and assumed statements. Once one position of a question
  is IN, the other undecided positions start OUT.
- An argument's *undercut* is IN when some undercutter is IN, OUT when all are OUT (or it has
  none), otherwise undecided. An argument is *applicable* when it is undercut, or when its
  undercut is OUT and none of its premises is undecided. Its *weight* is 0 when it is undercut
  or not applicable; otherwise its weighing function applied to its premises' labels, times its
  ``weight`` when set. The weighing function is named by the argument's ``scheme``: ``linked``
  (the default: 1 when every premise is IN, else 0), ``convergent`` (1 when some premise is IN),
  ``cumulative`` (the share of premises IN) or ``factorized`` (like cumulative, but 0 when a
  premise is OUT and measured against the distinct premises of all arguments about the issue).
- A statement is *unsupported* when every argument for it is applicable and weighs 0 (so also
  when nothing argues for it and it is not given): it is OUT. This is where Carneades differs
  most from grounded semantics: a bare claim nobody assumed does not stand.
- A statement that is not *at issue* is IN as soon as some applicable argument for it weighs
  more than 0.
- A statement is at issue when it is a position of a question, when arguments oppose it (then
  it competes with its own negation, which the con arguments support), or when it has a proof
  standard of its own. An issue is resolved once every argument about it is undercut or
  applicable: the position whose best argument outweighs every rival under the proof standard
  (and its own con arguments, if any) is IN, every other position OUT. No position wins a tie.
- Repeat until nothing changes; what is left is UNDECIDED (support loops, odd and even cycles).

Proof standards compare the best weights ``w1`` of a position and ``w2`` of a rival (Carneades 4):
``pe`` (preponderance of evidence, the default): ``w1 > w2``; ``cce`` (clear and convincing):
also ``w1 - w2 > 0.5``; ``brd`` (beyond reasonable doubt): also ``w2 < 0.3``; ``dv``
(dialectical validity, after Carneades 2): ``w1 > 0`` and ``w2 == 0``; ``se`` (scintilla of
evidence): ``w1 > 0`` (the first such position in declaration order wins).

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
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING, Final

from argmap.evaluation.labelling import Evaluation, Explanation, Reason, Status
from argmap.evaluation.verdict import verdicts
from argmap.model import Argument, ArgumentMap, Evidence, Question, Statement

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["ALPHA", "BETA", "evaluate_carneades", "greater"]

ALPHA: Final = 0.5
"""How far the best argument must outweigh the rival's under ``cce`` and ``brd``."""
BETA: Final = 0.3
"""The rival's weight must stay below this under ``brd``."""

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


def greater(standard: str, w1: float, w2: float) -> bool:
    """Return whether weight ``w1`` beats ``w2`` under a proof standard.

    >>> greater("pe", 0.6, 0.5), greater("cce", 0.6, 0.5), greater("brd", 0.9, 0.2), greater("dv", 0.4, 0.1)
    (True, False, True, False)
    """
    if standard == "cce":
        return w1 > w2 and w1 - w2 > ALPHA
    if standard == "brd":
        return w1 > w2 and w1 - w2 > ALPHA and w2 < BETA
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


class _Labeller:
    def __init__(self, argument_map: ArgumentMap, off: frozenset[str]) -> None:
        self.map = argument_map
        self.off = off
        self.statements: dict[str, Statement] = {s.id: s for s in argument_map.statements}
        self.pro: dict[str, tuple[Argument, ...]] = {s: argument_map.pro(s) for s in self.statements}
        self.con: dict[str, tuple[Argument, ...]] = {s: argument_map.con(s) for s in self.statements}
        self.label: dict[str, int] = dict.fromkeys(self.statements, UNDECIDED)
        self.order: list[str] = []
        self.why: dict[str, str] = {}
        self.issue_of: dict[str, _Issue] = {}
        self._build_issues()

    # -- structure -----------------------------------------------------------------------------

    def _standard(self, statement: Statement, fallback: str | None) -> str:
        own = getattr(statement, "standard", None)
        return own or fallback or "pe"

    def _build_issues(self) -> None:
        for question in self.map.questions:
            members = [p.id for p in self.map.positions_of(question.id)]
            if not members:
                continue
            standards = {p: self._standard(self.statements[p], question.standard) for p in members}
            issue = _Issue(question.id, members, standards)
            for p in members:
                self.issue_of[p] = issue
        for sid, statement in self.statements.items():
            if sid in self.issue_of or isinstance(statement, Question):
                continue
            if self.con[sid] or getattr(statement, "standard", None):
                self.issue_of[sid] = _Issue(None, [sid], {sid: self._standard(statement, None)})

    def given(self, sid: str) -> bool:
        statement = self.statements[sid]
        return isinstance(statement, Evidence | Question) or statement.assumed

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

    def applicable(self, argument: Argument) -> bool:
        cut = self.undercut(argument)
        if cut == IN:
            return True
        if cut == UNDECIDED:
            return False
        return all(self.get(p) != UNDECIDED for p in argument.premises)

    def weight(self, argument: Argument) -> float:
        if self.undercut(argument) == IN or not self.applicable(argument):
            return 0.0
        labels = [self.get(p) for p in argument.premises]
        scheme = (argument.scheme or "linked").strip().lower()
        if scheme == "convergent":
            value = 1.0 if IN in labels else 0.0
        elif scheme == "cumulative":
            value = labels.count(IN) / len(labels)
        elif scheme == "factorized":
            value = 0.0 if OUT in labels else labels.count(IN) / self._premise_count(argument)
        else:
            value = 1.0 if all(label == IN for label in labels) else 0.0
        return value * (argument.weight if argument.weight is not None else 1.0)

    def _premise_count(self, argument: Argument) -> int:
        issue = self.issue_of.get(argument.conclusion)
        if issue is None:
            about = self.pro[argument.conclusion]
        else:
            about = tuple(a for m in issue.members for a in (*self.pro[m], *self.con[m]))
        return max(len({p for a in about for p in a.premises}), 1)

    def supported(self, sid: str) -> bool:
        return any(self.applicable(a) and self.weight(a) > 0.0 for a in self.pro[sid])

    def unsupported(self, sid: str) -> bool:
        return all(self.applicable(a) and self.weight(a) <= 0.0 for a in self.pro[sid])

    def best(self, arguments: tuple[Argument, ...]) -> float:
        return max((self.weight(a) for a in arguments), default=0.0)

    def ready(self, issue: _Issue) -> bool:
        return all(
            self.undercut(a) == IN or self.applicable(a)
            for m in issue.members
            for a in (*self.pro[m], *self.con[m])
        )

    # -- labelling -----------------------------------------------------------------------------

    def set(self, sid: str, value: int, why: str) -> None:
        self.label[sid] = value
        self.order.append(sid)
        self.why[sid] = why

    def run(self) -> None:
        for sid in self.statements:
            if sid in self.off:
                continue
            if self.given(sid):
                self.set(sid, IN, "given")
        for question in self.map.questions:
            members = [p.id for p in self.map.positions_of(question.id)]
            if any(self.get(p) == IN for p in members if p not in self.off):
                for p in members:
                    if p not in self.off and self.label[p] == UNDECIDED:
                        self.set(p, OUT, "rival-given")
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
            if self.unsupported(sid):
                self.set(sid, OUT, "unsupported")
            elif issue is None:
                if self.supported(sid):
                    self.set(sid, IN, "supported")
            elif self.ready(issue):
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
        return {k: list(v) for k, v in out.items()}

    def resolve(self, issue: _Issue) -> None:
        weights = {m: self.best(self.pro[m]) for m in issue.members}
        winner: str | None = None
        for p in issue.members:
            if p in self.off or weights[p] <= 0.0:
                continue
            standard = issue.standards[p]
            rivals = [weights[q] for q in issue.members if q != p and q not in self.off]
            if self.con[p]:
                rivals.append(self.best(self.con[p]))
            if all(greater(standard, weights[p], w) for w in rivals):
                winner = p
                break
        for p in issue.members:
            if p in self.off or self.label[p] != UNDECIDED:
                continue
            self.set(p, IN if p == winner else OUT, "won" if p == winner else "lost")

    # -- results -------------------------------------------------------------------------------

    def status(self, sid: str) -> Status:
        return Status.OFF if sid in self.off else _STATUS[self.label[sid]]

    def argument_state(self, argument: Argument) -> str:
        if self.undercut(argument) == IN:
            return "inapplicable"
        if not self.applicable(argument):
            return "undecided"
        return "applicable" if self.weight(argument) > 0.0 else "inapplicable"


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class _Explainer:
    def __init__(self, labeller: _Labeller) -> None:
        self.l = labeller

    def name(self, sid: str) -> str:
        return f"{sid} (“{_short(self.l.statements[sid].label)}”)"

    def argument_reason(self, kind: str, argument: Argument, lead: str) -> tuple[Reason, tuple[str, ...]]:
        lab = self.l
        state = lab.argument_state(argument)
        cut = lab.undercut(argument)
        if cut == IN:
            turned = tuple(u for u in argument.undercutters if lab.get(u) == IN)
            clause = "it is undercut by " + ", ".join(self.name(u) for u in turned)
        elif cut == UNDECIDED:
            turned = tuple(u for u in argument.undercutters if lab.get(u) == UNDECIDED)
            clause = "undercutter " + ", ".join(self.name(u) for u in turned) + " is contested"
        else:
            open_premises = tuple(p for p in argument.premises if lab.get(p) == UNDECIDED)
            if open_premises:
                turned = open_premises
                clause = "premise " + ", ".join(self.name(p) for p in open_premises) + " is contested"
            else:
                turned = tuple(argument.premises)
                standing = [p for p in argument.premises if lab.get(p) == IN]
                clause = f"it weighs {lab.weight(argument):.2f}"
                if len(standing) != len(argument.premises):
                    clause += f" ({len(standing)} of {len(argument.premises)} premises stand)"
        text = f"{lead} {argument.id} is {state}: {clause}."
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

        def add(kind: str, arguments: tuple[Argument, ...], lead: str) -> None:
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
            issue = lab.issue_of[sid]
            rivals = [m for m in issue.members if m != sid and lab.get(m) == IN]
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
                return f"{sid} falls: nothing supports it.", reasons, deps
            return f"{sid} falls: no argument for it has any weight.", reasons, deps
        if why == "supported":
            good = [a for a in lab.pro[sid] if lab.applicable(a) and lab.weight(a) > 0.0]
            add("support", tuple(good[:1]), "The argument for it")
            return f"{sid} stands: argument {good[0].id} for it applies.", reasons, deps
        contest = lab.issue_of.get(sid)
        if why in {"won", "lost"} and contest is not None:
            issue = contest
            standard = issue.standards[sid]
            add("support", lab.pro[sid], "The argument for it")
            add("rebuttal", lab.con[sid], "The argument against it")
            rivals = [m for m in issue.members if m != sid]
            weights = ", ".join(f"{m} {lab.best(lab.pro[m]):.2f}" for m in [sid, *rivals])
            if lab.con[sid]:
                weights += f", against {sid} {lab.best(lab.con[sid]):.2f}"
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
            return f"{sid} is contested: its question cannot be resolved yet.", reasons, deps
        return f"{sid} is contested: no argument for it is sure to apply.", reasons, deps

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


def evaluate_carneades(argument_map: ArgumentMap, off: frozenset[str]) -> Evaluation:
    """Evaluate a map as Carneades 4 would; ``off`` must hold statement ids of the map."""
    labeller = _Labeller(argument_map, off)
    labeller.run()
    statuses = {sid: labeller.status(sid) for sid in labeller.statements}
    explainer: Callable[[str], Explanation] = _Explainer(labeller)
    return Evaluation(
        semantics="carneades",
        off=off,
        statuses=statuses,
        arguments={a.id: labeller.argument_state(a) for a in argument_map.arguments},
        verdicts=verdicts(argument_map, statuses, {}, "carneades"),
        explainer=explainer,
    )
