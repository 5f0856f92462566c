import csv
import io
import random
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
import shapely

from sahel_atlas import loading
from sahel_atlas.codebook import EVENT_COLUMNS
from sahel_atlas.export import as_records
from sahel_atlas.loading import WARNING, Problem, load_dataset, split_list
from sahel_atlas.mapview import date_span
from sahel_atlas.summary import bases_active_on
from tests.conftest import FIXTURES

FIXTURE_EVENTS = {
    "2013-01-11-fixture-operation",
    "2013-02-01-fixture-base",
    "2015-11-20-fixture-attack",
    "2020-08-18-fixture-coup",
    "2023-06-30-fixture-agreement",
}
ATTACK = "2015-11-20-fixture-attack"  # line 4 of the fixture's events.csv


@pytest.fixture(scope="module")
def shapes(geography):
    return geography.country_shapes()


@pytest.fixture
def load(known_countries, shapes):
    """load_dataset as the app calls it: with the shipped country polygons."""
    return lambda data_dir: load_dataset(data_dir, known_countries, country_shapes=shapes)


def rewrite_cell(data_dir, filename, line, column, value):
    """Set one cell (line numbers as in an editor: the header is line 1)."""
    path = data_dir / filename
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows[line - 2][column] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def test_fixture_loads_clean_and_typed(fixture_dataset, load):
    events = fixture_dataset.events
    assert fixture_dataset.problems == []
    assert load(FIXTURES).problems == []
    assert len(events) == 5
    assert events["start_date"].dtype.kind == "M"
    assert pd.isna(events.loc[events["event_id"] == "2015-11-20-fixture-attack", "end_date"]).all()
    attack = events[events["event_id"] == "2015-11-20-fixture-attack"].iloc[0]
    assert (attack["fatalities"], attack["fatalities_low"], attack["fatalities_high"]) == (22, 20, 27)
    assert events.loc[events["event_id"] == "2023-06-30-fixture-agreement", "actor_list"].item() == (
        "MINUSMA",
        "France",
    )
    assert list(events["start_date"]) == sorted(events["start_date"])


# (file, line, column, bad value, words the rule's message must contain)
EVENT_RULES = [
    ("events.csv", 2, "event_id", "", "must not be empty"),
    ("events.csv", 2, "event_id", "2013-01-11-Bad_ID", "lowercase"),
    ("events.csv", 3, "event_id", "2013-01-11-fixture-operation", "duplicate of line 2"),
    ("events.csv", 2, "start_date", "2013-02-30", "real date"),
    ("events.csv", 2, "start_date", "11/01/2013", "real date"),
    ("events.csv", 2, "end_date", "2014-13-01", "empty or a real date"),
    ("events.csv", 2, "end_date", "2012-12-31", "not be before start_date"),
    ("events.csv", 4, "start_date", "2011-06-01", "must lie between 2012-01-01"),
    ("events.csv", 2, "start_date", "1959-06-01", "must lie between 1960-01-01"),
    ("events.csv", 2, "end_date", "2011-12-31", "must lie between 2012-01-01"),
    ("events.csv", 2, "end_date", "2026-03-01", "must lie between"),
    ("events.csv", 3, "start_date", "2013-02-14", "month precision"),
    ("events.csv", 2, "date_precision", "week", "must be one of"),
    ("events.csv", 2, "category", "battle", "must be one of"),
    ("events.csv", 2, "geo_precision", "city", "must be one of"),
    ("events.csv", 2, "title", " ", "must not be empty"),
    ("events.csv", 2, "actors", "France;Atlantis Corps", "unknown actor"),
    ("events.csv", 2, "countries", "MLI;XYZ", "unknown ISO 3166-1"),
    ("events.csv", 2, "latitude", "95.1", "between -90 and 90"),
    ("events.csv", 2, "longitude", "east", "between -180 and 180"),
    ("events.csv", 2, "fatalities", "-3", "whole number"),
    ("events.csv", 2, "troops", "about 4000", "whole number"),
    ("events.csv", 2, "sources", "ftp://example.org/a", "http(s)://"),
    ("events.csv", 2, "sources", "https://example.org/a,https://example.org/b", "http(s)://"),
    ("events.csv", 2, "sources", "https://example.org/a  https://example.org/b", "http(s)://"),
    ("events.csv", 2, "sources", "", "must not be empty"),
    ("events.csv", 2, "sources", "https://[example.org/a", "http(s)://"),
    ("events.csv", 3, "site", "Gao Base", "must be a slug"),
    ("events.csv", 3, "site", "", "a base needs a site"),
    ("events.csv", 3, "end_date", "", "a base is a span"),
    ("events.csv", 2, "operation", "Sentinelle", "unknown operation"),
    ("operations.csv", 2, "lead", "Atlantis Corps", "unknown actor"),
    ("operations.csv", 3, "description", "", "must not be empty"),
    ("regimes.csv", 2, "country", "XYZ", "unknown ISO 3166-1"),
    ("regimes.csv", 2, "start_date", "2012-13-01", "real date"),
    ("regimes.csv", 2, "end_date", "2011-12-31", "not be before start_date"),
    ("regimes.csv", 2, "regime", "monarchy", "must be one of"),
    ("regimes.csv", 3, "began_with", "2020-08-18-no-such-coup", "unknown event_id"),
    ("regimes.csv", 3, "start_date", "2020-08-19", "must be the start_date of its began_with event, 2020-08-18"),
    ("regimes.csv", 3, "sources", "https://example.org/r2  https://example.org/r3", "http(s)://"),
    ("regimes.csv", 3, "regime", "", "must not be empty"),
    ("troop_strength.csv", 2, "date", "2013-02", "real date"),
    ("troop_strength.csv", 2, "force", "Atlantis Corps", "unknown actor"),
    ("troop_strength.csv", 2, "troops", "about 4000", "whole number"),
    ("troop_strength.csv", 2, "kind", "rumoured", "must be one of"),
    ("troop_strength.csv", 2, "date_precision", "week", "must be one of"),
    ("troop_strength.csv", 2, "source", "ftp://example.org/s1", "one http(s):// URL"),
    ("troop_strength.csv", 2, "source", "http://[::1/s1", "one http(s):// URL"),
    ("actors.csv", 2, "type", "army", "must be one of"),
    ("actors.csv", 2, "country", "FRX", "unknown ISO 3166-1"),
    ("actors.csv", 3, "actor", "France", "duplicate of line 2"),
    # numbers: ASCII digits only (str.isdigit accepts '²' and full-width digits, then int() crashes)
    ("events.csv", 4, "fatalities", "²", "whole number"),
    ("events.csv", 4, "fatalities", "１２", "whole number"),
    ("events.csv", 4, "fatalities", "1e3", "whole number"),
    ("events.csv", 4, "fatalities", " 12", "whole number"),
    ("events.csv", 4, "fatalities", "12.0", "whole number"),
    ("events.csv", 4, "fatalities", "12345678", "at most 7"),
    # best, low, high (UCDP): a range comes whole, around a best figure
    ("events.csv", 4, "fatalities_low", "", "needs both fatalities_low and fatalities_high"),
    ("events.csv", 4, "fatalities_high", "", "needs both fatalities_low and fatalities_high"),
    ("events.csv", 4, "fatalities", "", "needs a best figure"),
    ("events.csv", 4, "fatalities", "30", "must lie in the range 20-27"),
    ("events.csv", 4, "fatalities_high", "2x", "whole number"),
    ("events.csv", 2, "troops", "٤٠٠٠", "whole number"),
    ("troop_strength.csv", 2, "troops", "²", "whole number"),
    ("troop_strength.csv", 3, "troops", "３０００", "whole number"),
    ("events.csv", 2, "latitude", "１２.65", "between -90 and 90"),
    ("events.csv", 2, "latitude", "1.265e1", "between -90 and 90"),
    ("events.csv", 2, "longitude", "nan", "between -180 and 180"),
    ("events.csv", 2, "longitude", "-8.0 ", "between -180 and 180"),
    ("events.csv", 2, "start_date", "２０１３-01-11", "real date"),
    ("events.csv", 2, "event_id", "２０１３-01-11-fixture-operation", "lowercase"),
    # the data dictionary's other rules
    ("events.csv", 2, "countries", "MLI;FRA;XYZ", "unknown ISO 3166-1"),
    ("events.csv", 2, "countries", "USA;MLI", "must be a country on the map"),
    ("events.csv", 2, "countries", ";", "at least one name"),
    ("events.csv", 2, "actors", " ; ", "at least one name"),
    ("operations.csv", 2, "lead", ";", "at least one name"),
    ("regimes.csv", 2, "start_date", "2011-12-31", "must lie between 2012-01-01"),
    ("regimes.csv", 3, "end_date", "2026-01-31", "must lie between 2012-01-01 and 2025-12-31"),
    ("troop_strength.csv", 2, "date", "2026-02-01", "must lie between"),
    ("troop_strength.csv", 2, "date_precision", "", "must not be empty"),
    ("events.csv", 4, "notes", "x" * 5001, "longer than 5,000 characters"),
    ("events.csv", 4, "title", "Fixture\x00attack", "control character '\\x00'"),
    ("actors.csv", 5, "description", "Tab\there", "control character '\\t'"),
    ("events.csv", 4, "notes", '=HYPERLINK("http://evil.invalid")', "spreadsheet would run it"),
    ("regimes.csv", 2, "leader", "@SUM(A1:A9)", "spreadsheet would run it"),
    ("operations.csv", 2, "description", "-2+3 cmd", "spreadsheet would run it"),
]


@pytest.mark.parametrize(("filename", "line", "column", "value", "rule"), EVENT_RULES)
def test_each_rule_reports_file_line_column_value(data_copy, load, filename, line, column, value, rule):
    rewrite_cell(data_copy, filename, line, column, value)
    dataset = load(data_copy)
    matching = [p for p in dataset.problems if rule in p.rule]
    assert matching, [p.message() for p in dataset.problems]
    problem = matching[0]
    assert (problem.file, problem.line, problem.column) == (filename, line, column)
    if value.strip():
        assert problem.value in (value, *split_list(value))
    message = problem.message()
    assert filename in message and f"line {line}" in message and column in message


def test_rows_with_problems_are_left_out_the_rest_kept(data_copy, load):
    rewrite_cell(data_copy, "events.csv", 4, "category", "battle")
    dataset = load(data_copy)
    assert set(dataset.events["event_id"]) == FIXTURE_EVENTS - {ATTACK}


# (line, latitude, longitude, countries, words of the rule; None: the point is accepted)
PLACEMENTS = [
    (2, "-8.0", "12.65", "MLI;FRA", "outside MLI"),  # Bamako with latitude and longitude swapped
    (5, "12.74", "2.11", "MLI", "outside MLI"),  # Kati's latitude, Niamey's longitude: in Niger
    (6, "12.65", "-8.0", "NER;MLI", "outside NER"),  # the other way round: Bamako said to be in Niger
    (5, "13.51", "2.11", "NER", None),  # Niamey in Niger
]


@pytest.mark.parametrize(("line", "latitude", "longitude", "countries", "rule"), PLACEMENTS)
def test_each_point_lies_in_its_first_country(data_copy, load, line, latitude, longitude, countries, rule):
    for column, value in (("latitude", latitude), ("longitude", longitude), ("countries", countries)):
        rewrite_cell(data_copy, "events.csv", line, column, value)
    dataset = load(data_copy)
    placed = [p for p in dataset.problems if p.column == "latitude, longitude"]
    if rule is None:
        assert placed == [] and len(dataset.events) == 5
        return
    [problem] = placed
    assert (problem.file, problem.line, problem.value) == ("events.csv", line, f"{latitude}, {longitude}")
    assert rule in problem.rule and "km" in problem.rule
    assert len(dataset.events) == 4


@pytest.mark.parametrize(("degrees_west", "kept"), [(0.05, True), (0.5, False)])
def test_points_within_25_km_of_the_border_are_kept(data_copy, load, shapes, degrees_west, kept):
    """Moved west from Mali's westernmost vertex: about 5 km out is within the tolerance, 50 km is not."""
    corners = shapely.get_coordinates(shapes["MLI"])
    lon, lat = corners[corners[:, 0].argmin()]
    rewrite_cell(data_copy, "events.csv", 2, "latitude", f"{lat:.5f}")
    rewrite_cell(data_copy, "events.csv", 2, "longitude", f"{lon - degrees_west:.5f}")
    assert (len(load(data_copy).events) == 5) is kept


def test_base_spans_at_one_site_follow_each_other(data_copy, load):
    rewrite_cell(data_copy, "events.csv", 2, "category", "base")
    rewrite_cell(data_copy, "events.csv", 2, "site", "gao-fixture-base")
    dataset = load(data_copy)
    [problem] = dataset.problems
    assert (problem.line, problem.column, problem.value) == (3, "start_date", "2013-02-01")
    assert "starts before the span on line 2 at site gao-fixture-base ends (2014-07-31)" in problem.rule
    rewrite_cell(data_copy, "events.csv", 3, "date_precision", "day")
    rewrite_cell(data_copy, "events.csv", 3, "start_date", "2014-07-31")  # the handover day
    assert load(data_copy).problems == []


def test_regime_periods_do_not_overlap(data_copy, load):
    rewrite_cell(data_copy, "regimes.csv", 2, "end_date", "2020-08-25")
    dataset = load(data_copy)
    [problem] = [p for p in dataset.problems if p.severity != WARNING]  # and a warning: MLI now ends in 2020
    assert (problem.file, problem.line, problem.column, problem.value) == ("regimes.csv", 3, "start_date", "2020-08-18")
    assert problem.rule == "overlaps the period on line 2 (until 2020-08-25)"
    assert len(dataset.regimes) == 1


# (file, line, cells to set, column of the warning, words): rules whose breach is reported but keeps the row
WARNINGS = [
    ("events.csv", 4, {"geo_precision": "region"}, "notes", "region precision: notes must name the town"),
    ("events.csv", 4, {"troops": "300"}, "notes", "a troops figure: notes must say"),
    ("regimes.csv", 3, {"start_date": "2020-08-25", "began_with": ""}, "start_date", "leaves a gap after the period"),
    ("regimes.csv", 2, {"start_date": "2012-03-01"}, "start_date", "first period must start on 2012-01-01"),
    ("regimes.csv", 3, {"end_date": "2025-06-30"}, "end_date", "last period must end on 2025-12-31"),
]


@pytest.mark.parametrize(("filename", "line", "cells", "column", "rule"), WARNINGS)
def test_rules_reported_as_warnings_keep_the_row(data_copy, load, filename, line, cells, column, rule):
    for name, value in cells.items():
        rewrite_cell(data_copy, filename, line, name, value)
    dataset = load(data_copy)
    [problem] = dataset.problems
    assert (problem.file, problem.line, problem.column, problem.severity) == (filename, line, column, WARNING)
    assert rule in problem.rule and "(row kept)" in problem.rule
    assert (len(dataset.events), len(dataset.regimes)) == (5, 2)


ONGOING = "Held by the fixture force; ongoing at the dataset's cut-off."


def test_a_span_still_running_keeps_an_empty_end_date_and_runs_to_the_cut_off(data_copy, load):
    rewrite_cell(data_copy, "events.csv", 3, "end_date", "")
    rewrite_cell(data_copy, "events.csv", 3, "notes", ONGOING)
    dataset = load(data_copy)
    assert dataset.problems == []
    base = dataset.events[dataset.events["event_id"] == "2013-02-01-fixture-base"].iloc[0]
    assert base["ongoing"] and base["end_date"] == pd.Timestamp("2025-12-31")
    assert as_records(dataset.events.iloc[[1]])["end_date"].item() == ""  # downloads keep it as written
    assert list(bases_active_on(dataset.events, date(2025, 12, 31))["event_id"]) == ["2013-02-01-fixture-base"]
    assert date_span(base, "fr") == "févr. 2013 → en cours"  # month precision, then open-ended


@pytest.mark.parametrize(
    ("cells", "column", "rule"),
    [
        ({"end_date": "2025-12-31", "notes": ONGOING}, "end_date", "a span still running keeps an empty end_date"),
        ({"end_date": ""}, "end_date", "a base is a span: it needs an end_date, or notes saying"),
    ],
)
def test_a_span_is_either_ended_or_said_to_run_on(data_copy, load, cells, column, rule):
    for name, value in cells.items():
        rewrite_cell(data_copy, "events.csv", 3, name, value)
    [problem] = load(data_copy).problems
    assert (problem.line, problem.column, problem.severity) == (3, column, "error")
    assert rule in problem.rule


def test_an_actor_left_out_costs_only_itself(data_copy, load):
    rewrite_cell(data_copy, "actors.csv", 5, "type", "terrorists")
    dataset = load(data_copy)
    assert "JNIM" not in set(dataset.actors["actor"])
    assert set(dataset.events["event_id"]) == FIXTURE_EVENTS  # the attack claimed by JNIM is kept
    [warning] = [p for p in dataset.problems if p.file == "events.csv"]
    assert (warning.column, warning.value, warning.severity) == ("actors", "JNIM", WARNING)
    assert "its row in actors.csv (line 5) is left out; 1 row(s) naming it kept" in warning.message()


def test_an_operation_left_out_costs_only_itself(data_copy, load):
    rewrite_cell(data_copy, "operations.csv", 2, "lead", "Nobody")
    dataset = load(data_copy)
    assert set(dataset.events["event_id"]) == FIXTURE_EVENTS
    warnings = {(p.file, p.column, p.value, p.severity) for p in dataset.problems}
    assert ("events.csv", "operation", "Serval", WARNING) in warnings


def test_a_missing_required_column_costs_that_file_only(data_copy, load):
    path = data_copy / "events.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("geo_precision", "precision_geo", 1), encoding="utf-8")
    dataset = load(data_copy)
    assert {(p.column, p.rule) for p in dataset.problems if p.file == "events.csv"} == {
        ("geo_precision", "required column is missing: file left out"),
        ("precision_geo", "unknown column: ignored"),
    }
    assert dataset.events.empty
    assert list(dataset.events.columns)[: len(EVENT_COLUMNS)] == list(EVENT_COLUMNS)
    assert (len(dataset.actors), len(dataset.regimes), len(dataset.strength)) == (4, 2, 3)


def test_wrong_field_count_names_the_line(data_copy, load):
    path = data_copy / "events.csv"
    with path.open("a", encoding="utf-8") as handle:
        handle.write("2016-01-01-short-row,2016-01-01\n")
    dataset = load(data_copy)
    rule = f"row has 2 fields, the header has {len(EVENT_COLUMNS)}"
    assert [(p.line, p.rule) for p in dataset.problems] == [(7, rule)]
    assert len(dataset.events) == 5


def test_windows_1252_is_read_with_a_warning_and_a_missing_file_is_reported(data_copy, load):
    path = data_copy / "events.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp1252"))
    (data_copy / "actors.csv").unlink()
    dataset = load(data_copy)
    messages = [p.message() for p in dataset.problems]
    assert "actors.csv: file not found" in messages
    assert "events.csv, line 4: not UTF-8 (byte 0xE9 on line 4): read as Windows-1252; save it as UTF-8" in messages
    assert set(dataset.events["event_id"]) == FIXTURE_EVENTS
    assert "Ménaka" in set(dataset.events["location"])


@pytest.mark.parametrize(
    ("text", "visible"),
    [
        ("\ufeffevent_id", r"'\ufeffevent_id'"),
        ("title\u200b", r"'title\u200b'"),
        ("notes\xa0", r"'notes\xa0'"),
        ("lo\tcation", r"'lo\tcation'"),
        ("\x1bsite", r"'\x1bsite'"),
        (" site", "' site'"),
        ("", "''"),
    ],
)
def test_messages_make_invisible_characters_visible(text, visible):
    assert f"column {visible}: unknown column" in Problem("events.csv", 1, text, None, "unknown column").message()
    message = Problem("events.csv", 2, "location", text, "rule").message()
    assert message == f"events.csv, line 2: column `location` value {visible}: rule"
    assert message.isprintable()


def test_messages_cut_long_values():
    message = Problem("events.csv", 2, "notes", "x" * 140_000, "longer than 5,000 characters").message()
    assert len(message) < 200 and "(140,000 characters)" in message


def test_header_names_with_invisible_characters_are_read_and_shown(data_copy, load):
    path = data_copy / "events.csv"
    text = path.read_text(encoding="utf-8").replace("title,", "\u200btitle,", 1).replace(",notes\n", ",notes\xa0\n", 1)
    path.write_bytes(("\ufeff" + text).replace("\n", "\r\n").encode("utf-8"))
    dataset = load(data_copy)
    assert set(dataset.events["event_id"]) == FIXTURE_EVENTS
    assert [p.message() for p in dataset.problems] == [
        r"events.csv, line 1: column '\u200btitle': stray characters in the name: read as `title`",
        r"events.csv, line 1: column 'notes\xa0': stray characters in the name: read as `notes`",
    ]
    assert not dataset.events["notes"].str.contains("\r").any()


def edit(filename, change):
    """A hostile edit: `change` maps the file's bytes to new bytes."""

    def apply(data_dir):
        path = data_dir / filename
        path.write_bytes(change(path.read_bytes()))

    return apply


def replace(filename, old, new):
    return edit(filename, lambda data: data.replace(old.encode(), new.encode(), 1))


def with_column(filename, name=None, value=lambda row: "x", drop=None):
    """Add a column named `name` (its value computed from the row), or drop the column `drop`."""

    def change(data):
        rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"))))
        header = [c for c in rows[0] if c != drop]
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([*header, name] if name else header)
        for row in rows:
            values = [row[c] for c in header]
            writer.writerow([*values, value(row)] if name else values)
        return out.getvalue().encode("utf-8")

    return edit(filename, change)


def make_directory(filename):
    def apply(data_dir):
        (data_dir / filename).unlink()
        (data_dir / filename).mkdir()

    return apply


ALL = FIXTURE_EVENTS
NO_ATTACK = FIXTURE_EVENTS - {ATTACK}
NO_BASE = FIXTURE_EVENTS - {"2013-02-01-fixture-base"}
HUGE = "x" * 140_000  # over the csv module's field limit of 131,072 characters
# id, edit, events kept, (file, line, column, words of the rule) expected among the problems (None: no problem)
HOSTILE = [
    (
        "fatalities-superscript",
        replace("events.csv", ",22,", ",²,"),
        NO_ATTACK,
        ("events.csv", 4, "fatalities", "whole"),
    ),
    (
        "fatalities-fullwidth",
        replace("events.csv", ",22,", ",２２,"),
        NO_ATTACK,
        ("events.csv", 4, "fatalities", "whole"),
    ),
    (
        "field-over-csv-limit",
        replace("events.csv", "org/d,", "org/d," + HUGE),
        NO_ATTACK,
        ("events.csv", 4, None, "longer"),
    ),
    (
        "quoted-field-over-limit-across-lines",
        replace("events.csv", "org/d,", f'org/d,"{HUGE}\nmore"'),
        NO_ATTACK,
        ("events.csv", 4, None, "longer than 5,000"),
    ),
    (
        "field-over-5000",
        replace("events.csv", "org/d,", "org/d," + "x" * 5001),
        NO_ATTACK,
        ("events.csv", 4, "notes", "longer"),
    ),
    (
        "no-notes-column",
        with_column("events.csv", drop="notes"),
        ALL,
        ("events.csv", 1, "notes", "optional column is missing"),
    ),
    (
        "no-title_fr-column",
        with_column("events.csv", drop="title_fr"),
        ALL,
        ("events.csv", 1, "title_fr", "read as empty"),
    ),
    (
        "no-operation-column",
        with_column("events.csv", drop="operation"),
        ALL,
        ("events.csv", 1, "operation", "read as empty"),
    ),
    (
        "no-site-column",
        with_column("events.csv", drop="site"),
        NO_BASE,
        ("events.csv", 3, "site", "a base needs a site"),
    ),
    (
        "no-leader-column",
        with_column("regimes.csv", drop="leader"),
        ALL,
        ("regimes.csv", 1, "leader", "read as empty"),
    ),
    (
        "extra-column",
        with_column("events.csv", "comment"),
        ALL,
        ("events.csv", 1, "comment", "unknown column: ignored"),
    ),
    (
        "unnamed-columns",
        edit("events.csv", lambda d: d.replace(b"\n", b",,,\n")),
        ALL,
        ("events.csv", 1, "", "unknown column"),
    ),
    (
        "duplicate-column",
        with_column("events.csv", "location", value=lambda row: row["location"]),
        ALL,
        ("events.csv", 1, "location", "appears 2 times"),
    ),
    (
        "duplicate-column-differing",
        with_column("events.csv", "location", value=lambda row: row["location"].replace("Ménaka", "Gao")),
        NO_ATTACK,
        ("events.csv", 4, "location", "differs from the first `location` column"),
    ),
    (
        "windows-1252",
        edit("events.csv", lambda d: d.decode().encode("cp1252")),
        ALL,
        ("events.csv", 4, None, "Windows-1252"),
    ),
    (
        "latin-1-actors",
        edit("actors.csv", lambda d: d.decode().encode("latin-1")),
        ALL,
        ("actors.csv", 2, None, "not UTF-8"),
    ),
    (
        "neither-encoding",
        edit("events.csv", lambda d: d.replace(b"Fixture coup", b"Fixture \x81coup")),
        set(),
        ("events.csv", 5, None, "neither"),
    ),
    (
        "utf-16",
        edit("events.csv", lambda d: d.decode().encode("utf-16")),
        set(),
        ("events.csv", 1, "event_id", "required"),
    ),
    (
        "nul-byte",
        replace("events.csv", "Fixture attack", "Fixture\x00attack"),
        NO_ATTACK,
        ("events.csv", 4, "title", "control"),
    ),
    (
        "too-few-fields",
        edit("events.csv", lambda d: d + b"2016-01-01-x,2016-01-01\n"),
        ALL,
        ("events.csv", 7, None, "2 fields"),
    ),
    (
        "too-many-fields",
        replace("events.csv", "org/d,", "org/d,,more,"),
        NO_ATTACK,
        ("events.csv", 4, None, f"{len(EVENT_COLUMNS) + 2} fields"),
    ),
    (
        "quote-open-at-end",
        edit("events.csv", lambda d: d + b'2016-01-01-x,"open\n'),
        ALL,
        ("events.csv", 7, None, "never closed"),
    ),
    (
        "quote-not-doubled",
        replace("events.csv", 'Gao,,"Synthetic', 'Gao,,"Synth"etic'),
        NO_BASE,
        ("events.csv", 3, None, "not valid CSV"),
    ),
    ("quote-inside-unquoted-field", replace("events.csv", "Fixture coup,", 'Fixture "coup",'), ALL, None),
    ("empty-file", edit("events.csv", lambda d: b""), set(), ("events.csv", None, None, "file is empty")),
    (
        "header-only",
        edit("events.csv", lambda d: d.split(b"\n")[0] + b"\n"),
        set(),
        ("events.csv", None, None, "no rows"),
    ),
    ("blank-lines", edit("events.csv", lambda d: d.replace(b"\n", b"\n\n")), ALL, None),
    ("byte-order-mark", edit("events.csv", lambda d: b"\xef\xbb\xbf" + d), ALL, None),
    ("crlf", edit("events.csv", lambda d: d.replace(b"\n", b"\r\n")), ALL, None),
    ("cr-only", edit("events.csv", lambda d: d.replace(b"\n", b"\r")), ALL, None),
    ("events-directory", make_directory("events.csv"), set(), ("events.csv", None, None, "cannot be read")),
    ("actors-lost", edit("actors.csv", lambda d: b""), ALL, ("events.csv", None, "actors", "not checked: actors.csv")),
    ("operations-directory", make_directory("operations.csv"), ALL, ("events.csv", None, "operation", "not checked")),
    (
        "invisible-actor-name",
        replace("actors.csv", "JNIM,armed", "JNIM\u200b,armed"),
        NO_ATTACK,
        ("actors.csv", 5, "actor", "invisible"),
    ),
    ("json-list", edit("dataset.json", lambda d: b"[1, 2]"), ALL, ("dataset.json", None, None, "JSON object")),
    (
        "json-not-text",
        edit("dataset.json", lambda d: b'{"title": ["x"], "version": 3}'),
        ALL,
        ("dataset.json", None, "title", "text"),
    ),
    ("json-deep", edit("dataset.json", lambda d: b"[" * 100_000), ALL, ("dataset.json", None, None, "not valid JSON")),
    ("json-bom", edit("dataset.json", lambda d: b"\xef\xbb\xbf" + d), ALL, None),
    (
        "json-cutoff",
        replace("dataset.json", "2025-12-31", "2024-12-31"),
        ALL,
        ("dataset.json", None, "cutoff", "cut-off"),
    ),
    (
        "json-date",
        replace("dataset.json", "2026-11-26", "26/11/2026"),
        ALL,
        ("dataset.json", None, "released", "real date"),
    ),
]


@pytest.mark.parametrize(("change", "kept", "expected"), [pytest.param(*case[1:], id=case[0]) for case in HOSTILE])
def test_hostile_data_costs_only_itself(data_copy, load, change, kept, expected):
    change(data_copy)
    dataset = load(data_copy)  # never raises
    assert set(dataset.events["event_id"]) == kept
    assert (len(dataset.operations), len(dataset.regimes), len(dataset.strength)) in ((3, 2, 3), (0, 2, 3))
    files = {"events.csv", "actors.csv", "operations.csv", "regimes.csv", "troop_strength.csv", "dataset.json"}
    for problem in dataset.problems:
        message = problem.message()
        assert problem.file in files and problem.rule and message.isprintable(), message
        assert str(data_copy) not in message and "Traceback" not in message
    assert len(set(dataset.problems)) == len(dataset.problems)  # each reported once
    if expected is None:
        assert [p.message() for p in dataset.problems] == []
    else:
        file, line, column, words = expected
        found = [p for p in dataset.problems if (p.file, p.line, p.column) == (file, line, column) and words in p.rule]
        assert found, [p.message() for p in dataset.problems]


def test_unreadable_and_oversized_files_cost_only_themselves(data_copy, load, monkeypatch):
    read_bytes = Path.read_bytes

    def refuse(path):
        if path.name == "actors.csv":
            raise PermissionError(13, "Permission denied", str(path))
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    monkeypatch.setattr(loading, "MAX_FILE_BYTES", 1_000)
    dataset = load(data_copy)
    messages = [p.message() for p in dataset.problems]
    assert "actors.csv: cannot be read (Permission denied)" in messages
    assert "events.csv: larger than 1,000 bytes: file left out" in messages
    assert len(dataset.strength) == 3 and len(dataset.regimes) == 2


def test_loading_never_writes_the_data(data_copy, load):
    before = {p.name: p.read_bytes() for p in data_copy.iterdir()}
    rewrite_cell(data_copy, "events.csv", 2, "category", "battle")
    before["events.csv"] = (data_copy / "events.csv").read_bytes()
    load(data_copy)
    assert {p.name: p.read_bytes() for p in data_copy.iterdir()} == before


def test_dataset_metadata(fixture_dataset, data_copy, load):
    assert fixture_dataset.metadata["version"] == "0.2.0"
    (data_copy / "dataset.json").write_text('{"title": "x", "version": 3}', encoding="utf-8")
    dataset = load(data_copy)
    assert {(p.file, p.column) for p in dataset.problems} == {
        ("dataset.json", key) for key in ("version", "released", "cutoff", "licence", "publisher")
    }
    assert dataset.metadata["version"] == "unknown" and dataset.metadata["title"] == "x"
    (data_copy / "dataset.json").write_text("{not json", encoding="utf-8")
    [problem] = load(data_copy).problems
    assert problem.rule.startswith("not valid JSON")


NASTY = [
    b'"',
    b",",
    b"\n",
    b"\r",
    b"\x00",
    b"\xff",
    b"\xef\xbb\xbf",
    "²".encode(),
    "１".encode(),
    b";",
    b"-",
    b"[",
    b"9" * 9,
]


@pytest.mark.parametrize("seed", range(60))
def test_random_damage_never_raises(data_copy, load, seed):
    """Bytes inserted, replaced or cut at random places of one file: loading reports, never raises."""
    rng = random.Random(seed)
    path = data_copy / rng.choice(sorted(p.name for p in data_copy.iterdir()))
    data = bytearray(path.read_bytes())
    for _ in range(rng.randint(1, 8)):
        at = rng.randrange(len(data) + 1)
        data[at : at + rng.randint(0, 3)] = rng.choice(NASTY) if rng.random() < 0.8 else b""
    path.write_bytes(bytes(data))
    dataset = load(data_copy)
    assert all(p.message().isprintable() for p in dataset.problems)
    if path.name not in ("events.csv", "actors.csv", "operations.csv"):
        assert len(dataset.events) == 5


def test_a_library_raising_the_csv_field_limit_changes_nothing(data_copy, load):
    """frictionless raises the csv module's global field limit when imported: a field over the loader's limit
    still costs its row, and the global limit is left as it was."""
    (data_copy / "events.csv").write_text(
        (data_copy / "events.csv").read_text(encoding="utf-8").replace("org/d,", "org/d," + "x" * 200_000),
        encoding="utf-8",
    )
    previous = csv.field_size_limit(10**9)
    try:
        dataset = load(data_copy)
        assert csv.field_size_limit() == 10**9
    finally:
        csv.field_size_limit(previous)
    [problem] = dataset.problems
    assert (problem.line, problem.column) == (4, None) and "longer than 5,000 characters" in problem.rule
    assert set(dataset.events["event_id"]) == FIXTURE_EVENTS - {ATTACK}
