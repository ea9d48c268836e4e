"""The workbook in JupyterLab itself, used as a caregiver uses it: Run All, type, click, save.

One JupyterLab server for the whole test session (tests/lab_browser.py), on a temporary copy
of the workbook notebooks (never a personal diary): ``workbook/`` as it ships, ``forms/`` where
the forms save, and ``with-diary/`` with a 20-day ``my-diary.csv`` beside the notebooks. Each
test opens a notebook on a fresh kernel in Debian's chromium (Playwright), runs it with Run >
Run All Cells, and checks what a person would see and what lands on disk. Screenshots at 1280 px and
390 px are kept in ``_build/jupyterlab/`` to look at.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pandas as pd
import pytest

from conftest import ROOT
from lab_browser import WORKBOOK, Notebook, copy_workbook, start_lab
from painbook import diary
from painbook.samples import diary_frame

SHOTS = ROOT / "_build" / "jupyterlab"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
#: Words of a traceback or of a widget that did not draw.
BROKEN = ("Traceback", "Error:", "Loading widget", "A form appears here when this cell runs")


@pytest.fixture(scope="session")
def lab(tmp_path_factory: pytest.TempPathFactory):
    from browser import chromium

    chromium()  # a missing browser fails (CI) or skips with the reason
    base = tmp_path_factory.mktemp("jupyterlab")
    root = base / "root"
    copy_workbook(root / "workbook")  # as it ships: nothing is saved here but the visit page
    copy_workbook(root / "forms")  # the forms save here (my-diary.csv would change workbook/)
    own = copy_workbook(root / "with-diary")
    rows = [
        {"date": f"2026-11-{d:02d}", "time": "20:00", "pain": 3 + d % 4, "sleep_hours": 7}
        for d in range(1, 21)
    ]
    diary.write_diary(diary_frame(rows), own / "my-diary.csv")
    server = start_lab(root, base / "state")
    yield server
    server.stop()
    assert server.process.poll() is not None


@pytest.fixture(scope="session")
def chrome(lab, browser):
    # The session's one Playwright and chromium (tests/conftest.py): Playwright's sync API
    # allows one running instance per thread, and the site checks may have started it first.
    return browser


@pytest.fixture
def page(chrome, lab):
    context = chrome.new_context(viewport=DESKTOP, accept_downloads=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.errors = errors  # type: ignore[attr-defined]
    yield page
    context.close()
    lab.shut_down_kernels()


def open_and_run(lab, page, path: str) -> tuple[Notebook, dict]:
    notebook = Notebook(lab, page, path).open()
    saved = notebook.run_all()
    return notebook, saved


def check_ran_clean(notebook: Notebook, saved: dict) -> None:
    """No error output in the saved notebook; every form drawn; no raw markup on screen."""
    for i, cell in enumerate(saved["cells"]):
        for output in cell.get("outputs", []):
            assert output["output_type"] != "error", f"{notebook.path} cell {i}: {output}"
            assert output.get("name") != "stderr", f"{notebook.path} cell {i}: {output}"
    forms = [c for c in saved["cells"] if "nbval-ignore-output" in c["metadata"].get("tags", [])]
    views = notebook.page.locator(".jp-OutputArea-output .jupyter-widgets.widget-container")
    drawn = notebook.page.locator(".jp-OutputArea-output > .jupyter-widgets")
    assert views.count() >= len(forms) or drawn.count() >= len(forms)
    text = notebook.text()
    for words in BROKEN:
        assert words not in text, f"{notebook.path}: {words!r} on the page"
    for raw in (":::{", "{term}`", "{cite}`", "```{"):
        assert raw not in text, f"{notebook.path}: raw MyST markup {raw!r} shows"
    assert "download button at the top of the page" not in text  # web page text stays there
    assert not notebook.page.errors, notebook.page.errors  # type: ignore[attr-defined]


def check_fits_a_phone(notebook: Notebook, name: str) -> None:
    """At 390 px every control is at least 44 px wide and none passes the right edge (of the
    screen, or of the notebook's output area, which would cut it off)."""
    page = notebook.page
    page.set_viewport_size(PHONE)
    if page.locator("#jp-left-stack:visible").count():
        page.keyboard.press("Control+b")  # JupyterLab's own: hide the file list on a phone
        page.locator("#jp-left-stack").wait_for(state="hidden")
    time.sleep(0.5)
    measured = notebook.measure_controls()
    assert measured["controls"], f"{name}: no controls found"
    bad = [
        c
        for c in measured["controls"]
        if c["width"] < 44
        or c["right"] > min(measured["width"], c["area"]) + 0.5
        or c["left"] < -0.5
    ]
    shoot(page, f"{name}-390")
    assert not bad, f"{name} at 390 px: {bad[:8]}"
    page.set_viewport_size(DESKTOP)


def shoot(page, name: str) -> None:
    """Screenshots of the window with each form (up to 3) scrolled to the top, to look at."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    forms = page.locator(".jp-OutputArea-output .painbook-form")
    for i in range(min(forms.count(), 3)):
        forms.nth(i).evaluate("el => el.scrollIntoView({block: 'start'})")
        time.sleep(0.2)
        page.screenshot(path=SHOTS / f"{name}-form{i + 1}.png")


# ------------------------------------------------------------------------ every notebook


@pytest.mark.parametrize("name", [n for n in WORKBOOK if n != "keep-a-diary"])
def test_run_all_on_a_fresh_kernel(lab, page, name: str) -> None:
    notebook, saved = open_and_run(lab, page, f"workbook/{name}.ipynb")
    check_ran_clean(notebook, saved)
    shoot(page, f"{name}-1280")
    check_fits_a_phone(notebook, name)


# ------------------------------------------------------------------------ the forms


def test_keep_a_diary_saves_one_full_entry_and_refuses_a_pain_of_11(lab, page) -> None:
    notebook, saved = open_and_run(lab, page, "forms/keep-a-diary.ipynb")
    check_ran_clean(notebook, saved)
    form = page.locator(".painbook-form").filter(has_text="Save this entry").first
    form.get_by_label("Date").fill("2026-04-14")
    values = {
        "Time (HH:MM)": "21:00",
        "Pain now (0-10)": "4",
        "Worst pain since your last entry (0-10)": "7",
        "Least pain since your last entry (0-10)": "3",
        "Pain got in the way of enjoying life (0-10)": "4",
        "Pain got in the way of daily activity (0-10)": "6",
        "Hours of sleep last night": "6.5",
        "Mood (0-10)": "5",
        "Where it hurts": "left knee\nlower back",
        "Other words": "pressing",
        "Medicines taken": "usual morning medicine at 8:15",
        "What helped": "heat pad\nshort walk",
        "What made it worse": "standing in line",
        "Notes": "Pain was 5 at 8:00.",
    }
    for label, value in values.items():
        form.get_by_label(label, exact=True).fill(value)
    form.get_by_label("aching", exact=True).check()
    form.get_by_role("button", name="Save this entry").click()
    message = form.get_by_role("status").filter(has_text="Saved.")
    message.wait_for()
    assert "Your diary now has 1 entry." in message.inner_text()
    table = form.locator(".painbook-scroll table").last  # "Your last entries"
    SHOTS.mkdir(parents=True, exist_ok=True)
    table.screenshot(path=SHOTS / "keep-a-diary-1280-last-entries.png")
    rows = table.locator("tbody tr").evaluate_all("rs => rs.map(r => r.offsetHeight)")
    assert rows and max(rows) < 80, f"table cells wrap word by word at 1280 px: {rows}"
    file = lab.root / "forms" / "my-diary.csv"
    rows = diary.read_diary(file)
    assert len(rows) == 1
    row = rows.iloc[0]
    assert row["date"] == pd.Timestamp("2026-04-14") and row["time"] == "21:00"
    numbers = {"pain": 4, "worst": 7, "least": 3, "enjoyment_interference": 4}
    numbers |= {"activity_interference": 6, "sleep_hours": 6.5, "mood": 5}
    for column, number in numbers.items():
        assert row[column] == number, column
    assert diary.split_list(row["locations"]) == ["left knee", "lower back"]
    assert diary.split_list(row["qualities"]) == ["aching", "pressing"]
    assert diary.split_list(row["helped"]) == ["heat pad", "short walk"]
    assert diary.split_list(row["medications"]) == ["usual morning medicine at 8:15"]
    assert diary.split_list(row["worsened"]) == ["standing in line"]
    assert row["notes"] == "Pain was 5 at 8:00."
    before = file.read_bytes()

    form.get_by_label("Pain now (0-10)", exact=True).fill("11")
    form.get_by_role("button", name="Save this entry").click()
    refused = form.get_by_role("alert").filter(has_text="Not saved.")
    refused.wait_for()
    assert "Pain now (0-10)" in refused.inner_text()
    assert file.read_bytes() == before
    shoot(page, "keep-a-diary-1280")
    check_fits_a_phone(notebook, "keep-a-diary")


def test_painad_form_saves_one_observation(lab, page) -> None:
    notebook = Notebook(lab, page, "forms/painad.ipynb").open()
    notebook.run_all()
    form = page.locator(".painbook-form").filter(has_text="Save this observation").first
    groups = form.locator(".widget-radio")
    assert groups.count() == 5
    for i in range(5):
        groups.nth(i).locator(".widget-radio-box label").nth(1).click()  # score 1 each
    form.get_by_label("What was happening", exact=True).select_option("bathing")
    form.get_by_label("Notes", exact=True).fill("Pulled away when I washed his right leg.")
    form.get_by_text("PAINAD total: 5 out of 10").wait_for()
    form.get_by_role("button", name="Save this observation").click()
    form.get_by_role("status").filter(has_text="Saved.").wait_for()
    log = diary.read_observations(lab.root / "forms" / "my-observations.csv")
    assert len(log) == 1
    assert log.iloc[0][["breathing", "vocalization", "face"]].tolist() == [1, 1, 1]
    assert log.iloc[0]["context"] == "bathing"


def test_action_plan_saves_one_row_to_my_action_plans(lab, page) -> None:
    notebook = Notebook(lab, page, "forms/action-plan.ipynb").open()
    notebook.run_all()
    form = page.locator(".painbook-form").filter(has_text="Save this week").first
    form.get_by_label("What will you do?").fill("Walk the dog")
    form.get_by_label("How much?").fill("5 minutes")
    form.get_by_label("When?").fill("After breakfast")
    form.get_by_label("How often? (days this week)").select_option(label="4 days")
    form.locator(".widget-radio-box label").filter(has_text=re.compile(r"^\s*8\s*$")).click()
    form.get_by_text("Your confidence is 8 out of 10").wait_for()
    form.get_by_role("button", name="Save this week").click()
    form.get_by_role("status").filter(has_text="Saved.").wait_for()
    plans = pd.read_csv(lab.root / "forms" / "my-action-plans.csv")
    assert len(plans) == 1
    assert plans.iloc[0]["what"] == "Walk the dog" and plans.iloc[0]["confidence"] == 8


def test_read_a_diary_pickers_redraw(lab, page) -> None:
    notebook = Notebook(lab, page, "workbook/read-a-diary.ipynb").open()
    notebook.run_all()
    form = page.locator(".painbook-form").filter(has_text="Measure").first
    chart = form.locator(".painbook-scroll img").first
    first = chart.get_attribute("alt")
    form.get_by_label("Measure").select_option(label="Hours of sleep")
    page.wait_for_function(
        "(old) => document.querySelector('.painbook-form .painbook-scroll img')?.alt !== old",
        arg=first,
        timeout=60_000,
    )
    assert "sleep" in chart.get_attribute("alt").lower()
    form.get_by_label("Period").select_option(label="Everything")
    page.wait_for_function(
        "() => /3 Mar|March/.test(document.querySelector('.painbook-form .painbook-scroll img')"
        "?.alt || '')",
        timeout=60_000,
    )


def test_visit_summary_is_saved_beside_the_notebook_and_opens_to_print(lab, page) -> None:
    notebook = Notebook(lab, page, "workbook/visit.ipynb").open()
    notebook.run_all()
    form = page.locator(".painbook-form").filter(has_text="Make the summary").first
    form.get_by_role("button", name="Make the summary").click()
    link = form.get_by_role("link", name="Open the page to print")
    link.wait_for()
    saved = lab.root / "workbook" / "visit-summary.html"
    assert saved.is_file()
    assert link.get_attribute("href") == "/files/workbook/visit-summary.html"
    with page.context.expect_page() as opened:
        link.click()
    tab = opened.value
    tab.wait_for_url("**/files/workbook/visit-summary.html", timeout=60_000)
    tab.wait_for_load_state()
    assert tab.url.endswith("/files/workbook/visit-summary.html")
    assert tab.title().startswith("Pain summary for Maria (made up)")
    assert "jp-LabShell" not in tab.content()  # the page itself, not a second JupyterLab


# ------------------------------------------------------------------------ a short own diary


@pytest.mark.parametrize("name", ["read-a-diary", "progress", "visit"])
def test_a_20_day_diary_beside_the_notebooks(lab, page, name: str) -> None:
    notebook, saved = open_and_run(lab, page, f"with-diary/{name}.ipynb")
    check_ran_clean(notebook, saved)
    text = notebook.text()
    assert "This reads your own diary, my-diary.csv" in text
    if name == "progress":
        assert "Your diary covers 20 days" in text and "come back in 8 days" in text
    if name == "visit":
        form = page.locator(".painbook-form").filter(has_text="Make the summary").first
        form.get_by_role("button", name="Make the summary").click()
        form.get_by_role("link", name="Open the page to print").wait_for()
        message = form.locator("p[role=status]").filter(has_text="Saved as").inner_text()
        assert "no comparison with a baseline yet" in message and "in 8 days" in message
        page_html = (lab.root / "with-diary" / "visit-summary.html").read_text(encoding="utf-8")
        assert "Progress since the baseline" not in page_html and "Choose" not in page_html


# ------------------------------------------------------------------------ make app (Voila)


def test_voila_shows_the_workbook_as_pages_without_code(chrome, tmp_path: Path) -> None:
    """``make app``: each notebook as a page with its text, forms and results and no code; the
    visit summary's link opens the page to print, as in JupyterLab."""
    root = copy_workbook(tmp_path / "notebooks")
    server = start_lab(root, tmp_path / "state", voila=True)
    context = chrome.new_context(viewport=PHONE)
    try:
        page = context.new_page()
        page.goto(f"{server.url}?token={server.token}")
        page.get_by_text("visit.ipynb").first.wait_for(timeout=60_000)  # the list of notebooks
        page.goto(f"{server.url}voila/render/visit.ipynb", timeout=240_000)
        form = page.locator(".painbook-form").filter(has_text="Make the summary").first
        form.wait_for(timeout=240_000)
        text = page.inner_text("body")
        assert "Prepare for the visit" in text and "from painbook" not in text
        assert "explore.VisitSummaryBuilder" not in text and "Traceback" not in text
        assert "{term}" not in text and "health data" in text  # MyST as plain words
        form.get_by_role("button", name="Make the summary").click()
        link = form.get_by_role("link", name="Open the page to print")
        link.wait_for(timeout=60_000)
        assert link.get_attribute("href") == "/files/visit-summary.html"
        assert (root / "visit-summary.html").is_file()
        page.screenshot(path=SHOTS / "voila-visit-390.png")
    finally:
        context.close()
        server.stop()
