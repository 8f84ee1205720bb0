"""The Carneades YAML reader: statements, issues, arguments, assumptions, schemes and tests.

It checks every part and reports problems as located ParseErrors; schemes with variables are
handed to the rule engine (``_rules``) and preference weighings to ``_preference``.
"""

from __future__ import annotations

from typing import Any

from argmap._text import shorten, suggest
from argmap.errors import Location, ParseError
from argmap.formats.carneades._model import (
    BASIC_WEIGHING,
    LABELS,
    NO_PREMISES,
    STANDARDS,
    CarneadesGraph,
    Path,
    Scheme,
)
from argmap.formats.carneades._preference import preference_weights
from argmap.formats.carneades._rules import Rules
from argmap.formats.carneades._terms import MAX_DEPTH, nesting, normalize
from argmap.model import Argument, ArgumentMap, Claim, Position, Question, Statement

__all__ = ["Reader"]


class Reader:
    """Reads one composed graph; ``graph()`` returns the result or raises a located ParseError."""

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

    def ident(self, value: str, path: Path, *, key: bool = False) -> str:
        """Return a statement id as Carneades compares it, refusing terms nested too deeply."""
        if value.count("(") > MAX_DEPTH and nesting(value) > MAX_DEPTH:
            raise self.fail(
                f"id {shorten(value, 40)!r} nests terms {nesting(value):,} levels deep"
                f" (Carneades terms nest at most {MAX_DEPTH} levels here; flatten the term)",
                path,
                key=key,
            )
        return normalize(value)

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
            return [self.ident(value, path)]
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return [self.ident(v, (*path, str(i))) for i, v in enumerate(value)]
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
        rules = Rules(
            fail=self.fail,
            skipped=self.skipped,
            top=top,
            texts=texts,
            assumed=assumed,
            order=order,
            schemes=schemes,
        )
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
        weights = preference_weights(arguments, schemes, issues, position_of)
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
            sid = self.ident(raw, path, key=True)
            if not sid:
                raise self.fail("a statement needs an id (write `id: text`)", path, key=True)
            if sid in texts:
                first = self.where(("statements", self.raw_keys[sid]), key=True)
                raise self.fail(
                    f"statement {shorten(sid, 60)!r} is defined twice, first at line {first.line}"
                    " (spaces inside a term do not count; give each statement its own id)",
                    path,
                    key=True,
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
                if key not in STANDARDS:
                    raise self.fail(
                        f"issue {iid!r}: unknown proof standard {standard_text!r} (use PE, CCE, BRD or DV)",
                        (*path, "standard"),
                    )
                standard = None if key == "pe" else STANDARDS[key]
            if not positions:
                self.skipped.append(f"issue {iid} has no positions and was left out")
                continue
            issues[iid] = (list(dict.fromkeys(positions)), standard)
        return issues

    def arguments(
        self, top: dict[str, Any], texts: dict[str, str], schemes: dict[str, Scheme]
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
            conclusion = self.ident(conclusion, (*path, keys["conclusion"]))
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
                            f"argument {aid!r}: undercutter must be one statement id, got {_kind(value_)}"
                            " (Carneades allows one undercutter per argument)",
                            (*path, keys[name]),
                        )
                    undercutter = self.ident(value_, (*path, keys[name]))
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
            return [self.ident(value, path)], []
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return list(dict.fromkeys(self.ident(v, (*path, str(i))) for i, v in enumerate(value))), []
        if isinstance(value, dict) and all(isinstance(v, str) for v in value.values()):
            roles = [(role.lower(), self.ident(stmt, (*path, role))) for role, stmt in value.items()]
            return list(dict.fromkeys(stmt for _, stmt in roles)), roles
        raise self.fail(
            f"argument {aid!r}: premises must be a list of statement ids or a mapping of roles to ids,"
            f" got {_kind(value)}",
            path,
        )

    def weighing_functions(self, top: dict[str, Any]) -> dict[str, Scheme]:
        entries = self.mapping(top.get("weighing_functions"), ("weighing_functions",), "weighing_functions")
        named: dict[str, Scheme] = {name: Scheme(id=name, weighing=name) for name in BASIC_WEIGHING}
        for name, body in entries.items():
            named[name.lower()] = self.weighing(body, ("weighing_functions", name), name, named)
        return named

    def weighing(self, value: Any, path: Path, name: str, named: dict[str, Scheme]) -> Scheme:
        if value in (None, ""):
            return Scheme(id=name)
        if isinstance(value, str):
            found = named.get(value.strip().lower())
            if found is None:
                raise self.fail(
                    f"weighing function {value!r} is not defined (declare it under weighing_functions,"
                    f" or use one of {', '.join(BASIC_WEIGHING)})",
                    path,
                )
            return Scheme(
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
            return Scheme(
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
            return Scheme(id=name, weighing="preference", preference=preference)
        if kind.lower() == "criteria":
            return Scheme(id=name, weighing="criteria")
        raise self.fail(
            f"weighing of {name!r}: unknown kind {kind!r} (use constant, preference or criteria)",
            kind_path,
            key=True,
        )

    def schemes(self, top: dict[str, Any], weighing: dict[str, Scheme]) -> dict[str, Scheme]:
        entries = top.get("argument_schemes")
        if entries in (None, ""):
            return {}
        if not isinstance(entries, list):
            raise self.fail("argument_schemes must be a list of schemes", ("argument_schemes",))
        schemes: dict[str, Scheme] = {}
        for index, entry in enumerate(entries):
            path = ("argument_schemes", str(index))
            body = self.mapping(entry, path, "an argument scheme")
            sid = body.get("id")
            if not isinstance(sid, str) or not sid:
                raise self.fail("an argument scheme needs an `id:`", path)
            scheme = self.weighing(body.get("weight"), (*path, "weight"), sid, weighing)
            scheme.path = path
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

    def criteria(self, value: Any, path: Path, scheme: Scheme) -> None:
        body = self.mapping(value.get("criteria") if isinstance(value, dict) else None, path, "criteria")
        hard = body.get("hard")
        if isinstance(hard, list):
            where = (*path, "criteria", "hard")
            try:
                scheme.hard = [int(h) for h in hard]
            except ValueError:
                raise self.fail("criteria: hard must list premise indices (0-based)", where) from None
            wrong = [h for h in scheme.hard if not 0 <= h < len(scheme.premises)]
            if wrong:
                count = len(scheme.premises)
                raise self.fail(
                    f"scheme {scheme.id!r}: criteria: hard premise index {wrong[0]} is out of range"
                    f" (the scheme has {count} premise{'' if count == 1 else 's'},"
                    " numbered from 0)",
                    where,
                )
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

    def tests(self, top: dict[str, Any], statement_ids: set[str]) -> tuple[tuple[str, str], ...]:
        body = self.mapping(top.get("tests"), ("tests",), "tests")
        expected: list[tuple[str, str]] = []
        for key, value in body.items():
            label = key.strip().lower()
            if label not in LABELS:
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


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return repr(shorten(str(value), 40))


def _close(value: str, known: list[str]) -> str:
    # Comparing a very long id with every known one costs more than the hint is worth.
    hint = suggest(value, known) if len(value) <= 200 else ""  # noqa: PLR2004
    return hint or " (declare it under statements)"


def _stem(file: str | None) -> str | None:
    if not file:
        return None
    name = file.replace("\\", "/").rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[0] or None
