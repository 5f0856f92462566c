"""Downloads: exactly the rows shown, in the columns of data/events.csv."""

import json

import pandas as pd

from .codebook import EVENT_COLUMNS


def as_records(events: pd.DataFrame) -> pd.DataFrame:
    """The events back in their CSV form: ISO dates, empty for unknown, the original columns only."""
    out = events[list(EVENT_COLUMNS)].copy()
    for column in ("start_date", "end_date"):
        out[column] = out[column].dt.strftime("%Y-%m-%d").fillna("")
    for column in ("fatalities", "troops"):
        out[column] = out[column].astype("string").fillna("")
    for column in ("latitude", "longitude"):
        out[column] = out[column].map(repr)
    return out.astype(str)


def to_csv_bytes(events: pd.DataFrame) -> bytes:
    return as_records(events).to_csv(index=False, lineterminator="\n").encode("utf-8")


def to_geojson_bytes(events: pd.DataFrame, description: str) -> bytes:
    records = as_records(events)
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [float(r["longitude"]), float(r["latitude"])]},
            "properties": {k: v for k, v in r.items() if k not in ("latitude", "longitude")},
        }
        for r in records.to_dict("records")
    ]
    collection = {"type": "FeatureCollection", "description": description, "features": features}
    return json.dumps(collection, ensure_ascii=False, indent=1).encode("utf-8")
