"""The data package: locate it, read its tables, validate them, stamp its files.

- :mod:`.locate`: which package to read, by one rule for the library and the command line
  (argument, ``IDLIBSTATS_PACKAGE``, the nearest enclosing folder with a descriptor, the
  wheel's copy or the checkout) and its descriptor, with safe resource paths;
- :mod:`.read`: one loader per table, typed DataFrames with dtypes from the schema;
- :mod:`.validation`: the engine that checks a table against its descriptor, its checklist
  and the rules across tables (one small check per kind of rule);
- :mod:`.validate`: every table of a package, every problem (``idlibstats validate``);
- :mod:`.stamp`: record each CSV's ``bytes`` and ``hash`` (curators);
- :mod:`.schema`: Table Schema to pandas dtypes, the loaders' column tables;
- :mod:`.errors`: :class:`~idlibstats.datapackage.errors.DataPackageError`, the one error
  for data that does not fit.
"""
