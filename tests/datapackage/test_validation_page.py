"""The page 'When validation fails' (docs/validation.md): its messages are real, and its table
of error codes is the library's.

Each example block is produced again, word for word, from a copy of the package broken as
the page says (issue 19: the engine's messages stay the same while it changes underneath);
every code the library gives is in the table, and the table's 'frictionless's' column says
which codes are frictionless's own error types.
"""

from __future__ import annotations

import ast
import contextlib
import io
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from badinput import CASES, FIGURES, edit_bytes, edit_rows, set_cell
from conftest import ROOT, copy_real_package, restamp_package

from idlibstats.cli import main
from idlibstats.datapackage.registry import CHECKS

PAGE = (ROOT / "docs" / "validation.md").read_text(encoding="utf-8")
SRC = ROOT / "src" / "idlibstats"


def _case(case_id: str) -> Callable[[Path], None]:
    return next(c for c in CASES if c.id == case_id).mutate


def _same_id_as_row_11(rows: list[list[str]]) -> None:
    rows[11][0] = rows[10][0]


BROKEN_BY_HAND = [set_cell(FIGURES, 4, "period_end", "2019-02-30"),
                  set_cell(FIGURES, 6, "qualifier", "roughly"),
                  set_cell(FIGURES, 7, "value", "-5"),
                  set_cell(FIGURES, 8, "period_start", "2019-12-31"),
                  set_cell(FIGURES, 9, "claimant", "nobody"),
                  set_cell(FIGURES, 11, "excerpt", '=HYPERLINK("http://x.y")'),
                  edit_rows(FIGURES, _same_id_as_row_11)]
# each example block of the page: the edits that give it, and whether to stamp after them
BLOCKS = {
    "seven cells broken by hand": (BROKEN_BY_HAND, True),
    "rules that compare two tables": ([_case("claimed-after-its-report"),
                                       _case("inferred-claimant-without-corroboration")], True),
    "a number whose wording says otherwise": ([set_cell(FIGURES, 7, "value", "-5"),
                                               _case("value-not-as-written")], True),
    "the files themselves": ([edit_bytes("data/organisations.csv", lambda b: b + b"x\r\n")],
                             False),
    "a path that climbs out": ([_case("climbing-path")], False),
    "commentChar": ([_case("dialect-comment-char")], False),
    "missingValues": ([_case("null-in-missing-values")], False),
}


def _blocks() -> list[list[str]]:
    """The page's examples, each block's ``error:`` lines (indented ones included)."""
    blocks = re.findall(r"```\n(.*?)```", PAGE, re.S)
    return [[line.strip() for line in block.splitlines() if line.strip().startswith("error: ")]
            for block in blocks if "error: " in block]


def _errors_of(edits: list[Callable[[Path], None]], stamp: bool, root: Path) -> list[str]:
    copy_real_package(root)
    for edit in edits:
        edit(root)
    if stamp:
        restamp_package(root)
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        assert main(["validate", str(root)]) == 1
    return [line for line in err.getvalue().splitlines() if line.startswith("error: ")]


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    return {name: _errors_of(edits, stamp, tmp_path_factory.mktemp("copy") / "package")
            for name, (edits, stamp) in BLOCKS.items()}


def test_the_first_three_examples_are_the_whole_output(outputs: dict[str, list[str]]) -> None:
    blocks = _blocks()
    assert blocks[0] == outputs["seven cells broken by hand"]
    assert blocks[1] == outputs["rules that compare two tables"]
    assert blocks[2] == outputs["a number whose wording says otherwise"]


def test_every_message_on_the_page_is_real(outputs: dict[str, list[str]]) -> None:
    produced = {line for lines in outputs.values() for line in lines}
    for line in (line for block in _blocks() for line in block):
        assert line in produced, line
    python = re.search(r"DataPackageError: (.*)", PAGE).group(1)
    assert f"error: {python}" in produced  # the loader raises the line validate prints


# ---------------------------------------------------------------- the table of codes


def _table() -> dict[str, bool]:
    section = PAGE.split("## Error codes", 1)[1]
    rows = re.findall(r"^\| `([a-z0-9-]+)` \| (yes|no) \|", section, re.M)
    return {code: ours == "yes" for code, ours in rows}


def _sources() -> list[str]:
    """The text of every module of the library, read once for the test."""
    return [path.read_text(encoding="utf-8") for path in SRC.rglob("*.py")]


def _codes_in_the_source(sources: list[str]) -> set[str]:
    """Codes given as ``code=...``, as a check's code, or to ``flag``/``error``/``add``."""
    found = {check.code for check in CHECKS}
    for source in sources:
        for node in ast.walk(ast.parse(source)):
            if not isinstance(node, ast.Call):
                continue
            args = [k.value for k in node.keywords if k.arg == "code"]
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            if name in ("flag", "error", "FieldCheck", "TableCheck", "cannot_read") and node.args:
                args.append(node.args[0])
            found |= {a.value for a in args if isinstance(a, ast.Constant)
                      and isinstance(a.value, str) and re.fullmatch(r"[a-z]+(-[a-z]+)+", a.value)}
    return found


def test_every_code_the_library_gives_is_in_the_table() -> None:
    table, sources = _table(), _sources()
    given = {case.code for case in CASES} | _codes_in_the_source(sources)
    assert given - set(table) == set()
    library = "\n".join(sources)
    for code in table:  # and the table lists no code the library never gives
        assert re.search(rf"[\"']{code}[\"']", library), code


def test_the_table_says_which_codes_are_frictionless_s() -> None:
    frictionless = pytest.importorskip("frictionless")
    types = {getattr(cls, "type", None) for cls in vars(frictionless.errors).values()}
    for code, theirs in _table().items():
        assert (code in types) is theirs, code
