"""Citable works (CSL-JSON, BibTeX, RIS, citeproc-py) and the sources register: below the
checker and the Sphinx extension, above text and model."""
