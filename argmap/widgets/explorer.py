"""Explorer: an argument map beside its evidence switches, live in a notebook.

Python is the source of truth. The map is laid out once per map structure (the ``svg`` trait);
switching evidence off re-evaluates here and sends only statuses, which the browser applies by
swapping the ``argmap-status-*`` classes on the nodes the renderer tagged with statement ids.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any, ClassVar, Final

try:
    import anywidget
    import traitlets
except ImportError as error:  # pragma: no cover - exercised by the packaging test in a bare venv
    from argmap.errors import MissingDependencyError

    raise MissingDependencyError(
        "argmap.Explorer: the notebook widgets are not installed: anywidget, ipywidgets"
        " (pip install 'argmap[notebook]')"
    ) from error

from argmap.errors import ArgmapError, EvaluationError
from argmap.evaluation import GRADUAL, REGISTRY, SEMANTICS, Evaluation, critical, evaluate
from argmap.model import ArgumentMap
from argmap.widgets._panel import critical_data, evidence_items, palette_data, verdict_data

__all__ = ["Explorer"]

_STATIC: Final = Path(__file__).parent / "static"


def _semantics_offered() -> list[str]:
    """Return the registered semantics, argmap's own in its order first."""
    return [name for name in SEMANTICS if name in REGISTRY] + sorted(set(REGISTRY) - set(SEMANTICS))


def _statement_ids(argument_map: ArgumentMap) -> list[str]:
    return [statement.id for statement in argument_map.statements]


class Explorer(anywidget.AnyWidget):
    """An argument map with evidence switches, a verdict panel and explanations, for notebooks.

    ``off`` (statement ids switched off) and ``semantics`` can be set from Python or in the
    browser; ``statuses``, ``evaluation``, ``verdict`` and the rest follow and fire observers::

        explorer = Explorer(argument_map)
        explorer.observe(lambda change: print(change.new), names="verdict")
        explorer.off = ["ev-kashin"]
        explorer.evaluation.status("p-alliance")

    Assign a new list to ``off``; changing the list in place is not seen. Setting
    ``argument_map`` to a map with a different structure lays the map out again.
    """

    _esm = _STATIC / "explorer.js"
    _css = _STATIC / "explorer.css"

    argument_map = traitlets.Instance(ArgumentMap)
    """The map explored; not synced (the browser sees its SVG and panel data)."""
    evaluation = traitlets.Instance(Evaluation, read_only=True, allow_none=True)
    """The current evaluation; not synced."""

    off = traitlets.List(traitlets.Unicode()).tag(sync=True)
    semantics = traitlets.Unicode("grounded").tag(sync=True)
    selected = traitlets.Unicode("").tag(sync=True)
    """The statement whose explanation is shown; the browser sets it when a node is clicked."""
    show_critical = traitlets.Bool(default_value=False).tag(sync=True)

    title = traitlets.Unicode("", read_only=True).tag(sync=True)
    svg = traitlets.Unicode("", read_only=True).tag(sync=True)
    palette = traitlets.Dict(read_only=True).tag(sync=True)
    statuses = traitlets.Dict(read_only=True).tag(sync=True)
    strengths = traitlets.Dict(read_only=True).tag(sync=True)
    argument_states = traitlets.Dict(read_only=True).tag(sync=True)
    semantics_options = traitlets.List(traitlets.Unicode(), read_only=True).tag(sync=True)
    evidence = traitlets.List(traitlets.Dict(), read_only=True).tag(sync=True)
    verdict = traitlets.Dict(read_only=True).tag(sync=True)
    explanation = traitlets.Unicode("", read_only=True).tag(sync=True)
    critical = traitlets.List(traitlets.Dict(), read_only=True).tag(sync=True)
    error = traitlets.Unicode("", read_only=True).tag(sync=True)

    _render_options: dict[str, Any]
    _theme: str
    _layout_key: tuple[Any, ...] | None
    _static: tuple[Evaluation, str] | None
    _from_frontend: bool
    _ready: bool
    _reset_state: tuple[list[str], str]

    _STRUCTURE_FIELDS: ClassVar = ("statements", "arguments", "sources", "title")

    def __init__(
        self,
        argument_map: ArgumentMap,
        *,
        semantics: str = "grounded",
        off: list[str] | tuple[str, ...] = (),
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
        self._render_options = {} if theme is None else {"theme": theme}
        self._theme = "default" if theme is None else theme
        super().__init__(**kwargs)
        with self.hold_sync():  # the browser gets the first state in one message
            self.set_trait("semantics_options", _semantics_offered())
            self.argument_map = argument_map
            self.semantics = semantics
            self.off = list(off)
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
        """Switch every statement back on."""
        self.off = []

    def toggle(self, statement_id: str) -> None:
        """Switch one statement off if it is on, on if it is off."""
        self.off = (
            [x for x in self.off if x != statement_id]
            if statement_id in self.off
            else [*self.off, statement_id]
        )

    def explain(self, statement_id: str) -> str:
        """Return why a statement has its current status, in plain English."""
        return str(self._current().explain(statement_id))

    # -- validation: bad values from Python raise; from the browser they are shown -------------

    @traitlets.validate("off")
    def _check_off(self, proposal: Any) -> list[str]:
        ids = _statement_ids(self.argument_map)
        known = set(ids)
        wanted = set(proposal["value"])
        unknown = sorted(wanted - known)
        if unknown:
            close = difflib.get_close_matches(unknown[0], ids, n=1)
            hint = f"did you mean {close[0]!r}?" if close else "use a statement id of this map"
            raise EvaluationError(f"Explorer.off: no statement {unknown[0]!r} in the map ({hint})")
        return [statement_id for statement_id in ids if statement_id in wanted]

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
        ids = set(_statement_ids(change["new"]))
        still = [statement_id for statement_id in self.off if statement_id in ids]
        self._ready = False
        try:
            self.off = still
            self.selected = self.selected if self.selected in ids else ""
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
            self.set_trait("explanation", self._explanation(self._current()))

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
        """Lay the map out once per structure (and per gradual or not); statuses are restyled on top.

        The layout is drawn with everything switched on, so that the browser knows each element's
        colour when on; it then applies the current statuses. Gradual semantics draw a strength
        bar in each node, so switching to or from them lays the map out again.
        """
        argument_map = self.argument_map
        gradual = self.semantics in GRADUAL
        key = (*(getattr(argument_map, name) for name in self._STRUCTURE_FIELDS), gradual)
        if key == self._layout_key:
            return
        from argmap.rendering import render  # noqa: PLC0415  # Graphviz only when a map is shown

        everything_on = evaluate(argument_map, semantics=self.semantics)
        svg = render(argument_map, everything_on, **self._render_options).svg
        with self.hold_sync():
            self.set_trait("title", argument_map.title)
            self.set_trait("palette", palette_data(self._theme))
            self.set_trait("svg", svg[svg.find("<svg") :])
            self.set_trait("evidence", evidence_items(argument_map))
        self._layout_key = key
        self._static = (everything_on, svg)

    def _refresh(self) -> None:
        """Re-evaluate and publish the statuses, verdict and explanation in one message."""
        argument_map = self.argument_map
        evaluation = evaluate(argument_map, semantics=self.semantics, off=self.off)
        with self.hold_sync():
            self.set_trait("evaluation", evaluation)
            self.set_trait("statuses", {key: status.value for key, status in evaluation.statuses.items()})
            self.set_trait("strengths", dict(evaluation.strengths))
            self.set_trait("argument_states", dict(evaluation.arguments))
            self.set_trait("verdict", verdict_data(argument_map, evaluation))
            self.set_trait("explanation", self._explanation(evaluation))
            if self.show_critical:
                self.set_trait("critical", self._critical())
            self.set_trait("error", "")

    def _explanation(self, evaluation: Evaluation) -> str:
        return str(evaluation.explain(self.selected)) if self.selected else ""

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
