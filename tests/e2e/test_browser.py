"""The app in headless Chromium, offline: pages, map, timeline, a filter change, the CSV download."""

import csv
import io
import json
from datetime import date

import pytest

from sahel_atlas.filters import Filters, apply_filters, search_index
from sahel_atlas.geography import load_geography
from sahel_atlas.loading import load_dataset
from tests.conftest import ROOT

PAGES = {
    "": "Sahel Atlas",
    "Map": "Map",
    "Timeline": "Timeline",
    "Data": "Data and downloads",
    "About": "About the data",
}

# Events represented on the map: each cluster bubble counts its members, each lone marker one.
EVENTS_ON_MAP = """() => {
  const clusters = [...document.querySelectorAll('.marker-cluster span')].map(s => parseInt(s.textContent));
  const lone = document.querySelectorAll('.leaflet-marker-icon.sahel-marker').length;
  return clusters.reduce((a, b) => a + b, 0) + lone;
}"""


def folium_frame(page):
    page.frame_locator('iframe[title="streamlit_folium.st_folium"]').locator(".leaflet-marker-icon").first.wait_for(
        timeout=30_000
    )
    frame = next(f for f in page.frames if "streamlit_folium" in f.url)
    # fitBounds animates the first zoom: wait until Leaflet has finished it
    frame.wait_for_function("() => !document.querySelector('.leaflet-zoom-anim')", timeout=10_000)
    frame.wait_for_timeout(400)
    return frame


def choose(page, label, option):
    """Pick an option in a sidebar multiselect, as a user does: click, type, Enter."""
    box = page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").filter(has_text=label)
    box.click()
    page.keyboard.type(option)
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")


@pytest.mark.parametrize("path", list(PAGES))
def test_each_page_loads_offline_without_error(visit, path):
    v = visit()
    page = v.open(path)
    assert page.get_by_role("heading", name=PAGES[path]).first.is_visible()
    assert page.get_by_test_id("stException").count() == 0
    assert page.get_by_test_id("stAlertContentError").count() == 0
    v.screenshot(f"page-{path or 'overview'}")
    assert v.errors == []
    assert v.blocked == []


def test_map_draws_markers_and_boundaries_offline(visit):
    v = visit()
    page = v.open("Map")
    frame = folium_frame(page)
    assert frame.locator("path.leaflet-interactive").count() > 30  # country outlines, rivers, lakes
    assert frame.evaluate(EVENTS_ON_MAP) > 50
    assert frame.locator(".leaflet-control-layers").is_visible()
    box = page.locator('iframe[title="streamlit_folium.st_folium"]').bounding_box()
    assert box["height"] > 400
    v.screenshot("map")
    assert v.errors == [] and v.blocked == []


def test_a_filter_change_updates_map_count_and_timeline(visit):
    v = visit()
    page = v.open("Map")
    frame = folium_frame(page)
    before = frame.evaluate(EVENTS_ON_MAP)
    shown_before = page.get_by_text("event(s) shown").first.inner_text()
    choose(page, "Categories", "Coup or attempt")
    frame.wait_for_function(f"() => ({EVENTS_ON_MAP})() < {before}", timeout=30_000)
    v.wait()
    after = frame.evaluate(EVENTS_ON_MAP)
    assert 0 < after < before
    assert page.get_by_text("event(s) shown").first.inner_text() != shown_before
    page.get_by_test_id("stSidebarNav").get_by_text("Timeline").click()
    v.wait()
    chart = page.locator(".js-plotly-plot").first
    chart.wait_for(timeout=30_000)
    legend = chart.locator(".legendtext").all_text_contents()
    assert legend and all(text.startswith("Coup or attempt") for text in legend)  # the filter survived
    assert chart.locator(".scatterlayer .point").count() > 0
    assert v.errors == [] and v.blocked == []


def test_timeline_draws_spans_and_points(visit):
    v = visit()
    page = v.open("Timeline?from=2013-01-01&to=2025-12-31")
    chart = page.locator(".js-plotly-plot").first
    chart.wait_for(timeout=30_000)
    assert chart.locator(".barlayer .point").count() > 20
    assert chart.locator(".scatterlayer .point").count() > 50
    x_range = chart.evaluate("el => el._fullLayout.xaxis.range")
    assert [x[:10] for x in x_range] == ["2013-01-01", "2025-12-31"]
    v.screenshot("timeline")


def test_clicking_a_marker_opens_its_record(visit):
    v = visit()
    page = v.open("Map?category=base&q=Gossi&region=Mali")
    frame = folium_frame(page)
    # two holders' markers share Gossi's coordinates: a click lands on whichever is on top
    frame.locator(".sahel-marker").first.click(force=True)
    record = page.get_by_role("heading", level=3).filter(has_text="Gossi").first
    record.wait_for(timeout=30_000)
    assert page.get_by_text("Sources").first.is_visible()


def test_download_csv_is_exactly_the_rows_shown(visit, tmp_path):
    v = visit()
    page = v.open("Data?actor=France&from=2020-01-01&to=2022-12-31")
    shown = int(page.get_by_text("event(s) shown").first.locator("strong").inner_text())
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download CSV").click()
    download = download_info.value
    version = dataset_version()
    assert download.suggested_filename == f"sahel-events_2020-01-01_2022-12-31_france_v{version}.csv"
    rows = list(csv.DictReader(io.StringIO(download.path().read_text(encoding="utf-8"))))
    assert len(rows) == shown > 0

    geography = load_geography(ROOT / "geo")
    dataset = load_dataset(ROOT / "data", set(geography.country_names()))
    filters = Filters(start=date(2020, 1, 1), end=date(2022, 12, 31), actors=("France",))
    expected = apply_filters(dataset.events, filters, search_index(dataset.events, dataset.actors))
    assert [r["event_id"] for r in rows] == list(expected["event_id"])
    assert all("France" in r["actors"].split(";") for r in rows)
    assert v.blocked == []


def dataset_version():
    return json.loads((ROOT / "data" / "dataset.json").read_text(encoding="utf-8"))["version"]


def test_phone_width_layout_has_no_horizontal_scroll(visit):
    v = visit(viewport={"width": 390, "height": 844})
    page = v.open("Map")
    folium_frame(page)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    v.screenshot("map-phone")


def test_a_filter_change_keeps_the_users_pan_and_zoom(visit):
    v = visit()
    page = v.open("Map")
    frame = folium_frame(page)
    start_zoom = frame.evaluate("() => map_div.getZoom()")
    frame.locator(".leaflet-control-zoom-in").click()
    frame.wait_for_function(f"() => map_div.getZoom() > {start_zoom}")
    view = frame.evaluate("() => [map_div.getZoom(), map_div.getCenter().lat, map_div.getCenter().lng]")
    before = frame.evaluate(EVENTS_ON_MAP)
    choose(page, "Categories", "Attack")
    frame.wait_for_function(f"() => ({EVENTS_ON_MAP})() != {before}", timeout=30_000)
    v.wait()
    assert frame.evaluate("() => [map_div.getZoom(), map_div.getCenter().lat, map_div.getCenter().lng]") == view
