"""Downloads: exactly the rows shown, in the columns of data/events.csv, with a metadata sidecar.

The CSV stays plain for spreadsheets; what it is (dataset version, selection, export time) travels in
its companion JSON file and inside the GeoJSON, and the version is in every file name.

CSV files start with a UTF-8 byte-order mark, which is how Excel (Windows and Mac, any locale) knows the
file is UTF-8 — without it Excel shows 'MÃ©naka'. After the mark the bytes are exactly those of
data/events.csv: comma-separated, '\n' line ends. pandas reads them with `encoding="utf-8-sig"` (its
default 'utf-8' also skips the mark), R's readr skips it, Python's csv module needs 'utf-8-sig'.
Values are never altered: a cell starting with '=', '+', '-' or '@' (a negative longitude) stays as it
is, since prefixing a quote (OWASP's advice against formula injection) would change the data for
pandas and R users; a test keeps formula-like text out of data/.

Excel set to a French (or other ';'-separating) locale splits a double-clicked CSV on ';', not ','. For
spreadsheet users the same rows are also offered as an .xlsx workbook (openpyxl), which opens in every
locale; every cell is written as a text cell, so none can run as a formula.
"""

import io
import json
import zipfile
from datetime import date, datetime

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING

from .codebook import COUNT_COLUMNS, EVENT_COLUMNS
from .summary import bases_active_on, operations_on, regime_periods_on


def as_records(events: pd.DataFrame) -> pd.DataFrame:
    """The events back in their CSV form: ISO dates, empty for unknown (and for the end of a span still
    running), the original columns only."""
    out = events[list(EVENT_COLUMNS)].copy()
    for column in ("start_date", "end_date"):
        out[column] = out[column].dt.strftime("%Y-%m-%d").fillna("")
    out.loc[events["ongoing"], "end_date"] = ""  # still running at the cut-off, as in the file
    for column in COUNT_COLUMNS:
        out[column] = out[column].astype("string").fillna("")
    for column in ("latitude", "longitude"):
        out[column] = out[column].map(repr)
    return out.astype(str)


BOM = "\ufeff"


def csv_bytes(table: pd.DataFrame) -> bytes:
    """`table` as CSV: a UTF-8 byte-order mark, a header, comma-separated, '\n' line ends, no index."""
    return (BOM + table.to_csv(index=False, lineterminator="\n")).encode("utf-8")


def to_csv_bytes(events: pd.DataFrame, headers: dict[str, str] | None = None) -> bytes:
    """The rows as CSV; `headers` (column -> header) renames the header line only, e.g. to the reader's
    language; by default the dataset's column names, for scripts."""
    return csv_bytes(as_records(events).rename(columns=headers or {}))


def xlsx_bytes(table: pd.DataFrame, sheet: str, created: datetime, about: dict | None = None) -> bytes:
    """`table` as an Excel workbook of one sheet: a header row, then every value as a text cell (never a
    formula, whatever it starts with). `created` is stored as the file's creation and modification time,
    so the same rows give the same bytes."""
    book = Workbook()
    book.properties.created = book.properties.modified = created.replace(tzinfo=None)
    page = book.active
    page.title = sheet
    for row in [list(table.columns), *table.astype(str).itertuples(index=False)]:
        page.append(list(row))
    if about:  # a second sheet: what the rows are (field, value)
        page = book.create_sheet("metadata")
        for key, value in about.items():
            page.append([key, ", ".join(value) if isinstance(value, list) else str(value)])
    for cells in (cell for sheet_ in book.worksheets for cell in sheet_.iter_rows()):
        for cell in cells:
            cell.data_type = TYPE_STRING
    out = io.BytesIO()
    book.save(out)
    with zipfile.ZipFile(out) as saved:  # openpyxl stamps each part with the clock: restamp with `created`
        parts = {name: saved.read(name) for name in saved.namelist()}
    return zip_bytes(parts, created)


def zip_bytes(files: dict[str, bytes], stamp: datetime) -> bytes:
    """A deflated ZIP of `files` (name -> content, in order), every entry dated `stamp` (to the 2 s a ZIP
    records), so the same files and stamp give the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=stamp.timetuple()[:6]), content, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def to_xlsx_bytes(events: pd.DataFrame, snapshot: dict, created: datetime) -> bytes:
    """The rows on a sheet "events", and the snapshot's metadata (version, selection, link, licence,
    citation, export time) on a sheet "metadata"."""
    return xlsx_bytes(as_records(events), "events", created, snapshot)


def snapshot_metadata(
    metadata: dict, selection: str, view_query: str, rows: int, exported_at: datetime, link: str, citation: str
) -> dict:
    """What a downloaded file is: dataset, version, licence, selection, the view's link and query, how to
    cite it, when."""
    return {
        "dataset": metadata["title"],
        "version": metadata["version"],
        "cutoff": metadata["cutoff"],
        "licence": metadata["licence"],
        "selection": selection,
        "view_query": view_query,
        "link": link,
        "citation": citation,
        "rows": rows,
        "columns": list(EVENT_COLUMNS),
        "data_dictionary": "data/README.md",
        "exported_at": exported_at.isoformat(timespec="seconds"),
    }


def to_metadata_bytes(snapshot: dict) -> bytes:
    return (json.dumps(snapshot, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def to_geojson_bytes(events: pd.DataFrame, snapshot: dict) -> bytes:
    records = as_records(events)
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [float(r["longitude"]), float(r["latitude"])]},
            "properties": {k: v for k, v in r.items() if k not in ("latitude", "longitude")},
        }
        for r in records.to_dict("records")
    ]
    collection = {"type": "FeatureCollection", "metadata": snapshot, "features": features}
    return json.dumps(collection, ensure_ascii=False, indent=1).encode("utf-8")


SNAPSHOT_COLUMNS = ("as_of", "kind", "name", "held_by", "country", "since", "until", "event_id", "sources")


def as_of_snapshot(events: pd.DataFrame, regimes: pd.DataFrame, day: date) -> pd.DataFrame:
    """What was in place on `day`: bases held, operations under way, each country's regime."""

    def iso(value) -> str:
        return "" if pd.isna(value) else value.date().isoformat()

    rows = [
        (
            day.isoformat(),
            kind,
            e["operation"] if kind == "operation" and e["operation"] else e["location"],
            e["actor_list"][0],
            e["country_list"][0],
            iso(e["start_date"]),
            iso(e["end_date"]),
            e["event_id"],
            e["sources"],
        )
        for kind, frame in (("base", bases_active_on(events, day)), ("operation", operations_on(events, day)))
        for _, e in frame.iterrows()
    ]
    rows += [
        (
            day.isoformat(),
            "regime",
            r["regime"],
            r["leader"],
            r["country"],
            iso(r["start_date"]),
            iso(r["end_date"]),
            r["began_with"],
            r["sources"],
        )
        for _, r in regime_periods_on(regimes, day).iterrows()
    ]
    return pd.DataFrame(rows, columns=list(SNAPSHOT_COLUMNS))


def as_of_snapshot_csv(events: pd.DataFrame, regimes: pd.DataFrame, day: date) -> bytes:
    return csv_bytes(as_of_snapshot(events, regimes, day))


LICENCE_TEXT = """The data in this bundle (events.csv, events.geojson) is published by Sahel Atlas under the
licence {licence} ({url}): you may share and adapt it, for any purpose, if you give appropriate credit,
link to the licence and say whether you changed it. Credit it as follows:

{citation}

Each event lists its own sources; their texts belong to their publishers.
"""
README_TEXT = """{dataset}
Version {version}, cut-off {cutoff}, exported {exported_at}.

Selection: {selection} ({rows} events)
View: {link}

Files: events.csv (the selected rows, in the columns of the dataset's events.csv; UTF-8 with a byte-order
mark), events.geojson (the same rows as points), datapackage.json (Frictionless Data Package: the Table
Schema of events.csv; validate with `frictionless validate datapackage.json`), metadata.json, LICENSE.txt.

Cite: {citation}
"""


def to_bundle_bytes(events: pd.DataFrame, snapshot: dict, descriptor: dict, licence_url: str) -> bytes:
    """A ZIP of the rows shown: CSV, GeoJSON, the Data Package descriptor (`descriptor`, whose resource is
    events.csv), the metadata, a README and the licence. Entries carry the export time, so the same view
    exported at the same second gives the same bytes."""
    files = {
        "events.csv": to_csv_bytes(events),
        "events.geojson": to_geojson_bytes(events, snapshot),
        "datapackage.json": (json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n").encode("utf-8"),
        "metadata.json": to_metadata_bytes(snapshot),
        "README.txt": README_TEXT.format(**snapshot).encode("utf-8"),
        "LICENSE.txt": LICENCE_TEXT.format(url=licence_url, **snapshot).encode("utf-8"),
    }
    return zip_bytes(files, datetime.fromisoformat(snapshot["exported_at"]))
