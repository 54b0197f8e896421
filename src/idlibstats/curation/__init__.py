"""The curators' tools: draft rows from a report, verify excerpts.

:mod:`.draft` (rows from a report's text, one module per stage, and the review page),
:mod:`.verify` (every excerpt against the curators' copies of the reports), :mod:`.match`
(whether a drafted row is a recorded figure, for scoring the draft). The text normalisation
and number reading they use live in :mod:`idlibstats.text`.
"""
