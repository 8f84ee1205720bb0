"""Carneades' preference weighing (lex superior, lex posterior): arguments ranked at load time.

A preference weighing orders the arguments about one issue by properties of their schemes'
``meta`` (e.g. ``level``, ``enacted``), the first property that tells two arguments apart
deciding. The rank becomes each argument's ``weight``, so evaluation only multiplies it in.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from argmap.formats.carneades._model import Scheme

__all__ = ["less", "preference_weights"]

Order = list[tuple[str, str | None, list[str]]]


def _scheme_value(argument: dict[str, Any], prop: str, schemes: dict[str, Scheme]) -> Any:
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


def _compare_values(a: str, b: str, direction: str | None, values: list[str]) -> int:
    """Return -1, 0 or 1 as value ``a`` ranks below, level with or above ``b``.

    Antisymmetric by construction: swapping ``a`` and ``b`` negates the result.
    """
    if a == b:
        return 0
    if values:
        rank_a = values.index(a.lower()) if a.lower() in values else len(values) + 1
        rank_b = values.index(b.lower()) if b.lower() in values else len(values) + 1
        return (rank_a > rank_b) - (rank_a < rank_b)
    sign = 1 if direction == "ascending" else -1
    for convert in (_as_date, _as_number):
        ca, cb = convert(a), convert(b)
        if ca is not None and cb is not None:
            return sign * ((ca > cb) - (ca < cb))  # type: ignore[operator]
    # Text that is neither a date nor a number: compare it as text, in the same direction.
    return sign * ((a > b) - (a < b))


def compare(x: dict[str, Any], y: dict[str, Any], order: Order, schemes: dict[str, Scheme]) -> int:
    """Return -1, 0 or 1 as argument ``x`` ranks below, level with or above ``y`` under ``order``.

    The first property with two comparable, different values decides; missing values are skipped.
    """
    for prop, direction, values in order:
        a = _scheme_value(x, prop, schemes)
        b = _scheme_value(y, prop, schemes)
        if not isinstance(a, str) or not isinstance(b, str):
            continue
        result = _compare_values(a, b, direction, values)
        if result:
            return result
    return 0


def less(x: dict[str, Any], y: dict[str, Any], order: Order, schemes: dict[str, Scheme]) -> bool:
    """Return whether argument ``x`` ranks strictly below ``y``."""
    return compare(x, y, order, schemes) < 0


def preference_weights(
    arguments: list[dict[str, Any]],
    schemes: dict[str, Scheme],
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
        for argument in preferring:
            order = schemes[argument["scheme"]].preference
            key = functools.cmp_to_key(functools.partial(compare, order=order, schemes=schemes))
            ranked = sorted(about, key=key)
            groups: list[list[dict[str, Any]]] = []
            for item in ranked:
                if groups and compare(groups[-1][0], item, order, schemes) == 0:
                    groups[-1].append(item)
                else:
                    groups.append([item])
            for index, group in enumerate(groups):
                if any(member is argument for member in group):
                    weights[argument["id"]] = (index + 1) / len(groups)
    return weights
