"""Carneades 4 argument graphs (its YAML format), read as argument maps.

A Carneades graph has ``statements``, ``issues`` (positions competing under a proof standard),
``arguments`` (a conclusion, premises, an optional undercutter and scheme), ``assumptions`` (the
statements accepted without argument), ``argument_schemes`` and ``weighing_functions`` (how
arguments weigh) and, in test files, ``tests`` (the labels Carneades itself expects).

How the parts map onto argmap's model:

- a statement becomes a Claim, or a Position when some issue lists it; its text is the statement's
  text (its id when it has none); an assumption sets ``assumed=True``;
- an issue becomes a Question whose positions answer it; its proof standard (PE, CCE, BRD, DV)
  becomes the question's ``standard`` (Carneades' default, PE, is left unset);
- an argument becomes a pro Argument with the same id, its premises (roles, when given, are kept
  in the argument's note), its undercutter as the single undercutter, and its scheme name; the
  basic weighing functions are the scheme names ``linked`` (the default), ``convergent``,
  ``cumulative`` and ``factorized``. A scheme with a constant weight gives the argument that
  ``weight``; a preference weighing (lex superior, lex posterior) is turned into each argument's
  rank weight among the arguments about the same issue, as Carneades computes it;
- an argument without premises (Carneades allows them; argmap's model does not) gets the premise
  ``no-premises``, an assumed claim added once per map, so it holds unless undercut or outweighed.

- argument schemes with variables are run as Carneades' rule engine runs them, by forward
  chaining from the assumptions: each application of a scheme adds one argument per conclusion
  (ids ``a1``, ``a2``, ... not already taken), with the scheme's exceptions as undercutters and
  its ``assumptions`` as assumed premises; statements it needs are added, their text taken from
  the graph's ``language``. ``issue_schemes`` then make issues of the statements matching their
  patterns. A criteria weighing (multi-criteria decision analysis) gives each generated argument
  the weighted score of the values its own premises state, as its ``weight``. Schemes using CHR
  deletions or guards are not run.

Ids are kept verbatim, except that a statement id written as a term (``f(a, b)``) loses the
spaces outside quotes, as Carneades normalises it, so that references to it match.

What is not imported is listed in ``CarneadesGraph.skipped`` (e.g. assumptions naming no
statement, which Carneades ignores too).

>>> graph = read('''
... statements: {p: P, q: Q}
... arguments: {a1: {conclusion: p, premises: [q]}}
... assumptions: [q]
... tests: {in: [p, q]}
... ''')
>>> [(s.id, s.kind, s.assumed) for s in graph.argument_map.statements]
[('p', 'claim', False), ('q', 'claim', True)]
>>> graph.expected
(('p', 'in'), ('q', 'in'))
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import TYPE_CHECKING, Any, Final

from attrs import define, field

from argmap.errors import Location, ParseError
from argmap.model import Argument, ArgumentMap, Claim, Position, Question, Statement

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["BASIC_WEIGHING", "NO_PREMISES", "CarneadesGraph", "expected_labels", "loads", "read"]

BASIC_WEIGHING: Final = ("linked", "convergent", "cumulative", "factorized")
"""Carneades' basic weighing functions; as argument schemes they name how an argument weighs."""

NO_PREMISES: Final = "no-premises"
"""The id of the assumed claim given as premise to arguments that have none."""

_STANDARDS: Final = {"pe": "pe", "cce": "cce", "brd": "brd", "dv": "dv"}
_LABELS: Final = ("in", "out", "undecided")

Path = tuple[str, ...]


@define(frozen=True, kw_only=True)
class CarneadesGraph:
    """A Carneades graph read as a map, with the labels its ``tests:`` block expects."""

    argument_map: ArgumentMap
    expected: tuple[tuple[str, str], ...] = ()
    """``(statement id, "in" | "out" | "undecided")`` in the order the tests list them."""
    skipped: tuple[str, ...] = ()
    """One plain sentence per part of the graph that was not imported, and why."""
    locations: Mapping[str, Location] = field(factory=dict, repr=False)
    """Where each statement, issue and argument id is defined."""


def loads(text: str, *, file: str | None = None) -> ArgumentMap:
    """Read a Carneades YAML graph as a map; ``file`` only labels messages."""
    return read(text, file=file).argument_map


def expected_labels(text: str, *, file: str | None = None) -> dict[str, str]:
    """Return the labels a Carneades graph's ``tests:`` block expects, by statement id."""
    return dict(read(text, file=file).expected)


def read(text: str, *, file: str | None = None) -> CarneadesGraph:
    """Read a Carneades YAML graph: the map, the expected labels, and what was left out.

    Raises ParseError (file:line:column, with a fix) for YAML or references that are wrong.
    """
    data, locations = _compose(text, file)
    return _Reader(data, locations, file).graph()


# -- YAML: every scalar stays text (as Carneades' Go reader sees ids), with its location ----------


def _compose(text: str, file: str | None) -> tuple[Any, dict[Path, Location]]:
    import yaml  # noqa: PLC0415  # only YAML readers need PyYAML

    from argmap.formats.yaml import compose  # noqa: PLC0415

    node = compose(text, file=file, loader=yaml.BaseLoader)
    locations: dict[Path, Location] = {}
    if node is None:
        return {}, locations
    return _plain(node, (), locations, file), locations


def _plain(node: Any, path: Path, locations: dict[Path, Location], file: str | None) -> Any:
    import yaml  # noqa: PLC0415

    locations[path] = Location(file, node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else ""
            out[key] = _plain(value_node, (*path, key), locations, file)
            locations.setdefault((*path, key, "<key>"), locations[(*path, key)])
            locations[(*path, key, "<key>")] = Location(
                file, key_node.start_mark.line + 1, key_node.start_mark.column + 1
            )
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_plain(item, (*path, str(i)), locations, file) for i, item in enumerate(node.value)]
    value = node.value
    # BaseLoader reads `key:` with nothing after it as "", and so does Carneades' reader
    # read a missing text; a literal `~` or `null` stays text, as in Go.
    return value if isinstance(value, str) else str(value)


_TERM: Final = re.compile(r"^[^\s(]+\(.*\)$", re.DOTALL)


def normalize(identifier: str) -> str:
    """Return a statement id as Carneades compares it: a term loses spaces outside quotes.

    >>> normalize(" holdsAt(wfh_required, 3) "), normalize("¬app(a1)"), normalize("s1")
    ('holdsAt(wfh_required,3)', '¬app(a1)', 's1')
    """
    stripped = identifier.strip()
    if not _TERM.match(stripped):
        return stripped
    out: list[str] = []
    quote: str | None = None
    for char in stripped:
        if quote:
            out.append(char)
            if char == quote:
                quote = None
        elif char in "'\"":
            quote = char
            out.append(char)
        elif not char.isspace():
            out.append(char)
    return "".join(out)


@define
class _Scheme:
    id: str
    weighing: str = "linked"
    """linked, convergent, cumulative, factorized, constant, preference or criteria."""
    constant: float | None = None
    preference: list[tuple[str, str | None, list[str]]] = field(factory=list)
    """(property, "ascending" | "descending" | None, explicit order weakest first)."""
    meta: dict[str, Any] = field(factory=dict)
    variables: list[str] = field(factory=list)
    premises: list[tuple[str, str]] = field(factory=list)
    """(role, formula) in order; the role is "" when the scheme lists premises without roles."""
    assumptions: list[str] = field(factory=list)
    exceptions: list[str] = field(factory=list)
    conclusions: list[str] = field(factory=list)
    rule_only: list[str] = field(factory=list)
    """The CHR-only parts the scheme uses (deletions, guards): such a scheme is not run."""
    hard: list[int] = field(factory=list)
    soft: dict[str, tuple[float, dict[str, float]]] = field(factory=dict)
    """Criteria weighing: property -> (factor, value -> score in [0, 1])."""


class _Reader:
    def __init__(self, data: Any, locations: dict[Path, Location], file: str | None) -> None:
        self.data = data
        self.locations = locations
        self.file = file
        self.skipped: list[str] = []
        self.raw_keys: dict[str, str] = {}

    # -- helpers -------------------------------------------------------------------------------

    def where(self, path: Path, *, key: bool = False) -> Location:
        if key and (*path, "<key>") in self.locations:
            return self.locations[(*path, "<key>")]
        while path and path not in self.locations:
            path = path[:-1]
        return self.locations.get(path, Location(self.file))

    def fail(self, message: str, path: Path, *, key: bool = False) -> ParseError:
        return ParseError(message, self.where(path, key=key))

    def mapping(self, value: Any, path: Path, what: str) -> dict[str, Any]:
        if value in (None, ""):
            return {}
        if not isinstance(value, dict):
            raise self.fail(f"{what} must be a mapping of ids to entries, got {_kind(value)}", path)
        return value

    def id_list(self, value: Any, path: Path, what: str) -> list[str]:
        if value in (None, ""):
            return []
        if isinstance(value, str):
            return [normalize(value)]
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return [normalize(v) for v in value]
        raise self.fail(f"{what} must be an id or a list of ids, got {_kind(value)}", path)

    def number(self, value: Any, path: Path, what: str) -> float:
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise self.fail(f"{what} must be a number in [0, 1], got {value!r}", path) from None
        if not 0.0 <= number <= 1.0:
            raise self.fail(f"{what} must be a number in [0, 1], got {value!r}", path)
        return number

    # -- the graph -----------------------------------------------------------------------------

    def graph(self) -> CarneadesGraph:
        top = self.data
        if not isinstance(top, dict):
            raise self.fail(
                "a Carneades graph is a mapping with statements, issues, arguments and assumptions,"
                f" got {_kind(top)}",
                (),
            )
        meta = self.mapping(top.get("meta"), ("meta",), "meta")
        texts, assumed, order = self.statements(top)
        listed = self.assumptions(top)
        assumed |= {a for a in listed if a in texts}
        weighing = self.weighing_functions(top)
        schemes = self.schemes(top, weighing)
        issues = self.issues(top, texts)
        arguments = self.arguments(top, texts, schemes)
        declared_statements, declared_issues = set(texts), set(issues)
        rules = _Rules(self, top=top, texts=texts, assumed=assumed, order=order, schemes=schemes)
        arguments += rules.instantiate([*listed, *sorted(assumed - set(listed))], arguments)
        rules.issue_schemes(issues)
        position_of = {p: issue for issue, (positions, _) in issues.items() for p in positions}
        self.note_unused_assumptions(listed, texts)

        statement_ids = set(texts)
        issue_ids = self.free_ids(list(issues), statement_ids, "issue")
        taken = statement_ids | set(issue_ids.values())
        argument_ids = self.free_ids([a["id"] for a in arguments], taken, "argument")

        statements: list[Statement] = []
        for issue, (positions, standard) in issues.items():
            question_text = "Which holds: " + ", or ".join(texts[p].rstrip(".") for p in positions) + "?"
            statements.append(
                Question(
                    id=issue_ids[issue],
                    text=question_text,
                    standard=standard,  # type: ignore[arg-type]
                    note=None if issue_ids[issue] == issue else f"Carneades issue {issue}",
                )
            )
        for sid in order:
            owner = position_of.get(sid)
            if owner is not None:
                statements.append(
                    Position(id=sid, text=texts[sid], answers=issue_ids[owner], assumed=sid in assumed)
                )
            else:
                statements.append(Claim(id=sid, text=texts[sid], assumed=sid in assumed))

        model_arguments: list[Argument] = []
        weights = self.preference_weights(arguments, schemes, issues, position_of)
        for item in arguments:
            premises = item["premises"]
            if not premises:
                premises = (NO_PREMISES,)
            scheme = item["scheme"]
            weight = item.get("weight", weights.get(item["id"]))
            notes = list(item["notes"])
            if scheme is not None and scheme in schemes:
                declared = schemes[scheme]
                if declared.weighing == "constant":
                    weight = declared.constant
                elif declared.weighing in BASIC_WEIGHING and declared.weighing != "linked":
                    notes.append(f"Carneades scheme {scheme}")
                    scheme = declared.weighing
            aid = argument_ids[item["id"]]
            if aid != item["id"]:
                notes.append(f"Carneades argument {item['id']}")
            model_arguments.append(
                Argument(
                    id=aid,
                    conclusion=item["conclusion"],
                    premises=premises,
                    stance="pro",
                    undercutters=item["undercutters"],
                    weight=weight,
                    scheme=scheme,
                    note="; ".join(notes) if notes else None,
                )
            )
        if any(a.premises == (NO_PREMISES,) for a in model_arguments):
            if NO_PREMISES in statement_ids:
                raise self.fail(
                    f"statement id {NO_PREMISES!r} is reserved for the premise of arguments without"
                    " premises (rename the statement)",
                    ("statements", NO_PREMISES),
                    key=True,
                )
            statements.append(
                Claim(
                    id=NO_PREMISES,
                    text="Nothing: the argument has no premises.",
                    assumed=True,
                    note=(
                        "Added by argmap: Carneades allows arguments without premises;"
                        " argmap's model does not."
                    ),
                )
            )

        title = meta.get("title") if isinstance(meta.get("title"), str) and meta.get("title") else None
        description = "\n\n".join(
            str(meta[k]).strip()
            for k in ("note", "notes", "source")
            if isinstance(meta.get(k), str) and meta[k]
        )
        argument_map = ArgumentMap(
            title=title or _stem(self.file) or "Carneades argument graph",
            description=description or None,
            statements=tuple(statements),
            arguments=tuple(model_arguments),
        )
        located = {
            sid: self.where(("statements", self.raw_keys[sid]), key=True)
            for sid in texts
            if sid in declared_statements
        }
        located.update(
            {issue_ids[i]: self.where(("issues", i), key=True) for i in issues if i in declared_issues}
        )
        located.update(
            {
                argument_ids[a["id"]]: self.where(("arguments", a["raw"]), key=True)
                for a in arguments
                if "raw" in a
            }
        )
        return CarneadesGraph(
            argument_map=argument_map,
            expected=self.tests(top, statement_ids),
            skipped=tuple(self.skipped),
            locations=located,
        )

    def statements(self, top: dict[str, Any]) -> tuple[dict[str, str], set[str], list[str]]:
        entries = self.mapping(top.get("statements"), ("statements",), "statements")
        texts: dict[str, str] = {}
        assumed: set[str] = set()
        order: list[str] = []
        for raw, value in entries.items():
            path = ("statements", raw)
            sid = normalize(raw)
            if not sid:
                raise self.fail("a statement needs an id (write `id: text`)", path, key=True)
            if sid in texts:
                raise self.fail(
                    f"statement {sid!r} is defined twice (give each statement its own id)", path, key=True
                )
            text = ""
            if isinstance(value, str):
                text = value
            elif isinstance(value, dict):
                body = value.get("text", "")
                text = body if isinstance(body, str) else ""
                flag = value.get("assumed")
                if isinstance(flag, str) and flag.strip().lower() in {"true", "yes", "1"}:
                    assumed.add(sid)
                elif flag is not None and not (
                    isinstance(flag, str) and flag.strip().lower() in {"false", "no", "0"}
                ):
                    raise self.fail(
                        f"statement {sid!r}: assumed must be true or false, got {flag!r}", (*path, "assumed")
                    )
            else:
                raise self.fail(
                    f"statement {sid!r} must be its text or a mapping with `text:`, got {_kind(value)}", path
                )
            texts[sid] = " ".join(text.split()) or sid
            self.raw_keys[sid] = raw
            order.append(sid)
        return texts, assumed, order

    def assumptions(self, top: dict[str, Any]) -> list[str]:
        listed = self.id_list(top.get("assumptions"), ("assumptions",), "assumptions")
        return list(dict.fromkeys(listed))

    def note_unused_assumptions(self, listed: list[str], texts: dict[str, str]) -> None:
        unknown = [a for a in listed if a not in texts]
        if unknown:
            # Carneades ignores them too (carneades/carneades-4#29) unless its rules use them.
            self.skipped.append(
                f"{len(unknown)} assumption(s) name no statement and were left out: "
                + ", ".join(unknown[:5])
                + (" …" if len(unknown) > 5 else "")  # noqa: PLR2004
            )

    def issues(self, top: dict[str, Any], texts: dict[str, str]) -> dict[str, tuple[list[str], str | None]]:
        entries = self.mapping(top.get("issues"), ("issues",), "issues")
        issues: dict[str, tuple[list[str], str | None]] = {}
        owner: dict[str, str] = {}
        for iid, value in entries.items():
            path = ("issues", iid)
            body = self.mapping(value, path, f"issue {iid!r}")
            positions = self.id_list(body.get("positions"), (*path, "positions"), f"issue {iid!r}: positions")
            for index, position in enumerate(positions):
                where = (*path, "positions", str(index))
                if position not in texts:
                    raise self.fail(
                        f"issue {iid!r}: position {position!r} is not a statement"
                        f"{_close(position, list(texts))}",
                        where,
                    )
                if position in owner and owner[position] != iid:
                    raise self.fail(
                        f"statement {position!r} is a position of two issues, {owner[position]!r} and {iid!r}"
                        " (a statement answers at most one issue)",
                        where,
                    )
                owner[position] = iid
            standard_text = body.get("standard")
            standard: str | None = None
            if standard_text not in (None, ""):
                key = str(standard_text).strip().lower()
                if key not in _STANDARDS:
                    raise self.fail(
                        f"issue {iid!r}: unknown proof standard {standard_text!r} (use PE, CCE, BRD or DV)",
                        (*path, "standard"),
                    )
                standard = None if key == "pe" else _STANDARDS[key]
            if not positions:
                self.skipped.append(f"issue {iid} has no positions and was left out")
                continue
            issues[iid] = (list(dict.fromkeys(positions)), standard)
        return issues

    def arguments(
        self, top: dict[str, Any], texts: dict[str, str], schemes: dict[str, _Scheme]
    ) -> list[dict[str, Any]]:
        entries = self.mapping(top.get("arguments"), ("arguments",), "arguments")
        out: list[dict[str, Any]] = []
        allowed = (
            "conclusion",
            "premises",
            "undercutter",
            "nas",
            "not app statement",
            "scheme",
            "weight",
            "meta",
            "metadata",
            "parameters",
        )
        for raw, value in entries.items():
            path = ("arguments", raw)
            aid = raw.strip()
            body = self.mapping(value, path, f"argument {aid!r}")
            for key in body:
                if key.lower() not in allowed:
                    raise self.fail(
                        f"argument {aid!r}: unknown key {key!r} (allowed: conclusion, premises, undercutter,"
                        " scheme, weight, meta)",
                        (*path, key),
                        key=True,
                    )
            lowered = {k.lower(): v for k, v in body.items()}
            keys = {k.lower(): k for k in body}
            conclusion = lowered.get("conclusion")
            if not isinstance(conclusion, str) or not conclusion.strip():
                raise self.fail(
                    f"argument {aid!r} has no conclusion (add `conclusion: <statement id>`)", path
                )
            conclusion = normalize(conclusion)
            if conclusion not in texts:
                raise self.fail(
                    f"argument {aid!r}: conclusion {conclusion!r} is not a statement"
                    + _close(conclusion, list(texts)),
                    (*path, keys["conclusion"]),
                )
            premises_path = (*path, keys.get("premises", "premises"))
            premises, roles = self.premises(lowered.get("premises"), premises_path, aid)
            raw_premises = lowered.get("premises")
            for premise in premises:
                if premise not in texts:
                    where: Path = premises_path
                    if isinstance(raw_premises, list):
                        where = (*premises_path, str([normalize(v) for v in raw_premises].index(premise)))
                    elif isinstance(raw_premises, dict):
                        where = (
                            *premises_path,
                            next(r for r, v in raw_premises.items() if normalize(v) == premise),
                        )
                    raise self.fail(
                        f"argument {aid!r}: premise {premise!r} is not a statement"
                        + _close(premise, list(texts)),
                        where,
                    )
            if conclusion in premises:
                raise self.fail(
                    f"argument {aid!r} has its conclusion {conclusion!r} among its premises"
                    " (a statement cannot support itself)",
                    (*path, keys.get("premises", "premises")),
                )
            undercutter = None
            for name in ("undercutter", "nas", "not app statement"):
                if lowered.get(name) not in (None, ""):
                    value_ = lowered[name]
                    if not isinstance(value_, str):
                        raise self.fail(
                            f"argument {aid!r}: undercutter must be one statement id", (*path, keys[name])
                        )
                    undercutter = normalize(value_)
                    if undercutter not in texts:
                        raise self.fail(
                            f"argument {aid!r}: undercutter {undercutter!r} is not a statement"
                            f"{_close(undercutter, list(texts))}",
                            (*path, keys[name]),
                        )
            scheme = lowered.get("scheme")
            if scheme in (None, ""):
                scheme = None
            elif not isinstance(scheme, str):
                raise self.fail(f"argument {aid!r}: scheme must be a scheme id", (*path, keys["scheme"]))
            elif scheme not in schemes and scheme not in BASIC_WEIGHING:
                raise self.fail(
                    f"argument {aid!r}: scheme {scheme!r} is not defined"
                    f" (declare it under argument_schemes, or use one of {', '.join(BASIC_WEIGHING)})",
                    (*path, keys["scheme"]),
                )
            notes: list[str] = []
            if roles:
                notes.append("premise roles: " + ", ".join(f"{r}={p}" for r, p in roles))
            if lowered.get("weight") not in (None, ""):
                notes.append(
                    f"weight recorded by Carneades: {lowered['weight']} (an evaluation result, not used)"
                )
            out.append(
                {
                    "id": aid,
                    "raw": raw,
                    "conclusion": conclusion,
                    "premises": tuple(premises),
                    "undercutters": (undercutter,) if undercutter else (),
                    "scheme": scheme,
                    "notes": notes,
                }
            )
        return out

    def premises(self, value: Any, path: Path, aid: str) -> tuple[list[str], list[tuple[str, str]]]:
        if value in (None, ""):
            return [], []
        if isinstance(value, str):
            return [normalize(value)], []
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return list(dict.fromkeys(normalize(v) for v in value)), []
        if isinstance(value, dict) and all(isinstance(v, str) for v in value.values()):
            roles = [(role.lower(), normalize(stmt)) for role, stmt in value.items()]
            return list(dict.fromkeys(stmt for _, stmt in roles)), roles
        raise self.fail(
            f"argument {aid!r}: premises must be a list of statement ids or a mapping of roles to ids,"
            f" got {_kind(value)}",
            path,
        )

    def weighing_functions(self, top: dict[str, Any]) -> dict[str, _Scheme]:
        entries = self.mapping(top.get("weighing_functions"), ("weighing_functions",), "weighing_functions")
        named: dict[str, _Scheme] = {name: _Scheme(id=name, weighing=name) for name in BASIC_WEIGHING}
        for name, body in entries.items():
            named[name.lower()] = self.weighing(body, ("weighing_functions", name), name, named)
        return named

    def weighing(self, value: Any, path: Path, name: str, named: dict[str, _Scheme]) -> _Scheme:
        if value in (None, ""):
            return _Scheme(id=name)
        if isinstance(value, str):
            found = named.get(value.strip().lower())
            if found is None:
                raise self.fail(
                    f"weighing function {value!r} is not defined (declare it under weighing_functions,"
                    f" or use one of {', '.join(BASIC_WEIGHING)})",
                    path,
                )
            return _Scheme(
                id=name, weighing=found.weighing, constant=found.constant, preference=found.preference
            )
        if not isinstance(value, dict) or len(value) != 1:
            raise self.fail(
                f"weighing of {name!r} must be a name, or one of `constant:`, `preference:`, `criteria:`",
                path,
            )
        ((kind, body),) = value.items()
        kind_path = (*path, kind)
        if kind.lower() == "constant":
            return _Scheme(
                id=name, weighing="constant", constant=self.number(body, kind_path, f"{name}: constant")
            )
        if kind.lower() == "preference":
            orders = body if isinstance(body, list) else [body]
            preference: list[tuple[str, str | None, list[str]]] = []
            for index, order in enumerate(orders):
                item = self.mapping(order, (*kind_path, str(index)), f"{name}: preference")
                prop = item.get("property")
                if not isinstance(prop, str) or not prop:
                    raise self.fail(f"{name}: each preference needs a `property:`", (*kind_path, str(index)))
                ranking = item.get("order", "descending")
                if isinstance(ranking, list):
                    preference.append((prop, None, [str(v).lower() for v in ranking]))
                elif isinstance(ranking, str) and ranking.lower() in {"ascending", "descending"}:
                    preference.append((prop, ranking.lower(), []))
                else:
                    raise self.fail(
                        f"{name}: order must be ascending, descending or a list of values, got {ranking!r}",
                        (*kind_path, str(index)),
                    )
            return _Scheme(id=name, weighing="preference", preference=preference)
        if kind.lower() == "criteria":
            return _Scheme(id=name, weighing="criteria")
        raise self.fail(
            f"weighing of {name!r}: unknown kind {kind!r} (use constant, preference or criteria)",
            kind_path,
            key=True,
        )

    def schemes(self, top: dict[str, Any], weighing: dict[str, _Scheme]) -> dict[str, _Scheme]:
        entries = top.get("argument_schemes")
        if entries in (None, ""):
            return {}
        if not isinstance(entries, list):
            raise self.fail("argument_schemes must be a list of schemes", ("argument_schemes",))
        schemes: dict[str, _Scheme] = {}
        for index, entry in enumerate(entries):
            path = ("argument_schemes", str(index))
            body = self.mapping(entry, path, "an argument scheme")
            sid = body.get("id")
            if not isinstance(sid, str) or not sid:
                raise self.fail("an argument scheme needs an `id:`", path)
            scheme = self.weighing(body.get("weight"), (*path, "weight"), sid, weighing)
            meta = body.get("meta")
            scheme.meta = meta if isinstance(meta, dict) else {}
            variables = body.get("variables")
            scheme.variables = [str(v) for v in variables] if isinstance(variables, list) else []
            premises = body.get("premises")
            if isinstance(premises, dict):
                scheme.premises = [(str(r).lower(), str(f)) for r, f in premises.items()]
            else:
                scheme.premises = [("", f) for f in self.formulas(premises, (*path, "premises"), sid)]
            scheme.assumptions = self.formulas(body.get("assumptions"), (*path, "assumptions"), sid)
            scheme.exceptions = self.formulas(body.get("exceptions"), (*path, "exceptions"), sid)
            scheme.conclusions = self.formulas(body.get("conclusions"), (*path, "conclusions"), sid)
            scheme.rule_only = [k for k in ("deletions", "guards") if body.get(k) not in (None, "", [])]
            if scheme.weighing == "criteria":
                self.criteria(body["weight"], (*path, "weight"), scheme)
            schemes[sid] = scheme
        return schemes

    def formulas(self, value: Any, path: Path, sid: str) -> list[str]:
        if value in (None, ""):
            return []
        if isinstance(value, str):
            return [value]
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return list(value)
        if isinstance(value, dict) and all(isinstance(v, str) for v in value.values()):
            return list(value.values())
        raise self.fail(f"scheme {sid!r}: expected a list of formulas, got {_kind(value)}", path)

    def criteria(self, value: Any, path: Path, scheme: _Scheme) -> None:
        body = self.mapping(value.get("criteria") if isinstance(value, dict) else None, path, "criteria")
        hard = body.get("hard")
        if isinstance(hard, list):
            try:
                scheme.hard = [int(h) for h in hard]
            except ValueError:
                raise self.fail(
                    "criteria: hard must list premise indices (0-based)", (*path, "criteria", "hard")
                ) from None
        soft = self.mapping(body.get("soft"), (*path, "criteria", "soft"), "criteria: soft")
        for prop, spec in soft.items():
            where = (*path, "criteria", "soft", prop)
            entry = self.mapping(spec, where, f"criteria: soft: {prop}")
            try:
                factor = float(entry.get("factor", 0))
            except ValueError:
                raise self.fail(f"criteria: soft: {prop}: factor must be a number", where) from None
            values = self.mapping(entry.get("values"), (*where, "values"), f"criteria: soft: {prop}: values")
            scheme.soft[prop] = (
                factor,
                {str(k): self.number(v, (*where, "values", k), f"{prop}: {k}") for k, v in values.items()},
            )

    def preference_weights(
        self,
        arguments: list[dict[str, Any]],
        schemes: dict[str, _Scheme],
        issues: dict[str, tuple[list[str], str | None]],
        position_of: dict[str, str],
    ) -> dict[str, float]:
        """Rank the arguments about each issue by a preference weighing, as Carneades weighs them.

        Arguments fall into groups of equal rank, weakest first; an argument in group i of n weighs
        (i + 1) / n when its premises hold. Only arguments whose scheme has a preference weighing
        and whose conclusion is at issue get a weight; the rest weigh as linked arguments.
        """
        weights: dict[str, float] = {}
        for issue in issues:
            about = [a for a in arguments if position_of.get(a["conclusion"]) == issue]
            preferring = [
                a for a in about if a["scheme"] in schemes and schemes[a["scheme"]].weighing == "preference"
            ]
            if not preferring:
                continue
            for argument in preferring:
                order = schemes[argument["scheme"]].preference

                def compare(x: dict[str, Any], y: dict[str, Any], order: Any = order) -> int:
                    return -1 if _less(x, y, order, schemes) else (1 if _less(y, x, order, schemes) else 0)

                ranked = sorted(about, key=functools.cmp_to_key(compare))
                groups: list[list[dict[str, Any]]] = []
                for item in ranked:
                    if groups and compare(groups[-1][0], item) == 0:
                        groups[-1].append(item)
                    else:
                        groups.append([item])
                for index, group in enumerate(groups):
                    if any(member is argument for member in group):
                        weights[argument["id"]] = (index + 1) / len(groups)
        return weights

    def tests(self, top: dict[str, Any], statement_ids: set[str]) -> tuple[tuple[str, str], ...]:
        body = self.mapping(top.get("tests"), ("tests",), "tests")
        expected: list[tuple[str, str]] = []
        for key, value in body.items():
            label = key.strip().lower()
            if label not in _LABELS:
                raise self.fail(
                    f"tests: unknown label {key!r} (use in, out or undecided)", ("tests", key), key=True
                )
            for index, sid in enumerate(self.id_list(value, ("tests", key), f"tests: {label}")):
                if sid not in statement_ids:
                    raise self.fail(
                        f"tests: {label}: {sid!r} is not a statement{_close(sid, sorted(statement_ids))}",
                        ("tests", key, str(index)),
                    )
                expected.append((sid, label))
        return tuple(expected)

    def free_ids(self, ids: list[str], taken: set[str], kind: str) -> dict[str, str]:
        """Map Carneades ids onto argmap's single namespace, suffixing the few that clash."""
        out: dict[str, str] = {}
        used = set(taken)
        for original in ids:
            candidate = original
            suffix = 1
            while candidate in used:
                candidate = f"{original}-{kind}" if suffix == 1 else f"{original}-{kind}{suffix}"
                suffix += 1
            used.add(candidate)
            out[original] = candidate
        return out


def _scheme_value(argument: dict[str, Any], prop: str, schemes: dict[str, _Scheme]) -> Any:
    scheme = schemes.get(argument["scheme"] or "")
    if scheme is None:
        return None
    return scheme.meta.get(prop)


def _as_date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        return None


def _as_number(value: str) -> float | None:
    try:
        return float(value)
    except ValueError:
        return None


def _less(
    x: dict[str, Any],
    y: dict[str, Any],
    order: list[tuple[str, str | None, list[str]]],
    schemes: dict[str, _Scheme],
) -> bool:
    """Return whether argument x ranks below y: the first property that tells them apart decides."""
    for prop, direction, values in order:
        a = _scheme_value(x, prop, schemes)
        b = _scheme_value(y, prop, schemes)
        if not isinstance(a, str) or not isinstance(b, str) or a == b:
            continue  # missing or incomparable values: try the next property
        if values:
            rank_a = values.index(a.lower()) if a.lower() in values else len(values) + 1
            rank_b = values.index(b.lower()) if b.lower() in values else len(values) + 1
            if rank_a == rank_b:
                continue
            return rank_a < rank_b
        for convert in (_as_date, _as_number):
            ca, cb = convert(a), convert(b)
            if ca is not None and cb is not None:
                if ca == cb:
                    break
                return bool(ca < cb) if direction == "ascending" else bool(ca > cb)  # type: ignore[operator]
        else:
            if a < b:
                return True
    return False


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"{value!r}"


def _close(value: str, known: list[str]) -> str:
    import difflib  # noqa: PLC0415

    found = difflib.get_close_matches(value, known, n=1)
    return f" (did you mean {found[0]!r}?)" if found else " (declare it under statements)"


def _stem(file: str | None) -> str | None:
    if not file:
        return None
    name = file.replace("\\", "/").rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[0] or None


# -- argument schemes with variables: Carneades' rule engine, as forward chaining ------------------

Term = Any
"""An atom (str), a variable (_Var) or a compound term (functor, args)."""


class _Var(str):
    """A schema variable: a name starting with a capital letter or an underscore."""

    __slots__ = ()


_DELIMITERS: Final = frozenset("(),[] \t\r\n")
MAX_INSTANCES: Final = 10_000
"""How many scheme applications the rule engine makes before it stops (Carneades allows 100,000)."""


def _parse(text: str, *, variables: bool) -> Term | None:
    """Parse a Prolog-like term (``f(a, g(b))``, atoms, numbers); None if it is not one."""
    source = text.strip()
    position = 0

    def skip() -> None:
        nonlocal position
        while position < len(source) and source[position].isspace():
            position += 1

    def term() -> Term:
        nonlocal position
        skip()
        start = position
        while position < len(source) and source[position] not in _DELIMITERS:
            position += 1
        name = source[start:position]
        if not name:
            raise ValueError(text)
        skip()
        if position < len(source) and source[position] == "(":
            position += 1
            args = [term()]
            skip()
            while position < len(source) and source[position] == ",":
                position += 1
                args.append(term())
                skip()
            if position >= len(source) or source[position] != ")":
                raise ValueError(text)
            position += 1
            return (name, tuple(args))
        if variables and (name[0].isupper() or name[0] == "_"):
            return _Var(name)
        return name

    try:
        result = term()
        skip()
    except ValueError:
        return None
    return result if position == len(source) else None


def _show(term: Term) -> str:
    if isinstance(term, tuple):
        return f"{term[0]}({','.join(_show(a) for a in term[1])})"
    return str(term)


def _match(pattern: Term, fact: Term, bindings: dict[str, Term]) -> dict[str, Term] | None:
    """Match a pattern against a ground term, extending ``bindings``; None when they differ."""
    if isinstance(pattern, _Var):
        if pattern in bindings:
            return bindings if bindings[pattern] == fact else None
        return {**bindings, str(pattern): fact}
    if isinstance(pattern, tuple):
        if not isinstance(fact, tuple) or pattern[0] != fact[0] or len(pattern[1]) != len(fact[1]):
            return None
        current: dict[str, Term] | None = bindings
        for p, f in zip(pattern[1], fact[1], strict=True):
            if current is None:
                return None
            current = _match(p, f, current)
        return current
    return bindings if pattern == fact else None


def _substitute(pattern: Term, bindings: dict[str, Term]) -> Term | None:
    """Return the pattern with its variables replaced; None if some variable is unbound."""
    if isinstance(pattern, _Var):
        return bindings.get(pattern)
    if isinstance(pattern, tuple):
        args = [_substitute(a, bindings) for a in pattern[1]]
        if any(a is None for a in args):
            return None
        return (pattern[0], tuple(args))
    return pattern


def _apply_language(language: dict[str, Any], term: Term) -> str | None:
    """Render a ground term in natural language with the graph's ``language`` templates."""
    if isinstance(term, tuple):
        template = language.get(f"{term[0]}/{len(term[1])}")
        if not isinstance(template, str):
            return None
        pieces = re.split(r"%[sv]", template)
        args = [_show(a) for a in term[1]]
        out = pieces[0]
        for k, piece in enumerate(pieces[1:]):
            out += (args[k] if k < len(args) else "") + piece
        return out
    template = language.get(f"{term}/0")
    return template if isinstance(template, str) else None


class _Rules:
    """Generates the arguments of schemes with variables, as Carneades' CHR engine does.

    Every scheme is a propagation rule: whenever the facts (the assumptions, then every conclusion
    derived) match all its premises, the scheme is applied once per distinct binding: one argument
    per conclusion, whose premises are the scheme's premises and assumptions (the latter assumed)
    and whose undercutters are the scheme's exceptions. Carneades routes exceptions through an
    extra ``undercut(aN)`` statement; making them undercutters directly labels the same.
    Statements the rules need are added, their text from the graph's ``language``.
    """

    def __init__(
        self,
        reader: _Reader,
        *,
        top: dict[str, Any],
        texts: dict[str, str],
        assumed: set[str],
        order: list[str],
        schemes: dict[str, _Scheme],
    ) -> None:
        self.reader = reader
        language = top.get("language")
        self.language: dict[str, Any] = language if isinstance(language, dict) else {}
        raw_issue_schemes = top.get("issue_schemes")
        self.issue_patterns: dict[str, Any] = raw_issue_schemes if isinstance(raw_issue_schemes, dict) else {}
        self.texts = texts
        self.assumed = assumed
        self.order = order
        self.schemes = schemes

    def statement(self, term: Term, *, assumed: bool = False) -> str:
        sid = _show(term)
        if sid not in self.texts:
            self.texts[sid] = _apply_language(self.language, term) or sid
            self.order.append(sid)
        if assumed:
            self.assumed.add(sid)
        return sid

    def instantiate(self, facts_listed: list[str], explicit: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Apply the schemes to the facts until nothing new follows; return the arguments made."""
        runnable = [s for s in self.schemes.values() if s.conclusions and (s.premises or not s.variables)]
        for scheme in runnable:
            if scheme.rule_only:
                self.reader.skipped.append(
                    f"scheme {scheme.id} uses {' and '.join(scheme.rule_only)} (Constraint Handling Rules),"
                    " which argmap does not run; no arguments were generated from it"
                )
        runnable = [s for s in runnable if not s.rule_only]
        if not runnable:
            return []
        facts: dict[str, Term] = {}
        index: dict[tuple[str, int] | str, list[Term]] = {}

        def add(term: Term) -> bool:
            key = _show(term)
            if key in facts:
                return False
            facts[key] = term
            slot = (term[0], len(term[1])) if isinstance(term, tuple) else key
            index.setdefault(slot, []).append(term)
            return True

        for text in facts_listed:
            term = _parse(text, variables=False)
            if term is not None:
                add(term)

        def candidates(pattern: Term) -> list[Term]:
            if isinstance(pattern, _Var):
                return list(facts.values())
            slot = (pattern[0], len(pattern[1])) if isinstance(pattern, tuple) else pattern
            return list(index.get(slot, ()))

        def joins(heads: list[Term], bindings: dict[str, Term]) -> Any:
            if not heads:
                yield bindings
                return
            for fact in candidates(heads[0]):
                found = _match(heads[0], fact, bindings)
                if found is not None:
                    yield from joins(heads[1:], found)

        parsed: dict[str, tuple[list[Term], list[Term], list[Term], list[Term]]] = {}
        for scheme in runnable:
            heads = [_parse(f, variables=True) for _, f in scheme.premises]
            extra = [_parse(f, variables=True) for f in scheme.assumptions]
            exceptions = [_parse(f, variables=True) for f in scheme.exceptions]
            conclusions = [_parse(f, variables=True) for f in scheme.conclusions]
            if any(t is None for t in (*heads, *extra, *exceptions, *conclusions)):
                self.reader.skipped.append(
                    f"scheme {scheme.id} has a formula argmap cannot parse; it was not run"
                )
                continue
            parsed[scheme.id] = (heads, extra, exceptions, conclusions)

        seen: set[tuple[str, tuple[tuple[str, str], ...]]] = set()
        applications: list[tuple[_Scheme, dict[str, Term]]] = []
        changed = True
        while changed and len(applications) < MAX_INSTANCES:
            changed = False
            for scheme in runnable:
                if scheme.id not in parsed:
                    continue
                heads, _, _, conclusions = parsed[scheme.id]
                for bindings in list(joins(heads, {})):
                    key = (scheme.id, tuple(sorted((k, _show(v)) for k, v in bindings.items())))
                    if key in seen:
                        continue
                    grounded = [_substitute(c, bindings) for c in conclusions]
                    if any(g is None for g in grounded):
                        continue
                    seen.add(key)
                    applications.append((scheme, bindings))
                    for g in grounded:
                        changed = add(g) or changed
                    if len(applications) >= MAX_INSTANCES:
                        break
        if len(applications) >= MAX_INSTANCES:
            self.reader.skipped.append(
                f"the argument schemes were applied {MAX_INSTANCES:,} times and stopped there"
            )
        listed = set(facts_listed)
        taken = {a["id"] for a in explicit} | set(self.texts)
        generated: list[dict[str, Any]] = []
        counter = 0
        for scheme, bindings in applications:
            heads, extra, exceptions, conclusions = parsed[scheme.id]
            premises: list[str] = []
            for term in heads:
                ground = _substitute(term, bindings)
                if isinstance(ground, tuple) and ground[0] == "argument":
                    continue  # Carneades leaves argument(S, P) premises implicit
                premises.append(self.statement(ground, assumed=_show(ground) in listed))
            premises += [self.statement(_substitute(term, bindings), assumed=True) for term in extra]
            undercutters = tuple(dict.fromkeys(self.statement(_substitute(t, bindings)) for t in exceptions))
            values = ", ".join(f"{k}={_show(v)}" for k, v in sorted(bindings.items()))
            for conclusion in conclusions:
                target = self.statement(_substitute(conclusion, bindings), assumed=False)
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

    def criteria_weight(self, scheme: _Scheme, heads: list[Term], bindings: dict[str, Term]) -> float | None:
        """Weigh an application of a criteria scheme by the values its own premises state.

        Carneades reads each criterion's value from the premise with that predicate, or, when that
        premise is not IN, from the IN position of its issue; here the premise's own value is used
        and, as for linked arguments, the weight counts only when every premise holds.
        """
        if scheme.weighing != "criteria":
            return None
        total = sum(factor for factor, _ in scheme.soft.values())
        if total <= 0.0:
            return 0.0
        grounded = [_substitute(h, bindings) for h in heads]
        weight = 0.0
        for prop, (factor, values) in scheme.soft.items():
            premise = next((g for g in grounded if isinstance(g, tuple) and g[0] == prop and g[1]), None)
            if premise is None:
                return 0.0
            weight += factor / total * values.get(_show(premise[1][-1]), 0.0)
        return round(min(max(weight, 0.0), 1.0), 12)

    def issue_schemes(self, issues: dict[str, tuple[list[str], str | None]]) -> None:
        """Make issues of the statements that match an issue scheme's patterns, as Carneades does.

        ``[p1, "...", pn]`` is an enumeration: every statement matching ``p1`` (variables ending
        in a digit free) is a position. Otherwise a statement matching the first pattern and the
        statements matching the others with the same bindings are positions. A statement is a
        position of at most one issue; fewer than two positions make no issue.
        """
        position_of = {p: issue for issue, (positions, _) in issues.items() for p in positions}
        terms = {sid: _parse(sid, variables=False) for sid in self.order}
        for name, raw in self.issue_patterns.items():
            patterns = [p for p in raw if isinstance(p, str)] if isinstance(raw, list) else []
            if len(patterns) < 2:  # noqa: PLR2004
                continue
            enumeration = len(patterns) == 3 and patterns[1].strip() == "..."  # noqa: PLR2004
            first = _parse(patterns[0], variables=True)
            rest = [_parse(p, variables=True) for p in patterns[1:]] if not enumeration else []
            if first is None or any(p is None for p in rest):
                self.reader.skipped.append(f"issue scheme {name} has a pattern argmap cannot parse")
                continue
            for sid in self.order:
                term = terms[sid]
                bindings = _match(first, term, {}) if term is not None else None
                if bindings is None:
                    continue
                candidates = [sid]
                if enumeration:
                    kept = {k: v for k, v in bindings.items() if not k[-1:].isdigit()}
                    candidates += [
                        o
                        for o in self.order
                        if o != sid and terms[o] is not None and _match(first, terms[o], kept) is not None
                    ]
                else:
                    candidates += [
                        o
                        for o in self.order
                        if o != sid
                        and terms[o] is not None
                        and any(_match(p, terms[o], bindings) is not None for p in rest)
                    ]
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
                    continue
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
