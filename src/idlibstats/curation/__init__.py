"""The curators' tools: draft rows from a report, verify excerpts, normalise text.

:mod:`.draft` (rows from a report's text, one module per stage, and the review page),
:mod:`.verify` (every excerpt against the curators' copies of the reports), :mod:`.textnorm`
(the text normalisation and number reading the provenance check uses), :mod:`.numberwords`
(the numbers a short phrase says), :mod:`.match` (whether a drafted row is a recorded
figure, for scoring the draft).
"""
