"""Stage 1 of the draft: the report's lines, its captions, and the sentences of each line.

Each line is normalised on its own (:func:`idlibstats.text.textnorm.norm`), so that an
excerpt is verbatim in the normalised text. A line that is a photo caption (it starts
'Photo:' or ends with a credit such as '(AFP)' or '[Getty]') is kept, marked, and never read:
what a photo shows is not a figure.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from idlibstats.curation.draft.model import Line, Sentence
from idlibstats.text.textnorm import norm

__all__ = ["is_blank", "is_caption", "lines_of", "sentences_of"]

# A byte-order mark or a zero-width space alone makes no text.
_INVISIBLE = ("\ufeff", "\u200b")

# A caption: a line that starts 'Photo:' or ends with a photo credit ('(AFP)', '[Getty]',
# '(AFP photo)', '(Syrian Civil Defence via AP)').
_CAPTION_RE = re.compile(
    r"^(?:photo|picture|image|video)\s*:|[(\[](?:[^()\[\]]*\bvia\s+)?(?:AFP|AP|Reuters|"
    r"Getty(?:\s+Images)?|Anadolu|EPA|file)(?:\s+photo)?(?:\s*/[^)\]]*)?[)\]]\s*$",
    re.IGNORECASE,
)
# A paragraph of the report says who said it ('... the monitor said. (AFP)'); a caption
# describes a picture ('A man carries a girl ... on Friday. (AFP)').
_REPORTED_RE = re.compile(
    r"\b(?:said|says|say|told|tells|according\s+to|reported|reports|claimed|added|stated)\b",
    re.IGNORECASE,
)
_CAPTION_LENGTH = 250
_SENTENCE_END_RE = re.compile(r"[.!?]+[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])")
_NOT_A_SENTENCE_END = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Mr|Mrs|Ms|Dr|St|Gen|Col|Lt|Capt|No|"
    r"U\.S|U\.N)\.$"
)


def lines_of(text: str) -> list[Line]:
    """Return every line of ``text``, normalised, with captions marked.

    Parameters
    ----------
    text : str
        The report's plain text.

    Returns
    -------
    list of Line
        One per line of ``text.splitlines()``, blank lines included (their text is empty).
    """
    lines = []
    for index, raw in enumerate(text.splitlines()):
        block = "" if is_blank(raw) else norm(raw)
        lines.append(Line(index, block, is_caption(block)))
    return lines


def is_blank(text: str) -> bool:
    """Whether a text holds nothing but whitespace, byte-order marks and zero-width spaces."""
    for invisible in _INVISIBLE:
        text = text.replace(invisible, "")
    return not text.strip()


def sentences_of(line: Line) -> Iterator[Sentence]:
    """Yield the sentences of a line that is not a caption.

    A full stop after an abbreviation ('Aug. 29', 'Dr. Ali') does not end a sentence.
    """
    if line.caption:
        return
    block, start = line.text, 0
    for match in _SENTENCE_END_RE.finditer(block):
        if _NOT_A_SENTENCE_END.search(block[: match.start() + 1]):
            continue
        yield from _stripped(block, start, match.end(), line.index)
        start = match.end()
    yield from _stripped(block, start, len(block), line.index)


def _stripped(block: str, start: int, end: int, line: int) -> Iterator[Sentence]:
    piece = block[start:end]
    text = piece.strip()
    if text:
        yield Sentence(text, line, start + len(piece) - len(piece.lstrip()))


def is_caption(line: str) -> bool:
    """Whether a normalised line is a photo caption, not a sentence of the report.

    It starts 'Photo:' or ends with a credit ('(AFP)', '[Getty]', '(Syrian Civil Defence
    via AP)'). After a full stop the credit ends a caption only if the line does not say who
    said it: a paragraph ending '... the monitor said. (AFP)' is the report's own text.
    """
    match = _CAPTION_RE.search(line)
    if match is None or len(line) > _CAPTION_LENGTH:
        return False
    if match.start() == 0 or line[: match.start()].rstrip()[-1:] not in ".!?\"'":
        return True
    return _REPORTED_RE.search(line, 0, match.start()) is None
