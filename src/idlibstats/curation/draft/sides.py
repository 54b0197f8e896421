"""The armed groups the draft knows by name, and the side each fights on.

Used to say whose fighters a number counts ('15 of them from Hayat Tahrir al-Sham',
:mod:`.population`) and who took villages and towns (:mod:`.places`).
"""

from __future__ import annotations

__all__ = ["GOVERNMENT_NAMES", "OPPOSITION_NAMES"]

#: Opposition armed groups, as reports name them.
OPPOSITION_NAMES = (
    r"Hayat\s+Tahrir\s+al-Sham|HTS|National\s+Liberation\s+Front|National\s+Front\s+for\s+"
    r"Liberation|NLF|NFL|Jaysh\s+al-[A-Z][\w-]*|Free\s+Syrian\s+Army|FSA|Turkistan\s+Islamic\s+"
    r"Party|TIP|Ahrar\s+al-Sham|Faylaq\s+al-Sham|(?:al-)?Nusra(?:\s+Front)?"
)
#: Forces that fight on the government's side, as reports name them.
GOVERNMENT_NAMES = (
    r"Tiger\s+Forces|National\s+Defen[cs]e\s+Forces|NDF|Hezbollah|Fifth\s+Corps|"
    r"Republican\s+Guard|Wagner"
)
