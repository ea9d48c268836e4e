"""Made-up example diaries for the workbook, the tests and the benchmark.

Every person here is made up. The generators are seeded (``numpy.random.default_rng`` with
fixed seeds), so they give the same diary every time, and the CSV files shipped in
``painbook/data/`` are exactly what :func:`write_samples` writes (a test checks this).

- :func:`back_pain_diary`: "Maria", chronic low back pain, 12 weeks from the start of
  physical therapy, 1-2 entries a day, three flares, a real improvement.
- :func:`dementia_observations`: PAINAD observation log of "Dad", a parent with dementia,
  4 weeks, at rest and while bathing or moving.
- :func:`migraine_diary`: "Jordan", migraine, January to April, with many days of acute
  medicine (enough for the "talk with your doctor" flag of
  :func:`painbook.analysis.headache_month`).
- :func:`generate_diary`: a long random diary (default 10 years, 4 entries a day) for
  benchmarks.

Beside them, two blank files for readers to fill in with a spreadsheet program (the
chapters offer them as downloads): a diary and a PAINAD observation log, each only its header
row (:data:`TEMPLATE_FILES`, written by :func:`write_templates`).

Medicines are written as people write them, without doses: the book gives no doses.

The Spanish edition has the same three samples in Spanish in ``painbook/data/es/`` (same file
names): the same generators, run with ``lang="es"``, give the same rows, dates and numbers,
with the free text (places, what it feels like, medicines, what helped or made it worse,
what was happening, notes) in Spanish (:data:`SPANISH`). The column names stay English: the
diary file format is the same in both languages. :func:`path` gives the file of the
language in use (:func:`painbook.i18n.language`).
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from painbook.diary import CANONICAL_COLUMNS, NUMBER_COLUMNS, OBSERVATION_COLUMNS, PAINAD_ITEMS
from painbook.i18n import language

__all__ = [
    "SAMPLE_FILES",
    "TEMPLATE_FILES",
    "write_templates",
    "template_path",
    "diary_frame",
    "observation_frame",
    "back_pain_diary",
    "dementia_observations",
    "migraine_diary",
    "generate_diary",
    "write_samples",
    "path",
    "SPANISH",
    "LANGUAGES",
]

# The DataFrame contract: the diary's own column lists (one definition, in painbook.diary).
DIARY_COLUMNS: tuple[str, ...] = CANONICAL_COLUMNS
_FLOAT_COLUMNS = NUMBER_COLUMNS
_PAINAD_COLUMNS = PAINAD_ITEMS

#: File names of the shipped samples in ``painbook/data/``, by generator.
SAMPLE_FILES: dict[str, str] = {
    "back_pain_diary": "back_pain_diary.csv",
    "dementia_observations": "dementia_observations.csv",
    "migraine_diary": "migraine_diary.csv",
}

#: File names of the blank files in ``painbook/data/``: a diary and an observation log to fill in.
TEMPLATE_FILES: dict[str, str] = {
    "diary": "blank-diary.csv",
    "observations": "blank-observation-log.csv",
}

BACK_PAIN_SEED = 20250303
DEMENTIA_SEED = 20250407
MIGRAINE_SEED = 20250101
GENERATE_SEED = 12345

MADE_UP = "Made-up example: {who} is not a real person."

#: The languages the samples are written in: English in ``painbook/data/``, Spanish in
#: ``painbook/data/es/``.
LANGUAGES = ("en", "es")

#: The samples' own words in Spanish: every place, quality, medicine, what helped or made it
#: worse, PAINAD context and note the generators write. Medicines as a Spanish speaker in
#: the US writes them (MedlinePlus en español: ibuprofeno, paracetamol, sumatriptán).
SPANISH: dict[str, str] = {
    # back pain (María)
    "lower back": "parte baja de la espalda",
    "left leg": "pierna izquierda",
    "stiff": "rigidez",
    "aching": "dolor sordo",
    "stabbing": "punzadas",
    "shooting": "descargas",
    "ibuprofen": "ibuprofeno",
    "paracetamol": "paracetamol",
    "heat": "calor",
    "stretching": "estiramientos",
    "rest": "descanso",
    "hot shower": "ducha caliente",
    "PT exercises": "ejercicios de fisioterapia",
    "walking": "caminar",
    "sitting long": "estar sentada mucho rato",
    "bending": "agacharme",
    "bad night's sleep": "dormir mal",
    "cold weather": "frío",
    "gardening": "trabajar en el jardín",
    "long drive": "manejar mucho rato",
    "lifting": "levantar peso",
    "Spent the afternoon gardening.": "Pasé la tarde trabajando en el jardín.",
    "Drove four hours to visit my sister.": "Manejé cuatro horas para visitar a mi hermana.",
    "Lifted a box of books at work.": "Levanté una caja de libros en el trabajo.",
    "Physical therapy session.": "Sesión de fisioterapia.",
    "Made-up example: Maria is not a real person. First week of physical therapy.": (
        "Ejemplo inventado: María no es una persona real. Primera semana de fisioterapia."
    ),
    # PAINAD log (Dad)
    "resting": "en reposo",
    "bathing": "al bañarse",
    "moving": "al moverse",
    "Pulled away when I washed his right leg.": "Se apartó cuando le lavé la pierna derecha.",
    "Called out in the shower.": "Gritó en la ducha.",
    "Held his right hip when standing up.": "Se agarró la cadera derecha al ponerse de pie.",
    "Grimaced getting into the chair.": "Hizo muecas al sentarse en la silla.",
    "Calm, listening to music.": "Tranquilo, escuchando música.",
    "Made-up example: Dad is not a real person. Log kept by his daughter.": (
        "Ejemplo inventado: Papá no es una persona real. Registro que lleva su hija."
    ),
    # migraine (Jordan)
    "left temple": "sien izquierda",
    "behind left eye": "detrás del ojo izquierdo",
    "throbbing": "latidos",
    "pounding": "martilleo",
    "pressing": "opresivo",
    "sumatriptan": "sumatriptán",
    "bright light": "luz fuerte",
    "skipped meal": "no comí a mi hora",
    "screen time": "pantallas",
    "poor sleep": "dormí mal",
    "noise": "ruido",
    "dark room": "cuarto oscuro",
    "sleep": "dormir",
    "cold pack": "compresa fría",
    "Made-up example: Jordan is not a real person. Started a headache diary.": (
        "Ejemplo inventado: Jordan no es una persona real. Empecé un diario de dolor de cabeza."
    ),
}

#: The columns of a sample whose text is the person's own words (translated for Spanish).
_LIST_TEXT = ("locations", "qualities", "medications", "helped", "worsened")
_WHOLE_TEXT = ("notes", "context")


def _check_language(lang: str) -> str:
    if lang not in LANGUAGES:
        raise ValueError(f"Samples are written in {', '.join(LANGUAGES)}, not {lang!r}.")
    return lang


def _in_language(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The sample with its free text in ``lang`` ("en": unchanged; "es": :data:`SPANISH`).

    Only text changes: rows, dates, times and numbers stay exactly the same.
    """
    if _check_language(lang) == "en":
        return frame
    out = frame.copy()
    for column in (*_LIST_TEXT, *_WHOLE_TEXT):
        if column not in out.columns:
            continue
        if column in _LIST_TEXT:
            words = out[column].map(
                lambda v: v if pd.isna(v) else "; ".join(SPANISH[i] for i in str(v).split("; "))
            )
        else:
            words = out[column].map(lambda v: v if pd.isna(v) else SPANISH[str(v)])
        out[column] = words.astype(frame[column].dtype)
    return out


def path(name: str, lang: str | None = None) -> Path:
    """Path of a shipped sample file, e.g. ``path("back_pain_diary")`` or its file name.

    The file is in the language in use (:func:`painbook.i18n.language`) unless ``lang``
    says: ``painbook/data/`` for English, ``painbook/data/es/`` for Spanish.
    """
    file_name = SAMPLE_FILES.get(name, name)
    if file_name not in SAMPLE_FILES.values():
        raise ValueError(f"No sample called {name!r}. Samples: {', '.join(SAMPLE_FILES)}.")
    lang = _check_language(language() if lang is None else lang)
    folder = resources.files("painbook") / "data"
    if lang != "en":
        folder = folder / lang
    return Path(str(folder / file_name))


def template_path(name: str) -> Path:
    """Path of a blank file in ``painbook/data/``: ``template_path("diary")`` or its file name."""
    file_name = TEMPLATE_FILES.get(name, name)
    if file_name not in TEMPLATE_FILES.values():
        raise ValueError(
            f"No blank file called {name!r}. Blank files: {', '.join(TEMPLATE_FILES)}."
        )
    return Path(str(resources.files("painbook") / "data" / file_name))


# --------------------------------------------------------------------------- frame builders


def _frame(records: Iterable[Mapping[str, object]], columns: tuple[str, ...]) -> pd.DataFrame:
    rows = list(records)
    frame = pd.DataFrame.from_records(rows) if rows else pd.DataFrame()
    extras = [c for c in frame.columns if c not in columns]
    for column in columns:
        if column not in frame.columns:
            frame[column] = pd.NA
    frame = frame[[*columns, *extras]].copy()
    frame["date"] = pd.to_datetime(frame["date"]).astype("datetime64[ns]")
    frame["time"] = frame["time"].astype("string")
    return frame.reset_index(drop=True)


def diary_frame(records: Iterable[Mapping[str, object]]) -> pd.DataFrame:
    """Build a diary DataFrame in the shape ``read_diary`` returns, from a list of dicts.

    Missing standard columns are added empty; other keys become extra columns after the
    standard ones. Handy for examples and tests: ``diary_frame([{"date": "2026-03-01",
    "pain": 4}])``.
    """
    frame = _frame(records, DIARY_COLUMNS)
    for column in _FLOAT_COLUMNS:
        frame[column] = pd.to_numeric(frame[column]).astype("float64")
    for column in frame.columns[frame.columns.get_loc("locations") :]:
        frame[column] = frame[column].astype("string")
    return frame


def observation_frame(records: Iterable[Mapping[str, object]]) -> pd.DataFrame:
    """Build a PAINAD observation DataFrame (``read_observations`` shape) from dicts."""
    frame = _frame(records, OBSERVATION_COLUMNS)
    for column in _PAINAD_COLUMNS:
        frame[column] = pd.to_numeric(frame[column]).astype("Int64")
    for column in frame.columns[frame.columns.get_loc("context") :]:
        frame[column] = frame[column].astype("string")
    return frame


def _score(value: float) -> float:
    return float(min(10, max(0, round(value))))


def _join(items: Iterable[str]) -> str | None:
    items = [i for i in items if i]
    return "; ".join(items) if items else None


# --------------------------------------------------------------------------- back pain


def back_pain_diary(lang: str = "en") -> pd.DataFrame:
    """Made-up "Maria": chronic low back pain, 12 weeks from starting physical therapy.

    84 days from Monday 3 March 2025; a morning entry every day and an evening entry on
    most days. Pain starts around 6, eases over the weeks of physical therapy to around 3.5
    (more than a 30% drop between the first and last two weeks) and has three flares (after
    gardening, a long drive and lifting). Extra column ``steps`` is her own.
    """
    rng = np.random.default_rng(BACK_PAIN_SEED)
    start = pd.Timestamp("2025-03-03")
    n_days = 84
    t = np.arange(n_days)
    level = np.interp(t, [0, 14, 70, 83], [6.3, 6.0, 3.5, 3.3])
    flare = {19: (3.5, "gardening"), 20: (3.0, None), 21: (2.0, None)}
    flare |= {44: (3.5, "long drive"), 45: (2.5, None), 63: (3.5, "lifting")}
    flare_notes = {
        19: "Spent the afternoon gardening.",
        44: "Drove four hours to visit my sister.",
        63: "Lifted a box of books at work.",
    }
    records: list[dict[str, object]] = []
    for day in range(n_days):
        date = (start + pd.Timedelta(days=day)).strftime("%Y-%m-%d")
        rise, trigger = flare.get(day, (0.0, None))
        today = level[day] + rise + rng.normal(0, 0.6)
        progress = day / (n_days - 1)
        evening = bool(rise) or rng.random() < 0.6
        sleep = np.clip(np.round((7.6 - 0.3 * (today - 3) + rng.normal(0, 0.5)) * 2) / 2, 4, 9)
        morning_pain = _score(today - 0.3 + rng.normal(0, 0.4))
        morning: dict[str, object] = {
            "date": date,
            "time": f"{7 + int(rng.integers(0, 2)):02d}:{int(rng.integers(0, 4)) * 15:02d}",
            "pain": morning_pain,
            "worst": _score(morning_pain + rng.integers(0, 2)),
            "least": _score(morning_pain - rng.integers(0, 2)),
            "sleep_hours": float(sleep),
            "locations": "lower back",
            "qualities": _join(["stiff", "aching" if rng.random() < 0.5 else ""]),
            "notes": None,
        }
        if day == 0:
            morning["notes"] = MADE_UP.format(who="Maria") + " First week of physical therapy."
        records.append(morning)
        entry = morning
        if evening:
            entry = {
                "date": date,
                "time": f"{20 + int(rng.integers(0, 3)):02d}:{int(rng.integers(0, 4)) * 15:02d}",
                "pain": _score(today + 0.4 + rng.normal(0, 0.4)),
                "notes": None,
            }
            entry["worst"] = _score(float(entry["pain"]) + rng.integers(0, 3))
            entry["least"] = _score(float(entry["pain"]) - rng.integers(1, 3))
            leg = rise > 0 or rng.random() < 0.25 * (1 - progress) + 0.05
            entry["locations"] = _join(["lower back", "left leg" if leg else ""])
            entry["qualities"] = "stabbing; shooting" if rise else "aching"
            records.append(entry)
        entry["enjoyment_interference"] = _score(today - 0.5 + rng.normal(0, 0.7))
        entry["activity_interference"] = _score(today + 0.5 + rng.normal(0, 0.7))
        entry["mood"] = _score(8.5 - 0.6 * today + rng.normal(0, 0.8))
        meds = [
            "ibuprofen" if rise or rng.random() < 0.75 - 0.55 * progress else "",
            "paracetamol" if rng.random() < 0.15 else "",
        ]
        entry["medications"] = _join(meds)
        helped_pool = ["heat", "stretching", "rest", "hot shower"]
        helped = [helped_pool[int(rng.integers(0, len(helped_pool)))]]
        if day >= 3 and rng.random() < 0.35 + 0.5 * progress:
            helped.append("PT exercises")
        if rng.random() < 0.15 + 0.6 * progress:
            helped.append("walking")
        entry["helped"] = _join(helped)
        worsened_pool = ["sitting long", "bending", "bad night's sleep", "cold weather"]
        worse = [trigger or ""]
        if rng.random() < 0.2 + 0.1 * (today - 3):
            worse.append(worsened_pool[int(rng.integers(0, len(worsened_pool)))])
        entry["worsened"] = _join(worse)
        if day in flare_notes:
            entry["notes"] = flare_notes[day]
        elif day % 7 in (1, 3) and entry["notes"] is None:
            entry["notes"] = "Physical therapy session."
        entry["steps"] = str(int(round(2500 + 4500 * progress + rng.normal(0, 700), -1)))
    return _in_language(diary_frame(records), lang)


# --------------------------------------------------------------------------- PAINAD log


def dementia_observations(lang: str = "en") -> pd.DataFrame:
    """Made-up PAINAD log a family caregiver kept for "Dad", who has dementia, over 4 weeks.

    28 days from Monday 7 April 2025: resting in the morning every day, bathing every other
    day, and moving (helped from bed to chair) in the afternoon. Scores are low at rest and
    higher during bathing and moving, which is why PAINAD is observed during activity
    (Warden et al. 2003).
    """
    rng = np.random.default_rng(DEMENTIA_SEED)
    start = pd.Timestamp("2025-04-07")
    chances = {
        "resting": [0.8, 0.2, 0.0],
        "bathing": [0.2, 0.5, 0.3],
        "moving": [0.25, 0.5, 0.25],
    }
    high_notes = {
        "bathing": ["Pulled away when I washed his right leg.", "Called out in the shower."],
        "moving": ["Held his right hip when standing up.", "Grimaced getting into the chair."],
    }
    records: list[dict[str, object]] = []
    for day in range(28):
        date = (start + pd.Timedelta(days=day)).strftime("%Y-%m-%d")
        plan = [("09:00", "resting")]
        if day % 2 == 0:
            plan.append(("10:30", "bathing"))
        plan.append((f"{15 + int(rng.integers(0, 3)):02d}:00", "moving"))
        for time, context in plan:
            items = rng.choice(3, size=5, p=chances[context])
            record: dict[str, object] = {"date": date, "time": time, "context": context}
            record.update(zip(_PAINAD_COLUMNS, (int(i) for i in items), strict=True))
            note = None
            if int(items.sum()) >= 6 and context in high_notes:
                options = high_notes[context]
                note = options[int(rng.integers(0, len(options)))]
            elif context == "resting" and rng.random() < 0.1:
                note = "Calm, listening to music."
            if not records:
                note = MADE_UP.format(who="Dad") + " Log kept by his daughter."
            record["notes"] = note
            records.append(record)
    return _in_language(observation_frame(records), lang)


# --------------------------------------------------------------------------- migraine

#: Per month (January to April 2025): headache days, triptan days, ibuprofen days.
_MIGRAINE_PLAN = ((17, 11, 4), (17, 11, 4), (19, 12, 5), (20, 13, 5))


def migraine_diary(lang: str = "en") -> pd.DataFrame:
    """Made-up "Jordan": migraine, 1 January to 30 April 2025 (4 months), daily entries.

    Headache on 17-20 days every month, sumatriptan on 11-13 days and ibuprofen on 4-5
    other headache days each month. Headache on 15 or more days gives every month the
    "talk with your doctor" flag of :func:`painbook.analysis.headache_month`, and each month
    meets the ICHD-3 8.2 medicine counts too: four months in a row, which is the "more than 3
    months" of the ICHD-3 criteria that a doctor would ask about.
    """
    rng = np.random.default_rng(MIGRAINE_SEED)
    records: list[dict[str, object]] = []
    for month, (headaches, triptans, simple) in enumerate(_MIGRAINE_PLAN, start=1):
        n_days = calendar.monthrange(2025, month)[1]
        headache_days = sorted(rng.choice(n_days, size=headaches, replace=False).tolist())
        picked = rng.permutation(headache_days).tolist()
        triptan_days, simple_days = set(picked[:triptans]), set(picked[triptans:][:simple])
        for day in range(n_days):
            date = f"2025-{month:02d}-{day + 1:02d}"
            sleep = float(np.clip(np.round((7 + rng.normal(0, 0.8)) * 2) / 2, 4.5, 9))
            if day not in headache_days:
                records.append(
                    {
                        "date": date,
                        "time": "21:30",
                        "pain": 0.0,
                        "worst": 0.0,
                        "sleep_hours": sleep,
                        "mood": _score(7 + rng.normal(0, 1)),
                        "notes": None,
                    }
                )
                continue
            strong = day in triptan_days
            pain = _score((6.5 if strong else 4) + rng.normal(0, 1))
            pain = max(pain, 1.0)
            meds = ["sumatriptan" if strong else "", "ibuprofen" if day in simple_days else ""]
            if strong and rng.random() < 0.2:
                meds.append("paracetamol")
            onset = f"{int(rng.integers(6, 16)):02d}:{int(rng.integers(0, 4)) * 15:02d}"
            records.append(
                {
                    "date": date,
                    "time": onset,
                    "pain": pain,
                    "worst": pain,
                    "sleep_hours": sleep,
                    "locations": _join(["left temple", "behind left eye" if strong else ""]),
                    "qualities": "throbbing; pounding" if strong else "pressing",
                    "medications": _join(meds),
                    "worsened": _join(
                        [
                            ["bright light", "skipped meal", "screen time", "poor sleep"][
                                int(rng.integers(0, 4))
                            ],
                            "noise" if rng.random() < 0.3 else "",
                        ]
                    ),
                    "notes": None,
                }
            )
            later = _score(pain - 2 - rng.integers(0, 3))
            records.append(
                {
                    "date": date,
                    "time": "21:30",
                    "pain": later,
                    "worst": _score(pain + rng.integers(0, 2)),
                    "least": later,
                    "mood": _score(5 + rng.normal(0, 1)),
                    "helped": _join(
                        ["dark room", "sleep" if rng.random() < 0.5 else "", "cold pack"][
                            : 1 + int(rng.integers(0, 3))
                        ]
                    ),
                    "notes": None,
                }
            )
    records[0]["notes"] = MADE_UP.format(who="Jordan") + " Started a headache diary."
    return _in_language(diary_frame(records), lang)


# --------------------------------------------------------------------------- benchmark diary

_HELPED = np.array(["heat", "walking", "rest", "stretching", "music", "ice"], dtype=object)
_WORSENED = np.array(["sitting", "lifting", "stress", "cold", "poor sleep"], dtype=object)
_MEDS = np.array(["ibuprofen", "paracetamol", "naproxen", "sumatriptan"], dtype=object)
_PLACES = np.array(["lower back", "neck", "left knee", "head"], dtype=object)
_QUALITIES = np.array(["aching", "burning", "stabbing", "throbbing"], dtype=object)


def _maybe_pair(rng: np.random.Generator, vocab: np.ndarray, n: int, empty: float) -> np.ndarray:
    """n cells of 0-2 items from vocab joined with "; " (None when empty)."""
    first = rng.integers(0, len(vocab), n)
    second = rng.integers(0, len(vocab), n)
    has_first = rng.random(n) >= empty
    has_second = has_first & (rng.random(n) < 0.3) & (second != first)
    out = np.where(has_first, vocab[first], None)
    pair = np.where(has_second, vocab[first] + "; " + vocab[second], out)
    return pair


def generate_diary(
    years: float = 10, per_day: int = 4, seed: int = GENERATE_SEED, start: str = "2016-01-01"
) -> pd.DataFrame:
    """A long made-up diary for benchmarks: ``years`` of days with ``per_day`` entries each.

    Seasonal and slower swings in pain, random flares, all standard columns and one extra
    column (``weather``). Vectorised: 10 years x 4 entries (about 14,600 rows) is quick.
    """
    if years <= 0 or per_day < 1:
        raise ValueError("years must be above 0 and per_day at least 1.")
    rng = np.random.default_rng(seed)
    n_days = int(round(years * 365.25))
    n = n_days * per_day
    day = np.repeat(np.arange(n_days), per_day)
    dates = pd.Timestamp(start) + pd.to_timedelta(day, unit="D")
    hours = np.linspace(8, 21, per_day).round().astype(int) if per_day > 1 else np.array([12])
    times = np.tile(np.array([f"{h:02d}:00" for h in hours], dtype=object), n_days)
    t = np.arange(n_days)
    level = 5 + 1.5 * np.sin(2 * np.pi * t / 365.25) + np.sin(2 * np.pi * t / 47)
    level = level + np.where(rng.random(n_days) < 0.02, 3.0, 0.0)
    pain = np.clip(np.round(level[day] + rng.normal(0, 0.9, n)), 0, 10)
    worst = np.clip(pain + rng.integers(0, 3, n), 0, 10)
    least = np.clip(pain - rng.integers(0, 3, n), 0, 10)
    enjoy = np.clip(np.round(pain + rng.normal(0, 1, n)), 0, 10)
    activity = np.clip(np.round(pain + rng.normal(0.5, 1, n)), 0, 10)
    nights = np.round((7.5 - 0.3 * (level - 5) + rng.normal(0, 0.7, n_days)) * 2) / 2
    sleep = np.clip(nights, 3, 11)[day]
    mood = np.clip(np.round(8 - 0.5 * pain + rng.normal(0, 1, n)), 0, 10)
    notes = np.where(rng.random(n) < 0.05, "felt tired", None)
    frame = pd.DataFrame(
        {
            "date": dates.astype("datetime64[ns]"),
            "time": pd.array(times, dtype="string"),
            "pain": pain,
            "worst": worst,
            "least": least,
            "enjoyment_interference": enjoy,
            "activity_interference": activity,
            "sleep_hours": sleep,
            "mood": mood,
            "locations": pd.array(_maybe_pair(rng, _PLACES, n, 0.1), dtype="string"),
            "qualities": pd.array(_maybe_pair(rng, _QUALITIES, n, 0.3), dtype="string"),
            "medications": pd.array(_maybe_pair(rng, _MEDS, n, 0.6), dtype="string"),
            "helped": pd.array(_maybe_pair(rng, _HELPED, n, 0.5), dtype="string"),
            "worsened": pd.array(_maybe_pair(rng, _WORSENED, n, 0.6), dtype="string"),
            "notes": pd.array(notes, dtype="string"),
            "weather": pd.array(
                np.array(["sunny", "rain", "cold", "windy"], dtype=object)[
                    rng.integers(0, 4, n_days)
                ][day],
                dtype="string",
            ),
        }
    )
    frame.loc[0, "notes"] = MADE_UP.format(who="this person") + " Generated for benchmarks."
    return frame


# --------------------------------------------------------------------------- writing


def write_samples(folder: str | Path, lang: str = "en") -> list[Path]:
    """Write the three sample files into ``folder`` (created if missing); return their paths.

    Uses :func:`painbook.diary.write_diary` and :func:`painbook.diary.write_observations`,
    so the files are exactly what the workbook's own diary code writes. ``lang="es"`` writes
    the Spanish samples (``samples.write_samples("painbook/data/es", lang="es")``).
    """
    _check_language(lang)
    from painbook import diary

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, file_name in SAMPLE_FILES.items():
        target = folder / file_name
        frame = globals()[name](lang)
        if name == "dementia_observations":
            diary.write_observations(frame, target)
        else:
            diary.write_diary(frame, target)
        written.append(target)
    return written


def write_templates(folder: str | Path) -> list[Path]:
    """Write the blank diary and observation log into ``folder``; return their paths.

    Each is only its header row, written by :func:`painbook.diary.write_diary` and
    :func:`painbook.diary.write_observations` (UTF-8 with a byte-order mark, so spreadsheet
    programs show it right), and reads back as an empty diary or log.
    """
    from painbook import diary

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    diary_file = folder / TEMPLATE_FILES["diary"]
    log_file = folder / TEMPLATE_FILES["observations"]
    diary.write_diary(diary_frame([]), diary_file)
    diary.write_observations(observation_frame([]), log_file)
    return [diary_file, log_file]
