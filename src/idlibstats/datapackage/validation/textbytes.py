"""Arrow text columns read as their UTF-8 bytes: a cell's first byte, a cell in another.

Two questions the checks ask of every row, answered without making a Python string per
cell: the first byte of each cell (:func:`first_bytes`, for a pattern that starts with one
character class) and whether each cell of one column occurs in the same row of another
(:func:`contains`, for the wording rule). Both read the Arrow buffers (offsets and data) with
numpy. On valid UTF-8 (every table is checked as UTF-8 before it is read) a byte string
occurs in another exactly when the text does, so the answers are those of Python's ``in``.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

__all__ = ["contains", "first_bytes"]

EMPTY = 256
"""What :func:`first_bytes` gives for an empty (or null) cell: no byte has this value."""


def _parts(chunk: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """Return the offsets (len + 1) and the data bytes of a string chunk."""
    if chunk.type == pa.large_string():
        dtype = np.int64
    elif chunk.type == pa.string():
        dtype = np.int32
    else:
        raise TypeError(f"not a string array: {chunk.type}")
    buffers = chunk.buffers()
    offsets = np.frombuffer(buffers[1], dtype)[chunk.offset: chunk.offset + len(chunk) + 1]
    data = np.frombuffer(buffers[2], np.uint8) if buffers[2] is not None else np.zeros(0,
                                                                                   np.uint8)
    return offsets.astype(np.int64), data


def first_bytes(text: pa.ChunkedArray | pa.Array) -> np.ndarray:
    """Return the first byte of each cell of a string column (:data:`EMPTY` for none).

    Parameters
    ----------
    text : pyarrow.ChunkedArray or pyarrow.Array
        A string column.

    Returns
    -------
    numpy.ndarray
        ``uint16``, one per row: the first UTF-8 byte of the cell, or :data:`EMPTY` when
        the cell is empty or null.
    """
    chunks = text.chunks if isinstance(text, pa.ChunkedArray) else [text]
    out = []
    for chunk in chunks:
        offsets, data = _parts(chunk)
        starts, lengths = offsets[:-1], np.diff(offsets)
        first = np.full(len(chunk), EMPTY, np.uint16)
        filled = lengths > 0
        if chunk.null_count:
            filled &= chunk.is_valid().to_numpy(zero_copy_only=False)
        first[filled] = data[starts[filled]]
        out.append(first)
    return np.concatenate(out) if out else np.zeros(0, np.uint16)


def contains(hay: pa.ChunkedArray, needles: pa.ChunkedArray) -> np.ndarray:
    """Tell, row by row, whether the cell of ``needles`` occurs in the cell of ``hay``.

    Parameters
    ----------
    hay, needles : pyarrow.ChunkedArray
        String columns of the same length, without nulls.

    Returns
    -------
    numpy.ndarray
        Bool, one per row: ``needle in hay`` (an empty needle is in every cell).
    """
    if len(hay) != len(needles):
        raise ValueError("columns of different lengths")
    out = []
    start = 0
    needle_bytes = needles.cast(pa.binary())
    for chunk in hay.chunks:
        offsets, data = _parts(chunk)
        # one bytes object per chunk; each row is searched inside its own span of it
        body = data[offsets[0]: offsets[-1]].tobytes()
        base = int(offsets[0])
        subs = needle_bytes.slice(start, len(chunk)).to_pylist()
        found = np.fromiter(map(body.find, subs, (offsets[:-1] - base).tolist(),
                                (offsets[1:] - base).tolist()), np.int64, count=len(chunk))
        out.append(found >= 0)
        start += len(chunk)
    return np.concatenate(out) if out else np.zeros(0, bool)
