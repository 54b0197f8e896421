"""The records the draft's stages pass along: spans, sentences, amounts, drafts in the making."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Amount", "Draft", "Line", "Sentence", "Skipped", "Span"]


@dataclass(frozen=True)
class Span:
    """A stretch ``[start, end)`` of a sentence."""

    start: int
    end: int


@dataclass(frozen=True)
class Line:
    """One line of the report, normalised; a caption's numbers are never figures."""

    index: int  # position among the text's lines (blank lines counted)
    text: str
    caption: bool = False


@dataclass(frozen=True)
class Sentence:
    """A sentence, and where it starts in its line."""

    text: str
    line: int  # Line.index
    start: int  # offset of the sentence in the line's text


@dataclass(frozen=True)
class Amount:
    """A number (with its wording) or a vague amount, as found in a sentence."""

    start: int  # start of the wording, or of the number
    num_start: int
    end: int
    written: str  # the number or vague phrase as written
    value: int | None
    qualifier: str | None  # None for a vague amount
    vague: bool = False


@dataclass(frozen=True)
class Skipped:
    """A number of a sentence that is not a figure, and why (a year, a date, a duration...)."""

    start: int
    end: int
    written: str
    reason: str


@dataclass(eq=False)  # compared by identity: a headline may repeat a body sentence
class Draft:
    """One draft row in the making, with what the tool is unsure of and how it decided.

    Each label (``indicator``, ``population``) is set with :meth:`decide`, which records
    the rule that decided it (a name of :data:`idlibstats.curation.draft.rules.RULES`), the
    words the ``how`` column shows, and the row a borrowed label was taken from.
    """

    amount: Amount
    sentence: Sentence
    indicator: str | None = None
    population: str | None = None
    spans: list[Span] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    part_of: int | None = None  # index (among the text's drafts) of the total it breaks down
    keyword: Span | None = None
    how: dict[str, str] = field(default_factory=dict)  # label -> what the how column says
    rules: dict[str, str] = field(default_factory=dict)  # label -> the rule that decided it
    borrowed: dict[str, Draft] = field(default_factory=dict)  # label -> the row it came from

    def decide(self, label: str, rule: str, said: str, source: Draft | None = None) -> None:
        """Record that ``rule`` decided ``label``; ``said`` is what the ``how`` column shows.

        ``source`` is the row the label was taken from (a part's total, the figure before),
        whose doubts the label shares.
        """
        self.how[label] = said
        self.rules[label] = rule
        if source is None:
            self.borrowed.pop(label, None)
        else:
            self.borrowed[label] = source
