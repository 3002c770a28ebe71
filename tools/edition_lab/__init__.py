"""The maintainers' lab: benchmark, audit, browser drivers and the output scan.

Not part of the installed package: the product never imports it. Run its modules with the
repository's ``tools/`` on ``sys.path`` (the Makefile and pytest do), e.g.
``python -m edition_lab.bench``.
"""
