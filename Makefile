# The two commands: `make book` builds the HTML book, `make test` runs every check.
# A virtual environment is made in .venv on first use and refreshed only when
# requirements.txt or pyproject.toml change.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# The browser-side checkers (axe-core, vnu-jar, lighthouse), pinned in package-lock.json.
NODE_STAMP := node_modules/.installed
BUILD_FLAGS := -n -W --keep-going
# `jupyter-book`, less 1.5 s of every build: its _config.yml check imports jsonschema, which
# loads rfc3987-syntax (JupyterLab installs it) and compiles 38 grammars for a URI format check
# that Jupyter Book never asks for. benchmarks/bench_site.py times builds with the same command.
JUPYTER_BOOK := $(BIN)/python -c "import sys; sys.modules['rfc3987_syntax'] = None; from jupyter_book.cli.main import main; main()"

.PHONY: book test lab app serve bench clean

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $(STAMP)

# Both languages: the English reader edition into _build/html, then the Spanish one (built in
# _build/es from the same pages and locales/es, see tools/languages.py) into _build/html/es.
book: $(STAMP)
	$(JUPYTER_BOOK) build . $(BUILD_FLAGS)
	$(BIN)/python -m tools.languages build --html _build/html
	@echo "The book is in _build/html (open _build/html/index.html, or run: make serve); Spanish in _build/html/es"

# The Spanish edition alone (needs the English one in _build/html to sit beside).
.PHONY: book-es translations
book-es: $(STAMP)
	$(BIN)/python -m tools.languages build --html _build/html

# After an English edit: bring every translation catalog up to date (new messages empty,
# changed ones fuzzy, removed ones obsolete); `make test` then names what to translate.
translations: $(STAMP)
	$(BIN)/python -m tools.languages update
	$(BIN)/python _ext/diary_messages.py

$(NODE_STAMP): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $(NODE_STAMP)

test: $(STAMP) $(NODE_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	PAINBOOK_SAMPLES_ONLY=1 $(BIN)/python -m pytest

# JupyterLab on the whole book, opened at the workbook: the notebooks' links to the chapters
# (../book/...) resolve, and the chapters open beside them.
lab: $(STAMP)
	$(BIN)/jupyter lab --ServerApp.root_dir=. --LabApp.default_url=/lab/tree/notebooks

# The workbook as code-free pages (Voila): each notebook runs and shows its text, forms and
# results, no code; tools/voila_config.py turns the book's MyST markup into plain Markdown. Run as an extension of the Jupyter server, so the visit summary's "Open the
# page to print" link (the server's /files/ address) works as it does in JupyterLab.
app: $(STAMP)
	$(BIN)/jupyter server --config=tools/voila_config.py --ServerApp.root_dir=notebooks \
	  --ServerApp.default_url=/voila/tree --VoilaConfiguration.show_tracebacks=False

serve:
	@test -f _build/html/index.html || { echo "Build the book first: make book"; exit 1; }
	@echo "Serving the book on http://127.0.0.1:8000 (Ctrl-C to stop)"
	$(BIN)/python -m http.server 8000 --bind 127.0.0.1 --directory _build/html

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_engine.py

# The site against a stock `jupyter-book create` book: weight, requests, Lighthouse scores,
# and this book's clean, no-change and one-chapter rebuild times (see benchmarks/bench_site.py).
.PHONY: bench-site
bench-site: $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m benchmarks.bench_site

clean:
	rm -rf _build .pytest_cache .ruff_cache .benchmarks

# The instructor edition: the whole book plus the instructor guide, the session plans, notes
# beside each chapter, solutions shown open, the handouts and the answer key (_toc_instructor.yml,
# _ext/editions.py). It starts from the reader edition's notebook results when there are any, so
# that the notebooks are not run twice.
.PHONY: instructor handouts printables
INSTRUCTOR_OUT := _build/instructor

instructor: $(STAMP)
	@if [ -d _build/.jupyter_cache ] && [ ! -d $(INSTRUCTOR_OUT)/_build/.jupyter_cache ]; then \
	  mkdir -p $(INSTRUCTOR_OUT)/_build && cp -R _build/.jupyter_cache $(INSTRUCTOR_OUT)/_build/; fi
	$(BIN)/jupyter-book build . --toc _toc_instructor.yml --path-output $(INSTRUCTOR_OUT) $(BUILD_FLAGS)
	@echo "The instructor edition is in $(INSTRUCTOR_OUT)/_build/html (open index.html there)"

# The handouts as PDF files, one A4 and one US Letter copy each, printed from the instructor
# edition by Debian's chromium (tools/handouts.py); it fails if a handout needs a second page.
handouts: instructor
	$(BIN)/python -m tools.handouts $(INSTRUCTOR_OUT)/_build/html --out _build/handouts

# The reader edition's printable tools (book/printables/) as PDF files, A4 and Letter, in both
# languages (the Spanish ones into _build/printables/es).
printables: book
	$(BIN)/python -m tools.handouts _build/html --out _build/printables
	$(BIN)/python -m tools.handouts _build/html/es --out _build/printables/es

# Run every workbook notebook on a fresh kernel and save it as the tests expect (made-up samples
# only, form cells without stored output, no widget state): tools/refresh_notebooks.py. Then the
# Spanish edition's downloads, notebooks/es/*.ipynb: the English notebooks with their Markdown
# translated from locales/es/LC_MESSAGES/notebooks/*.po, run the same way in Spanish
# (tools/translate_notebooks.py).
.PHONY: notebooks
notebooks: $(STAMP)
	$(BIN)/python -m tools.refresh_notebooks $(wildcard notebooks/*.ipynb)
	$(BIN)/python -m tools.translate_notebooks
