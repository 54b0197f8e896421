"""Who is part of whom: the population relations of the ``populations`` table, as sets.

The package's ``populations`` table says, for each value of ``figures.population``, what is
true of it by definition: the population it is a part of (``part_of``: children are part of
women and children, who are part of civilians, who are part of all), one it shares no one
with (``disjoint_from``: civilians and fighters), and whether the populations that are part
of it make it up entirely (``made_of_parts``: women and children are exactly the women and
the children). Nothing else is assumed: two populations the table does not relate may
overlap in any way.

:class:`Relations` turns the table into *atoms*: the cells of the populations' Venn diagram
that the relations allow (children; women; civilians who are neither; fighters of the
government; ...). Each population is a set of atoms, so a count of a population is the sum
of its atoms' counts, every atom's count can be any non-negative number, and that is
exactly what the relations allow: two disjoint parts add up, a part is never more than its
whole, and nothing more. Roots (populations that are part of nothing: ``all``, and
``not_applicable`` for counts that are not people) share no atom.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

__all__ = ["Relations"]

_NEEDED = ("population", "part_of", "disjoint_from", "made_of_parts")
_MAX_POPULATIONS = 16  # atoms are enumerated over every in/out assignment: 2**16 at most


def _text(value: object) -> str | None:
    return None if value is None or pd.isna(value) or str(value) == "" else str(value)


@dataclass(frozen=True)
class Relations:
    """The population relations of a ``populations`` table, as sets of atoms.

    Build it with :meth:`from_frame`. ``members[p]`` is the frozenset of atom numbers that
    make up population ``p``.

    Attributes
    ----------
    parent : dict of str to str or None
        Each population's ``part_of`` (None for a root).
    disjoint : frozenset of frozenset of str
        The pairs declared to share no one (either way round).
    made_of_parts : frozenset of str
        The populations that their parts make up entirely.
    members : dict of str to frozenset of int
        The atoms of each population.
    """

    parent: dict[str, str | None]
    disjoint: frozenset[frozenset[str]]
    made_of_parts: frozenset[str]
    members: dict[str, frozenset[int]]

    @classmethod
    def from_frame(cls, populations: pd.DataFrame | None) -> Relations:
        """Read the relations from the ``populations`` table.

        Parameters
        ----------
        populations : pandas.DataFrame
            The ``populations`` table (:func:`idlibstats.populations`): at least
            ``population``, ``part_of``, ``disjoint_from`` and ``made_of_parts``.

        Returns
        -------
        Relations

        Raises
        ------
        TypeError
            If ``populations`` is None (analysis never loads the package).
        ValueError
            If a column is missing, a population is listed twice, a relation names a
            population the table does not have, ``part_of`` goes round in a circle, or the
            relations leave a population no one can belong to; the message names it.
        """
        if populations is None:
            raise TypeError("the month bounds take the population relations as a DataFrame "
                            "(analysis never loads the package): pass "
                            "populations=idlibstats.populations(), or call "
                            "idlibstats.monthly(), which loads them")
        missing = [c for c in _NEEDED if c not in populations.columns]
        if missing:
            raise ValueError(f"the populations table needs the column(s) {missing}")
        return _from_rows(tuple(zip(*(_values(populations[c]) for c in _NEEDED), strict=True)))

    @classmethod
    def _from_rows(cls, rows: tuple[tuple, ...]) -> Relations:
        """Build the relations from (population, part_of, disjoint_from, made_of_parts)."""
        names = [str(r[0]) for r in rows]
        dupes = sorted({p for p in names if names.count(p) > 1})
        if dupes:
            raise ValueError(f"population {dupes[0]!r} is listed twice in the populations table")
        if len(names) > _MAX_POPULATIONS:
            raise ValueError(f"the populations table has {len(names)} populations; at most "
                             f"{_MAX_POPULATIONS} are supported")
        parent = {p: _text(r[1]) for p, r in zip(names, rows, strict=True)}
        pairs = set()
        for p, r in zip(names, rows, strict=True):
            if _text(r[2]) is not None:
                pairs.add(frozenset((p, str(r[2]))))
        made = frozenset(p for p, r in zip(names, rows, strict=True)
                         if r[3] is not None and not pd.isna(r[3]) and bool(r[3]))
        for p, whole in parent.items():
            if whole is not None and whole not in parent:
                raise ValueError(f"population {p!r} is part of {whole!r}, which the "
                                 "populations table does not have")
        for pair in pairs:
            for q in pair:
                if q not in parent:
                    raise ValueError(f"{sorted(pair)}: {q!r} is not in the populations table")
            if len(pair) == 1:
                raise ValueError(f"population {next(iter(pair))!r} is disjoint from itself")
        for p in names:
            seen, q = {p}, parent[p]
            while q is not None:
                if q in seen:
                    raise ValueError(f"population {p!r}: part_of goes round in a circle")
                seen.add(q)
                q = parent[q]
        for p in made:
            if not any(w == p for w in parent.values()):
                raise ValueError(f"population {p!r} is made of its parts, but none is part of it")
        members = _atoms(names, parent, pairs, made)
        empty = [p for p in names if not members[p]]
        if empty:
            raise ValueError(f"population {empty[0]!r}: the relations leave no one who can "
                             "belong to it (is it disjoint from a population it is part of?)")
        return cls(parent, frozenset(pairs), made, members)

    def known(self, population: str) -> bool:
        """Tell whether ``population`` is in the table."""
        return population in self.members

    def overlaps(self, p: str, q: str) -> bool:
        """Tell whether someone can be counted in both ``p`` and ``q``."""
        return bool(self.members[p] & self.members[q])

    def within(self, p: str, q: str) -> bool:
        """Tell whether everyone in ``p`` is, by definition, in ``q``."""
        return self.members[p] <= self.members[q]

    def ancestors(self, population: str) -> list[str]:
        """Return the populations ``population`` is part of, nearest first."""
        out, q = [], self.parent[population]
        while q is not None:
            out.append(q)
            q = self.parent[q]
        return out

    def atoms_for(self, populations: Iterable[str]) -> tuple[dict[str, frozenset[int]], int]:
        """Coarsen the atoms to the cells that the given populations tell apart.

        Two atoms that belong to exactly the same of ``populations`` are merged: their
        counts only ever appear together, so a bound over the merged cell is the same.

        Parameters
        ----------
        populations : iterable of str
            The populations of a set of figures and the population asked about.

        Returns
        -------
        (dict of str to frozenset of int, int)
            Each population's cells, numbered 0 .. n-1, and n.
        """
        wanted = sorted(set(populations))
        cells: dict[tuple[bool, ...], int] = {}
        atom_cell = {}
        used = frozenset().union(*(self.members[p] for p in wanted)) if wanted else frozenset()
        for atom in sorted(used):
            key = tuple(atom in self.members[p] for p in wanted)
            atom_cell[atom] = cells.setdefault(key, len(cells))
        return ({p: frozenset(atom_cell[a] for a in self.members[p]) for p in wanted},
                len(cells))

    def relation_text(self, populations: Iterable[str]) -> str:
        """Return, in words, how the given populations relate (for a ``how`` text).

        Parameters
        ----------
        populations : iterable of str
            Populations, in the order they should be named.

        Returns
        -------
        str
            E.g. ``'children are part of all people; children and women share no one'``;
            '' when there is nothing to say.
        """
        names = list(dict.fromkeys(populations))
        said = []
        for p, q in itertools.combinations(names, 2):
            if self.within(p, q) and not self.within(q, p):
                said.append(f"{_words(p)} are part of {_words(q)}")
            elif self.within(q, p) and not self.within(p, q):
                said.append(f"{_words(q)} are part of {_words(p)}")
            elif not self.overlaps(p, q):
                said.append(f"{_words(p)} and {_words(q)} share no one")
        return "; ".join(said)


def _words(population: str) -> str:
    return "all people" if population == "all" else population.replace("_", " ")


def _values(column: pd.Series) -> list:
    """Return a column's values as Python objects, a missing value as None."""
    values = column.tolist()
    missing = column.isna().to_numpy()
    return [None if m else v for v, m in zip(values, missing, strict=True)] \
        if missing.any() else values


@functools.lru_cache(maxsize=32)
def _from_rows(rows: tuple[tuple, ...]) -> Relations:
    """Return the relations of one table's rows, built once per distinct table."""
    return Relations._from_rows(rows)


def _atoms(
    names: list[str],
    parent: dict[str, str | None],
    pairs: set[frozenset[str]],
    made: frozenset[str],
) -> dict[str, frozenset[int]]:
    """Enumerate the cells of the Venn diagram the relations allow; each population's cells.

    A cell is an assignment of in/out to every population such that: it is in exactly one
    root; in a population means in its ``part_of``; never in two disjoint populations; in a
    population made of its parts means in one of its parts.
    """
    index = {p: i for i, p in enumerate(names)}
    roots = [index[p] for p in names if parent[p] is None]
    up = [(index[p], index[w]) for p, w in parent.items() if w is not None]
    apart = [tuple(index[q] for q in pair) for pair in pairs]
    parts = {index[p]: [index[c] for c, w in parent.items() if w == p] for p in made}
    members: dict[str, set[int]] = {p: set() for p in names}
    atom = 0
    for bits in itertools.product((False, True), repeat=len(names)):
        if sum(bits[r] for r in roots) != 1:
            continue
        if any(bits[c] and not bits[w] for c, w in up):
            continue
        if any(bits[a] and bits[b] for a, b in apart):
            continue
        if any(bits[p] and not any(bits[c] for c in kids) for p, kids in parts.items()):
            continue
        for p, i in index.items():
            if bits[i]:
                members[p].add(atom)
        atom += 1
    return {p: frozenset(s) for p, s in members.items()}
