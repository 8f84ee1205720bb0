"""Tests for argmap.widgets.magic: ``%load_ext argmap`` and the ``%%argmap`` cell magic."""

from __future__ import annotations

import pytest

pytest.importorskip("anywidget", reason="the notebook extra (anywidget) is not installed")
pytest.importorskip("IPython", reason="IPython is not installed")

from IPython.core.error import UsageError

from argmap.evaluation import critical
from argmap.widgets.magic import argdown_cell, argmap_cell, map_from_cell

pytestmark = pytest.mark.requires_dot

CELL = """\
title: Tea or coffee?
sources:
  - id: survey
    title: A survey of drinkers
statements:
  - id: q
    question: Which should we drink?
  - id: tea
    position: Tea
    answers: q
  - id: calm
    claim: Tea calms.
    supports: tea
  - id: ev-survey
    quote: Eight in ten tea drinkers feel calmer.
    source: survey
    supports: calm
"""


class FakeShell:
    """The part of IPython's shell that an extension touches: magic registration and user_ns."""

    def __init__(self):
        self.user_ns = {}
        self.magics = {}

    def register_magic_function(self, function, magic_kind, magic_name):
        """Keep the magic by kind and name, as InteractiveShell does."""
        self.magics[(magic_kind, magic_name)] = function


@pytest.fixture
def shell():
    """A shell with ``%load_ext argmap`` done through the package's own entry point."""
    import argmap  # noqa: PLC0415

    fake = FakeShell()
    argmap.load_ipython_extension(fake)
    return fake


def test_load_ext_registers_the_cell_magic(shell):
    """%load_ext argmap registers %%argmap as a cell magic with usage help."""
    magic = shell.magics[("cell", "argmap")]
    assert "--semantics" in magic.__doc__


def test_cell_becomes_an_explorer_stored_under_its_name(shell):
    """The cell's YAML (no argmap: header needed) is shown as an Explorer and kept in the variable named."""
    explorer = shell.magics[("cell", "argmap")]("drinks --off ev-survey", CELL)
    assert shell.user_ns["drinks"] is explorer
    assert explorer.argument_map.title == "Tea or coffee?"
    assert explorer.off == ["ev-survey"]
    assert explorer.statuses["calm"] == "out"


def test_options_choose_semantics_and_critical_chart():
    """--semantics and --critical set the explorer's semantics and show the critical evidence."""
    explorer = argmap_cell("--semantics df-quad --critical", CELL)
    assert explorer.semantics == "df-quad"
    assert explorer.show_critical
    ids = [row["id"] for row in explorer.critical]
    assert "ev-survey" in ids
    evidence = {statement.id for statement in explorer.argument_map.evidence}
    assert ids == [
        item.id for item in critical(explorer.argument_map, semantics="df-quad") if item.id in evidence
    ]


def test_yaml_error_points_at_the_cell_line():
    """A YAML syntax error names the line in the cell (the %%argmap line is line 1) and quotes it."""
    broken = CELL.replace("    claim: Tea calms.", "    claim: Tea: calms.")
    with pytest.raises(UsageError) as caught:
        map_from_cell(broken)
    message = str(caught.value)
    line = broken.splitlines().index("    claim: Tea: calms.") + 2
    assert message.startswith(f"%%argmap: cell line {line}, column 15: ")
    assert message.endswith(f"    {line} |     claim: Tea: calms.")


def test_map_problem_points_at_the_cell_line():
    """A reference to an unknown source is reported with the cell line of the offending value."""
    broken = CELL.replace("    source: survey", "    source: survy")
    with pytest.raises(UsageError) as caught:
        map_from_cell(broken)
    message = str(caught.value)
    line = broken.splitlines().index("    source: survy") + 2
    assert "1 problem in the map" in message
    assert f"cell line {line}, column 13" in message
    assert "'survy'" in message
    assert "did you mean 'survey'" in message
    assert f"    {line} |     source: survy" in message


def test_explicit_header_keeps_line_numbers():
    """With an `argmap: 1` header written out, line numbers still match the cell."""
    broken = "argmap: 1\n" + CELL.replace("    source: survey", "    source: survy")
    with pytest.raises(UsageError) as caught:
        map_from_cell(broken)
    line = broken.splitlines().index("    source: survy") + 2
    assert f"cell line {line}, column 13" in str(caught.value)


def test_bad_options_are_usage_errors():
    """An unknown semantics or statement in the options is reported as a usage error, not a traceback."""
    with pytest.raises(UsageError, match="unknown semantics: 'grounde'"):
        argmap_cell("--semantics grounde", CELL)
    with pytest.raises(UsageError, match=r"'ev-survy'.*did you mean 'ev-survey'"):
        argmap_cell("--off ev-survy", CELL)
    with pytest.raises(UsageError, match=r"unrecognized arguments: --of .*usage: %%argmap"):
        argmap_cell("--of ev-survey", CELL)
    with pytest.raises(UsageError, match="not a variable name: 'my-map'"):
        argmap_cell("my-map", CELL, namespace={})
    with pytest.raises(UsageError, match="not a variable name: 'class'"):
        argmap_cell("class", CELL, namespace={})


@pytest.mark.parametrize("name", ["print", "list", "id", "map"])
def test_a_name_that_hides_a_builtin_is_refused_where_it_is(name):
    """``%%argmap print`` would silently hide print(): refused at its column, with a name to use instead."""
    namespace = {}
    line = f"--semantics grounded {name}"
    with pytest.raises(UsageError) as caught:
        argmap_cell(line, CELL, namespace=namespace)
    column = len("%%argmap --semantics grounded ") + 1
    assert str(caught.value) == (
        f"%%argmap: cell line 1, column {column}: {name!r} would hide Python's built-in {name!r}"
        f" in this notebook (choose another name, e.g. {name}_map)"
    )
    assert namespace == {}


def test_magic_runs_in_a_real_ipython_shell():
    """In IPython itself, %load_ext argmap then a %%argmap cell displays an Explorer."""
    from IPython.core.interactiveshell import InteractiveShell  # noqa: PLC0415

    ip = InteractiveShell.instance()
    try:
        ip.run_line_magic("load_ext", "argmap")
        result = ip.run_cell("%%argmap tea_map\n" + CELL)
        assert result.success, result.error_in_exec
        assert type(ip.user_ns["tea_map"]).__name__ == "Explorer"
        failed = ip.run_cell("%%argmap\n" + CELL.replace("source: survey", "source: survy"))
        assert isinstance(failed.error_in_exec, UsageError)
        assert "cell line 17, column 13" in str(failed.error_in_exec)
        shadowing = ip.run_cell("%%argmap print\n" + CELL)
        assert isinstance(shadowing.error_in_exec, UsageError)
        assert "would hide Python's built-in 'print'" in str(shadowing.error_in_exec)
        assert ip.run_cell("print('still the builtin')").success
        assert "print" not in ip.user_ns or ip.user_ns["print"] is print
    finally:
        InteractiveShell.clear_instance()


ARGDOWN = """\
# Is tea better?

[Tea]: We should drink tea.
  + <Calm>: Tea calms the mind.
  - [Stain]: Tea stains teeth.
    - [Brush]: Brushing removes the stain.
"""


def test_argdown_cell_becomes_an_explorer(shell):
    """%%argdown reads the cell as Argdown: statements, an argument, an attack chain, all evaluated."""
    magic = shell.magics[("cell", "argdown")]
    assert "Argdown" in magic.__doc__
    explorer = magic("tea --semantics grounded", ARGDOWN)
    assert shell.user_ns["tea"] is explorer
    ids = {statement.id for statement in explorer.argument_map.statements}
    assert {"Tea", "Stain", "Brush"} <= ids
    assert explorer.statuses["Brush"] == "in"
    assert explorer.statuses["Stain"] == "out"
    same = shell.magics[("cell", "argmap")]("--argdown", ARGDOWN)
    assert same.argument_map == explorer.argument_map


def test_argdown_error_points_at_the_cell_line():
    """An Argdown mistake is located in the cell, counting the %%argdown line as line 1."""
    broken = ARGDOWN + "\n<Broken>\n\n(1) A premise without a conclusion.\n"
    with pytest.raises(UsageError) as caught:
        argdown_cell("", broken)
    line = len(broken.splitlines()) + 1
    message = str(caught.value)
    assert message.startswith(f"%%argdown: cell line {line}, column 1: ")
    assert message.endswith(f"    {line} | (1) A premise without a conclusion.")
    with pytest.raises(UsageError, match=rf"^%%argmap: cell line {line}, column 1: "):
        argmap_cell("--argdown", broken)


def test_argdown_options_and_names_are_checked_like_argmap():
    """Builtin names are refused at their column; --argdown is %%argmap's alone; YAML is not Argdown."""
    with pytest.raises(UsageError) as caught:
        argdown_cell("list", ARGDOWN, namespace={})
    assert str(caught.value).startswith("%%argdown: cell line 1, column 11: 'list' would hide")
    with pytest.raises(UsageError, match=r"unrecognized arguments: --argdown .*usage: %%argdown"):
        argdown_cell("--argdown", ARGDOWN)
    with pytest.raises(UsageError, match=r"^%%argmap: cell line 4, column 1: "):
        argmap_cell("", ARGDOWN)  # Argdown in a YAML cell


def test_argdown_magic_runs_in_a_real_ipython_shell():
    """In IPython itself, %load_ext argmap then a %%argdown cell displays an Explorer."""
    from IPython.core.interactiveshell import InteractiveShell  # noqa: PLC0415

    ip = InteractiveShell.instance()
    try:
        ip.run_line_magic("load_ext", "argmap")
        result = ip.run_cell("%%argdown tea_argdown\n" + ARGDOWN)
        assert result.success, result.error_in_exec
        assert type(ip.user_ns["tea_argdown"]).__name__ == "Explorer"
    finally:
        InteractiveShell.clear_instance()
