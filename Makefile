# The annotated reading edition. `make edition` builds everything; `make test` runs the suite.
# Both set up what they need first: a .venv from requirements.txt (pinned) and, for the PDF and
# the tests, Debian packages (installed when run as root, otherwise a one-line message).

PYTHON      ?= python3
VENV        ?= .venv
BIN         := $(VENV)/bin
SPHINXOPTS  ?= -W --keep-going -n -q
SPHINXBUILD := $(BIN)/sphinx-build
SOURCEDIR   := docs
BUILDDIR    := _build
JOBS        ?= auto
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 1795046400)

.PHONY: help edition html latexpdf pdf epub linkcheck check test lint serve clean venv \
        system-deps-pdf system-deps-test bench audit node-deps scan fonts mutants print-report

help:
	@echo "make edition   set up and build HTML, PDF and EPUB into $(BUILDDIR)/"
	@echo "make test      set up and run the whole test suite (lint included)"
	@echo "make html | pdf (latexpdf) | epub | linkcheck   one output"
	@echo "make check     validate annotations, sources and the reading text, without a build"
	@echo "make lint      ruff, mypy and the layers' import contracts (import-linter)"
	@echo "make serve     live preview with sphinx-autobuild"
	@echo "make bench     benchmark builds at scale (writes $(BUILDDIR)/bench/)"
	@echo "make bench-convert  score the converter on the corpus (text and HTML, each half)"
	@echo "make scan      scan the built HTML for script, handlers and remote resources"
	@echo "make mutants   hand-written mutants of checker, anchoring, incremental: the kill rate"
	@echo "make audit     Lighthouse and axe-core on the built site"
	@echo "make print-report  figures of the built PDFs: pages, fonts, under/overfull, index"
	@echo "make fonts     remake the theme's web fonts from Charis SIL (maintainers)"
	@echo "make clean     remove $(BUILDDIR)/"

# The pinned environment, then this project installed into it (editable), so that `edition`
# and `import reading_edition` work from .venv and conf.py loads the extension by name.
venv: $(VENV)/.installed
$(VENV)/.installed: requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "Python 3.11 or newer is needed; set PYTHON=python3.x"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -r requirements.txt
	$(BIN)/pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $@

# Lighthouse and axe-core for `make audit` and the browser tests, Ace by DAISY for the EPUB's
# accessibility check (pinned in package-lock.json). Node 20 or newer. --ignore-scripts: the
# packages' install scripts would download browsers; the tests use Debian's chromium instead
# (PUPPETEER_EXECUTABLE_PATH=/usr/bin/chromium).
node-deps: node_modules/.package-lock.json
node_modules/.package-lock.json: package.json package-lock.json
	@command -v node >/dev/null && node -e 'process.exit(Number(process.versions.node.split(".")[0]) < 20 ? 1 : 0)' || \
	  { echo "Node.js 20 or newer is needed for the tests (Ace by DAISY, Lighthouse): found $$(node --version 2>/dev/null || echo none). Install a newer nodejs (e.g. Debian's nodejs from a newer release, or NodeSource's) and run make again."; exit 1; }
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

system-deps-pdf:
	@tools/system_deps.sh pdf
system-deps-test:
	@tools/system_deps.sh test

# The PDF's paper: a5 (the book, $(BUILDDIR)/latex/edition.pdf), a4 or letter (for printing at
# home: $(BUILDDIR)/latex-a4/edition-a4.pdf, …), e.g. `make pdf PAPER=a4`.
PAPER       ?= a5
PAPERS      := a5 a4 letter
LATEXDIR     = $(BUILDDIR)/latex$(if $(filter a5,$(PAPER)),,-$(PAPER))

edition: venv system-deps-pdf
	$(MAKE) latexpdf PAPER=a5
	$(MAKE) latexpdf PAPER=a4
	$(MAKE) latexpdf PAPER=letter
	$(MAKE) epub
	$(MAKE) html
	@echo "Built: $(BUILDDIR)/html/index.html, $(BUILDDIR)/latex*/edition*.pdf, $(BUILDDIR)/epub/"

html epub linkcheck: venv
	$(SPHINXBUILD) -M $@ $(SOURCEDIR) $(BUILDDIR) -c . -j $(JOBS) $(SPHINXOPTS)

latexpdf: venv system-deps-pdf
	@case " $(PAPERS) " in *" $(PAPER) "*) ;; *) echo "PAPER=$(PAPER): use one of $(PAPERS)"; exit 1;; esac
	$(SPHINXBUILD) -b latex $(SOURCEDIR) $(LATEXDIR) -d $(BUILDDIR)/doctrees -c . \
	  -D edition_paper=$(PAPER) $(SPHINXOPTS)
	$(MAKE) -C $(LATEXDIR) all-pdf
	@echo "PDF: $$(ls $(LATEXDIR)/*.pdf)"
pdf: latexpdf

check: venv
	$(BIN)/edition check

lint: venv
	$(BIN)/ruff check tools tests conf.py
	$(BIN)/ruff format --check tools tests conf.py
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

test: venv system-deps-test node-deps lint check
	$(BIN)/python -m pytest -q --durations=20

serve: venv
	$(BIN)/sphinx-autobuild $(SOURCEDIR) $(BUILDDIR)/html -c . -n --watch annotations --watch tools/reading_edition

# The published files checked for foreign script, handlers, other schemes and remote resources.
scan: venv
	PYTHONPATH=tools $(BIN)/python -m edition_lab.output_scan $(BUILDDIR)/html

bench: venv
	$(BIN)/python -m edition_lab.bench

# Each mutant edits one line of the package in place, runs the fast tests that guard it and
# puts the line back (tools/edition_lab/mutants.py); do not edit the package meanwhile.
mutants: venv
	PYTHONPATH=tools $(BIN)/python -m edition_lab.mutants

# The converter on the corpus of real captures (../shared/corpus beside the clone, or
# CORPUS=dir): precision, recall and F1 for text and HTML, each half and all, the worst pages.
CORPUS ?= ../shared/corpus
bench-convert: venv
	PYTHONPATH=tools $(BIN)/python -m edition_lab.bench_convert --corpus $(CORPUS)

# The theme's web fonts from Charis SIL (Debian's fonts-sil-charis, or FONTS=folder of its TTFs);
# prints the @font-face rules to paste into edition.css. The files are committed: only for a new
# Charis SIL release or another subset.
FONTS ?= /usr/share/fonts/truetype/charis
fonts: venv
	PYTHONPATH=tools $(BIN)/python -m edition_lab.fonts --source $(FONTS)

# The printed edition's figures (pages, fonts, overfull/underfull lines, URL lines, measure,
# index size) from the PDFs already built (`make pdf` or `make edition` first).
print-report: venv
	PYTHONPATH=tools $(BIN)/python -m edition_lab.print_report --build $(BUILDDIR)

audit: venv system-deps-test node-deps
	$(BIN)/python -m edition_lab.audit

clean:
	rm -rf $(BUILDDIR)
