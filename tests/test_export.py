import io
import json
import re
import zipfile
from datetime import UTC, date, datetime

import pandas as pd
from openpyxl import load_workbook

from sahel_atlas.codebook import EVENT_COLUMNS
from sahel_atlas.export import (
    as_of_snapshot,
    as_of_snapshot_csv,
    as_records,
    snapshot_metadata,
    to_csv_bytes,
    to_geojson_bytes,
    to_metadata_bytes,
    to_xlsx_bytes,
    xlsx_bytes,
)
from sahel_atlas.i18n import COLUMN_LABELS
from sahel_atlas.loading import load_dataset
from tests.conftest import FIXTURES, ROOT

BOM = b"\xef\xbb\xbf"


def test_csv_of_all_rows_is_the_source_file(fixture_dataset):
    """Exporting everything reproduces data/events.csv byte for byte after the byte-order mark (rows sorted
    by date, as there)."""
    assert to_csv_bytes(fixture_dataset.events) == BOM + (FIXTURES / "events.csv").read_bytes()


def test_csv_opens_in_excel_and_round_trips_in_pandas(fixture_dataset):
    """Excel reads UTF-8 only after a byte-order mark (else 'MÃ©naka'); pandas reads the rows back exactly."""
    events = fixture_dataset.events
    content = to_csv_bytes(events)
    assert content.startswith(BOM + b"event_id,") and content.count(BOM) == 1
    assert "Ménaka".encode() in content and "Ménaka".encode("cp1252") not in content
    back = pd.read_csv(io.BytesIO(content), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    pd.testing.assert_frame_equal(back, as_records(events).reset_index(drop=True))
    snapshot = as_of_snapshot_csv(events, fixture_dataset.regimes, date(2014, 1, 1))
    assert snapshot.startswith(BOM + b"as_of,kind,") and snapshot.count(BOM) == 1
    back = pd.read_csv(io.BytesIO(snapshot), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    expected = as_of_snapshot(events, fixture_dataset.regimes, date(2014, 1, 1))
    pd.testing.assert_frame_equal(back, expected.astype(str))


def test_xlsx_holds_the_rows_as_text_cells(fixture_dataset):
    """The workbook opens in Excel whatever its locale's separator; every value is a text cell, exact."""
    created = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)
    content = to_xlsx_bytes(fixture_dataset.events, SNAPSHOT, created)
    assert content == to_xlsx_bytes(fixture_dataset.events, SNAPSHOT, created)  # same rows, same bytes
    with zipfile.ZipFile(io.BytesIO(content)) as parts:  # not the clock's second, which made the above flaky
        assert {part.date_time for part in parts.infolist()} == {(2026, 11, 26, 9, 30, 0)}
    book = load_workbook(io.BytesIO(content))
    assert book.sheetnames == ["events", "metadata"]
    about = {key: value for key, value in book["metadata"].iter_rows(values_only=True)}
    assert about == SNAPSHOT  # version, selection, link, citation … travel with the rows
    sheet = book["events"]
    rows = [[cell.value or "" for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == list(EVENT_COLUMNS)
    assert rows[1:] == as_records(fixture_dataset.events).to_numpy().tolist()
    assert {cell.data_type for row in sheet.iter_rows() for cell in row if cell.value} == {"s"}


def test_xlsx_never_writes_a_formula():
    """OWASP's CSV-injection starters (=, +, -, @) stay text in the workbook, unchanged."""
    hostile = pd.DataFrame({"title": ['=HYPERLINK("http://evil.invalid","x")', "+1+1", "-2+3", "@SUM(A1)"]})
    sheet = load_workbook(io.BytesIO(xlsx_bytes(hostile, "t", datetime(2026, 1, 1, tzinfo=UTC)))).active
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert [(c.value, c.data_type) for c in cells] == [(v, "s") for v in hostile["title"]]


def test_no_shipped_cell_opens_as_a_formula_in_a_spreadsheet(known_countries):
    """The CSV keeps values exact, so no cell of data/ may start like a spreadsheet formula (=, +, -, @, tab,
    carriage return) unless it is a number (a negative longitude)."""
    events = load_dataset(ROOT / "data", known_countries).events
    cells = as_records(events).to_numpy().ravel()
    formulas = [c for c in cells if re.match(r"[=+\-@\t\r]", c) and not re.fullmatch(r"-?\d+(\.\d+)?", c)]
    assert formulas == []


def test_csv_of_a_selection_exact_bytes(fixture_dataset):
    events = fixture_dataset.events
    selected = events[events["category"].isin(["attack", "base"])]
    expected = (
        "\ufeffevent_id,start_date,end_date,date_precision,category,title,title_fr,description,description_fr,actors,"
        "operation,countries,location,site,latitude,longitude,geo_precision,fatalities,fatalities_low,fatalities_high,"
        "troops,sources,notes\n"
        "2013-02-01-fixture-base,2013-02-01,2022-08-15,month,base,Fixture base at Gao,,"
        '"Synthetic test row, not a fact.",,France,Barkhane,MLI,Gao,gao-fixture-base,16.27,-0.04,town,,,,,'
        "https://example.org/b https://example.org/c,\n"
        "2015-11-20-fixture-attack,2015-11-20,,day,attack,Fixture attack <b>bold</b> & co,,"
        "Synthetic <script>alert(1)</script> row.,,JNIM,,MLI,Ménaka,,15.92,2.4,town,22,20,27,,https://example.org/d,\n"
    )
    assert to_csv_bytes(selected) == expected.encode("utf-8")


def test_csv_of_nothing_is_the_header(fixture_dataset):
    header = (FIXTURES / "events.csv").read_bytes().split(b"\n")[0]
    assert to_csv_bytes(fixture_dataset.events.iloc[0:0]) == BOM + header + b"\n"


SNAPSHOT = {
    "selection": "All attack events.",
    "version": "0.2.0",
    "link": "http://localhost/Data?category=attack",
    "citation": "Sahel Atlas (2026). =cmd| not a formula",
}


def test_snapshot_metadata(fixture_dataset):
    exported = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)
    snapshot = snapshot_metadata(
        fixture_dataset.metadata, "All events.", "category=attack", 1, exported, "http://h/Data?x=1", "Cite me."
    )
    assert json.loads(to_metadata_bytes(snapshot)) == {
        "dataset": fixture_dataset.metadata["title"],
        "version": "0.2.0",
        "cutoff": "2025-12-31",
        "licence": "CC BY 4.0",
        "selection": "All events.",
        "view_query": "category=attack",
        "link": "http://h/Data?x=1",
        "citation": "Cite me.",
        "rows": 1,
        "columns": list(EVENT_COLUMNS),
        "data_dictionary": "data/README.md",
        "exported_at": "2026-11-26T09:30:00+00:00",
    }


def test_geojson(fixture_dataset):
    events = fixture_dataset.events
    collection = json.loads(to_geojson_bytes(events[events["category"] == "attack"], SNAPSHOT))
    assert collection["metadata"] == SNAPSHOT
    [feature] = collection["features"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [2.4, 15.92]}
    assert feature["properties"]["location"] == "Ménaka"
    assert feature["properties"]["fatalities"] == "22"
    assert "latitude" not in feature["properties"]


def test_as_of_snapshot(fixture_dataset):
    snapshot = as_of_snapshot(fixture_dataset.events, fixture_dataset.regimes, date(2014, 1, 1))
    assert snapshot[["kind", "name", "held_by", "country", "since", "until"]].values.tolist() == [
        ["base", "Gao", "France", "MLI", "2013-02-01", "2022-08-15"],
        ["operation", "Serval", "France", "MLI", "2013-01-11", "2014-07-31"],
        ["regime", "civilian", "Fixture president", "MLI", "2012-01-01", "2020-08-17"],
    ]
    csv_text = as_of_snapshot_csv(fixture_dataset.events, fixture_dataset.regimes, date(2021, 1, 1)).decode("utf-8-sig")
    assert csv_text.splitlines()[0] == "as_of,kind,name,held_by,country,since,until,event_id,sources"
    assert "2021-01-01,regime,junta,Fixture colonel,MLI,2020-08-18,2025-12-31,2020-08-18-fixture-coup" in csv_text


def test_a_csv_with_the_readers_column_headers_keeps_the_rows(fixture_dataset):
    """French headers where the reader asks for them; the rows, and the default CSV's header, unchanged."""
    events = fixture_dataset.events
    french = to_csv_bytes(events, COLUMN_LABELS["fr"]).decode("utf-8-sig").split("\n", 1)
    default = to_csv_bytes(events).decode("utf-8-sig").split("\n", 1)
    assert french[0].startswith("identifiant,début,fin,précision de la date,catégorie,")
    assert "morts (estimation basse)" in french[0] and french[1] == default[1]
    assert default[0] == ",".join(EVENT_COLUMNS)
    assert to_csv_bytes(events, COLUMN_LABELS["en"]) == to_csv_bytes(events)
