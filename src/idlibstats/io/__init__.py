"""Files written whole or not at all.

:mod:`.atomic` (a temporary file beside the target, then one rename; only regular files,
never over an existing one unless told). Used by the exports, the draft's review page and
``idlibstats stamp``.
"""
