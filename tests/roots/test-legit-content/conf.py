"""Test root: the edition's Sphinx extension on a one-page project."""

from tests.roots.common_conf import *  # noqa: F403
