"""Ids the model derives for parts the author did not name."""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["derived_argument_id"]


def derived_argument_id(premises: Sequence[str], stance: str, conclusion: str) -> str:
    """Return the id of an unnamed argument: ``premise[+premise...].<stance>.<conclusion>``.

    >>> derived_argument_id(["c-threats"], "pro", "p-alliance")
    'c-threats.pro.p-alliance'
    """
    return f"{'+'.join(premises)}.{stance}.{conclusion}"
