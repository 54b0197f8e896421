"""The one exception the library raises for data that does not fit the package."""

from __future__ import annotations

__all__ = ["DataPackageError"]


class DataPackageError(ValueError):
    """A data package, or one of its tables, does not fit its descriptor.

    Parameters
    ----------
    message : str
        What is wrong, in one sentence.
    file : str, optional
        The file at fault, as a path relative to the package root (``data/figures.csv``).
    row : int, optional
        The row at fault, counted as a spreadsheet shows it: the header is row 1, the first
        data row is row 2.
    field : str, optional
        The column (field) at fault; several are joined by ``", "`` (a composite key, or
        the fields a row rule reads), and the message then says ``fields``.

    Examples
    --------
    >>> str(DataPackageError("is not a date: '2019-02-30'", "data/figures.csv", 7, "period_end"))
    "data/figures.csv, row 7, field period_end: is not a date: '2019-02-30'"
    """

    def __init__(
        self,
        message: str,
        file: str | None = None,
        row: int | None = None,
        field: str | None = None,
    ) -> None:
        self.message = message
        self.file = file
        self.row = row
        self.field = field
        super().__init__(str(self))

    def __str__(self) -> str:
        where = [part for part in (
            self.file,
            f"row {self.row}" if self.row is not None else None,
            (f"field{'s' if ', ' in self.field else ''} {self.field}"
             if self.field is not None else None),
        ) if part]
        return f"{', '.join(where)}: {self.message}" if where else self.message
