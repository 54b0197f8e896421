"""Text as the reports write it: normalisation and the numbers a phrase says.

:mod:`.textnorm` (the normalisation of the provenance check, the hash of a report's text,
every number written in digits or words) and :mod:`.numberwords` (what a short phrase such
as ``value_as_written`` says, fractions of a scale included). Shared by the curators' tools
(:mod:`idlibstats.curation`) and the package's own rules
(:mod:`idlibstats.datapackage.rules`); it imports neither.
"""
