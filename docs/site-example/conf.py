# ruff: noqa: INP001  # a Sphinx configuration file, not part of a package
"""A tiny course site that embeds live argument maps (built by tests/standalone/test_sphinx.py).

Build it with ``.venv/bin/sphinx-build -b html docs/site-example /tmp/site`` and open
``/tmp/site/index.html``: no server and no network are needed.
"""

project = "Seminar: Alliance or not?"
extensions = ["myst_parser", "argmap.standalone.sphinx"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
exclude_patterns = ["_build"]
html_theme = "alabaster"
html_theme_options = {"show_powered_by": False}
