import csv

import pandas as pd
import pytest

from sahel_atlas.codebook import EVENT_COLUMNS
from sahel_atlas.loading import load_dataset, split_list


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


def test_fixture_loads_clean_and_typed(fixture_dataset):
    events = fixture_dataset.events
    assert fixture_dataset.problems == []
    assert len(events) == 5
    assert events["start_date"].dtype.kind == "M"
    assert pd.isna(events.loc[events["event_id"] == "2015-11-20-fixture-attack", "end_date"]).all()
    assert events.loc[events["event_id"] == "2015-11-20-fixture-attack", "fatalities"].item() == 22
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
    ("regimes.csv", 3, "sources", "https://example.org/r2  https://example.org/r3", "http(s)://"),
    ("regimes.csv", 3, "regime", "", "must not be empty"),
    ("troop_strength.csv", 2, "date", "2013-02", "real date"),
    ("troop_strength.csv", 2, "force", "Atlantis Corps", "unknown actor"),
    ("troop_strength.csv", 2, "troops", "about 4000", "whole number"),
    ("troop_strength.csv", 2, "kind", "rumoured", "must be one of"),
    ("troop_strength.csv", 2, "date_precision", "week", "must be one of"),
    ("troop_strength.csv", 2, "source", "ftp://example.org/s1", "one http(s):// URL"),
    ("actors.csv", 2, "type", "army", "must be one of"),
    ("actors.csv", 2, "country", "FRX", "unknown ISO 3166-1"),
    ("actors.csv", 3, "actor", "France", "duplicate of line 2"),
]


@pytest.mark.parametrize(("filename", "line", "column", "value", "rule"), EVENT_RULES)
def test_each_rule_reports_file_line_column_value(data_copy, known_countries, filename, line, column, value, rule):
    rewrite_cell(data_copy, filename, line, column, value)
    dataset = load_dataset(data_copy, known_countries)
    matching = [p for p in dataset.problems if rule in p.rule]
    assert matching, [p.message() for p in dataset.problems]
    problem = matching[0]
    assert (problem.file, problem.line, problem.column) == (filename, line, column)
    if value.strip():
        assert problem.value in (value, *split_list(value))
    message = problem.message()
    assert filename in message and f"line {line}" in message and column in message


def test_rows_with_problems_are_left_out_the_rest_kept(data_copy, known_countries):
    rewrite_cell(data_copy, "events.csv", 4, "category", "battle")
    dataset = load_dataset(data_copy, known_countries)
    assert len(dataset.events) == 4
    assert "2015-11-20-fixture-attack" not in set(dataset.events["event_id"])


def test_an_event_naming_an_invalid_actor_is_reported_too(data_copy, known_countries):
    rewrite_cell(data_copy, "actors.csv", 5, "type", "terrorists")
    dataset = load_dataset(data_copy, known_countries)
    rules = {(p.file, p.column) for p in dataset.problems}
    assert ("actors.csv", "type") in rules
    assert ("events.csv", "actors") in rules  # JNIM is no longer a known actor


def test_missing_and_unknown_columns(data_copy, known_countries):
    path = data_copy / "events.csv"
    text = path.read_text(encoding="utf-8").replace("geo_precision", "precision_geo", 1)
    path.write_text(text, encoding="utf-8")
    dataset = load_dataset(data_copy, known_countries)
    assert {(p.column, p.rule) for p in dataset.problems if p.file == "events.csv"} == {
        ("geo_precision", "required column is missing"),
        ("precision_geo", "unknown column"),
    }
    assert dataset.events.empty
    assert list(dataset.events.columns)[: len(EVENT_COLUMNS)] == list(EVENT_COLUMNS)


def test_an_event_of_an_invalid_operation_is_reported_too(data_copy, known_countries):
    rewrite_cell(data_copy, "operations.csv", 2, "lead", "Nobody")
    dataset = load_dataset(data_copy, known_countries)
    assert ("events.csv", "operation", "Serval") in {(p.file, p.column, p.value) for p in dataset.problems}


def test_wrong_field_count_names_the_line(data_copy, known_countries):
    path = data_copy / "events.csv"
    with path.open("a", encoding="utf-8") as handle:
        handle.write("2016-01-01-short-row,2016-01-01\n")
    dataset = load_dataset(data_copy, known_countries)
    assert [(p.line, p.rule) for p in dataset.problems] == [(7, "row has 2 fields, the header has 20")]
    assert len(dataset.events) == 5


def test_not_utf8_and_missing_file(data_copy, known_countries):
    (data_copy / "events.csv").write_bytes("event_id\nM\xe9naka\n".encode("latin-1"))
    (data_copy / "actors.csv").unlink()
    dataset = load_dataset(data_copy, known_countries)
    messages = [p.message() for p in dataset.problems]
    assert "actors.csv: file not found" in messages
    assert any(m.startswith("events.csv: not valid UTF-8") for m in messages)


def test_loading_never_writes_the_data(data_copy, known_countries):
    before = {p.name: p.read_bytes() for p in data_copy.iterdir()}
    rewrite_cell(data_copy, "events.csv", 2, "category", "battle")
    before["events.csv"] = (data_copy / "events.csv").read_bytes()
    load_dataset(data_copy, known_countries)
    assert {p.name: p.read_bytes() for p in data_copy.iterdir()} == before


def test_dataset_metadata(fixture_dataset, data_copy, known_countries):
    assert fixture_dataset.metadata["version"] == "0.2.0"
    (data_copy / "dataset.json").write_text('{"title": "x", "version": 3}', encoding="utf-8")
    dataset = load_dataset(data_copy, known_countries)
    assert {(p.file, p.column) for p in dataset.problems} == {
        ("dataset.json", key) for key in ("version", "released", "cutoff", "licence", "publisher")
    }
    assert dataset.metadata["version"] == "unknown" and dataset.metadata["title"] == "x"
    (data_copy / "dataset.json").write_text("{not json", encoding="utf-8")
    [problem] = load_dataset(data_copy, known_countries).problems
    assert problem.rule.startswith("not valid UTF-8 JSON")
