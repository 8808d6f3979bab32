"""The JSON Schema of the article record (``saywho extract --format jsonl``, one a line),
generated from :mod:`saywho.model` so that it follows the dataclasses.

Not the store's tables (that is :mod:`saywho.store.schema`).  The record is what
``Article.to_dict`` writes, so the generator reads each class twice: the fields'
types (``model.fields_of``) give each key's type, and the keys a record has come from
serialising a sample: keys of a record built from defaults are required, keys that only
a record with every field filled in has (``text`` with ``--text``, ``warnings``) are
optional, and a key that is no field (``hash``) takes its type from the property's
return annotation.  A class serialised with ``to_list`` (``Skipped``) is an array of
its fields in order.  A type the mapping does not know raises: a new kind of field
must be mapped here, not skipped.

The schema ships as ``saywho/data/article.schema.json``; ``python -m saywho.schema_out
--write`` regenerates it and a test checks that regenerating changes nothing.
"""
from __future__ import annotations

import dataclasses
import inspect
import json
import types
import typing
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from . import model

SCHEMA_FILE = "article.schema.json"
DRAFT = "https://json-schema.org/draft/2020-12/schema"
_SCALARS: dict[type, str] = {str: "string", bool: "boolean", int: "integer", float: "number"}
_SAMPLES: dict[type, Any] = {str: "x", bool: True, int: 1, float: 0.5}


def _union_args(t: Any) -> tuple[Any, ...] | None:
    if typing.get_origin(t) in (typing.Union, types.UnionType):
        return typing.get_args(t)
    return None


def type_schema(t: Any, defs: dict[str, Any]) -> dict[str, Any]:
    """The JSON Schema of one field type; dataclasses go to ``defs`` and are referenced."""
    if t is Any:
        return {}
    if t is type(None):
        return {"type": "null"}
    if t in _SCALARS:
        return {"type": _SCALARS[t]}
    if dataclasses.is_dataclass(t) and isinstance(t, type):
        if t.__name__ not in defs:
            defs[t.__name__] = {}  # placeholder first: a recursive type must not loop
            defs[t.__name__] = record_schema(t, defs)
        return {"$ref": f"#/$defs/{t.__name__}"}
    args = _union_args(t)
    if args is not None:
        alts = [type_schema(a, defs) for a in args]
        if all(list(a) == ["type"] and isinstance(a["type"], str) for a in alts):
            return {"type": [a["type"] for a in alts]}  # str | None -> ["string", "null"]
        return {"anyOf": alts}
    origin, params = typing.get_origin(t), typing.get_args(t)
    if origin is Literal:
        kinds = {_SCALARS[type(v)] for v in params}
        return {"type": kinds.pop() if len(kinds) == 1 else sorted(kinds), "enum": list(params)}
    if origin is list:
        return {"type": "array", "items": type_schema(params[0], defs)}
    if origin is tuple:
        if len(params) == 2 and params[1] is Ellipsis:
            return {"type": "array", "items": type_schema(params[0], defs)}
        items = [type_schema(p, defs) for p in params]
        return {"type": "array", "prefixItems": items, "minItems": len(items), "maxItems": len(items)}
    if origin is dict and params and params[0] is str:
        return {"type": "object", "additionalProperties": type_schema(params[1], defs)}
    raise TypeError(f"no JSON Schema mapping for the type {t!r}: map it in saywho.schema_out")


def _sample_value(t: Any) -> Any:
    """A value of type ``t`` (non-empty, non-None), to serialise a filled-in record."""
    if t is Any:
        return "x"
    if t in _SAMPLES:
        return _SAMPLES[t]
    if dataclasses.is_dataclass(t) and isinstance(t, type):
        return _sample(t, full=True)
    args = _union_args(t)
    if args is not None:
        return _sample_value(next(a for a in args if a is not type(None)))
    origin, params = typing.get_origin(t), typing.get_args(t)
    if origin is Literal:
        return params[0]
    if origin is list:
        return [_sample_value(params[0])]
    if origin is tuple:
        return tuple(_sample_value(p) for p in params if p is not Ellipsis)
    if origin is dict:
        return {"x": _sample_value(params[1])}
    raise TypeError(f"no sample value for the type {t!r}: map it in saywho.schema_out")


def _sample(cls: type, full: bool) -> Any:
    """An instance of ``cls``: required fields only (``full`` off) or every field filled in."""
    need = model.required_fields(cls)
    return cls(**{name: _sample_value(t) for name, t in model.fields_of(cls).items() if full or name in need})


def _serialise(obj: Any, full: bool) -> Any:
    if hasattr(obj, "to_dict"):
        # every optional part of the record on (e.g. Article's include_text)
        kwargs = {p: True for p in inspect.signature(obj.to_dict).parameters if p.startswith("include_")}
        return obj.to_dict(**kwargs) if full else obj.to_dict()
    if hasattr(obj, "to_list"):
        return obj.to_list()
    return dataclasses.asdict(obj)


def _key_type(cls: type, key: str, fields: dict[str, Any]) -> Any:
    if key in fields:
        return fields[key]
    prop = getattr(cls, key, None)
    if isinstance(prop, property) and prop.fget is not None:
        return typing.get_type_hints(prop.fget, vars(model))["return"]
    raise TypeError(f"{cls.__name__}'s record has the key {key!r}, which is neither a field nor a property")


def record_schema(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    """The schema of one dataclass as its record: an object (``to_dict``) or an array (``to_list``)."""
    fields = model.fields_of(cls)
    doc = (cls.__doc__ or "").strip().split("\n\n")[0].replace("\n", " ") or cls.__name__
    if not hasattr(cls, "to_dict") and hasattr(cls, "to_list"):
        items = [dict(type_schema(t, defs), title=name) for name, t in fields.items()]
        return {"title": cls.__name__, "description": doc, "type": "array", "prefixItems": items,
                "minItems": len(model.required_fields(cls)), "maxItems": len(items)}
    minimal = _serialise(_sample(cls, full=False), full=False)
    full = _serialise(_sample(cls, full=True), full=True)
    props = {key: type_schema(_key_type(cls, key, fields), defs) for key in full}
    return {"title": cls.__name__, "description": doc, "type": "object", "properties": props,
            "required": [k for k in full if k in minimal], "additionalProperties": False}


def article_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one article record, from :mod:`saywho.model`."""
    defs: dict[str, Any] = {}
    top = record_schema(model.Article, defs)
    return {"$schema": DRAFT, **top, "title": "saywho article record",
            "description": "One article as `saywho extract --format jsonl` writes it (one a line): "
                           + top["description"],
            "$defs": dict(sorted(defs.items()))}


def render() -> str:
    """The schema as the shipped file's text."""
    return json.dumps(article_schema(), indent=2, ensure_ascii=False) + "\n"


def shipped() -> str:
    """The schema file shipped in the package (``saywho/data/article.schema.json``)."""
    return resources.files("saywho").joinpath("data", SCHEMA_FILE).read_text(encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """``python -m saywho.schema_out [--write]``: print the generated schema, or write the shipped file."""
    import sys

    args = sys.argv[1:] if argv is None else argv
    if args == ["--write"]:
        path = Path(__file__).parent / "data" / SCHEMA_FILE
        path.parent.mkdir(exist_ok=True)
        path.write_text(render(), encoding="utf-8")
        print(f"wrote {path}")
        return 0
    sys.stdout.write(render())
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
