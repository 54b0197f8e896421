"""The careful computations on the figures: bounds, competing claims, months.

:mod:`.bounds` (low / best / high from the wording), :mod:`.claims` (each claim group as one
range), :mod:`.monthly` (what the figures imply for each calendar month, never a share and
never a sum), :mod:`.rates` (the average per day over each total's own span, as a floor or
a ceiling); :mod:`.frames` (the check each of them makes of the frame it is given). Frames
in, frames out: nothing here reads a package.
"""
