"""Tests for painbook.report: the one-page visit summary."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from bs4 import BeautifulSoup

from browser import page_count, print_to_pdf
from painbook import analysis, report
from painbook.samples import back_pain_diary, diary_frame

SCRIPT = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def diary() -> pd.DataFrame:
    df = back_pain_diary()
    # The worst day of the sample (a flare) gets a hostile note, so it is on the page.
    worst_day = analysis.daily(df)["worst"].idxmax()
    row = df.index[df["date"] == worst_day][0]
    df.loc[row, "notes"] = SCRIPT
    return df


@pytest.fixture(scope="module")
def page(diary: pd.DataFrame) -> str:
    return report.visit_summary(
        diary,
        questions=["Is it safe to <b>keep</b> doing PT?", "Can I sleep better?"],
        baseline=("2025-03-03", "2025-03-16"),
        name="Maria <Made-up> & family",
    )


def soup_of(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def text_of(html: str) -> str:
    """The page's visible words, one space between cells and elements."""
    return " ".join(soup_of(html).get_text(" ").split())


def test_is_one_html5_document_with_print_rules(page: str) -> None:
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="en">' in page and page.rstrip().endswith("</html>")
    assert '<meta charset="utf-8">' in page
    assert re.search(r"@page \{ size: auto; margin: \d+mm \}", page)
    assert "@media print" in page


def test_no_scripts_and_nothing_from_elsewhere(page: str) -> None:
    soup = soup_of(page)
    assert soup.find("script") is None
    assert soup.find("img") is None
    assert soup.find("link") is None
    assert soup.find("iframe") is None
    assert not re.search(r"\b(src|href)\s*=", page, re.IGNORECASE)
    assert "url(" not in page
    assert "http" not in page
    assert "@import" not in page
    assert not re.search(r"\son\w+\s*=", page)  # no event handlers


def test_user_text_is_escaped(page: str) -> None:
    assert SCRIPT not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    soup = soup_of(page)
    assert SCRIPT in soup.get_text()  # shown as text
    assert "Is it safe to &lt;b&gt;keep&lt;/b&gt; doing PT?" in page
    assert soup.find("h1").get_text() == "Pain summary for Maria <Made-up> & family"


def test_escaping_of_items_and_medicines() -> None:
    df = diary_frame(
        [
            {
                "date": f"2026-03-{d:02d}",
                "pain": 4,
                "medications": '<img src=x onerror="alert(1)">',
                "helped": "<b>heat</b>",
                "worsened": "a & b",
            }
            for d in range(1, 11)
        ]
    )
    html = report.visit_summary(df)
    soup = soup_of(html)
    assert soup.find("img") is None and soup.find("b", string="heat") is None
    text = soup.get_text()
    assert '<img src=x onerror="alert(1)">' in text
    assert "<b>heat</b>" in text and "a & b" in text


def test_contains_period_chart_and_averages(page: str, diary: pd.DataFrame) -> None:
    text = text_of(page)
    assert "3 Mar 2025 to 25 May 2025 (84 days)" in text
    assert f"{len(diary)} entries on 84 days" in text
    day = analysis.daily(diary)
    assert f"Average daily pain {day['mean_pain'].mean():.1f}" in text
    assert "Worst days" in text
    assert "PEG score" in text
    assert "Flares" in text


def test_chart_is_inline_svg_with_a_text_alternative(page: str) -> None:
    soup = soup_of(page)
    svg = soup.find("svg")
    assert svg is not None and svg.get("role") == "img"
    ids = svg.get("aria-labelledby").split()
    assert [soup.find(id=i).name for i in ids] == ["title", "desc"]
    desc = soup.find(id=ids[1]).get_text()
    assert "lower at the end than at the start" in desc
    assert "first week" in desc and "last week" in desc
    assert soup.find("figcaption").get_text() == desc
    assert len(svg.find_all("circle")) >= 84  # one dot a day


def test_chart_describes_rising_pain() -> None:
    df = diary_frame([{"date": f"2026-03-{d:02d}", "pain": 2 + d // 4} for d in range(1, 29)])
    desc = soup_of(report.visit_summary(df)).find("desc").get_text()
    assert "higher at the end than at the start" in desc


def test_questions_medicines_and_helped_with_counts(page: str, diary: pd.DataFrame) -> None:
    text = text_of(page)
    assert "My questions for this visit" in text
    assert "Can I sleep better?" in text
    meds = analysis.medications(diary)
    for row in meds.itertuples():
        assert f"{row.medication} {row.days} of 84" in text
    helped = analysis.helped_worsened(diary)
    top = helped[helped["list"] == "helped"].iloc[0]
    assert f"{top['item']} {top['days_with']} {top['mean_pain_with']:.1f}" in text
    assert "What made it worse" in text


def test_progress_since_baseline(page: str) -> None:
    text = text_of(page)
    assert "Progress since the baseline" in text
    assert "Baseline 3 Mar 2025 to 16 Mar 2025" in text
    assert "12 May 2025 to 25 May 2025" in text
    assert re.search(r"Pain: \d\.\d at the baseline \(14 days\), \d\.\d recently \(14 days\)", text)
    assert "a clear improvement" in text


def test_optional_parts_are_left_out(diary: pd.DataFrame) -> None:
    plain = diary_frame([{"date": f"2026-03-{d:02d}", "pain": 3} for d in range(1, 11)])
    text = soup_of(report.visit_summary(plain)).get_text()
    assert "Progress since the baseline" not in text
    assert "My questions" not in text
    assert "PEG" not in text.replace("PEG: Krebs", "")
    assert "No medicines written" in text


def test_period_limits_the_entries(diary: pd.DataFrame) -> None:
    html = report.visit_summary(diary, start="2025-05-01", end="2025-05-14")
    text = text_of(html)
    n = int(((diary["date"] >= "2025-05-01") & (diary["date"] <= "2025-05-14")).sum())
    assert "1 May 2025 to 14 May 2025 (14 days)" in text
    assert f"{n} entries on 14 days" in text


def test_lists_are_cut_with_a_count() -> None:
    items = ["a1", "a2", "a3", "a4", "a5", "a6", "a7"]
    df = diary_frame(
        [{"date": f"2026-03-{d:02d}", "pain": 4, "helped": "; ".join(items)} for d in range(1, 11)]
    )
    questions = [f"Question {i}?" for i in range(1, 11)]
    html = report.visit_summary(df, questions=questions)
    text = text_of(html)
    assert "a5" in text and "a6" not in text
    assert "and 2 more items not shown" in text
    # The five first-visit questions leave room for three of the person's own.
    assert "Question 8?" in text and "Question 9?" not in text
    assert "and 2 more questions" in text


def test_one_left_over_is_said_in_the_singular() -> None:
    items = ["a1", "a2", "a3", "a4", "a5", "a6"]
    df = diary_frame([{"date": "2026-03-01", "pain": 4, "helped": "; ".join(items)}])
    text = text_of(report.visit_summary(df, questions=[f"Q{i}?" for i in range(1, 10)]))
    assert "and 1 more item not shown" in text
    assert "and 1 more question:" in text


def test_a_single_question_string_is_one_question() -> None:
    df = diary_frame([{"date": "2026-03-01", "pain": 4}])
    soup = soup_of(report.visit_summary(df, questions="Why?"))
    assert [li.get_text() for li in soup.find("ol").find_all("li")] == ["Why?"]


def test_bad_periods_and_empty_diaries() -> None:
    df = diary_frame([{"date": "2026-03-01", "pain": 4}])
    with pytest.raises(ValueError, match="before the start"):
        report.visit_summary(df, start="2026-03-10", end="2026-03-01")
    with pytest.raises(ValueError, match="not a date"):
        report.visit_summary(df, start="next week")
    with pytest.raises(ValueError, match="no entries"):
        report.visit_summary(diary_frame([]))
    html = report.visit_summary(df, start="2026-04-01", end="2026-04-30")
    assert "No diary entries in this period" in html


def test_baseline_that_overlaps_is_left_off_the_page_and_explained(diary: pd.DataFrame) -> None:
    html = report.visit_summary(diary, baseline=("2025-05-10", "2025-05-20"))
    text = soup_of(html).get_text()
    # the page is for the doctor: no instruction to the person, no comparison section
    assert "Progress since the baseline" not in text
    assert "Choose" not in text and "overlap" not in text
    problem = report.progress_problem(diary, ("2025-05-10", "2025-05-20"), diary["date"].max())
    assert problem and "must end before the last 14 days" in problem


def test_short_diary_problem_says_what_is_missing() -> None:
    short = diary_frame([{"date": f"2026-12-{d:02d}", "pain": 4} for d in range(1, 21)])
    problem = report.progress_problem(short, ("2026-12-01", "2026-12-14"), "2026-12-20")
    assert problem is not None
    assert "covers 20 days" in problem and "at least 28" in problem and "in 8 days" in problem
    html = report.visit_summary(short, baseline=("2026-12-01", "2026-12-14"))
    assert "Progress since the baseline" not in soup_of(html).get_text()
    assert report.progress_problem(short, ("2026-12-01", "2026-12-03"), "2026-12-20") is None


def test_long_diary_is_charted_by_week() -> None:
    df = diary_frame(
        [{"date": pd.Timestamp("2025-01-01") + pd.Timedelta(days=i), "pain": 5} for i in range(400)]
    )
    soup = soup_of(report.visit_summary(df))
    assert "7-week average" in soup.find("svg").get_text()
    assert len(soup.find_all("circle")) < 70


def test_save_visit_summary(tmp_path: Path, page: str) -> None:
    target = report.save_visit_summary(page, tmp_path / "visit" / "summary.html")
    assert target.read_text(encoding="utf-8") == page
    with pytest.raises(ValueError, match=".html"):
        report.save_visit_summary(page, tmp_path / "summary.pdf")
    with pytest.raises(ValueError, match="visit_summary"):
        report.save_visit_summary("hello", tmp_path / "x.html")


@pytest.mark.parametrize("paper", ["A4", "letter"])
def test_fits_one_page_when_printed(diary: pd.DataFrame, tmp_path: Path, paper: str) -> None:
    """Printed by headless Chromium, a full summary with long questions is one page."""
    questions = ["Is it safe to keep doing my exercises on days when the pain is above 7?"] * 8
    html = report.visit_summary(
        diary, questions=questions, baseline=("2025-03-03", "2025-03-16"), name="Maria"
    )
    page = tmp_path / "summary.html"
    page.write_text(
        html.replace("</head>", f"<style>@page {{ size: {paper} }}</style></head>"),
        encoding="utf-8",
    )
    pdf = print_to_pdf(page, tmp_path / "summary.pdf")
    assert page_count(pdf) == 1
