"""The Frictionless Data Package of data/ and of every download bundle, checked by the `frictionless` library
itself; and the citation formats that travel with them."""

import io
import json
import shutil
import zipfile
from datetime import UTC, date, datetime

import pandas as pd
import pytest
from frictionless import validate

from sahel_atlas.citation import bibtex, citation_text, ris
from sahel_atlas.datapackage import descriptor, selection_descriptor, to_json
from sahel_atlas.export import as_records, snapshot_metadata, to_bundle_bytes
from sahel_atlas.loading import load_dataset
from tests.conftest import FIXTURES, ROOT
from tests.test_loading import rewrite_cell

EXPORTED = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)


def errors(report) -> list[str]:
    return [e.message for e in report.errors] + [e.message for task in report.tasks for e in task.errors]


def test_the_shipped_descriptor_is_built_from_the_codebook():
    """data/datapackage.json says what loading.py enforces: rebuild it with `python -m sahel_atlas.datapackage`."""
    metadata = json.loads((ROOT / "data" / "dataset.json").read_text(encoding="utf-8"))
    assert (ROOT / "data" / "datapackage.json").read_text(encoding="utf-8") == to_json(descriptor(metadata))


def test_frictionless_validates_the_shipped_data():
    report = validate(str(ROOT / "data" / "datapackage.json"))
    assert errors(report) == [] and report.valid
    assert [task.name for task in report.tasks] == ["events", "actors", "operations", "regimes", "troop-strength"]


@pytest.fixture
def package_copy(tmp_path):
    """The test fixture's data/ with its descriptor."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURES, data)
    metadata = json.loads((data / "dataset.json").read_text(encoding="utf-8"))
    (data / "datapackage.json").write_text(to_json(descriptor(metadata)), encoding="utf-8")
    return data


# (line of the fixture's events.csv, column, value): each breaks a rule that both the loader and the schema hold
BAD_CELLS = [
    (4, "category", "war"),
    (4, "date_precision", "week"),
    (4, "geo_precision", "street"),
    (4, "latitude", "95.1"),
    (4, "fatalities", "-3"),
    (4, "event_id", "Fixture attack"),
    (4, "start_date", "2015-02-30"),
    (4, "sources", "ftp://example.org/a"),
    (2, "operation", "Sentinelle"),  # a foreign key to operations.csv
    (2, "title", ""),  # required
]


def test_the_fixture_package_is_valid(package_copy, known_countries):
    assert errors(validate(str(package_copy / "datapackage.json"))) == []


@pytest.mark.parametrize(("line", "column", "value"), BAD_CELLS)
def test_the_schema_and_the_loader_reject_the_same_cell(package_copy, known_countries, line, column, value):
    rewrite_cell(package_copy, "events.csv", line, column, value)
    report = validate(str(package_copy / "datapackage.json"))
    assert not report.valid, (column, value)
    assert [p.column for p in load_dataset(package_copy, known_countries).problems] == [column]


def test_a_download_bundle_validates_and_carries_its_rows_licence_and_citation(fixture_dataset, tmp_path):
    events = fixture_dataset.events[fixture_dataset.events["category"].isin(["attack", "base"])]
    link = "http://localhost:8501/Data?category=attack&category=base"
    citation = citation_text(fixture_dataset.metadata, link, EXPORTED.date(), "en")
    snapshot = snapshot_metadata(
        fixture_dataset.metadata, "Attacks and bases.", "x", len(events), EXPORTED, link, citation
    )
    content = to_bundle_bytes(
        events, snapshot, selection_descriptor(fixture_dataset.metadata, "Attacks and bases."), "https://l.example/"
    )
    assert content == to_bundle_bytes(
        events, snapshot, selection_descriptor(fixture_dataset.metadata, "Attacks and bases."), "https://l.example/"
    )  # same view, same second: same bytes
    with zipfile.ZipFile(io.BytesIO(content)) as bundle:
        assert sorted(bundle.namelist()) == sorted(
            ["events.csv", "events.geojson", "datapackage.json", "metadata.json", "README.txt", "LICENSE.txt"]
        )
        bundle.extractall(tmp_path)
    report = validate(str(tmp_path / "datapackage.json"))
    assert errors(report) == [] and report.valid
    back = pd.read_csv(tmp_path / "events.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    pd.testing.assert_frame_equal(back, as_records(events).reset_index(drop=True))
    licence = (tmp_path / "LICENSE.txt").read_text(encoding="utf-8")
    assert "CC BY 4.0" in licence and "https://l.example/" in licence and citation in licence
    readme = (tmp_path / "README.txt").read_text(encoding="utf-8")
    assert link in readme and "Attacks and bases. (2 events)" in readme


def test_a_bundle_with_a_bad_cell_does_not_validate(fixture_dataset, tmp_path):
    """The bundle's schema can fail: a category outside the codebook is reported by frictionless."""
    events = fixture_dataset.events.copy()
    events.loc[0, "category"] = "war"
    snapshot = snapshot_metadata(fixture_dataset.metadata, "All.", "", len(events), EXPORTED, "http://h/", "C.")
    content = to_bundle_bytes(events, snapshot, selection_descriptor(fixture_dataset.metadata, "All."), "")
    zipfile.ZipFile(io.BytesIO(content)).extractall(tmp_path)
    assert not validate(str(tmp_path / "datapackage.json")).valid


META = {
    "title": "Atlas & co_1 {x}",
    "version": "0.3.0",
    "released": "2026-12-01",
    "licence": "CC BY 4.0",
    "publisher": "Sahel Atlas",
}
HOSTILE_LINK = "http://localhost:8501/Data?q=a b}\n%TY  - JOUR&lang=fr"


def test_the_citation_reads_in_each_language():
    assert citation_text(META, "http://h/Map?lang=fr", date(2026, 12, 1), "fr") == (
        "Sahel Atlas (2026). Atlas & co_1 {x}, version 0.3.0. http://h/Map?lang=fr (consulté le 1 déc. 2026)."
    )
    assert citation_text(META, "http://h/", date(2026, 12, 1), "en").endswith("http://h/ (accessed 1 Dec 2026).")


def test_bibtex_escapes_values_and_keeps_the_link_one_token():
    entry = bibtex(META, HOSTILE_LINK, date(2026, 12, 1))
    assert "  title = {Atlas \\& co\\_1 \\{x\\}}," in entry
    assert "  url = {http://localhost:8501/Data?q=a\\%20b\\%7D\\%0A\\%TY\\%20\\%20-\\%20JOUR&lang=fr}," in entry
    plain = entry.replace("\\{", "").replace("\\}", "")
    assert plain.count("{") == plain.count("}")  # the hostile brace cannot close a field
    assert "urldate = {2026-12-01}" in entry and "version = {0.3.0}" in entry


def test_ris_keeps_one_line_per_tag():
    record = ris(META, HOSTILE_LINK, date(2026, 12, 1))
    lines = record.splitlines()
    assert [line[:6] for line in lines] == [
        "TY  - ",
        "AU  - ",
        "TI  - ",
        "PY  - ",
        "ET  - ",
        "UR  - ",
        "Y2  - ",
        "N1  - ",
        "ER  - ",
    ]
    assert "UR  - http://localhost:8501/Data?q=a%20b%7D%0A%TY%20%20-%20JOUR&lang=fr" in lines


def test_citation_cff_names_the_shipped_version():
    """CITATION.cff, data/dataset.json and the data package agree on title, version, date and licence."""
    metadata = json.loads((ROOT / "data" / "dataset.json").read_text(encoding="utf-8"))
    cff = dict(
        line.split(": ", 1) for line in (ROOT / "CITATION.cff").read_text(encoding="utf-8").splitlines() if ": " in line
    )
    assert cff["version"] == metadata["version"]
    assert cff["date-released"] == f'"{metadata["released"]}"'
    assert cff["title"] == f'"{metadata["title"]}"'
    assert cff["license"] == descriptor(metadata)["licenses"][0]["name"] == "CC-BY-4.0"
