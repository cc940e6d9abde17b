"""Turn pydantic validation errors into findings with field paths and lines."""

from __future__ import annotations

import datetime
from typing import Any

from pydantic import BaseModel, ValidationError

from .findings import FieldPath, Finding, did_you_mean, field_name, one_of
from .located_yaml import Located

_TYPE_WORDS: dict[str, str] = {
    "string_type": "text",
    "list_type": "a list",
    "dict_type": "a mapping of fields",
    "model_type": "a mapping of fields",
    "model_attributes_type": "a mapping of fields",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "finite_number": "an ordinary number, not infinity or NaN",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "date_type": "a date like 2026-11-20",
    "date_parsing": "a date like 2026-11-20",
    "date_from_datetime_parsing": "a date like 2026-11-20",
    "date_from_datetime_inexact": "a date like 2026-11-20",
    "datetime_type": "a date like 2026-11-20",
    "datetime_parsing": "a date like 2026-11-20",
    "datetime_from_date_parsing": "a date like 2026-11-20",
    "string_too_short": "text, not an empty value",
    "too_short": "at least one entry",
}
# What each pattern in the schemas means, in words.
_PATTERN_WORDS: dict[str, str] = {
    r"^https?://\S+$": "an http:// or https:// address",
    r"^[a-z0-9][a-z0-9-]*$": "lower-case letters, digits and hyphens, like ods-magnesium",
}
_BOUND_WORDS: dict[str, str] = {
    "greater_than": "a number above {gt}",
    "greater_than_equal": "a number of at least {ge}",
    "less_than": "a number below {lt}",
    "less_than_equal": "a number no more than {le}",
}


def describe(value: Any) -> str:
    """Show a found value the way the writer typed it."""
    if value is True or value is False:
        return "true" if value else "false"
    if value is None:
        return "nothing"
    if isinstance(value, (datetime.date, int, float)):
        return str(value)
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return repr(value)


def model_findings(
    exc: ValidationError,
    path: str,
    located: Located,
    model: type[BaseModel],
    prefix: FieldPath = (),
) -> list[Finding]:
    """Convert every error in `exc` to a finding; `prefix` is where the model sits."""
    findings = []
    for error in exc.errors(include_url=False):
        inner, allowed = _walk(model, tuple(error["loc"])[:-1])
        loc: FieldPath = prefix + inner + tuple(error["loc"])[-1:]
        kind = error["type"]
        value = error.get("input")
        if kind == "extra_forbidden":
            key = str(loc[-1])
            expected = f"expected one of {one_of(allowed)}{did_you_mean(key, allowed)}" if allowed else "remove it"
            if error.get("input") is None:
                # `{food: spinach, boiled}`: an unquoted comma inside { } starts a new field.
                expected += "; if it belongs to the value before it, put that value in quotes"
            findings.append(Finding(path, located.line_of(loc), field_name(loc), f"unknown field {key!r}", expected))
            continue
        if kind == "missing":
            findings.append(
                Finding(path, located.line_of(loc[:-1]), field_name(loc), "nothing", f"{loc[-1]} is required")
            )
            continue
        found = describe(value)
        if kind == "union_tag_invalid":
            tag, tags = str(error["ctx"]["tag"]), str(error["ctx"]["expected_tags"]).replace("'", "").split(", ")
            loc = loc + (error["ctx"]["discriminator"].strip("'"),)
            expected = f"expected {one_of(tags)}{did_you_mean(tag, tags)}"
            findings.append(Finding(path, located.line_of(loc), field_name(loc), repr(tag), expected))
            continue
        if kind == "union_tag_not_found":
            loc = loc + (error["ctx"]["discriminator"].strip("'"),)
            findings.append(Finding(path, located.line_of(loc[:-1]), field_name(loc), "nothing", f"{loc[-1]} is required"))
            continue
        if kind == "literal_error":
            choices = error.get("ctx", {}).get("expected", "")
            expected = f"expected {choices}"
        elif kind == "string_pattern_mismatch":
            pattern = error.get("ctx", {}).get("pattern", "")
            expected = f"expected {_PATTERN_WORDS.get(pattern, 'text matching ' + pattern)}"
        elif kind in ("too_short", "too_long") and isinstance(value, list):
            # A list with a size of its own (rows: at least one; key_points: three to five): say how many.
            ctx = error.get("ctx", {})
            found = f"{len(value)} item{'s' * (len(value) != 1)}"
            bound = f"at least {ctx.get('min_length')}" if kind == "too_short" else f"at most {ctx.get('max_length')}"
            expected = f"expected {bound} item{'s' * (bound != 'at least 1' and bound != 'at most 1')}"
            if kind == "too_short" and ctx.get("min_length") == 1:
                expected = f"expected {_TYPE_WORDS['too_short']}"
        elif kind in _BOUND_WORDS:
            bounds = {k: describe(int(v) if float(v).is_integer() else v) for k, v in error.get("ctx", {}).items()}
            expected = "expected " + _BOUND_WORDS[kind].format(**bounds)
        elif kind in _TYPE_WORDS:
            expected = f"expected {_TYPE_WORDS[kind]}"
            if isinstance(value, bool) and _TYPE_WORDS[kind] == "text":
                expected += " (YAML reads unquoted yes/no/on/off as true/false: put the text in quotes)"
        else:
            expected = f"expected {error['msg'][0].lower()}{error['msg'][1:]}"
        findings.append(Finding(path, located.line_of(loc), field_name(loc), found, expected))
    return findings


def _walk(model: type[BaseModel], loc: tuple[Any, ...]) -> tuple[FieldPath, list[str]]:
    """Follow `loc` through nested models; return it without union tags, and the fields allowed at its end."""
    candidates: list[Any] = [model]
    shown: list[str | int] = []
    for part in loc:
        if isinstance(part, int):
            shown.append(part)
            continue
        with_field = [m for m in candidates if part in m.model_fields]
        if with_field:
            shown.append(part)
            candidates = [inner for m in with_field for inner in _inner_models(m.model_fields[part].annotation)]
        elif any(part in _tags(m) for m in candidates):  # `supplement` in doses[1].supplement.rows
            candidates = [m for m in candidates if part in _tags(m)]
        else:
            shown.append(part)
            candidates = []
    names: list[str] = []
    for m in candidates:
        names += [n for n in m.model_fields if n not in names]
    return tuple(shown), names


def _inner_models(annotation: Any) -> list[Any]:
    """Find every BaseModel inside `list[X]`, `X | Y | None` and the like."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in getattr(annotation, "__args__", ()) for m in _inner_models(arg)]


def _tags(model: Any) -> tuple[Any, ...]:
    """Return the literal values of a model's discriminator field, if it has one."""
    kind = model.model_fields.get("kind")
    return getattr(kind.annotation, "__args__", ()) if kind else ()
