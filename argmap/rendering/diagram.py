"""``render()`` and ``Diagram``: a rendered map that saves itself and displays itself in Jupyter."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from argmap._io import write_atomic
from argmap.errors import ArgmapError, MissingDependencyError, RenderError, UnsupportedFormatError
from argmap.rendering import engine as _engine
from argmap.rendering.dot import Drawing, build
from argmap.rendering.levels import check_detail
from argmap.rendering.metrics import Detail
from argmap.rendering.svg import add_data_attributes, fit_to_width

if TYPE_CHECKING:
    from argmap.evaluation import Evaluation
    from argmap.model import ArgumentMap

__all__ = ["MAX_STATEMENTS", "SAVE_FORMATS", "Diagram", "render"]

SAVE_FORMATS: Final = ("svg", "png", "pdf", "dot")

MAX_STATEMENTS: Final = 10_000
"""The most statements ``render`` draws unless told otherwise: Graphviz lays out 1,000 in about a
second and 5,000 in about fifteen, and time grows faster than the map; past this a layout takes
minutes and a picture no one can read, so argmap says so at once instead."""


def render(
    argument_map: ArgumentMap,
    evaluation: Evaluation | str | None = None,
    *,
    off: str | Iterable[str] = (),
    theme: str = "default",
    direction: str = "TB",
    legend: bool = True,
    engine: str = "auto",
    timeout: float = _engine.TIMEOUT,
    max_statements: int | None = MAX_STATEMENTS,
    detail: str = "full",
) -> Diagram:
    """Draw ``argument_map``, optionally marking which statements stand under ``evaluation``.

    Args:
        argument_map: the map to draw.
        evaluation: an Evaluation to overlay, or the name of a semantics to evaluate with
            (``"grounded"``, ``"df-quad"``, ...); None draws the map without statuses.
        off: ids switched off: statements, arguments or lines of argument (one id as a string,
            or several). With an Evaluation, leave it out (the evaluation's own ``off`` is used)
            or give the same ids.
        theme: ``default`` (light, colour-blind safe), ``dark`` or ``print`` (grayscale).
        direction: where the question sits: ``TB`` (top), ``BT``, ``LR`` (left) or ``RL``.
        legend: draw the legend under the title.
        engine: ``auto``, ``embedded`` (graphviz-pure) or ``system`` (Graphviz's ``dot``).
        timeout: seconds the layout may take before Graphviz is stopped.
        max_statements: refuse, with a RenderError saying why, a map with more statements than
            this (None: no limit; the timeout still applies).
        detail: how much to draw (one of ``DETAILS``): ``full``, every statement; ``compact``,
            for a slide (evidence as attribution rows on the cards it bears on, sources once
            under the legend, each line of argument a titled cluster); ``outline``, the question,
            positions, argument titles and claims only.

    Nothing runs Graphviz until the SVG or a file is asked for; ``.dot`` needs no engine.
    """
    if engine not in _engine.ENGINES:
        _engine.find_engine(engine)  # raises RenderError naming the engines
    level = check_detail(detail)
    count = len(argument_map.statements)
    if max_statements is not None and count > max_statements:
        raise RenderError(
            f"render: the map has {count:,} statements, more than the {max_statements:,} argmap draws"
            " by default (Graphviz would take minutes and the picture could not be read; draw a part"
            " of the map, or raise the limit: --max-statements N, render(..., max_statements=N))"
        )
    if isinstance(evaluation, str):
        from argmap.evaluation import evaluate  # noqa: PLC0415  # only when a semantics is named

        evaluation = evaluate(argument_map, semantics=evaluation, off=[off] if isinstance(off, str) else off)
        off = ()
    drawing = build(
        argument_map, evaluation, off=off, theme=theme, direction=direction, legend=legend, detail=level
    )
    return Diagram(drawing, engine=engine, timeout=timeout, detail=level)


class Diagram:
    """A rendered map: ``.dot`` now, ``.svg`` on first use, ``.save(path)`` in any format.

    In Jupyter, VS Code and nbconvert output it displays as SVG with a text summary; with no
    Graphviz engine it displays the summary and a hint instead of failing.
    """

    def __init__(
        self,
        drawing: Drawing,
        *,
        engine: str = "auto",
        timeout: float = _engine.TIMEOUT,
        detail: Detail = "full",
    ) -> None:
        self._drawing = drawing
        self._detail = detail
        self._engine = engine
        self._timeout = timeout
        self._svg: str | None = None

    def __repr__(self) -> str:
        first = self.summary.splitlines()[0]
        return f"<Diagram {first}>"

    @property
    def dot(self) -> str:
        """Return the DOT text (no engine needed)."""
        return self._drawing.dot

    @property
    def summary(self) -> str:
        """Return a plain-text summary: the map's counts and, if evaluated, its statuses."""
        return self._drawing.summary

    @property
    def notes(self) -> tuple[str, ...]:
        """Return what the picture leaves out (e.g. text too long for a node), one sentence each."""
        return self._drawing.notes

    @property
    def detail(self) -> Detail:
        """Return the detail level this diagram is drawn at: full, compact or outline."""
        return self._detail

    @property
    def engine(self) -> str:
        """Return the engine this diagram is laid out with: auto, embedded or system."""
        return self._engine

    @property
    def svg(self) -> str:
        """Return the SVG text, laid out once and then kept."""
        if self._svg is None:
            raw = _engine.layout(self.dot, "svg", engine=self._engine, timeout=self._timeout).decode("utf-8")
            self._svg = add_data_attributes(
                raw, self._drawing.data, badges=self._drawing.badges, rows=self._drawing.rows
            )
        return self._svg

    def pipe(self, fmt: str = "svg") -> bytes:
        """Return the diagram in ``fmt`` (svg, png, pdf or dot) as bytes."""
        if fmt == "svg":
            return self.svg.encode("utf-8")
        if fmt == "dot":
            return self.dot.encode("utf-8")
        if fmt in _engine.FORMATS:
            return _engine.layout(self.dot, fmt, engine=self._engine, timeout=self._timeout)
        raise UnsupportedFormatError(fmt, SAVE_FORMATS)

    def save(self, path: str | os.PathLike[str], *, fmt: str | None = None) -> Path:
        """Write the diagram to ``path`` in the format its suffix names (or ``fmt``); returns the path.

        The picture is laid out and checked complete first, then written atomically: a failed
        render leaves no file and keeps an existing one. A folder, a device, a FIFO or a symbolic
        link at ``path`` is refused, never replaced.
        """
        target = Path(path)
        name = (fmt or target.suffix.lstrip(".")).lower()
        if name not in SAVE_FORMATS:
            error = UnsupportedFormatError(name or "(no suffix)", SAVE_FORMATS)
            error.args = (f"{target}: {error} (name the file .svg, .png, .pdf or .dot)",)
            raise error
        return write_atomic(target, self.pipe(name))

    def to_graphviz(self) -> Any:
        """Return a ``graphviz.Source`` of the DOT (needs the ``graphviz`` Python package)."""
        try:
            import graphviz  # noqa: PLC0415  # optional; only this method needs it
        except ImportError:
            raise MissingDependencyError(
                "Diagram.to_graphviz: the graphviz package is not installed (pip install graphviz)"
            ) from None
        return graphviz.Source(self.dot)

    def _repr_mimebundle_(
        self, include: Iterable[str] | None = None, exclude: Iterable[str] | None = None
    ) -> dict[str, str]:
        """Return SVG and a text summary for notebooks; text with a hint if Graphviz cannot run.

        The notebook's SVG scales to its cell (``width="100%"``, its height following the
        viewBox), so the whole map, question first, is in view; ``svg`` and ``save`` keep the
        absolute size in points.
        """
        del include, exclude  # IPython filters the bundle itself
        try:
            svg = self.svg
        except ArgmapError as error:
            return {"text/plain": f"{self.summary}\n(no picture: {error})"}
        return {"image/svg+xml": fit_to_width(svg), "text/plain": self.summary}
