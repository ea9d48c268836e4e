"""The book's own diary page (diary/index.html), used as a person would, in a real browser.

The book built by the session's `book` fixture is served on 127.0.0.1 (tests/site_browser.py)
and opened in Debian's chromium, driven by Playwright, at a phone's size (390 x 844) and a
desktop's (1280 x 900); each test starts from an empty browser profile (a new context), so
nothing is left from another test. The page's checks that every page gets (axe, keyboard,
320 px, console, privacy, HTML validity) are in tests/test_site.py; here is what the diary
itself must do: save, refuse, keep, download, open, lock, delete, work offline and print.
What the page must say is computed here from painbook (its messages, read_diary), not copied.
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pandas as pd
import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from browser import page_count
from conftest import ROOT, BuiltBook
from painbook import diary
from painbook.widgets import forms
from site_browser import HOST, node_tool, serve

pytestmark = pytest.mark.book

SIZES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
PAGE = "diary/index.html"
HOSTILE = "<img src=x onerror=alert(1)>"
DATA = ROOT / "painbook" / "data"


@pytest.fixture(scope="session")
def diary_site(book: BuiltBook):
    assert book.returncode == 0, "the book did not build: see test_build.py"
    with serve(book.html) as base:
        yield base


@pytest.fixture(params=list(SIZES))
def context(request, browser, diary_site):
    ctx = browser.new_context(viewport=SIZES[request.param], accept_downloads=True)
    ctx.problems = []  # type: ignore[attr-defined]
    yield ctx
    ctx.close()


def open_page(context, base: str, page: str = PAGE):
    tab = context.new_page()
    tab.on("pageerror", lambda e: context.problems.append(f"script error: {e}"))
    tab.on("console", lambda m: m.type == "error" and context.problems.append(m.text))
    tab.on("dialog", lambda d: context.problems.append(f"dialog: {d.message}") or d.dismiss())
    tab.goto(base + page, wait_until="load")
    tab.wait_for_selector("#diary-app[data-state=ready]")
    return tab


@pytest.fixture
def tab(context, diary_site):
    page = open_page(context, diary_site)
    yield page
    assert context.problems == []


def rules(book: BuiltBook) -> dict:
    return json.loads((book.html / "diary" / "rules.json").read_text(encoding="utf-8"))


def label(name: str) -> str:
    return forms.DIARY_FIELDS[name].label


def pain_box(tab):
    # A field whose label starts with "Pain now", as the workbook's own label does.
    assert label("pain").startswith("Pain now")
    return tab.get_by_label(re.compile(r"^Pain now"))


def save(tab, **fields: str) -> str:
    for name, value in fields.items():
        tab.get_by_label(label(name), exact=True).fill(value)
    message = tab.locator("#entry-message")
    before = int(message.get_attribute("data-answers") or 0)
    tab.get_by_role("button", name="Save entry").click()
    # Every press gets an answer (data-answers counts them), even the same refusal twice.
    tab.wait_for_function(
        "n => Number(document.querySelector('#entry-message').dataset.answers || 0) > n",
        arg=before,
    )
    return message.inner_text()


def stored_rows(tab) -> int:
    return tab.evaluate(
        """() => new Promise((resolve, reject) => {
          const open = indexedDB.open('painbook-diary');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            if (!db.objectStoreNames.contains('docs')) { db.close(); return resolve(0); }
            const get = db.transaction('docs').objectStore('docs').get('diary');
            get.onsuccess = () => {
              db.close();
              resolve(get.result ? get.result.plain.diary.rows.length : 0);
            };
          };
        })"""
    )


# --------------------------------------------------------------------------- the form


def test_the_form_has_the_named_fields(tab) -> None:
    assert tab.get_by_label("Date", exact=True).input_value() == tab.evaluate(
        "(() => { const d = new Date(), pad = n => String(n).padStart(2, '0');"
        " return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()); })()"
    ), "the date starts at today"
    assert pain_box(tab).is_visible()
    assert tab.get_by_role("button", name="Download diary (CSV)").is_visible()
    assert tab.get_by_label("Open a diary file").get_attribute("type") == "file"
    for name, field in forms.DIARY_FIELDS.items():
        if name != "qualities":
            assert tab.get_by_label(field.label, exact=True).count() == 1, field.label


def test_an_entry_is_saved_and_kept_after_a_reload(tab, diary_site: str) -> None:
    assert save(tab, pain="6", notes="a short walk") == "Saved. Your diary now has 1 entry."
    tab.reload(wait_until="load")
    tab.wait_for_selector("#diary-app[data-state=ready]")
    assert "a short walk" in tab.locator("#diary-views .diary-entry").first.inner_text()
    assert stored_rows(tab) == 1


def test_a_pain_of_11_is_refused_with_the_workbooks_words(tab, tmp_path: Path) -> None:
    with pytest.raises(diary.DiaryError) as refused:
        diary.append_entry(tmp_path / "d.csv", {"date": "2026-05-01", "pain": 11})
    labels = {name: f.label for name, f in forms.DIARY_FIELDS.items()}
    expected = forms.not_saved_message(refused.value, labels)
    assert save(tab, pain="11") == expected
    assert tab.locator("#entry-message").get_attribute("role") == "status"
    assert pain_box(tab).get_attribute("aria-invalid") == "true"
    assert stored_rows(tab) == 0
    assert "no entries yet" in tab.locator("#diary-views").inner_text()


def test_text_is_shown_as_text(tab) -> None:
    save(tab, pain="4", notes=HOSTILE, helped="=1+1")
    views = tab.locator("#diary-views")
    assert HOSTILE in views.inner_text()
    assert tab.locator("#diary-app img").count() == 0


def test_edit_and_delete_with_undo(tab) -> None:
    save(tab, pain="3")
    save(tab, pain="5", notes="second")
    tab.get_by_role("button", name=re.compile(r"^Edit the entry")).first.click()
    assert pain_box(tab).input_value() == "5"
    pain_box(tab).fill("7")
    tab.get_by_role("button", name="Save entry").click()
    expect(tab.locator("#entry-message")).to_contain_text("changed")
    newest_pain = tab.locator("#diary-views .diary-entry dd").first
    expect(newest_pain).to_have_text("7")
    tab.locator("#view-message").get_by_role("button", name="Undo").click()
    expect(tab.locator("#view-message")).to_contain_text("was undone")
    expect(newest_pain).to_have_text("5")
    assert stored_rows(tab) == 2
    tab.get_by_role("button", name=re.compile(r"^Delete the entry")).first.click()
    expect(tab.locator("#view-message")).to_contain_text("was deleted")
    assert stored_rows(tab) == 1
    tab.locator("#view-message").get_by_role("button", name="Undo").click()
    expect(tab.locator("#view-message")).to_contain_text("is back")
    assert stored_rows(tab) == 2
    assert "second" in tab.locator("#diary-views").inner_text()


def test_a_reminder_to_download_after_a_few_entries(tab) -> None:
    for pain in range(5):
        save(tab, pain=str(pain))
    reminder = tab.locator("#diary-reminder")
    assert reminder.is_visible() and "5 entries" in reminder.inner_text()


def test_the_page_says_where_the_diary_is_kept(tab) -> None:
    text = tab.locator("#diary-where").inner_text()
    assert "this device" in text and "clear" in text and "Download a copy" in text
    # Functions, not expressions: the page's policy forbids evaluating strings.
    tab.wait_for_function("() => document.querySelector('#diary-persist').innerText.length > 0")


# --------------------------------------------------------------------------- storage


def test_a_diary_stored_by_the_first_layout_is_kept(tab) -> None:
    """A record in format 1 (the first layout) is read, shown and rewritten in format 2."""
    tab.evaluate(
        """() => new Promise((resolve, reject) => {
          const open = indexedDB.open('painbook-diary');
          open.onsuccess = () => {
            const db = open.result;
            const tx = db.transaction('docs', 'readwrite');
            tx.objectStore('docs').put({format: 1, entries: [
              {date: '2026-05-01', time: '08:00', pain: 4, notes: 'kept from format 1',
               weather: 'rain'},
            ]}, 'diary');
            tx.oncomplete = () => { db.close(); resolve(); };
            tx.onerror = () => reject(tx.error);
          };
        })"""
    )
    tab.reload(wait_until="load")
    tab.wait_for_selector("#diary-app[data-state=ready]")
    assert "kept from format 1" in tab.locator("#diary-views").inner_text()
    assert tab.evaluate(
        """() => new Promise(resolve => {
          const open = indexedDB.open('painbook-diary');
          open.onsuccess = () => {
            const get = open.result.transaction('docs').objectStore('docs').get('diary');
            get.onsuccess = () => resolve(
              [get.result.format, get.result.plain.diary.columns.at(-1)]);
          };
        })"""
    ) == [2, "weather"]


def test_delete_everything_asks_first(tab) -> None:
    save(tab, pain="5")
    tab.get_by_role("button", name="Delete everything on this device").click()
    tab.get_by_role("button", name="No, keep my diary").click()
    assert stored_rows(tab) == 1
    tab.get_by_role("button", name="Delete everything on this device").click()
    tab.get_by_role("button", name="Yes, delete everything").click()
    # The whole sentence: "Nothing was deleted." (the answer to "No") also holds "was deleted",
    # and matching it would let the test read the database while the page is still deleting it.
    expect(tab.locator("#settings-message")).to_contain_text(
        "Everything this page kept on this device was deleted"
    )
    assert stored_rows(tab) == 0
    tab.reload(wait_until="load")
    tab.wait_for_selector("#diary-app[data-state=ready]")
    assert "no entries yet" in tab.locator("#diary-views").inner_text()


def test_lock_and_unlock(tab) -> None:
    save(tab, pain="5", notes="private words")
    tab.get_by_label("New passphrase").fill("blue kettle song")
    tab.get_by_label("The same passphrase again").fill("blue kettle song")
    tab.get_by_role("button", name="Lock my diary").click()
    expect(tab.locator("#settings-message")).to_contain_text("Locked.")
    stored = tab.evaluate(
        """() => new Promise(resolve => {
          const open = indexedDB.open('painbook-diary');
          open.onsuccess = () => {
            const get = open.result.transaction('docs').objectStore('docs').get('diary');
            get.onsuccess = () => resolve(JSON.stringify(get.result, (k, v) =>
              v instanceof Uint8Array ? Array.from(v) : v));
          };
        })"""
    )
    assert "private words" not in stored and '"plain"' not in stored and '"sealed"' in stored
    tab.reload(wait_until="load")
    tab.wait_for_selector("#diary-app[data-state=ready]")
    assert tab.locator("#diary-main").is_hidden()
    tab.get_by_label("Passphrase", exact=True).fill("wrong words")
    tab.get_by_role("button", name="Unlock").click()
    expect(tab.locator("#unlock-alert")).to_contain_text("cannot be recovered")
    tab.get_by_label("Passphrase", exact=True).fill("blue kettle song")
    tab.get_by_role("button", name="Unlock").click()
    tab.wait_for_selector("#diary-main:not([hidden])")
    assert "private words" in tab.locator("#diary-views").inner_text()


# --------------------------------------------------------------------------- files


def test_the_vendored_idb_is_the_locked_npm_package() -> None:
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    assert lock["packages"]["node_modules/idb"]["version"] == "8.0.4"
    vendored = (ROOT / "diary" / "vendor" / "idb.js").read_bytes()
    installed = ROOT / "node_modules" / "idb" / "build" / "index.js"
    if installed.is_file():
        assert vendored == installed.read_bytes()


def test_the_page_has_a_policy_a_manifest_and_its_own_files(book: BuiltBook) -> None:
    html = (book.html / "diary" / "index.html").read_text(encoding="utf-8")
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert policy, "no Content Security Policy on the diary page"
    directives = dict(d.strip().split(" ", 1) for d in policy.group(1).split(";"))
    assert directives["connect-src"] == "'self'" and directives["default-src"] == "'self'"
    assert "unsafe-inline" not in directives["script-src"]
    assert 'rel="manifest"' in html
    manifest = json.loads((book.html / "diary" / "manifest.webmanifest").read_text("utf-8"))
    assert manifest["name"] == "My pain diary"
    assert (book.html / "diary" / "rules.json").is_file()
    worker = (book.html / "diary" / "sw.js").read_text(encoding="utf-8")
    assert "/* PRECACHE */" not in worker and '"js/app.js"' in worker
    # Only the diary page loads the diary's scripts and styles.
    for other in ["book/08-pain-diary.html", "book/index.html"]:
        text = (book.html / other).read_text(encoding="utf-8")
        assert "js/app.js" not in text and "diary-form" not in text


def test_the_diarys_own_code_is_small(book: BuiltBook) -> None:
    """The diary's own JavaScript and CSS: at most 60 KB compressed (gzip -9)."""
    folder = book.html / "diary"
    files = [*sorted((folder / "js").glob("*.js")), *sorted((folder / "vendor").glob("*.js"))]
    css = (ROOT / "diary" / "diary.css").read_bytes()
    size = sum(len(gzip.compress(f.read_bytes(), 9)) for f in files) + len(gzip.compress(css, 9))
    assert size <= 60 * 1024, f"{size / 1024:.1f} KB compressed"


def test_nothing_is_asked_of_another_host(context, diary_site: str) -> None:
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    tab = open_page(context, diary_site)
    save(tab, pain="2")
    tab.wait_for_load_state("networkidle")
    assert requests and [u for u in requests if f"//{HOST}:" not in u] == []
    assert context.problems == []


def test_download_is_the_canonical_diary(tab, tmp_path: Path) -> None:
    save(tab, pain="6", time="08:30", notes=HOSTILE, helped="=1+1\nheat pad")
    save(tab, pain="3.5", worst="7")
    with tab.expect_download() as caught:
        tab.get_by_role("button", name="Download diary (CSV)").click()
    path = tmp_path / "downloaded.csv"
    caught.value.save_as(path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    assert b"'=1+1" in raw, "the formula guard"
    df = diary.read_diary(path)
    assert list(df["pain"]) == [6, 3.5] and df["worst"].iloc[1] == 7
    assert df["notes"].iloc[0] == HOSTILE and df["helped"].iloc[0] == "=1+1; heat pad"
    # Written again by painbook, it is the same file, byte for byte.
    diary.write_diary(df, tmp_path / "again.csv")
    assert (tmp_path / "again.csv").read_bytes() == raw
    expect(tab.locator("#copy-message")).to_contain_text("Downloaded")


@pytest.mark.parametrize("persona", ["back_pain_diary.csv", "migraine_diary.csv"])
def test_open_a_sample_diary(tab, persona: str) -> None:
    expected = diary.read_diary(DATA / persona)
    tab.get_by_label("Open a diary file").set_input_files(str(DATA / persona))
    tab.get_by_role("button", name="Replace my diary with this file").click()
    expect(tab.locator("#copy-message")).to_contain_text(f"the {len(expected)} entries")
    assert stored_rows(tab) == len(expected)
    assert f"has {len(expected)} entries" in tab.locator("#diary-views").inner_text()


def test_a_bad_file_is_refused_with_its_line(tab, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("date,pain\n2026-05-01,4\n2026-05-02,11\n", encoding="utf-8")
    with pytest.raises(diary.DiaryError) as refused:
        diary.read_diary(bad)
    tab.get_by_label("Open a diary file").set_input_files(str(bad))
    expect(tab.locator("#copy-alert")).to_contain_text(refused.value.message)
    assert "Line 3" in tab.locator("#copy-alert").inner_text()
    assert stored_rows(tab) == 0


def test_after_one_visit_it_works_offline(context, diary_site: str, tmp_path: Path) -> None:
    tab = open_page(context, diary_site)
    save(tab, pain="4", notes="before going offline")
    tab.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=20000)
    tab.evaluate("() => navigator.serviceWorker.ready.then(() => true)")
    context.set_offline(True)
    try:
        tab.reload(wait_until="load")
        tab.wait_for_selector("#diary-app[data-state=ready]")
        assert "before going offline" in tab.locator("#diary-views").inner_text()
        assert save(tab, pain="5", notes="saved offline") == "Saved. Your diary now has 2 entries."
        tab.pdf(path=str(tmp_path / "offline.pdf"), format="A4")
        assert (tmp_path / "offline.pdf").stat().st_size > 1000
    finally:
        context.set_offline(False)
    tab.reload(wait_until="load")
    tab.wait_for_selector("#diary-app[data-state=ready]")
    assert "saved offline" in tab.locator("#diary-views").inner_text()
    context.problems.clear()  # the offline reload's failed network attempts are expected


def test_a_caregiver_keeps_a_painad_log(tab, tmp_path: Path) -> None:
    from painbook import scales

    scores = {"breathing": 1, "vocalization": 2, "face": 1, "body_language": 0, "consolability": 1}
    for item, level in scores.items():
        tab.get_by_role("group", name=scales.PAINAD_LABELS[item]).get_by_label(
            re.compile(f"^{level}: ")
        ).check()
    expect(tab.locator("#painad-total")).to_contain_text(
        f"PAINAD total: {scales.painad(*scores.values())} out of 10"
    )
    tab.locator("#painad-context").select_option("bathing")
    tab.locator("#painad-notes").fill(HOSTILE)
    tab.get_by_role("button", name="Save observation").click()
    expect(tab.locator("#painad-message")).to_have_text(
        "Saved. Your observation log now has 1 observation."
    )
    assert HOSTILE in tab.locator("#painad-log").inner_text()
    with tab.expect_download() as caught:
        tab.get_by_role("button", name="Download observation log (CSV)").click()
    path = tmp_path / "log.csv"
    caught.value.save_as(path)
    log = diary.read_observations(path)
    assert log.loc[0, list(scores)].tolist() == list(scores.values())
    assert log.loc[0, "context"] == "bathing" and log.loc[0, "notes"] == HOSTILE
    sample = DATA / "dementia_observations.csv"
    tab.get_by_label("Open an observation log file").set_input_files(str(sample))
    observations = diary.read_observations(sample)
    expect(tab.locator("#painadlog-message")).to_contain_text(
        f"the {len(observations)} observations"
    )
    assert tab.locator("#painad-summary").inner_text() == forms.observation_summary(observations)


# --------------------------------------------------------------------------- what it shows


def open_persona(tab, persona: str = "back_pain_diary.csv") -> None:
    tab.get_by_label("Open a diary file").set_input_files(str(DATA / persona))
    tab.get_by_role("button", name="Replace my diary with this file").click()
    tab.wait_for_selector("#trend-title")


def _cells(tab, caption: str) -> list[list[str]]:
    return tab.evaluate(
        """caption => {
          const t = [...document.querySelectorAll('#diary-views table')]
            .find(t => t.caption && t.caption.innerText.trim() === caption);
          return t ? [...t.tBodies[0].rows].map(r => [...r.cells].map(c => c.innerText.trim()))
                   : null;
        }""",
        caption,
    )


def test_the_numbers_are_painbooks(tab) -> None:
    """For one persona, what the page shows equals what painbook computes now."""
    from painbook import analysis, charts

    df = diary.read_diary(DATA / "back_pain_diary.csv")
    open_persona(tab)
    tab.locator("#trend-period").select_option(label="The whole diary")
    assert tab.locator("#trend-text").inner_text() == charts.describe_measure(df, "pain")
    assert tab.locator("#trend-desc").text_content() == charts.describe_measure(df, "pain")

    flares = charts.flare_table(df)
    expected = [
        [str(i), r["First day"], r["Last day"], str(r["Days"])]
        + [f"{r['Highest daily pain']:.1f}", f"{r['Usual level before']:.1f}"]
        for i, r in flares.iterrows()
    ]
    assert _cells(tab, "Flares") == expected[::-1]

    weeks = charts.weekly_table(df).tail(12).iloc[::-1]
    shown = _cells(tab, "Pain week by week")
    assert [row[0] for row in shown] == list(weeks.index)
    assert [row[2] for row in shown] == [f"{v:.1f}" for v in weeks["Average pain"]]
    assert [row[1] for row in shown] == [str(v) for v in weeks["Days"]]

    helped = analysis.helped_worsened(df)
    for name, title in [("helped", "What helped"), ("worsened", "What made it worse")]:
        rows = helped[helped["list"] == name]
        assert _cells(tab, title) == [
            [r.item, str(r.days_with), f"{r.mean_pain_with:.1f}", str(r.days_without)]
            + [f"{r.mean_pain_without:.1f}", "few days" if r.small_sample else ""]
            for r in rows.itertuples()
        ]

    progress = analysis.progress(df)["description"].tolist()
    assert tab.locator("#progress-title + p + ul li").all_inner_texts() == progress

    days = analysis.daily(df)
    week = days[days.index > days.index.max() - pd.Timedelta(days=7)]["peg"].dropna()
    assert (
        f"{week.mean():.1f} out of 10 (from {len(week)} days"
        in tab.locator("#peg-text").inner_text()
    )


def test_the_visit_summary_is_painbooks_and_prints_on_one_page(tab, tmp_path: Path) -> None:
    from bs4 import BeautifulSoup

    from painbook import report

    df = diary.read_diary(DATA / "back_pain_diary.csv")
    open_persona(tab)
    questions = [
        f"Question {i}: is it safe to keep doing the exercises at home, and how often?"
        for i in range(1, 10)
    ] + [HOSTILE]
    tab.get_by_label("From", exact=True).fill("2025-03-03")
    tab.get_by_label("To", exact=True).fill("2025-05-25")
    tab.get_by_label("Baseline from").fill("2025-03-03")
    tab.get_by_label("Baseline to").fill("2025-03-16")
    tab.get_by_label("Name on the page (optional)").fill("Maria <Made-up>")
    tab.get_by_label("My questions for this visit").fill("\n".join([HOSTILE, *questions]))
    tab.get_by_role("button", name="Show the summary").click()
    expect(tab.locator("#summary-message")).to_contain_text("up to date")
    page = tab.locator("#summary-page")
    html = report.visit_summary(
        df,
        start="2025-03-03",
        end="2025-05-25",
        questions=[HOSTILE, *questions],
        baseline=("2025-03-03", "2025-03-16"),
        name="Maria <Made-up>",
    )
    soup = BeautifulSoup(html, "html.parser")
    squash = lambda s: " ".join(s.split())  # noqa: E731
    shown = page.locator(".summary-section li").all_inner_texts()
    assert shown == [squash(li.get_text()) for li in soup("li")]
    assert squash(page.locator("h3").inner_text()) == squash(soup.find("h1").get_text())
    assert HOSTILE in page.inner_text() and page.locator("img").count() == 0
    for size in ["A4", "Letter"]:
        pdf = tmp_path / f"summary-{size}.pdf"
        tab.pdf(path=str(pdf), format=size)
        assert page_count(pdf) == 1, f"the summary needs more than one {size} page"
        text = " ".join(PdfReader(pdf).pages[0].extract_text().split())
        assert "Pain summary for Maria <Made-up>" in text and "Add an entry" not in text


def test_a_baseline_that_overlaps_the_last_two_weeks_is_explained_beside_the_form(tab) -> None:
    from painbook import report

    df = diary.read_diary(DATA / "back_pain_diary.csv")
    open_persona(tab)
    tab.get_by_label("From", exact=True).fill("2025-03-03")
    tab.get_by_label("To", exact=True).fill("2025-05-25")
    tab.get_by_label("Baseline from").fill("2025-03-03")
    tab.get_by_label("Baseline to").fill("2025-05-20")
    tab.get_by_role("button", name="Show the summary").click()
    problem = report.progress_problem(df, ("2025-03-03", "2025-05-20"), "2025-05-25")
    assert problem
    expect(tab.locator("#summary-message")).to_have_text(
        f"The page has no comparison with a baseline yet. {problem}"
    )
    expect(tab.locator("#summary-page h3")).to_contain_text("Pain summary")
    assert "Progress since the baseline" not in tab.locator("#summary-page").inner_text()


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_axe_finds_nothing_on_a_full_diary(browser, diary_site: str, mode: str) -> None:
    """The site checks see the page empty; here it holds a diary, a summary and a PAINAD log."""
    context = browser.new_context(
        color_scheme=mode, viewport=SIZES["phone"], reduced_motion="reduce"
    )
    context.problems = []
    try:
        tab = open_page(context, diary_site)
        open_persona(tab)
        sample = DATA / "dementia_observations.csv"
        tab.get_by_label("Open an observation log file").set_input_files(str(sample))
        expect(tab.locator("#painadlog-message")).to_contain_text("observations")
        tab.get_by_role("button", name="Show the summary").click()
        expect(tab.locator("#summary-page h3")).to_contain_text("Pain summary")
        tab.evaluate("() => window.scrollTo(0, 0)")
        tab.evaluate(node_tool("axe-core/axe.min.js").read_text(encoding="utf-8"))
        violations = tab.evaluate(
            """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
              .map(v => v.id + ': '
                   + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))"""
        )
        assert violations == []
        small = tab.evaluate(
            """() => [...document.querySelectorAll('#diary-app button, #diary-app input,'
                + ' #diary-app select, #diary-app a')]
              .filter(e => e.checkVisibility())
              .map(e => [e, (e.closest('label') || e).getBoundingClientRect()])
              .filter(([e, r]) => r.height < 44 || r.width < 44)
              .map(([e, r]) => (e.id || e.innerText || e.type) + ' ' + Math.round(r.width) + 'x'
                                + Math.round(r.height))"""
        )
        assert small == [], "touch targets smaller than 44 px"
        assert context.problems == []
    finally:
        context.close()


# --------------------------------------------------------------------------- the Spanish page
#
# The Spanish edition's diary page, /es/diary/, from the session's one build of both languages
# (tests/conftest.py). Its words are the diary's catalog's (diary/locale/es) and painbook's Spanish
# (rules.json); what it must say is taken from them here, not copied.

ES_PAGE = "es/" + PAGE
#: The page's own English words that must not be seen on the Spanish page (its headings,
#: buttons and sentences; painbook's words reach it through rules.json).
ENGLISH_WORDS = [
    "Add an entry", "Your diary", "Visit summary", "Keep a copy", "Watching for pain",
    "Where your diary is kept", "Save entry", "Download diary", "Open a diary file",
    "Lock and delete", "Delete everything", "Lock with a passphrase", "New passphrase",
    "Show the summary", "Print the summary", "Your last entries", "Pain over time",
    "Period shown", "Week by week", "What helped", "Save observation", "observation log",
    "no entries yet", "Sleep and mood", "Where and how it hurts", "Anything else",
    "tick all that fit", "Edit", "Delete", "Undo", "entries", "newest first",
]  # fmt: skip


def painbooks_words(rules: dict) -> list[re.Pattern]:
    """Every sentence of rules.json (painbook's words: the form's labels and help, the
    messages), as patterns ({placeholders} match anything), longest first."""
    found: list[str] = []

    def walk(value) -> None:
        if isinstance(value, str) and len(value) > 3 and " " in value:
            found.append(value)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk(rules)
    pieces = [re.split(r"\{\w+\}", s) for s in sorted(set(found), key=len, reverse=True)]
    return [re.compile(".+?".join(map(re.escape, p))) for p in pieces]


def spanish(msgid: str) -> str:
    """The diary page's Spanish for one of its messages (diary/locale/es)."""
    from _ext import diary_messages

    return diary_messages.translations("es")[msgid]


@pytest.fixture(scope="session")
def spanish_diary_book(book: BuiltBook) -> BuiltBook:
    """The Spanish edition of the session's one book build (html/es/, tools/languages.py)."""
    return BuiltBook(html=book.html / "es", log=book.log, returncode=book.returncode)


@pytest.fixture(scope="session")
def es_site(diary_site: str) -> str:
    """The site the English page is served from has the Spanish one at /es/diary/."""
    return diary_site


@pytest.fixture
def es_context(context):
    """A browser context at phone and desktop sizes, as for the English page."""
    return context


def open_spanish(context, base: str):
    return open_page(context, base, ES_PAGE)


@pytest.fixture
def es_tab(es_context, es_site):
    page = open_spanish(es_context, es_site)
    yield page
    assert es_context.problems == []


def save_es(tab, **boxes: str) -> str:
    """Fill the boxes by their ids (entry-pain, entry-notes, ...) and press Guardar."""
    for name, value in boxes.items():
        tab.locator(f"#entry-{name}").fill(value)
    message = tab.locator("#entry-message")
    before = int(message.get_attribute("data-answers") or 0)
    tab.get_by_role("button", name=spanish("Save entry"), exact=True).click()
    tab.wait_for_function(
        "n => Number(document.querySelector('#entry-message').dataset.answers || 0) > n",
        arg=before,
    )
    return message.inner_text()


def test_the_spanish_page_is_in_spanish(es_tab) -> None:
    assert es_tab.evaluate("() => document.documentElement.lang") == "es"
    for msgid in ["Add an entry", "Keep a copy", "Download diary (CSV)", "Lock and delete"]:
        expect(es_tab.locator("#diary-app")).to_contain_text(spanish(msgid))
    assert es_tab.get_by_label(spanish("Open a diary file")).get_attribute("type") == "file"
    nav = es_tab.locator("nav.diary-nav")
    assert nav.get_attribute("aria-label") == spanish("Parts of the diary")
    empty = 'Your diary has no entries yet. Add your first one above, or open a diary file in "Keep'
    assert es_tab.locator("#diary-views").inner_text() == spanish(empty + ' a copy".')


def test_the_spanish_page_shows_none_of_its_english_words(es_tab, spanish_diary_book) -> None:
    save_es(es_tab, pain="6", notes="una caminata corta")
    save_es(es_tab, pain="4")
    es_tab.get_by_role("button", name=spanish("Show the summary")).click()
    expect(es_tab.locator("#summary-page h3")).to_be_visible()
    text = es_tab.locator("#diary-app").inner_text()
    labels = es_tab.evaluate(
        """() => [...document.querySelectorAll('#diary-app [aria-label], #diary-app [placeholder]')]
          .map(e => [e.getAttribute('aria-label'), e.getAttribute('placeholder')].join(' '))
          .join(' ')"""
    )
    shown = text + " " + labels
    # painbook's own words (rules.json) are painbook's to translate: they are left out here
    for words in painbooks_words(rules(spanish_diary_book)):
        shown = words.sub(" ", shown)
    found = [w for w in ENGLISH_WORDS if re.search(rf"\b{re.escape(w)}\b", shown)]
    assert found == [], f"English on the Spanish page: {found}"
    manifest = json.loads(
        (
            es_tab.context.request.get(es_tab.url.replace("index.html", "manifest.webmanifest"))
        ).text()
    )
    assert manifest["name"] == spanish("My pain diary") and manifest["lang"] == "es"


def test_an_entry_is_saved_on_the_spanish_page(es_tab, tmp_path: Path) -> None:
    from painbook.i18n import use_language

    diary.append_entry(tmp_path / "d.csv", {"date": "2026-05-01", "pain": 6})
    with use_language("es"):
        expected = forms.saved_message(diary.read_diary(tmp_path / "d.csv"))
    assert save_es(es_tab, pain="6", notes="una caminata corta") == expected
    assert stored_rows(es_tab) == 1
    entry = es_tab.locator("#diary-views .diary-entry").first
    assert "una caminata corta" in entry.inner_text()
    # the entry's heading is its date in Spanish words ("1 de mayo de 2026")
    assert re.fullmatch(r"\d{1,2} de [a-z]+ de \d{4}", entry.locator("h4").inner_text())
    es_tab.reload(wait_until="load")
    es_tab.wait_for_selector("#diary-app[data-state=ready]")
    assert stored_rows(es_tab) == 1


def test_a_pain_of_11_is_refused_in_painbooks_spanish(es_tab, tmp_path: Path) -> None:
    from painbook import fields
    from painbook.i18n import use_language

    with use_language("es"):
        with pytest.raises(diary.DiaryError) as refused:
            diary.append_entry(tmp_path / "d.csv", {"date": "2026-05-01", "pain": 11})
        labels = {name: fields.label(name) for name in forms.DIARY_FIELDS}
        expected = forms.not_saved_message(refused.value, labels)
    assert save_es(es_tab, pain="11") == expected
    live = es_tab.locator("#entry-message")
    assert live.get_attribute("role") == "status" and live.get_attribute("aria-live") == "polite"
    assert es_tab.locator("#entry-pain").get_attribute("aria-invalid") == "true"
    assert stored_rows(es_tab) == 0
    assert (
        es_tab.locator("#diary-views")
        .inner_text()
        .startswith(spanish("Your diary has no entries yet."))
    )


def test_the_refusal_is_not_in_english(es_tab, tmp_path: Path) -> None:
    """painbook's own words in Spanish (its catalog, painbook/locale/es): the message of a
    pain of 11 on the Spanish page is not the English page's."""
    if not (ROOT / "painbook" / "locale" / "es" / "LC_MESSAGES" / "painbook.po").is_file():
        pytest.skip("painbook has no Spanish catalog on this branch yet (painbook/locale/es)")
    with pytest.raises(diary.DiaryError) as refused:
        diary.append_entry(tmp_path / "d.csv", {"date": "2026-05-01", "pain": 11})
    labels = {name: f.label for name, f in forms.DIARY_FIELDS.items()}
    assert save_es(es_tab, pain="11") != forms.not_saved_message(refused.value, labels)


def test_the_spanish_page_downloads_the_same_canonical_csv(es_tab, tmp_path: Path) -> None:
    save_es(es_tab, pain="6", time="08:30", notes=HOSTILE, helped="=1+1\nbolsa de calor")
    save_es(es_tab, pain="3.5", worst="7")
    with es_tab.expect_download() as caught:
        es_tab.get_by_role("button", name=spanish("Download diary (CSV)")).click()
    path = tmp_path / "descargado.csv"
    caught.value.save_as(path)
    assert caught.value.suggested_filename.startswith("pain-diary-")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw and b"'=1+1" in raw
    header = raw[3:].split(b"\r\n")[0].decode()
    assert header == ",".join(diary.CANONICAL_COLUMNS), "the same English header as in English"
    df = diary.read_diary(path)
    assert list(df["pain"]) == [6, 3.5] and df["helped"].iloc[0] == "=1+1; bolsa de calor"
    diary.write_diary(df, tmp_path / "again.csv")
    assert (tmp_path / "again.csv").read_bytes() == raw
    entries = spanish("{n} entry")[1].replace("{n}", "2")
    said = spanish("Downloaded your diary ({entries}) as a CSV file. Keep it somewhere safe.")
    expect(es_tab.locator("#copy-message")).to_have_text(said.replace("{entries}", entries))


def test_the_spanish_page_has_its_policy_and_works_offline(es_context, es_site: str) -> None:
    requests: list[str] = []
    es_context.on("request", lambda r: requests.append(r.url))
    tab = open_spanish(es_context, es_site)
    html = tab.content()
    assert 'http-equiv="Content-Security-Policy"' in html
    save_es(tab, pain="4", notes="antes de desconectarse")
    tab.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=20000)
    assert any(u.endswith("/es/diary/messages.json") for u in requests)
    assert [u for u in requests if f"//{HOST}:" not in u] == []
    es_context.set_offline(True)
    try:
        tab.reload(wait_until="load")
        tab.wait_for_selector("#diary-app[data-state=ready]")
        assert tab.evaluate("() => document.documentElement.lang") == "es"
        expect(tab.locator("#diary-app")).to_contain_text(spanish("Keep a copy"))
        assert "antes de desconectarse" in tab.locator("#diary-views").inner_text()
        # the words of the modules too: the catalog is in the offline copy
        expect(tab.get_by_role("button", name=spanish("Save entry"), exact=True)).to_be_visible()
    finally:
        es_context.set_offline(False)
    es_context.problems.clear()  # the offline reload's failed network attempts are expected


def test_the_spanish_page_stays_small(spanish_diary_book: BuiltBook) -> None:
    """The diary's own JavaScript, CSS and Spanish catalog: at most 60 KB compressed."""
    folder = spanish_diary_book.html / "diary"
    files = [*sorted((folder / "js").glob("*.js")), *sorted((folder / "vendor").glob("*.js"))]
    files.append(folder / "messages.json")
    css = (ROOT / "diary" / "diary.css").read_bytes()
    size = sum(len(gzip.compress(f.read_bytes(), 9)) for f in files) + len(gzip.compress(css, 9))
    assert size <= 60 * 1024, f"{size / 1024:.1f} KB compressed"
    worker = (folder / "sw.js").read_text(encoding="utf-8")
    assert '"messages.json"' in worker and '"rules.json"' in worker


def test_the_spanish_visit_summary_prints_on_one_page(es_tab, tmp_path: Path) -> None:
    """Spanish runs longer than English: the summary still fits one A4 and one Letter page."""
    es_tab.locator("#diary-open").set_input_files(str(DATA / "back_pain_diary.csv"))
    es_tab.get_by_role("button", name=spanish("Replace my diary with this file")).click()
    es_tab.wait_for_selector("#trend-title")
    questions = [
        f"Pregunta {i}: ¿es seguro seguir con los ejercicios en casa, y cada cuánto?"
        for i in range(1, 10)
    ]
    es_tab.locator("#summary-from").fill("2025-03-03")
    es_tab.locator("#summary-to").fill("2025-05-25")
    es_tab.locator("#summary-base-from").fill("2025-03-03")
    es_tab.locator("#summary-base-to").fill("2025-03-16")
    es_tab.locator("#summary-name").fill("María (inventada)")
    es_tab.locator("#summary-questions").fill("\n".join(questions))
    es_tab.get_by_role("button", name=spanish("Show the summary")).click()
    expect(es_tab.locator("#summary-message")).to_have_text(
        spanish("The summary below is up to date.")
    )
    title = spanish("Pain summary for {name}").replace("{name}", "María (inventada)")
    expect(es_tab.locator("#summary-page h3")).to_have_text(title)
    for size in ["A4", "Letter"]:
        pdf = tmp_path / f"resumen-{size}.pdf"
        es_tab.pdf(path=str(pdf), format=size)
        assert page_count(pdf) == 1, f"the Spanish summary needs more than one {size} page"


def test_axe_finds_nothing_on_the_full_spanish_page(browser, es_site: str) -> None:
    context = browser.new_context(viewport=SIZES["phone"], reduced_motion="reduce")
    context.problems = []
    try:
        tab = open_spanish(context, es_site)
        tab.locator("#diary-open").set_input_files(str(DATA / "back_pain_diary.csv"))
        tab.get_by_role("button", name=spanish("Replace my diary with this file")).click()
        tab.wait_for_selector("#trend-title")
        tab.get_by_role("button", name=spanish("Show the summary")).click()
        expect(tab.locator("#summary-page h3")).to_be_visible()
        tab.evaluate("() => window.scrollTo(0, 0)")  # the theme's back-to-top button hides
        tab.evaluate(node_tool("axe-core/axe.min.js").read_text(encoding="utf-8"))
        violations = tab.evaluate(
            """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
              .map(v => v.id + ': '
                   + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))"""
        )
        assert violations == []
        assert context.problems == []
    finally:
        context.close()


def test_a_caregiver_keeps_a_painad_log_in_spanish(es_tab, spanish_diary_book) -> None:
    """The PAINAD part in Spanish: painbook's Spanish items and levels, the context saved in
    the words the workbook's Spanish form saves ("al bañarse"), the log in Spanish."""
    painad = rules(spanish_diary_book)["painad"]
    for item, level in {"breathing": 1, "vocalization": 2, "face": 1}.items():
        es_tab.get_by_role("group", name=painad["labels"][item]).get_by_label(
            re.compile(f"^{level}: ")
        ).check()
    for item in ["body_language", "consolability"]:
        es_tab.get_by_role("group", name=painad["labels"][item]).get_by_label(
            re.compile("^0: ")
        ).check()
    expect(es_tab.locator("#painad-total")).to_have_text(
        painad["total_text"]["full"].replace("{total}", "4")
    )
    es_tab.locator("#painad-context").select_option("bathing")
    es_tab.get_by_role("button", name=spanish("Save observation")).click()
    expect(es_tab.locator("#painad-message")).not_to_be_empty()
    log = es_tab.locator("#painad-log")
    assert painad["context_words"]["bathing"] in log.inner_text()
    assert spanish("Your last observations") in log.inner_text()
    assert (
        es_tab.locator("#painad-summary").inner_text().startswith("El registro tiene 1 observación")
    )
