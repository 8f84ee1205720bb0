"""Explorer: an argument map beside its evidence switches, live in a notebook.

Python is the source of truth. The map is laid out once per picture (the ``svg`` trait);
switching something off re-evaluates here and sends only what changed (the ``changes`` trait),
which the browser applies by restyling just those nodes of the SVG it already has.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from itertools import compress
from operator import is_not, ne
from pathlib import Path
from typing import Any, Final

try:
    import anywidget
    import ipywidgets
    import traitlets
except ImportError as error:  # pragma: no cover - exercised by the packaging test in a bare venv
    from argmap.errors import MissingDependencyError

    raise MissingDependencyError(
        "argmap.Explorer: the notebook widgets are not installed: anywidget, ipywidgets"
        " (pip install anywidget ipywidgets, or pip install -e '.[notebook]' in argmap's clone)"
    ) from error

from argmap._text import suggest
from argmap.errors import ArgmapError, EvaluationError, RenderError, UnknownIdError
from argmap.evaluation import SEMANTICS, Evaluation, critical, evaluate
from argmap.model import ArgumentMap
from argmap.model.off import resolve_off
from argmap.widgets._panel import (
    critical_data,
    evidence_items,
    explanation_title,
    group_items,
    id_order,
    in_words,
    palette_data,
    part_names,
    statement_labels,
    verdict_data,
    verdicts_data,
)

__all__ = ["Explorer"]

_STATIC: Final = Path(__file__).parent / "static"
_LAYOUT_SEMANTICS: Final = "grounded"
"""The semantics the layout is drawn under: not gradual, so nodes have no strength bars to lay out."""
PANEL_CRITICAL_KINDS: Final = ("evidence", "assumption", "line")
"""What the critical panel ranks: the parts a reader switches (each costs an evaluation; claims and
arguments, most of a map, are left to ``argmap.evaluation.critical``)."""
_DELTA_TRAITS: Final = ("statuses", "strengths", "argument_states")
"""Traits the browser gets as deltas in ``changes``; sent whole only when their keys change."""


def _semantics_offered() -> list[str]:
    """Return the registered semantics, in the order they were registered (argmap's own first)."""
    return list(SEMANTICS)


def _details_offered() -> list[str]:
    """Return the rendering's detail levels, "full" first."""
    from argmap.rendering import DETAILS  # noqa: PLC0415  # Graphviz only when a map is shown

    return list(DETAILS)


def _changed(old: Mapping[str, Any], new: dict[str, Any], *, singletons: bool) -> dict[str, Any]:
    """Return the entries of ``new`` whose value differs from ``old``'s.

    Paid on every toggle, so the scan runs in C (compress over map), not a Python loop. With
    ``singletons`` (statuses and argument states: a few shared objects) identity finds the
    candidates, twice as fast as ``!=`` on an enum; floats are compared by value.
    """
    keys = list(new)
    # Same keys in the same order (same map): walk both in step instead of looking each key up.
    before = old.values() if keys == list(old) else map(old.get, keys)
    if not singletons:
        return {key: new[key] for key in compress(keys, map(ne, before, new.values()))}
    maybe = compress(keys, map(is_not, before, new.values()))
    return {key: new[key] for key in maybe if key not in old or old[key] != new[key]}


def _as_dict(mapping: Mapping[str, Any]) -> dict[str, Any]:
    """Return a dict copy of ``mapping``: for a dict's view (FrozenMap) one C-level copy, 40x a loop."""
    view = mapping.items()
    under = getattr(view, "mapping", None)  # a dict view's read-only proxy of its dict
    if under is None:
        return dict(view)
    copied: dict[str, Any] = under.copy()
    return copied


class _Ids(traitlets.List):  # type: ignore[type-arg]
    """A list of ids that also takes a set, a tuple or any iterable, and a single id as a str."""

    def validate(self, obj: Any, value: Any) -> Any:
        """Turn ``value`` into a list first: a str is one id, not its characters."""
        if isinstance(value, str):
            value = [value]
        elif not isinstance(value, list) and isinstance(value, Iterable):
            value = list(value)
        return super().validate(obj, value)


class Explorer(anywidget.AnyWidget):
    """An argument map with switches (evidence, lines of argument), a verdict and explanations.

    ``off`` (ids of statements, arguments and lines of argument switched off) and ``semantics``
    can be set from Python or in the browser; ``statuses``, ``evaluation``, ``verdict`` and the rest
    follow and fire observers::

        explorer = Explorer(argument_map)
        explorer.observe(lambda change: print(change.new), names="verdict")
        explorer.off = {"ev-kashin", "l-no-arms"}
        explorer.evaluation.status("p-alliance")

    Assign a new value to ``off`` (any iterable of ids; it is kept as a list in declaration
    order); changing the list in place is not seen. Setting ``argument_map`` to a map that draws
    differently (any rendered field, the description included), or ``detail`` to another level,
    lays the map out again; a new ``semantics`` only re-evaluates.

    Displayed, it shows a static picture of the map with its statuses first (what an exported
    notebook or a viewer with no widgets shows), which the live view hides once it is drawn.
    """

    _esm = _STATIC / "explorer.js"
    _css = _STATIC / "explorer.css"

    argument_map = traitlets.Instance(ArgumentMap)
    """The map explored; not synced (the browser sees its SVG and panel data)."""
    evaluation = traitlets.Instance(Evaluation, read_only=True, allow_none=True)
    """The current evaluation; not synced."""

    off = _Ids(traitlets.Unicode()).tag(sync=True)
    semantics = traitlets.Unicode("grounded").tag(sync=True)
    selected = traitlets.Unicode("").tag(sync=True)
    """The statement whose explanation is shown; the browser sets it when a node is clicked."""
    show_critical = traitlets.Bool(default_value=False).tag(sync=True)
    detail = traitlets.Unicode("full").tag(sync=True)
    """How much the picture shows: one of ``detail_options`` (argmap.rendering's DETAILS)."""
    request = traitlets.Int(0).tag(sync=True)
    """Counts the browser's requests; ``answered`` follows once each is handled (a busy sign between)."""

    title = traitlets.Unicode("", read_only=True).tag(sync=True)
    svg = traitlets.Unicode("", read_only=True).tag(sync=True)
    palette = traitlets.Dict(read_only=True).tag(sync=True)
    statuses = traitlets.Dict(read_only=True).tag(sync=True)
    """Statement id -> "in", "out", "undecided" or "off"; the browser gets it whole once, then deltas."""
    strengths = traitlets.Dict(read_only=True).tag(sync=True)
    argument_states = traitlets.Dict(read_only=True).tag(sync=True)
    changes = traitlets.Dict(read_only=True).tag(sync=True)
    """The last update's delta: ``seq`` and, per trait in statuses/strengths/argument_states, the
    entries that changed; the browser merges it into the whole dicts it holds."""
    semantics_options = traitlets.List(traitlets.Unicode(), read_only=True).tag(sync=True)
    detail_options = traitlets.List(traitlets.Unicode(), read_only=True).tag(sync=True)
    labels = traitlets.Dict(read_only=True).tag(sync=True)
    """Statement id -> its label, shortened: how the changed list and screen readers name it."""
    answered = traitlets.Int(0, read_only=True).tag(sync=True)
    static_id = traitlets.Unicode("", read_only=True).tag(sync=True)
    """Marks the static picture shown with each display, which the live view hides."""
    evidence = traitlets.List(traitlets.Dict(), read_only=True).tag(sync=True)
    groups = traitlets.List(traitlets.Dict(), read_only=True).tag(sync=True)
    """The switch panel's groups in order: lines of argument (each with its own switch), then
    the arguments that reach a position for evidence in no line."""
    verdict = traitlets.Dict(read_only=True).tag(sync=True)
    """The verdict on the first question (see ``verdicts`` for every question)."""
    verdicts = traitlets.List(traitlets.Dict(), read_only=True).tag(sync=True)
    """One verdict per question, in declaration order, each with ``question_label``."""
    explanation = traitlets.Unicode("", read_only=True).tag(sync=True)
    explanation_title = traitlets.Unicode("", read_only=True).tag(sync=True)
    critical = traitlets.List(traitlets.Dict(), read_only=True).tag(sync=True)
    error = traitlets.Unicode("", read_only=True).tag(sync=True)

    _render_options: dict[str, Any]
    _theme: str
    _layout_key: tuple[Any, ...] | None
    _static: tuple[Evaluation, str, str] | None
    _from_frontend: bool
    _ready: bool
    _reset_state: tuple[list[str], str]
    _order: dict[str, int]
    _send_whole: bool
    _seq: int
    _keyed: tuple[ArgumentMap, str] | None
    _names: tuple[ArgumentMap, dict[str, str]] | None
    _critical_later: bool

    def __init__(
        self,
        argument_map: ArgumentMap,
        *,
        semantics: str = "grounded",
        off: str | Iterable[str] = (),
        show_critical: bool = False,
        detail: str = "full",
        theme: str | None = None,
        **kwargs: Any,
    ) -> None:
        """Lay out ``argument_map`` and evaluate it under ``semantics`` with ``off`` switched off.

        ``detail`` and ``theme`` are passed to ``argmap.rendering.render``; other keyword arguments
        go to the widget.
        """
        self._ready = False
        self._from_frontend = False
        self._layout_key = None
        self._static = None
        self._order = id_order(argument_map)
        self._send_whole = True
        self._seq = 0
        self._keyed = None
        self._names = None
        self._critical_later = False
        self._render_options = {} if theme is None else {"theme": theme}
        self._theme = "default" if theme is None else theme
        super().__init__(**kwargs)
        with self.hold_sync():  # the browser gets the first state in one message
            self.set_trait("semantics_options", _semantics_offered())
            self.set_trait("detail_options", _details_offered())
            self.set_trait("static_id", self.model_id or "")
            self.argument_map = argument_map
            self.semantics = semantics
            self.detail = detail
            self.set_trait("off", off)  # _Ids takes any iterable; mypy sees the list type only
            self.show_critical = show_critical
            self._reset_state = (list(self.off), self.semantics)
            self._ready = True
            self._relayout()
            self._refresh()
        self.on_msg(self._on_custom_message)

    def __repr__(self) -> str:
        """Return a cheap summary; the widget's state is not serialised for it."""
        argument_map = self.argument_map
        return (
            f"<Explorer {argument_map.title!r}: {len(argument_map.statements)} statements,"
            f" {len(self.off)} off, {self.semantics}>"
        )

    # -- actions -----------------------------------------------------------------------------

    def reset(self) -> None:
        """Return to the semantics and switches the explorer was created with."""
        initial_off, initial_semantics = self._reset_state
        with self.hold_trait_notifications():
            self.off = list(initial_off)
            self.semantics = initial_semantics
            self.selected = ""

    def all_on(self) -> None:
        """Switch everything back on."""
        self.off = []

    def toggle(self, id: str) -> None:  # noqa: A002
        """Switch a statement, argument or line off if it is on, on if it is off."""
        self.off = [x for x in self.off if x != id] if id in self.off else [*self.off, id]

    def explain(self, statement_id: str) -> str:
        """Return why a statement has its current status, in plain English."""
        return str(self._current().explain(statement_id))

    # -- validation: bad values from Python raise; from the browser they are shown -------------

    @traitlets.validate("off")
    def _check_off(self, proposal: Any) -> list[str]:
        wanted = proposal["value"]
        try:
            resolve_off(self.argument_map, wanted)
        except UnknownIdError as error:
            raise UnknownIdError(f"Explorer.off: {error}", id=error.id) from None
        return sorted(set(wanted), key=self._order.__getitem__)

    @traitlets.validate("semantics")
    def _check_semantics(self, proposal: Any) -> str:
        value: str = proposal["value"]
        offered = _semantics_offered()
        if value not in offered:
            raise EvaluationError(f"Explorer.semantics: unknown semantics: {value!r} (use one of {offered})")
        return value

    @traitlets.validate("detail")
    def _check_detail(self, proposal: Any) -> str:
        value: str = proposal["value"]
        offered = self.detail_options or _details_offered()
        if value not in offered:
            hint = suggest(value, offered) or f" (use one of {', '.join(offered)})"
            raise RenderError(f"Explorer.detail: unknown detail {value!r}{hint}")
        return value

    @traitlets.validate("selected")
    def _check_selected(self, proposal: Any) -> str:
        value: str = proposal["value"]
        return value if value == "" or self.argument_map.has_statement(value) else ""

    def notify_change(self, change: Any) -> None:
        """Tell observers of every change; the browser gets statuses and the like as deltas only."""
        if change["name"] in _DELTA_TRAITS and not self._send_whole:
            # Skip the widget's own sending (the whole dict, 240 KB at 5,000 statements): ``changes``
            # carries what changed, and a browser asking for the full state still gets it whole.
            super(ipywidgets.Widget, self).notify_change(change)
            return
        if change["name"] in {"off", "semantics"}:
            # The new value and everything it changes go to the browser in one message; the
            # critical ranking (an evaluation per part: seconds on a large map) follows it.
            self._critical_later = True
            try:
                with self.hold_sync():
                    super().notify_change(change)
            finally:
                self._critical_later = False
            if self.show_critical and self._ready:
                self.set_trait("critical", self._critical())
            return
        super().notify_change(change)

    def set_state(self, sync_data: dict[str, Any]) -> None:
        """Apply a change from the browser; evaluation errors are shown in the widget, not raised."""
        self._from_frontend = True
        try:
            super().set_state(sync_data)
        except ArgmapError as error:
            # The change was rolled back here; show why, and put the browser back in step.
            self.set_trait("error", str(error))
            self.send_state([key for key in sync_data if key in self.keys])
        finally:
            self._from_frontend = False
            if "request" in sync_data:  # the browser stops showing that it waits
                self.set_trait("answered", self.request)

    # -- reacting to changes -----------------------------------------------------------------

    @traitlets.observe("argument_map")
    def _on_map(self, change: Any) -> None:
        if not self._ready:
            return
        argument_map: ArgumentMap = change["new"]
        self._order = id_order(argument_map)
        still = [id_ for id_ in self.off if id_ in self._order]
        self._ready = False
        try:
            self.off = still
            self.selected = self.selected if argument_map.has_statement(self.selected) else ""
        finally:
            self._ready = True
        self._relayout()
        self._refresh()

    @traitlets.observe("off", "semantics", "detail")
    def _on_switch(self, change: Any) -> None:
        if not self._ready:
            return
        try:
            if change["name"] == "detail":
                self._relayout()
            else:
                self._refresh()
        except ArgmapError as error:
            # Go back to the last value that worked, so the widget never shows a half-done change.
            self._ready = False
            try:
                self.set_trait(change["name"], change["old"])
            finally:
                self._ready = True
            self._refresh()
            self._relayout()
            self.set_trait("error", str(error))
            if not self._from_frontend:
                raise

    @traitlets.observe("selected")
    def _on_selected(self, change: Any) -> None:
        del change
        if self._ready:
            evaluation = self._current()
            with self.hold_sync():
                self.set_trait("explanation", self._explanation(evaluation))
                self.set_trait("explanation_title", self._explanation_title(evaluation))

    @traitlets.observe("show_critical")
    def _on_show_critical(self, change: Any) -> None:
        if self._ready:
            self.set_trait("critical", self._critical() if change["new"] else [])

    def _on_custom_message(self, widget: Any, content: Any, buffers: Any) -> None:
        del widget, buffers
        if isinstance(content, dict) and content.get("action") == "reset":
            self.reset()

    # -- work --------------------------------------------------------------------------------

    def _current(self) -> Evaluation:
        evaluation = self.evaluation
        assert evaluation is not None  # noqa: S101  # set in __init__ before anything can ask
        return evaluation

    def _relayout(self) -> None:
        """Lay the map out once per picture; statuses are restyled on top.

        The picture depends on the whole map (every rendered field, the description and lines
        included: the map compares by value, its origin aside), on the rendering options and on
        the detail level, never on the semantics: one layout serves them all, so that switching
        semantics costs an evaluation, not a Graphviz run (the browser draws strength bars and
        patches the semantics' name in the legend). The layout is drawn with everything switched
        on, so that the browser knows each element's colour when on; it then applies the statuses.
        """
        argument_map = self.argument_map
        options = self._render_with()
        key = (argument_map, tuple(sorted(options.items())))
        if self._layout_key is not None and key == self._layout_key:
            return
        from argmap.rendering import render  # noqa: PLC0415  # Graphviz only when a map is shown

        everything_on = evaluate(argument_map, semantics=_LAYOUT_SEMANTICS)
        svg = render(argument_map, everything_on, **options).svg
        if self.semantics == _LAYOUT_SEMANTICS:  # the static picture of this evaluation is drawn
            self._static = (everything_on, self.detail, svg)
        with self.hold_sync():
            self.set_trait("title", argument_map.title)
            self.set_trait("palette", palette_data(self._theme))
            self.set_trait("svg", svg[svg.find("<svg") :])
            self.set_trait("evidence", evidence_items(argument_map))
            self.set_trait("groups", group_items(argument_map))
            self.set_trait("labels", statement_labels(argument_map))
        self._layout_key = key

    def _refresh(self) -> None:
        """Re-evaluate and publish what changed (statuses, verdict, explanation) in one message."""
        argument_map = self.argument_map
        evaluation = evaluate(argument_map, semantics=self.semantics, off=self.off)
        # Status is a StrEnum: JSON writes its value, and it equals "in", "out", ... in Python.
        new: dict[str, dict[str, Any]] = {
            "statuses": _as_dict(evaluation.statuses),
            "strengths": _as_dict(evaluation.strengths),
            "argument_states": _as_dict(evaluation.arguments),
        }
        old: dict[str, dict[str, Any]] = {name: getattr(self, name) for name in _DELTA_TRAITS}
        # New keys (another map, or strengths appearing) cannot be a delta: send those whole. With
        # the same map and semantics only ``off`` changed, which keeps the keys: count them only.
        same = self._keyed is not None and self._keyed[0] is argument_map and self._keyed[1] == self.semantics
        whole = {
            name
            for name in _DELTA_TRAITS
            if len(old[name]) != len(new[name]) or (not same and old[name].keys() != new[name].keys())
        }
        self._keyed = (argument_map, self.semantics)
        self._seq += 1
        changes: dict[str, Any] = {"seq": self._seq}
        for name in _DELTA_TRAITS:
            singletons = name != "strengths"
            changes[name] = {} if name in whole else _changed(old[name], new[name], singletons=singletons)
        with self.hold_sync():
            self.set_trait("evaluation", evaluation)
            for name in _DELTA_TRAITS:
                self._send_whole = name in whole
                try:
                    self.set_trait(name, new[name])
                finally:
                    self._send_whole = False
            self.set_trait("changes", changes)
            self.set_trait("verdict", verdict_data(argument_map, evaluation))
            self.set_trait("verdicts", verdicts_data(argument_map, evaluation))
            self.set_trait("explanation", self._explanation(evaluation))
            self.set_trait("explanation_title", self._explanation_title(evaluation))
            if self.show_critical and not self._critical_later:
                self.set_trait("critical", self._critical())
            self.set_trait("error", "")

    def _part_names(self) -> dict[str, str]:
        """Return the words for each id of the current map (see ``_panel.part_names``), cached."""
        argument_map = self.argument_map
        if self._names is None or self._names[0] is not argument_map:
            self._names = (argument_map, part_names(argument_map))
        return self._names[1]

    def _explanation(self, evaluation: Evaluation) -> str:
        return in_words(str(evaluation.explain(self.selected)), self._part_names()) if self.selected else ""

    def _explanation_title(self, evaluation: Evaluation) -> str:
        if not self.selected:
            return ""
        return explanation_title(self.argument_map, self.selected, evaluation.status(self.selected).value)

    def _critical(self) -> list[dict[str, Any]]:
        kinds = PANEL_CRITICAL_KINDS
        items = critical(self.argument_map, semantics=self.semantics, off=self.off, kinds=kinds)
        return critical_data(self.argument_map, items, self._part_names())

    # -- display -----------------------------------------------------------------------------

    def _render_with(self) -> dict[str, Any]:
        return {**self._render_options, "detail": self.detail}

    def static_svg(self) -> str:
        """Return the map as SVG with the current statuses, for places with no widget frontend."""
        evaluation = self._current()
        if self._static is None or self._static[:2] != (evaluation, self.detail):
            from argmap.rendering import render  # noqa: PLC0415

            svg = render(self.argument_map, evaluation, **self._render_with()).svg
            self._static = (evaluation, self.detail, svg)
        return self._static[2]

    def static_html(self) -> str:
        """Return the map's picture and verdicts as one HTML block that scales to its cell.

        Shown beside the widget view, so that a notebook exported to HTML, opened without its
        kernel or shown by a viewer with no widget manager still shows the map with its statuses;
        the live view hides it (``static_id``). Text is escaped; nothing in it runs or fetches.
        """
        from argmap.rendering.labels import web_text  # noqa: PLC0415  # Graphviz only when a map is shown

        evaluation = self._current()
        switched = f"; {len(self.off)} switched off" if self.off else ""
        heading = f"{self.argument_map.title} ({evaluation.semantics} semantics{switched})"
        verdicts = "".join(
            f'<p class="argmap-x-static-verdict" style="margin:0 0 4px">{web_text(verdict["summary"])}</p>'
            for verdict in self.verdicts
        )
        try:
            picture = _fit_to_cell(self.static_svg())
        except ArgmapError as error:
            picture = f"<p>(no picture: {web_text(str(error))})</p>"
        return (
            f'<div class="argmap-x-static" data-argmap-static="{web_text(self.static_id)}"'
            ' style="font-family:system-ui,sans-serif;line-height:1.35">'
            f'<p style="margin:0 0 4px;font-weight:600">{web_text(heading)}</p>{verdicts}'
            f'<div class="argmap-x-static-map">{picture}</div>'
            '<p style="margin:4px 0 0;font-size:smaller;opacity:0.75">A picture of the explorer:'
            " run the notebook to switch evidence on and off.</p></div>"
        )

    def _plain(self) -> str:
        verdict = self.verdict.get("text", "")
        return f"{self!r}\n{verdict}" if verdict else repr(self)

    def _repr_mimebundle_(self, **kwargs: Any) -> tuple[dict[str, Any], dict[str, Any]]:
        """Return the widget view and a text fallback (the picture is a display of its own)."""
        bundle = super()._repr_mimebundle_(**kwargs)
        data, metadata = bundle if bundle is not None else ({}, {})
        data["text/plain"] = self._plain()
        return data, metadata

    def _ipython_display_(self, **kwargs: Any) -> None:
        """Display the static picture, then the widget view, as two outputs.

        An exported notebook (nbconvert's HTML) shows the widget view in place of every other
        form in its output, and that view is empty with no widget manager (offline, or no saved
        state): the picture must be an output of its own to show there.
        """
        from IPython.display import display  # noqa: PLC0415  # IPython comes with ipywidgets

        display({"text/html": self.static_html(), "text/plain": self._plain()}, raw=True)  # type: ignore[no-untyped-call]
        data, metadata = self._repr_mimebundle_(**kwargs)
        display(data, metadata=metadata, raw=True)  # type: ignore[no-untyped-call]


_SVG_SIZE: Final = re.compile(r'<svg\b([^>]*?)\swidth="([^"]*)"\s+height="[^"]*"')


def _fit_to_cell(svg: str) -> str:
    """Return the SVG element alone, scaled by its viewBox to the width of what holds it.

    Never wider than drawn: a small map keeps its size rather than growing to fill the cell.
    """
    svg = svg[svg.find("<svg") :]

    def fitted(match: re.Match[str]) -> str:
        return f'<svg{match.group(1)} width="100%" style="max-width:min(100%,{match.group(2)});height:auto"'

    return _SVG_SIZE.sub(fitted, svg, count=1)
