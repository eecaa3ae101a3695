"""The JSON Schemas of the record files, generated from the models so that they agree with
`check`: an editor (yaml-language-server) then flags what `check` would.

pydantic writes the types, required keys and vocabularies; this module adds what its validators
enforce and pydantic cannot see: the Chinese labels a vocabulary accepts beside its keys
(`category: 实际困难`), the patterns of codes, ids and issue numbers, text bounds, a number
written bare (`number: 42`), and for a history event the fields each action needs and may carry.
Each validator says what it enforces with `record.schema_keywords`, next to its code.
`scripts/make_schemas.py` writes the committed `schemas/`, `caseledger schemas [DIR]` writes
them into a ledger; tests/test_schemas.py fails on drift and holds the schemas to `check`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

DRAFT = "https://json-schema.org/draft/2020-12/schema"
FOLDER = "schemas"


def models() -> dict[str, tuple[type[Any], str]]:
    """Settings and every record kind declared in ledger.kinds, with the schema's title."""
    from ledger.kinds import KINDS
    from ledger.settings import Settings

    found: dict[str, tuple[type[Any], str]] = {"settings": (Settings, "caseledger settings (ledger.yaml)")}
    for name, kind in KINDS.items():
        file = f"<{kind.key}>.yaml" if kind.key != "id" else "<id>.yaml"
        where = f"{kind.folder}/<bucket>/{file}" if kind.bucketed else f"{kind.folder}/{file}"
        found[name] = (kind.model(), f"caseledger {name} ({where})")
    return found


def schemas() -> dict[str, str]:
    """File name → text of every schema, exactly as committed."""
    result: dict[str, str] = {}
    for kind, (model, title) in models().items():
        schema = model.model_json_schema(by_alias=True, mode="validation", schema_generator=_generator())
        document = {"$schema": DRAFT, "title": title, **{k: v for k, v in schema.items() if k != "title"}}
        result[f"{kind}.schema.json"] = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    return result


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema into `folder` (made when missing), atomically file by file."""
    from ledger.yamlio import atomic_write

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schemas().items():
        atomic_write(folder / name, text)
        written.append(folder / name)
    return written


def vocabulary(enum: Any) -> dict[str, Any]:
    """A vocabulary as a schema: its keys and every Chinese label it accepts."""
    keys = [member.value for member in enum]
    labels = [label for key in keys for label in enum.labels()[key] if label not in keys]
    return {
        "type": "string",
        "enum": keys + list(dict.fromkeys(labels)),
        "title": enum.__name__,
        "description": "A key, or its Chinese label (written back as the key).",
    }


# What pydantic reads as a bool, in any case, besides true and false.
_WORDS = ("yes", "no", "on", "off", "true", "false", "y", "n", "t", "f")
_BOOL_TEXT = "^(" + "|".join("".join(f"[{c}{c.upper()}]" for c in word) for word in _WORDS) + "|0|1)$"

_GENERATOR: Any = None


def _generator() -> Any:
    """pydantic's GenerateJsonSchema, taught the validators' keywords and the labels."""
    global _GENERATOR
    if _GENERATOR is None:
        from pydantic.json_schema import GenerateJsonSchema

        from ledger.enums import LabeledEnum

        class Generator(GenerateJsonSchema):
            def function_after_schema(self, schema: Any) -> Any:
                return _with(super().function_after_schema(schema), schema)

            def bool_schema(self, schema: Any) -> Any:
                # pydantic takes `yes`, `on`, `1` … for true (`check` too): the schema as well.
                return {
                    "anyOf": [
                        {"type": "boolean"},
                        {"type": "string", "pattern": _BOOL_TEXT},
                        {"enum": [0, 1]},
                    ]
                }

            def int_schema(self, schema: Any) -> Any:
                # …and a count written in quotes (`households: '412'`).
                generated = super().int_schema(schema)
                if generated.get("minimum", -1) < 0:
                    return generated
                return {"anyOf": [generated, {"type": "string", "pattern": r"^\s*\+?\d+(_\d+)*\s*$"}]}

            def function_before_schema(self, schema: Any) -> Any:
                owner = getattr(schema["function"]["function"], "__self__", None)
                if isinstance(owner, type) and issubclass(owner, LabeledEnum):  # enum.coerce
                    return vocabulary(owner)
                return _with(super().function_before_schema(schema), schema)

        _GENERATOR = Generator
    return _GENERATOR


def _with(generated: dict[str, Any], schema: Any) -> dict[str, Any]:
    keywords = getattr(schema["function"]["function"], "json_schema", None)
    if not keywords:
        return generated
    if "anyOf" in keywords:  # a wider input (a bare number for an id): the type is its own
        return {**{k: v for k, v in generated.items() if k != "type"}, **keywords}
    return {**generated, **keywords}
