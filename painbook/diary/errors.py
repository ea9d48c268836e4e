"""The diary's one exception, :class:`DiaryError` (shown as ``painbook.diary.DiaryError``)."""

from __future__ import annotations

from typing import Any

__all__ = ["DiaryError"]


class DiaryError(ValueError):
    """A diary (or observation log) that cannot be read or saved as it is.

    ``str(err)`` is a complete message for a caregiver: what is wrong, where, and how to
    fix it. ``line`` is the 1-based line of the file (for a spreadsheet, the row number of
    the sheet) or ``None`` when the problem is not about one line; ``column`` is the column
    heading as written in the person's file (or the field name of a new entry), or ``None``.
    """

    def __init__(self, message: str, *, line: int | None = None, column: str | None = None):
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column

    def __reduce__(self) -> tuple[Any, ...]:
        # Keyword-only arguments do not survive the default exception pickling, and
        # errors may cross process boundaries (multiprocessing, notebooks' workers).
        return (_rebuild_error, (self.message, self.line, self.column))


def _rebuild_error(message: str, line: int | None, column: str | None) -> DiaryError:
    return DiaryError(message, line=line, column=column)


DiaryError.__module__ = "painbook.diary"
