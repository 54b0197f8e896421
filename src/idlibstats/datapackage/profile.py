"""The strict descriptor profile: what idlibstats implements of Data Package v2, and nothing else.

Every descriptor read (:func:`idlibstats.datapackage.locate.open_package`) is checked, with
``jsonschema``, against two JSON Schemas kept in ``profiles/`` beside this module (data, so
the wheel carries them and nothing is fetched at run time):

- ``datapackage-2.0.json``: the official Data Package v2 profile, unedited (copied from the
  ``dplib-py`` 1.1.0 wheel, which bundles the profiles published at
  ``https://datapackage.org/profiles/``; MIT licence, Open Knowledge Foundation; sha256 in
  ``tests/datapackage/test_descriptor.py``);
- ``idlibstats.json``: the subset idlibstats implements. Resources, dialects, schemas, fields
  and constraints are closed: a key left out there (``commentChar``, ``uniqueKeys``, a string
  ``format`` other than ``email`` or ``uri``...) is refused by name, because the engine would
  otherwise ignore it and accept what frictionless rejects.

Then every ``pattern`` must be in the portable subset
(:func:`idlibstats.datapackage.patterns.portability_problems`). The first problem
is raised as one :class:`~idlibstats.datapackage.errors.DataPackageError`. ``jsonschema`` is
imported on the first check, never by ``import idlibstats``; a descriptor already checked
(the same text) is not checked again.
"""

from __future__ import annotations

import functools
import json
import sys
from importlib import resources
from typing import Any

from idlibstats.datapackage.errors import DataPackageError

__all__ = ["descriptor_problem", "unsupported"]

DESCRIPTOR = "datapackage.json"
PROFILES = ("idlibstats.json", "datapackage-2.0.json")  # the subset first: its words are plainer


def _jsonschema() -> Any:
    """Import ``jsonschema`` without its IRI format checker (``rfc3987_syntax``).

    When ``rfc3987_syntax`` is installed (Jupyter's dependencies bring it), ``import
    jsonschema`` compiles its grammar: 1.4 s, ten times the rest of a CLI run, for a format
    no profile here uses. ``jsonschema`` imports it under ``suppress(ImportError)``, so it is
    hidden for that one import (and only when nothing imported it before); the entry is
    removed after, and a later ``import rfc3987_syntax`` works as usual.
    """
    hide = "rfc3987_syntax" not in sys.modules
    if hide:
        sys.modules["rfc3987_syntax"] = None  # type: ignore[assignment]
    try:
        import jsonschema
    finally:
        if hide and sys.modules.get("rfc3987_syntax", 0) is None:
            del sys.modules["rfc3987_syntax"]
    return jsonschema


#: The array items (resources, fields...) already checked without an error, by the subschema
#: they were checked against and their JSON text: ``(id(subschema), text) -> subschema``.
_VALID_ITEMS: dict[tuple[int, str], Any] = {}
_VALID_ITEMS_MOST = 4096


def _items_remembering_the_valid(draft7_items: Any) -> Any:
    """Return Draft 7's ``items`` (``draft7_items``), not checking again an item found valid.

    Whether an item fits a subschema depends on the item alone (Draft 7 has no keyword that
    looks outside it), so a resource or field whose JSON is unchanged since an earlier check
    (a descriptor re-stamped: only one resource's ``bytes`` and ``hash`` differ; a field
    edited: the other resources are as they were) yields no error again, without its
    ``oneOf`` of every field type being tried. Only the absence of errors is remembered:
    an item with errors is checked every time, so every error and message is the one the
    full check gives. The subschema is kept with its key, so its ``id`` is never reused.
    """

    def items_keyword(validator: Any, items: Any, instance: Any, schema: Any) -> Any:
        if validator.is_type(items, "array") or not validator.is_type(instance, "array"):
            yield from draft7_items(validator, items, instance, schema)
            return
        for index, item in enumerate(instance):
            key = (id(items), json.dumps(item, sort_keys=True))
            if _VALID_ITEMS.get(key) is items:
                continue
            found = False
            for error in validator.descend(item, items, path=index):
                found = True
                yield error
            if not found:  # the whole item was checked (a caller that stops early never gets here)
                if len(_VALID_ITEMS) >= _VALID_ITEMS_MOST:
                    _VALID_ITEMS.clear()
                _VALID_ITEMS[key] = items

    return items_keyword


@functools.cache
def _validators() -> tuple[Any, ...]:
    jsonschema = _jsonschema()

    draft7 = jsonschema.Draft7Validator
    validator_class = jsonschema.validators.extend(
        draft7, {"items": _items_remembering_the_valid(draft7.VALIDATORS["items"])})
    folder = resources.files("idlibstats.datapackage") / "profiles"
    out = []
    for name in PROFILES:
        schema = json.loads((folder / name).read_text(encoding="utf-8"))
        out.append(validator_class(
            schema, format_checker=jsonschema.FormatChecker(formats=["date"])))
    return tuple(out)


def _where(path: Any, descriptor: Any) -> str:
    """Word a JSON path as the resource, field and key it points to."""
    parts, node = [], descriptor
    for step in path:
        if isinstance(step, int):
            item = node[step] if isinstance(node, list) and step < len(node) else None
            name = item.get("name") if isinstance(item, dict) else None
            last = parts[-1] if parts else ""
            kind = {"resources": "resource", "fields": "field"}.get(last)
            if kind is None:
                parts[-1:] = [f"{last}[{step}]"]
            else:
                parts[-1:] = [f"{kind} {name if isinstance(name, str) and name else step + 1}"]
        else:
            parts.append(str(step))
        node = node[step] if isinstance(node, dict | list) else None
    return ".".join(parts).replace(".resource ", ", resource ").replace(".field ", ", field ")


def unsupported(key: str, where: str) -> str:
    """Say that ``key`` is a Data Package key idlibstats does not implement."""
    at = f" ({where})" if where else ""
    return (f"`{key}`{at} is not supported by idlibstats; remove it, or validate this "
            "package with frictionless")


def _code(path: list[Any]) -> str:
    """Return frictionless's code for a problem at ``path``: the innermost object it is in."""
    for key, code in (("fields", "field-error"), ("schema", "schema-error"),
                      ("dialect", "dialect-error"), ("resources", "resource-error")):
        if key in path:
            return code
    return "package-error"


def _message(error: Any, descriptor: Any) -> str:
    where = _where(list(error.absolute_path), descriptor)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = set(error.schema.get("properties", {}))
        extra = sorted(k for k in error.instance if k not in allowed)
        if extra:
            return unsupported(extra[0], where)
    if error.schema is False:  # a key the subset closes for this object (or this type)
        node: Any = descriptor
        for step in error.absolute_path:
            node = node[step]
        keys = [k for k, v in node.items() if v is error.instance] if isinstance(node,
                                                                                 dict) else []
        return unsupported(keys[0] if keys else "a key", where)
    if error.validator in ("const", "enum", "not") and error.absolute_path:
        value = json.dumps(error.instance, ensure_ascii=False)[:60]
        parent = where.rsplit(".", 1)[0] if "." in where else ""
        return unsupported(f"{error.absolute_path[-1]}: {value}", parent)
    return f"{where or 'the descriptor'}: {error.message[:200]}"


def _pattern_problem(descriptor: dict[str, Any]) -> str | None:
    from idlibstats.datapackage.patterns import portability_problems

    for resource in descriptor["resources"]:
        for field in resource["schema"]["fields"]:
            pattern = field.get("constraints", {}).get("pattern")
            if pattern is None:
                continue
            problems = portability_problems(pattern) or _re2_problems(pattern)
            if problems:
                return (f"resource {resource['name']}, field {field['name']}: pattern "
                        f"{pattern!r} is outside the portable subset idlibstats checks "
                        f"alike with frictionless: {problems[0]}; write it with explicit "
                        "classes (README, 'Patterns')")
    return None


def _re2_problems(pattern: str) -> list[str]:
    """Return why RE2 (the engine's regex kernels) cannot compile ``pattern``, if it cannot."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from idlibstats.datapackage.validation.types import anchored

    try:
        pc.match_substring_regex(pa.array([""], pa.string()), anchored(pattern))
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as exc:
        return [f"it cannot be compiled by RE2 ({str(exc).splitlines()[0][:120]})"]
    return []


def _metadata_problem(descriptor: dict[str, Any]) -> str | None:
    """Return what frictionless refuses in the package's metadata beyond the profiles."""
    import datetime
    import re

    from idlibstats.datapackage.validation.types import EMAIL

    created = descriptor.get("created")
    if isinstance(created, str):
        try:
            datetime.datetime.fromisoformat(created.replace("Z", "+00:00"))
        except ValueError:
            return f"created: {created!r} is not a date and time (ISO 8601)"
    for key in ("contributors", "sources"):
        for item in descriptor.get(key) or []:
            email = item.get("email") if isinstance(item, dict) else None
            if email and (not isinstance(email, str) or not re.fullmatch(EMAIL, email)):
                return f"{key}[].email: {email!r} is not an email address"
    return None


@functools.lru_cache(maxsize=16)
def _problem_of(text: str) -> tuple[str, str] | None:
    """Return the first problem of a descriptor, and its code; None if there is none."""
    descriptor = json.loads(text)
    for validator in _validators():
        errors = sorted(validator.iter_errors(descriptor),
                        key=lambda e: (list(map(str, e.absolute_path)), str(e.validator)))
        if errors:
            best = min(errors, key=lambda e: -len(e.absolute_path))
            while best.context:  # oneOf / anyOf: the branch that got furthest says why
                best = max(best.context, key=lambda e: len(e.absolute_path))
            return _message(best, descriptor), _code(list(best.absolute_path))
    metadata = _metadata_problem(descriptor)
    if metadata:
        return metadata, "package-error"
    pattern = _pattern_problem(descriptor)
    return None if pattern is None else (pattern, "field-error")


def descriptor_problem(text: str) -> DataPackageError | None:
    """Return the first problem of a descriptor's JSON text under the strict profile, or None.

    Parameters
    ----------
    text : str
        The content of ``datapackage.json`` (already known to be a JSON object).

    Returns
    -------
    DataPackageError or None
        One error naming ``datapackage.json`` and, in words, the resource, field and key;
        its code is frictionless's for the object at fault (``package-error``,
        ``resource-error``, ``dialect-error``, ``schema-error``, ``field-error``).
    """
    problem = _problem_of(text)
    return None if problem is None else DataPackageError(problem[0], file=DESCRIPTOR,
                                                         code=problem[1])
