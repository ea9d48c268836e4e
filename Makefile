# The two commands: `make book` builds the HTML book, `make test` runs every check.
# A virtual environment is made in .venv on first use and refreshed only when
# requirements.txt or pyproject.toml change.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
BUILD_FLAGS := -n -W --keep-going

.PHONY: book test lab serve bench clean

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $(STAMP)

book: $(STAMP)
	$(BIN)/jupyter-book build . $(BUILD_FLAGS)
	@echo "The book is in _build/html (open _build/html/index.html, or run: make serve)"

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/

serve:
	@test -f _build/html/index.html || { echo "Build the book first: make book"; exit 1; }
	@echo "Serving the book on http://127.0.0.1:8000 (Ctrl-C to stop)"
	$(BIN)/python -m http.server 8000 --bind 127.0.0.1 --directory _build/html

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_engine.py

clean:
	rm -rf _build .pytest_cache .ruff_cache .benchmarks

# The instructor edition: the whole book plus the instructor guide, the session plans, notes
# beside each chapter, solutions shown open, the handouts and the answer key (_toc_instructor.yml,
# _ext/editions.py). It starts from the reader edition's notebook results when there are any, so
# that the notebooks are not run twice.
.PHONY: instructor handouts
INSTRUCTOR_OUT := _build/instructor

instructor: $(STAMP)
	@if [ -d _build/.jupyter_cache ] && [ ! -d $(INSTRUCTOR_OUT)/_build/.jupyter_cache ]; then \
	  mkdir -p $(INSTRUCTOR_OUT)/_build && cp -R _build/.jupyter_cache $(INSTRUCTOR_OUT)/_build/; fi
	$(BIN)/jupyter-book build . --toc _toc_instructor.yml --path-output $(INSTRUCTOR_OUT) $(BUILD_FLAGS)
	@echo "The instructor edition is in $(INSTRUCTOR_OUT)/_build/html (open index.html there)"

# The handouts as PDF files, one A4 and one US Letter copy each, printed from the instructor
# edition by Debian's chromium (tools/handouts.py); it fails if a handout needs a second page.
handouts: instructor
	$(BIN)/python tools/handouts.py $(INSTRUCTOR_OUT)/_build/html --out _build/handouts
