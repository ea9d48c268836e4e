"""The diary package's one door: every name works from painbook.diary, as before the split."""

from __future__ import annotations

import importlib

import pytest

import painbook.diary as diary
from painbook.diary import check, errors, format, read, write

PUBLIC = {
    "CANONICAL_COLUMNS": format,
    "LIST_COLUMNS": format,
    "NUMBER_COLUMNS": format,
    "OBSERVATION_COLUMNS": format,
    "PAINAD_ITEMS": format,
    "SCORE_COLUMNS": format,
    "DiaryError": errors,
    "append_entry": write,
    "append_observation": write,
    "canonical_column": format,
    "check_duplicates": check,
    "empty_diary": format,
    "empty_observations": format,
    "read_diary": read,
    "read_observations": read,
    "split_list": format,
    "write_diary": write,
    "write_observations": write,
}


def test_the_public_names_are_the_same_objects_as_in_their_parts() -> None:
    assert sorted(diary.__all__) == sorted(PUBLIC)
    for name, part in PUBLIC.items():
        assert getattr(diary, name) is getattr(part, name), name


@pytest.mark.parametrize(
    "name", ["_DIARY", "_DIARY_NUMBERS", "_schema", "_numbers_pass", "_write_bytes", "_load_csv"]
)
def test_private_names_used_by_tests_and_modules_still_work(name: str) -> None:
    assert getattr(diary, name) is not None


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError):
        _ = diary._no_such_name
    with pytest.raises(AttributeError):
        _ = diary.no_such_public_name


def test_a_name_set_on_the_package_is_set_where_it_is_used(monkeypatch) -> None:
    monkeypatch.setattr(diary, "LOCK_TIMEOUT", 1.5)
    assert write.LOCK_TIMEOUT == 1.5

    def fake(handle, data: bytes) -> None:
        handle.write(data)

    monkeypatch.setattr(diary, "_write_bytes", fake)
    assert write._write_bytes is fake
    monkeypatch.undo()
    assert write.LOCK_TIMEOUT == 60.0 and write._write_bytes is not fake


def test_diary_error_keeps_its_public_name_and_pickles() -> None:
    import pickle

    assert diary.DiaryError.__module__ == "painbook.diary"
    error = pickle.loads(pickle.dumps(diary.DiaryError("x", line=3, column="pain")))
    assert (error.message, error.line, error.column) == ("x", 3, "pain")


def test_the_old_private_module_is_gone_and_its_home_is_the_package() -> None:
    with pytest.raises(ModuleNotFoundError):
        importlib.import_module("painbook._validate")
    assert importlib.import_module("painbook.diary._cells").header_key("Pain (0-10)") == "pain"
