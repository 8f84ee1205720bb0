"""Rendering: a map (and an evaluation) to DOT, laid out by Graphviz into SVG, PNG or PDF.

The SVG contract other parts rely on (the notebook explorer, the HTML export):

* every statement is a ``<g class="node argmap-node argmap-<kind> argmap-status-<status>">``
  whose ``id`` is the statement's id, with ``data-argmap-id``, ``data-kind``, ``data-status``;
  evidence also carries ``data-evidence-id`` and ``data-source-id``;
* ``<status>`` is ``in``, ``out``, ``undecided``, ``off`` or ``none`` (not evaluated);
  ``status_classes(evaluation)`` gives the class for each statement;
* an argument with linked premises, undercutters or a title has a junction node ``arg:<argument id>``
  (classes ``argmap-junction argmap-pro|argmap-con``, plus ``argmap-titled`` when it shows its
  title); its edges are ``arg:<id>:premise:<premise>``, ``arg:<id>:conclusion`` and
  ``arg:<id>:undercut:<statement>``; any other argument is the single edge ``arg:<id>:conclusion``;
  a position's link to its question is ``answers:<position>``;
  every edge has ``data-from``/``data-to`` (and ``data-argument-id``) and the classes
  ``argmap-edge argmap-pro|argmap-con|argmap-undercut|argmap-answers``;
* evaluated arguments add ``argmap-argument-applicable|inapplicable|undecided``;
* a statement drawn with a status (an evaluated map, or one switched off) has a header whose drawn
  parts carry classes, inside its node group and in this order: ``<text class="argmap-caption">``
  (the kind, e.g. ``CLAIM``), ``<polygon class="argmap-badge">`` (the badge's cell; its ``fill``
  is the status's badge colour) and ``<text class="argmap-badge-text">`` (the badge, one of
  ``STATUS_MARKS``); under gradual semantics also ten ``<polygon class="argmap-bar">`` (the
  strength bar's cells, left to right; a strength ``s`` fills ``s * 10`` of them rounded half up)
  and ``<text class="argmap-strength">`` (the strength with two decimals, ``–`` when unknown).
  The badge and bar sit in fixed-size cells, so changing their text or colour moves nothing;
  a statement drawn without a status has none of these classes. The node's outline is what is
  drawn before its caption; its other ``<text>`` elements are its text.

* when rival positions each have two lines of argument or more, each position and the lines
  below it are laid out as an invisible Graphviz cluster, ``<g class="cluster argmap-group">``
  (no drawing of its own; the nodes stay where the contract above says).

* an id holding characters SVG cannot carry (NUL and other controls, bidi overrides) is
  written as ``argmap-x-`` and the hex of its UTF-8 bytes, in ``id`` and ``data-*`` alike, so two
  ids never share one SVG id.

At the ``compact`` and ``outline`` detail levels (``DETAILS``) evidence has no node of its own:
in ``compact`` each piece is a ``<g id="<evidence id>" class="argmap-evidence-row
argmap-status-<status>">`` cell on the card of the statement it bears on, with the same
``data-*`` attributes as an evidence node plus ``data-host-id`` and ``data-role``, its status mark
(when drawn with statuses) a ``<text class="argmap-row-mark">``; each line of argument is a
visible cluster ``<g id="line:<line id>" class="cluster argmap-line" data-line-id=...>``. In
``outline`` evidence is not drawn. At every level the layout is the same with and without ``off``.

User text is capped where it is drawn (a statement's text at ``metrics.LABEL_LIMIT`` characters,
tooltips at ``labels.TOOLTIP_LIMIT``), so a huge statement gives a readable picture of bounded
size. Both the embedded engine and Debian's ``dot`` 2.43 give the same ids, classes and attributes.
"""

from argmap.rendering.diagram import SAVE_FORMATS, Diagram, render
from argmap.rendering.dot import DIRECTIONS, STATUS_MARKS, status_classes, to_dot
from argmap.rendering.engine import ENGINES, find_engine
from argmap.rendering.metrics import DETAILS, Detail
from argmap.rendering.themes import THEMES

__all__ = [
    "DETAILS",
    "DIRECTIONS",
    "ENGINES",
    "SAVE_FORMATS",
    "STATUS_MARKS",
    "THEMES",
    "Detail",
    "Diagram",
    "find_engine",
    "render",
    "status_classes",
    "to_dot",
]
