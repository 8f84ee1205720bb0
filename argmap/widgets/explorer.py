"""Explorer: an argument map beside its evidence switches, live in a notebook.

Python is the source of truth. The map is laid out once per picture (the ``svg`` trait);
switching something off re-evaluates here and sends only what changed (the ``changes`` trait),
which the browser applies by restyling just those nodes of the SVG it already has.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from itertools import chain, compress
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

from argmap.errors import ArgmapError, EvaluationError, UnknownIdError
from argmap.evaluation import SEMANTICS, Evaluation, critical, evaluate
from argmap.evaluation import semantics as semantics_record
from argmap.model import ArgumentMap
from argmap.model.off import resolve_off
from argmap.widgets._panel import (
    critical_data,
    evidence_items,
    explanation_title,
    group_items,
    palette_data,
    verdict_data,
)

__all__ = ["Explorer"]

_STATIC: Final = Path(__file__).parent / "static"
_DELTA_TRAITS: Final = ("statuses", "strengths", "argument_states")
"""Traits the browser gets as deltas in ``changes``; sent whole only when their keys change."""


def _semantics_offered() -> list[str]:
    """Return the registered semantics, in the order they were registered (argmap's own first)."""
    return list(SEMANTICS)


def _is_gradual(name: str) -> bool:
    """Return whether a semantics gives strengths (drawn as bars), as its registered record says."""
    return semantics_record(name).gradual


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


def _id_order(argument_map: ArgumentMap) -> dict[str, int]:
    """Rank every id that can be switched off: statements, then arguments, then lines, as declared."""
    ids = chain(
        (statement.id for statement in argument_map.statements),
        (argument.id for argument in argument_map.arguments),
        (line.id for line in argument_map.lines),
    )
    return {id_: rank for rank, id_ in enumerate(ids)}


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
    differently (any rendered field, the description included) lays the map out again.
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
    evidence = traitlets.List(traitlets.Dict(), read_only=True).tag(sync=True)
    groups = traitlets.List(traitlets.Dict(), read_only=True).tag(sync=True)
    """The switch panel's groups in order: lines of argument (each with its own switch), then
    the arguments that reach a position for evidence in no line."""
    verdict = traitlets.Dict(read_only=True).tag(sync=True)
    explanation = traitlets.Unicode("", read_only=True).tag(sync=True)
    explanation_title = traitlets.Unicode("", read_only=True).tag(sync=True)
    critical = traitlets.List(traitlets.Dict(), read_only=True).tag(sync=True)
    error = traitlets.Unicode("", read_only=True).tag(sync=True)

    _render_options: dict[str, Any]
    _theme: str
    _layout_key: tuple[Any, ...] | None
    _static: tuple[Evaluation, str] | None
    _from_frontend: bool
    _ready: bool
    _reset_state: tuple[list[str], str]
    _order: dict[str, int]
    _send_whole: bool
    _seq: int
    _keyed: tuple[ArgumentMap, str] | None

    def __init__(
        self,
        argument_map: ArgumentMap,
        *,
        semantics: str = "grounded",
        off: str | Iterable[str] = (),
        show_critical: bool = False,
        theme: str | None = None,
        **kwargs: Any,
    ) -> None:
        """Lay out ``argument_map`` and evaluate it under ``semantics`` with ``off`` switched off.

        ``theme`` is passed to ``argmap.rendering.render``; other keyword arguments go to the widget.
        """
        self._ready = False
        self._from_frontend = False
        self._layout_key = None
        self._static = None
        self._order = _id_order(argument_map)
        self._send_whole = True
        self._seq = 0
        self._keyed = None
        self._render_options = {} if theme is None else {"theme": theme}
        self._theme = "default" if theme is None else theme
        super().__init__(**kwargs)
        with self.hold_sync():  # the browser gets the first state in one message
            self.set_trait("semantics_options", _semantics_offered())
            self.argument_map = argument_map
            self.semantics = semantics
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
            # The new value and everything it changes go to the browser in one message.
            with self.hold_sync():
                super().notify_change(change)
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

    # -- reacting to changes -----------------------------------------------------------------

    @traitlets.observe("argument_map")
    def _on_map(self, change: Any) -> None:
        if not self._ready:
            return
        argument_map: ArgumentMap = change["new"]
        self._order = _id_order(argument_map)
        still = [id_ for id_ in self.off if id_ in self._order]
        self._ready = False
        try:
            self.off = still
            self.selected = self.selected if argument_map.has_statement(self.selected) else ""
        finally:
            self._ready = True
        self._relayout()
        self._refresh()

    @traitlets.observe("off", "semantics")
    def _on_switch(self, change: Any) -> None:
        if not self._ready:
            return
        try:
            self._refresh()
            if change["name"] == "semantics":
                self._relayout()
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
        included: the map compares by value, its origin aside), on the rendering options, and on
        whether the semantics is gradual (a strength bar in each node). The semantics' name in
        the legend is patched by the browser. The layout is drawn with everything switched on,
        so that the browser knows each element's colour when on; it then applies the statuses.
        """
        argument_map = self.argument_map
        gradual = _is_gradual(self.semantics)
        key = (argument_map, tuple(sorted(self._render_options.items())), gradual)
        if self._layout_key is not None and key == self._layout_key:
            return
        from argmap.rendering import render  # noqa: PLC0415  # Graphviz only when a map is shown

        everything_on = evaluate(argument_map, semantics=self.semantics)
        svg = render(argument_map, everything_on, **self._render_options).svg
        with self.hold_sync():
            self.set_trait("title", argument_map.title)
            self.set_trait("palette", palette_data(self._theme))
            self.set_trait("svg", svg[svg.find("<svg") :])
            self.set_trait("evidence", evidence_items(argument_map))
            self.set_trait("groups", group_items(argument_map))
        self._layout_key = key
        self._static = (everything_on, svg)

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
            self.set_trait("explanation", self._explanation(evaluation))
            self.set_trait("explanation_title", self._explanation_title(evaluation))
            if self.show_critical:
                self.set_trait("critical", self._critical())
            self.set_trait("error", "")

    def _explanation(self, evaluation: Evaluation) -> str:
        return str(evaluation.explain(self.selected)) if self.selected else ""

    def _explanation_title(self, evaluation: Evaluation) -> str:
        if not self.selected:
            return ""
        return explanation_title(self.argument_map, self.selected, evaluation.status(self.selected).value)

    def _critical(self) -> list[dict[str, Any]]:
        items = critical(self.argument_map, semantics=self.semantics, off=self.off)
        return critical_data(self.argument_map, items)

    # -- display -----------------------------------------------------------------------------

    def static_svg(self) -> str:
        """Return the map as SVG with the current statuses, for places with no widget frontend."""
        evaluation = self._current()
        if self._static is None or self._static[0] != evaluation:
            from argmap.rendering import render  # noqa: PLC0415

            self._static = (evaluation, render(self.argument_map, evaluation, **self._render_options).svg)
        return self._static[1]

    def _repr_mimebundle_(self, **kwargs: Any) -> tuple[dict[str, Any], dict[str, Any]]:
        """Return the widget view plus an SVG and a text fallback for viewers with no widgets."""
        bundle = super()._repr_mimebundle_(**kwargs)
        data, metadata = bundle if bundle is not None else ({}, {})
        verdict = self.verdict.get("text", "")
        data["text/plain"] = f"{self!r}\n{verdict}" if verdict else repr(self)
        try:
            data["image/svg+xml"] = self.static_svg()
        except ArgmapError as error:
            data["text/plain"] += f"\n(no picture: {error})"
        return data, metadata
