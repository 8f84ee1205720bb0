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
  deletions or guards are not run. The engine is bounded: a scheme that keeps producing new
  terms (``p(X) → p(f(X))``), terms nested deeper than 64 levels, or premises matching millions
  of combinations give a one-line ParseError at the scheme, within seconds.

Ids are kept verbatim, except that a statement id written as a term (``f(a, b)``) loses the
spaces outside quotes, as Carneades normalises it, so that references to it match.

The parts, one job each: ``_yaml`` (YAML with locations, alias expansion bounded), ``_terms``
(term parsing and matching), ``_reader`` (checking and building the map), ``_rules`` (the rule
engine), ``_preference`` (preference ranks, computed at load time). How arguments weigh when the
map is evaluated belongs to ``argmap.evaluation.carneades``.

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

from argmap.formats.carneades._model import BASIC_WEIGHING, NO_PREMISES, CarneadesGraph
from argmap.formats.carneades._reader import Reader
from argmap.formats.carneades._terms import normalize
from argmap.formats.carneades._yaml import compose
from argmap.model import ArgumentMap

__all__ = ["BASIC_WEIGHING", "NO_PREMISES", "CarneadesGraph", "expected_labels", "loads", "normalize", "read"]


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
    data, locations = compose(text, file)
    return Reader(data, locations, file).graph()
