"""Directives whose option values the build converts with the checker's converters
(``text/markup.py``'s ``OPTION_VALUES``), so that ``make check`` and the build refuse a value
in one wording:

- ``hlist``'s ``columns`` must be 1 or more: Sphinx takes any int, and 0 stopped the build with
  a ZeroDivisionError (a traceback), a negative number published no list at all;
- ``dropdown``'s ``icon`` must be an octicon name: sphinx-design's message lists all 409 names;
  the edition's names the nearest one.

The dropdown is registered again once every extension is set up (``config-inited``), as
sphinx-design registers its own when its ``setup`` runs, after this extension's in
``conf.py``'s order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from sphinx.directives.other import HList
from sphinx_design.dropdown import DropdownDirective

from reading_edition.text.markup import OPTION_VALUES

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx
    from sphinx.config import Config


class EditionHList(HList):
    """Sphinx's ``hlist``, with 1 or more columns."""

    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {
        **HList.option_spec,
        "columns": OPTION_VALUES["hlist"]["columns"],
    }


class EditionDropdown(DropdownDirective):
    """sphinx-design's ``dropdown``, its icon checked by the checker's converter."""

    # sphinx-design declares it without ClassVar (mypy refuses one here).
    option_spec = {  # noqa: RUF012
        **DropdownDirective.option_spec,
        "icon": OPTION_VALUES["dropdown"]["icon"],
    }


def register_dropdown(app: Sphinx, config: Config) -> None:
    """Replace sphinx-design's ``dropdown`` (registered by its ``setup``) with the edition's."""
    if "sphinx_design" in app.extensions:
        app.add_directive("dropdown", EditionDropdown, override=True)


def setup_directive_values(app: Sphinx) -> None:
    """Register the edition's ``hlist`` now and its ``dropdown`` once sphinx-design's is in."""
    app.add_directive("hlist", EditionHList, override=True)
    app.connect("config-inited", register_dropdown)
