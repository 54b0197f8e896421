"""The careful computations on the figures: bounds, competing claims, months.

:mod:`.bounds` (low / best / high from the wording, and nothing more), :mod:`.claims` (each
claim group as one range), :mod:`.monthly` (what one claimant's figures imply for each
calendar month, each span and any period: never a share and never a sum), built on
:mod:`.solver` (the smallest and largest count a claimant's figures allow, a linear
programme), :mod:`.populations` (the population relations of the ``populations`` table, as
sets), :mod:`.claimant_groups` (the figures of an indicator, grouped by whose voice they
are) and :mod:`.reasons` (each bound in words, as a sum of figures); :mod:`.frames` (the
check each of them makes of the frame it is given). Frames in, frames out: nothing here
reads a package.
"""
