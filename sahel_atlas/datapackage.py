"""The dataset as a Frictionless Data Package: a Table Schema for every CSV of data/, built from the same
codebook vocabularies, required columns and patterns that loading.py enforces (one source of truth), so
that `frictionless validate data/datapackage.json` checks what the app checks, where a Table Schema can
say it. Rules a schema cannot express (points inside their country, spans at a site that follow each
other, regime periods without gaps) stay in loading.py.

`python -m sahel_atlas.datapackage` rewrites data/datapackage.json; a test fails when it is out of date.
"""

import json
import sys
from pathlib import Path

from .codebook import (
    ACTOR_COLUMNS,
    ACTOR_TYPES,
    CATEGORIES,
    COUNT_COLUMNS,
    DATE_PRECISIONS,
    EVENT_COLUMNS,
    GEO_PRECISIONS,
    OPERATION_COLUMNS,
    REGIME_COLUMNS,
    REGIMES,
    STRENGTH_COLUMNS,
    STRENGTH_KINDS,
)
from .loading import (
    ACTORS,
    EVENT_ID_PATTERN,
    EVENTS,
    OPERATIONS,
    REGIMES_FILE,
    REQUIRED,
    SITE_PATTERN,
    STRENGTH,
    WHOLE_NUMBER_PATTERN,
)

LICENCES = {
    "CC BY 4.0": {
        "name": "CC-BY-4.0",
        "title": "Creative Commons Attribution 4.0",
        "path": "https://creativecommons.org/licenses/by/4.0/",
    }
}
DESCRIPTIONS = {
    EVENTS: "One row per event: deployments, withdrawals, bases (spans), coups, attacks, agreements, diplomacy.",
    ACTORS: "The actors named in events.csv, with their type and country.",
    OPERATIONS: "The named operations and missions, with their lead actor.",
    REGIMES_FILE: "Each country's regime and leader, one row per leader period, 2012-2025.",
    STRENGTH: "Troop figures reported by sources, by force, scope and date.",
}
URL = r"https?://\S+"
URLS = rf"{URL}(?: {URL})*"
# column -> (Table Schema type, extra constraints); columns not listed are text
FIELDS = {
    "event_id": ("string", {"pattern": EVENT_ID_PATTERN.pattern}),
    "start_date": ("date", {}),
    "end_date": ("date", {}),
    "date": ("date", {}),
    "date_precision": ("string", {"enum": list(DATE_PRECISIONS)}),
    "category": ("string", {"enum": list(CATEGORIES)}),
    "geo_precision": ("string", {"enum": list(GEO_PRECISIONS)}),
    "site": ("string", {"pattern": SITE_PATTERN.pattern}),
    "latitude": ("number", {"minimum": -90, "maximum": 90}),
    "longitude": ("number", {"minimum": -180, "maximum": 180}),
    **{c: ("integer", {"minimum": 0, "maximum": 10 ** len("9" * 7) - 1}) for c in COUNT_COLUMNS},
    "regime": ("string", {"enum": list(REGIMES)}),
    "kind": ("string", {"enum": list(STRENGTH_KINDS)}),
    "type": ("string", {"enum": list(ACTOR_TYPES)}),
    "sources": ("string", {"pattern": URLS}),
    "source": ("string", {"pattern": URL}),
    "country": ("string", {"pattern": "[A-Z]{3}"}),
}
TABLES = {
    EVENTS: (EVENT_COLUMNS, "event_id", [("operation", OPERATIONS, "operation")]),
    ACTORS: (ACTOR_COLUMNS, "actor", []),
    OPERATIONS: (OPERATION_COLUMNS, "operation", []),
    REGIMES_FILE: (REGIME_COLUMNS, ["country", "start_date"], [("began_with", EVENTS, "event_id")]),
    STRENGTH: (STRENGTH_COLUMNS, None, [("force", ACTORS, "actor")]),
}
assert WHOLE_NUMBER_PATTERN.pattern == "[0-9]{1,7}"  # the integer maximum above says the same


def resource_name(filename: str) -> str:
    return filename.removesuffix(".csv").replace("_", "-")


def table_schema(filename: str, columns: tuple[str, ...] | None = None, foreign_keys: bool = True) -> dict:
    """The Table Schema of one CSV of data/ (`columns`: the file's columns, by default the codebook's);
    foreign keys to the other files only where `foreign_keys`."""
    all_columns, primary_key, references = TABLES[filename]
    fields = []
    for column in columns or all_columns:
        kind, constraints = FIELDS.get(column, ("string", {}))
        if column in REQUIRED[filename]:
            constraints = {"required": True, **constraints}
        fields.append({"name": column, "type": kind, **({"constraints": constraints} if constraints else {})})
    schema = {"fields": fields, "missingValues": [""]}
    if primary_key:
        schema["primaryKey"] = primary_key
    if foreign_keys and references:
        schema["foreignKeys"] = [
            {"fields": column, "reference": {"resource": resource_name(target), "fields": key}}
            for column, target, key in references
        ]
    return schema


def csv_resource(filename: str, description: str, schema: dict, encoding: str = "utf-8") -> dict:
    return {
        "name": resource_name(filename),
        "path": filename,
        "profile": "tabular-data-resource",
        "description": description,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": encoding,
        "schema": schema,
    }


def package_header(metadata: dict) -> dict:
    """Name, title, version and licence of the package, from data/dataset.json."""
    licence = LICENCES.get(metadata["licence"], {"name": metadata["licence"], "title": metadata["licence"]})
    return {
        "profile": "tabular-data-package",
        "name": "sahel-atlas",
        "title": metadata["title"],
        "version": metadata["version"],
        "created": f"{metadata['released']}T00:00:00Z",
        "licenses": [licence],
    }


def descriptor(metadata: dict) -> dict:
    """The Data Package descriptor of data/: every CSV with its Table Schema and foreign keys."""
    resources = [csv_resource(name, DESCRIPTIONS[name], table_schema(name)) for name in TABLES]
    return {**package_header(metadata), "resources": resources}


def selection_descriptor(metadata: dict, selection: str) -> dict:
    """The descriptor of a download bundle: the selected events (events.csv, written with a byte-order mark
    for Excel) without foreign keys, since the other tables are not in the bundle."""
    schema = table_schema(EVENTS, foreign_keys=False)
    resource = csv_resource(EVENTS, f"{DESCRIPTIONS[EVENTS]} Selection: {selection}", schema, "utf-8-sig")
    return {**package_header(metadata), "description": selection, "resources": [resource]}


def to_json(descriptor: dict) -> str:
    return json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n"


if __name__ == "__main__":
    data = Path(sys.argv[1] if len(sys.argv) > 1 else "data")
    meta = json.loads((data / "dataset.json").read_text(encoding="utf-8"))
    (data / "datapackage.json").write_text(to_json(descriptor(meta)), encoding="utf-8")
