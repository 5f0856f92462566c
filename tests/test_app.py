"""Every page as a user meets it, under Streamlit's AppTest."""

import json
import shutil

import pytest
from streamlit.testing.v1 import AppTest

from sahel_atlas import ui
from tests.conftest import ROOT
from tests.test_loading import rewrite_cell

PAGES = ["dashboard.py", "pages/1_Map.py", "pages/2_Timeline.py", "pages/3_Data.py", "pages/4_About.py"]
TIMEOUT = 60


def run(page, **query):
    at = AppTest.from_file(str(ROOT / page), default_timeout=TIMEOUT)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def query_values(at, key):
    """The URL's values for `key` (AppTest keeps a single value as a plain string)."""
    value = at.query_params[key]
    return [value] if isinstance(value, str) else list(value)


def metric(at, label):
    return next(m.value for m in at.metric if m.label == label)


def map_args(at):
    [component] = [e for e in at.main if getattr(e, "type", "") == "component_instance"]
    return json.loads(component.proto.json_args)


def marker_count(at):
    return map_args(at)["feature_group"].count("L.marker(")


def plotted_points(at):
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    return sum(len(trace.get("y") or []) for trace in spec["data"])


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_without_exception(page):
    at = run(page)
    assert not at.exception
    assert not at.error, [e.value for e in at.error]
    assert at.sidebar.multiselect[0].label == "Actors"


def test_overview_counts_follow_a_filter():
    at = run("dashboard.py")
    events_before = int(metric(at, "Events"))
    coups_before = int(metric(at, "Coups and attempts"))
    assert events_before >= 80 and 0 < coups_before < events_before
    at.sidebar.multiselect(key="w_categories").select("coup").run()
    assert int(metric(at, "Events")) == coups_before
    assert "coup or attempt events" in at.markdown[1].value


def test_a_filter_changes_map_timeline_and_table():
    for page, measure in (
        ("pages/1_Map.py", marker_count),
        ("pages/2_Timeline.py", plotted_points),
        ("pages/3_Data.py", lambda at: len(at.dataframe[0].value)),
    ):
        at = run(page)
        before = measure(at)
        at.sidebar.multiselect(key="w_actors").select("Wagner Group").run()
        after = measure(at)
        assert not at.exception
        assert 0 < after < before, page


def test_table_and_download_agree_with_the_filter():
    at = run("pages/3_Data.py", actor="France", **{"from": "2020-01-01", "to": "2022-12-31"})
    table = at.dataframe[0].value
    assert len(table) > 0
    assert table["actors"].str.contains("France").all()
    assert (table["start_date"] <= "2022-12-31").all()
    assert "involving France" in at.markdown[0].value


def test_filters_survive_a_page_change_and_reach_the_url():
    at = run("dashboard.py")
    at.sidebar.multiselect(key="w_countries").select("NER").run()
    at.switch_page("pages/3_Data.py").run()
    assert not at.exception
    assert at.sidebar.multiselect(key="w_countries").value == ["NER"]
    assert query_values(at, "country") == ["NER"]
    assert at.dataframe[0].value["countries"].str.contains("NER").all()


def test_a_link_restores_the_view_and_bad_values_get_a_notice():
    at = run("dashboard.py", actor=["Wagner Group", "Atlantis"], category="coup", to="2031-01-01")
    assert at.sidebar.multiselect(key="w_actors").value == ["Wagner Group"]
    assert at.sidebar.multiselect(key="w_categories").value == ["coup"]
    notices = [w.value for w in at.warning]
    assert any("Atlantis" in n for n in notices) and any("2031-01-01" in n for n in notices)


def test_text_search_uses_aliases():
    at = run("pages/3_Data.py")
    at.sidebar.text_input(key="w_text").input("FAMa").run()
    table = at.dataframe[0].value
    by_alias = table["actors"].str.contains("Malian Armed Forces")
    by_text = (table["title"] + table["description"] + table["notes"]).str.contains(r"\bFAMa\b")
    assert by_alias.sum() >= 5 and (by_alias | by_text).all()


def test_reset_clears_every_filter():
    at = run("dashboard.py", category="coup", q="Niamey")
    at.sidebar.button[0].click().run()
    assert at.sidebar.multiselect(key="w_categories").value == []
    assert at.sidebar.text_input(key="w_text").value == ""


def test_map_region_and_as_of_date():
    at = run("pages/1_Map.py", region="Niger", asof="2022-02-17")
    args = map_args(at)
    assert "[[11.5, 0.0], [23.6, 16.0]]" in args["script"]
    assert all(link.startswith("/app/static/") for link in args["js_links"] + args["css_links"])
    assert args["returned_objects"] == ["last_object_clicked_tooltip"]
    assert at.date_input(key="w_asof").value.isoformat() == "2022-02-17"
    at.radio(key="w_region").set_value("Mali").run()
    assert "[[10.0, -12.5], [25.2, 4.5]]" in map_args(at)["script"]
    assert query_values(at, "region") == ["Mali"]
    assert query_values(at, "asof") == ["2022-02-17"]


def test_empty_selection_is_explained():
    at = run("pages/2_Timeline.py", q="zzzz-no-such-event")
    assert not at.exception
    assert "No event matches" in at.info[0].value


def test_bad_data_shows_one_panel_not_a_traceback(tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    rewrite_cell(data, "events.csv", 2, "date_precision", "fortnight")
    with (data / "events.csv").open("a", encoding="utf-8") as handle:
        handle.write("2016-01-01-broken-row,2016-01-01\n")
    monkeypatch.setattr(ui, "DATA_DIR", data)
    at = run("dashboard.py")
    assert not at.exception
    [panel] = at.error
    assert "2 problem(s)" in panel.value
    assert "events.csv, line 2: column `date_precision` value 'fortnight'" in panel.value.replace("\\", "")
    assert "row has 2 fields, the header has 20" in panel.value
    assert int(metric(at, "Events")) > 0  # the rest is still shown


def test_missing_geography_is_a_message(tmp_path, monkeypatch):
    monkeypatch.setattr(ui, "GEO_DIR", tmp_path)
    at = run("dashboard.py")
    assert not at.exception
    assert "could not read its data or geography" in at.error[0].value


def test_about_page_shows_version_citation_and_coverage():
    at = run("pages/4_About.py")
    metadata = json.loads((ROOT / "data" / "dataset.json").read_text(encoding="utf-8"))
    assert f"version **{metadata['version']}**" in at.markdown[0].value
    assert metadata["version"] in at.code[0].value and "Licence" in at.code[0].value
    assert len(at.get("plotly_chart")) == 3  # per year, by country, troop strength
    sources = at.dataframe[0].value
    assert sources["events citing it"].iloc[0] >= sources["events citing it"].iloc[-1] > 0
