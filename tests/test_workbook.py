"""Which diary a notebook opens, the book build's samples-only rule, and the file address."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

from conftest import ROOT
from painbook import diary, samples, workbook
from painbook.samples import diary_frame
from painbook.widgets import explore

NOT_SET: dict[str, str] = {}


@pytest.fixture(autouse=True)
def fresh_kernel(monkeypatch):
    """A kernel started by JupyterLab: not a book build, no earlier choice of diary."""
    monkeypatch.delenv(workbook.BOOK_BUILD_ENV, raising=False)
    monkeypatch.delenv(workbook.SAMPLES_ONLY_ENV, raising=False)
    explore._CHOSEN.clear()
    yield
    explore._CHOSEN.clear()


def own_diary(folder: Path, name: str = "my-diary.csv", days: int = 20) -> Path:
    rows = [{"date": f"2026-11-{d:02d}", "pain": 3 + d % 4} for d in range(1, days + 1)]
    return diary.write_diary(diary_frame(rows), folder / name)


def test_without_my_diary_the_sample_and_a_sentence_saying_so(tmp_path: Path) -> None:
    choice = workbook.choose_diary("back_pain_diary", tmp_path, environ=NOT_SET)
    assert choice.sample and choice.path == samples.path("back_pain_diary")
    assert choice.person == "Maria" and choice.who == "Maria (made up)"
    assert "no file called my-diary.csv beside this notebook" in choice.message
    assert "Maria, a made-up person" in choice.message


def test_my_diary_beside_the_notebook_is_used_and_said(tmp_path: Path) -> None:
    own_diary(tmp_path)
    choice = workbook.choose_diary("back_pain_diary", tmp_path, environ=NOT_SET)
    assert not choice.sample and choice.path == tmp_path / "my-diary.csv"
    assert choice.who == ""
    assert "your own diary, my-diary.csv" in choice.message


def test_a_typed_name_that_is_not_there_says_so(tmp_path: Path) -> None:
    choice = workbook.choose_diary("migraine_diary", tmp_path, "my-diary-dad.csv", environ=NOT_SET)
    assert choice.sample and choice.person == "Jordan"
    assert "no file called my-diary-dad.csv" in choice.message


@pytest.mark.parametrize("variable", [workbook.BOOK_BUILD_ENV, workbook.SAMPLES_ONLY_ENV])
def test_a_book_build_never_shows_a_personal_diary(tmp_path: Path, variable: str) -> None:
    own_diary(tmp_path)
    choice = workbook.choose_diary("back_pain_diary", tmp_path, environ={variable: "1"})
    assert choice.sample and choice.path == samples.path("back_pain_diary")
    assert choice.message == "This shows the diary of Maria, a made-up person."
    typed = workbook.choose_diary(
        "back_pain_diary", tmp_path, "my-diary.csv", environ={variable: "1"}
    )
    assert typed.sample


def test_the_book_build_extension_sets_the_variable(monkeypatch) -> None:
    spec = importlib.util.spec_from_file_location(
        "workbook_build", ROOT / "_ext" / "workbook_build.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setenv(workbook.BOOK_BUILD_ENV, "0")  # restored after the test
    assert not workbook.in_book_build()
    module.setup(object())
    assert os.environ[workbook.BOOK_BUILD_ENV] == "1"
    assert workbook.in_book_build() and workbook.samples_only()
    assert "workbook_build: _ext" in (ROOT / "_config.yml").read_text(encoding="utf-8")


def test_web_only_text_shows_only_in_a_book_build(monkeypatch) -> None:
    monkeypatch.delenv(workbook.BOOK_BUILD_ENV, raising=False)
    assert workbook.web_only("Download it with the button.") is None
    monkeypatch.setenv(workbook.BOOK_BUILD_ENV, "1")
    shown = workbook.web_only("Download it with the button.")
    assert shown.data == "Download it with the button."


def test_or_message_gives_words_not_a_traceback(capsys) -> None:
    def refuse() -> None:
        raise ValueError("Your diary covers 20 days.")

    assert workbook.or_message(refuse) is None
    assert "No result here yet. Your diary covers 20 days." in capsys.readouterr().out
    assert workbook.or_message(lambda x: x + 1, 1) == 2


def test_file_url_of_the_server_that_started_the_kernel(tmp_path: Path) -> None:
    page = tmp_path / "notebooks" / "visit summary.html"
    servers = [
        {"pid": 7, "root_dir": str(tmp_path / "elsewhere"), "base_url": "/"},
        {"pid": 8, "root_dir": str(tmp_path), "base_url": "/user/ann/"},
        {"pid": 9, "root_dir": str(tmp_path), "base_url": "/"},
    ]
    assert workbook.file_url(page, servers, server_pid=9) == "/files/notebooks/visit%20summary.html"
    assert workbook.file_url(page, servers, server_pid=8) == (
        "/user/ann/files/notebooks/visit%20summary.html"
    )
    assert workbook.file_url(page, servers[:1], server_pid=7) is None
    assert workbook.file_url(page, [], server_pid=1) is None


def test_picker_opens_my_diary_and_another_file(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv(workbook.SAMPLES_ONLY_ENV, raising=False)
    picker = explore.DiaryPicker("back_pain_diary", tmp_path)
    assert picker.choice.sample and len(picker.df) == len(
        diary.read_diary(samples.path("back_pain_diary"))
    )
    own_diary(tmp_path, "my-diary-dad.csv", days=20)
    seen = []
    picker.on_change(seen.append)
    explorer = explore.DiaryExplorer(picker)
    assert picker.open_file("my-diary-dad.csv")
    assert len(picker.df) == 20 and len(seen[0]) == 20
    assert "your own diary, my-diary-dad.csv" in picker.message.value
    assert "run the notebook again" in picker.message.value
    assert explorer._df is picker.df
    # running the notebook again in the same kernel keeps the choice
    again = explore.DiaryPicker("back_pain_diary", tmp_path)
    assert not again.choice.sample and len(again.df) == 20


def test_picker_explains_a_diary_it_cannot_read(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv(workbook.SAMPLES_ONLY_ENV, raising=False)
    (tmp_path / "my-diary.csv").write_text("date,pain\n2026-11-01,11\n", encoding="utf-8")
    picker = explore.DiaryPicker("back_pain_diary", tmp_path)
    assert picker.choice.sample  # the notebook still runs, on the sample
    assert picker.text.startswith("Your diary my-diary.csv cannot be read yet.")
    assert "Maria, a made-up person" in picker.text
    assert not picker.open_file("")
    assert "Type the name of a diary file" in picker.message.value


WORKBOOK = ("keep-a-diary", "read-a-diary", "progress", "visit", "painad", "action-plan")
WORKBOOK += ("headache-diary",)


# The Spanish edition's downloads (notebooks/es, tools/translate_notebooks.py) keep the same rules.
@pytest.mark.parametrize("folder", ["", "es"])
@pytest.mark.parametrize("name", WORKBOOK)
def test_notebooks_need_no_code_edited_and_hide_what_a_caregiver_does_not_need(
    name, folder
) -> None:
    import json

    path = ROOT / "notebooks" / folder / f"{name}.ipynb"
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    code = [c for c in cells if c["cell_type"] == "code"]
    for cell in code:
        source = "".join(cell["source"])
        tags = cell["metadata"].get("tags", [])
        for setting in ("MY_DIARY =", "PLAN_FILE =", "MY_LOG =", "MY_QUESTIONS =", "SAVE_IN"):
            assert setting not in source, f"{name}: {setting!r} is code a person must edit"
        if name == "visit":  # the summary is saved beside the notebook, never in a temp folder
            assert "tempfile" not in source and "mkdtemp" not in source
        assert "nbval" not in source.lower(), f"{name}: the tests' reasons show in the code"
        if "nbval-ignore-output" in tags:  # a form: nothing stored that shows before it runs
            assert cell["outputs"] == [], f"{name}: a form cell keeps a stored output"
            assert cell["metadata"]["nbval"]["why"]
        if {"hide-input", "remove-input", "remove-cell"} & set(tags):
            assert cell["metadata"]["jupyter"]["source_hidden"] is True
    prose = "".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    assert "download button at the top of the page" not in prose  # web page text: web_only
    assert "run the cells again" not in prose
    # JupyterLab's MyST renderer cannot resolve a {cite} role (it shows the bare key):
    # notebooks name their sources in words, "(Krebs and others, 2009)".
    assert "{cite}" not in prose, f"{name}: a {{cite}} role shows as a bare key in JupyterLab"
