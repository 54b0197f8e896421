"""The byte-level answers of validation.textbytes equal Python's, on any text."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from idlibstats.datapackage.validation.checks.pattern import _first_character_matches
from idlibstats.datapackage.validation.textbytes import EMPTY, contains, first_bytes

TEXT = st.text(alphabet=st.sampled_from(list("ab1 ,=-@é日\u2019")), max_size=8)


def _chunked(values: list[str], cut: int) -> pa.ChunkedArray:
    """Two chunks, the second a slice (non-zero offset) of a longer array."""
    cut = min(cut, len(values))
    tail = pa.array(["pad", *values[cut:]], pa.string()).slice(1)
    return pa.chunked_array([pa.array(values[:cut], pa.string()), tail], pa.string())


@settings(deadline=None, max_examples=200)
@given(st.lists(st.tuples(TEXT, TEXT), max_size=12), st.integers(0, 12))
def test_contains_is_python_in_row_by_row(pairs, cut):
    needles = [n for n, _ in pairs]
    hay = [h for _, h in pairs]
    got = contains(_chunked(hay, cut), _chunked(needles, len(pairs) - cut))
    assert got.tolist() == [n in h for n, h in pairs]


@settings(deadline=None, max_examples=200)
@given(st.lists(TEXT, max_size=12), st.integers(0, 12))
def test_first_bytes_is_the_first_utf8_byte(values, cut):
    got = first_bytes(_chunked(values, cut))
    assert got.tolist() == [v.encode()[0] if v else EMPTY for v in values]


def test_first_bytes_of_a_null_is_empty():
    assert first_bytes(pa.array(["x", None, ""], pa.string())).tolist() == [120, EMPTY, EMPTY]


def test_the_free_text_start_is_matched_as_re2_would_on_any_first_character():
    head = "[^=+\\-@ \\t\\n\\r]"
    values = ["ok", "=SUM(A1)", "-3", "@x", " lead", "", "é at the start", "日本", "\u2019s"]
    got = _first_character_matches(pa.chunked_array([pa.array(values)]), head)
    assert np.asarray(got).tolist() == [True, False, False, False, False, False, True, True,
                                        True]
