"""The careful computations on the figures: bounds, competing claims, months, a summary.

:mod:`.bounds` (low / best / high from the wording), :mod:`.claims` (each claim group as one
range), :mod:`.monthly` (figures by calendar month, apportioned by days, never summed),
:mod:`.summary` (what the package holds, for ``idlibstats summary``).
"""
