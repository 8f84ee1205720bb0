"""Rendering: a map (and an evaluation) to DOT, laid out by Graphviz into SVG, PNG or PDF.

The SVG contract other parts rely on (the notebook explorer, the HTML export):

* every statement is a ``<g class="node argmap-node argmap-<kind> argmap-status-<status>">``
  whose ``id`` is the statement's id, with ``data-argmap-id``, ``data-kind``, ``data-status``;
  evidence also carries ``data-evidence-id`` and ``data-source-id``;
* ``<status>`` is ``in``, ``out``, ``undecided``, ``off`` or ``none`` (not evaluated);
  ``status_classes(evaluation)`` gives the class for each statement;
* an argument with linked premises or undercutters has a junction node ``arg:<argument id>``
  (classes ``argmap-junction argmap-pro|argmap-con``); its edges are ``arg:<id>:premise:<premise>``,
  ``arg:<id>:conclusion`` and ``arg:<id>:undercut:<statement>``; a one-premise argument is the
  single edge ``arg:<id>:conclusion``; a position's link to its question is ``answers:<position>``;
  every edge has ``data-from``/``data-to`` (and ``data-argument-id``) and the classes
  ``argmap-edge argmap-pro|argmap-con|argmap-undercut|argmap-answers``;
* evaluated arguments add ``argmap-argument-applicable|inapplicable|undecided``.
"""

from argmap.rendering.diagram import SAVE_FORMATS, Diagram, render
from argmap.rendering.dot import DIRECTIONS, STATUS_MARKS, status_classes, to_dot
from argmap.rendering.engine import ENGINES, find_engine
from argmap.rendering.themes import THEMES

__all__ = [
    "DIRECTIONS",
    "ENGINES",
    "SAVE_FORMATS",
    "STATUS_MARKS",
    "THEMES",
    "Diagram",
    "find_engine",
    "render",
    "status_classes",
    "to_dot",
]
