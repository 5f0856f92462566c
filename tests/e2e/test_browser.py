"""The app in headless Chromium, offline: pages, map, timeline, a filter change, the CSV download."""

import csv
import io
import json
import time
from datetime import date
from itertools import pairwise

import pytest

from sahel_atlas.filters import Filters, apply_filters, search_index
from sahel_atlas.geography import load_geography
from sahel_atlas.loading import load_dataset
from sahel_atlas.summary import bases_active_on
from tests.conftest import ROOT
from tests.e2e.conftest import ARTIFACTS

PAGES = {
    "": "Sahel Atlas",
    "Map": "Map",
    "Timeline": "Timeline",
    "Data": "Data and downloads",
    "About": "About the data",
    "Compare": "Compare two dates",
    "Analysis": "Questions answered",
    "Stories": "Guided stories",
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
    page = v.open("Map?window=0")
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
    page = v.open("Map?window=0")
    frame = folium_frame(page)
    before = frame.evaluate(EVENTS_ON_MAP)
    shown_before = page.get_by_text("event(s) shown").first.inner_text()
    choose(page, "Categories", "Coup or attempt")
    frame.wait_for_function(f"() => ({EVENTS_ON_MAP})() < {before}", timeout=30_000)
    v.wait()
    after = frame.evaluate(EVENTS_ON_MAP)
    assert 0 < after < before
    assert page.get_by_text("event(s) shown").first.inner_text() != shown_before
    page.locator(".st-key-sahel_nav").get_by_role("link", name="Timeline").click()
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
    assert [x[:10] for x in x_range] == ["2012-01-02", "2026-04-01"]  # a year around the filter band
    band = chart.evaluate("el => el._fullLayout.shapes.map(s => [s.x0, s.x1])")
    assert band[0] == ["2013-01-01", "2025-12-31"]
    v.screenshot("timeline")


def test_clicking_a_marker_opens_its_record(visit):
    v = visit()
    page = v.open("Map?category=base&q=Gossi&region=Mali&asof=2022-02-17")
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
    rows = list(csv.DictReader(io.StringIO(download.path().read_text(encoding="utf-8-sig"))))
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
    page = v.open("Map?window=0")
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


def french_bases_held(day):
    geography = load_geography(ROOT / "geo")
    dataset = load_dataset(ROOT / "data", set(geography.country_names()))
    held = bases_active_on(dataset.events, day)
    return held[held["actor_list"].str[0] == "France"]


def test_as_of_the_withdrawal_announcement_the_map_shows_the_bases_then_held(visit):
    v = visit()
    page = v.open("Map?asof=2022-02-17&region=Mali&actor=France&category=base")
    frame = folium_frame(page)
    marks = frame.locator(".sahel-marker svg text").all_text_contents()
    expected = french_bases_held(date(2022, 2, 17))
    # bases at one place (Dakar's quarters, Gossi) share a cluster bubble until spiderfied
    assert set(marks) == {"FR"} and frame.evaluate(EVENTS_ON_MAP) == len(expected)
    mali = sorted(expected[expected["country_list"].str[0] == "MLI"]["location"])
    assert mali == ["Gao", "Gossi", "Ménaka"]
    v.screenshot("map-2022-02-17")


def test_playback_steps_month_by_month_without_reloading_the_map(visit):
    v = visit()
    page = v.open("Map?asof=2022-01-17&window=3&region=Mali")
    frame = folium_frame(page)
    frame.evaluate("() => { window.__probe = 'kept'; }")
    as_of = page.get_by_test_id("stDateInput").filter(has_text="As of").locator("input")
    assert as_of.input_value() == "2022-01-17"
    page.get_by_role("button", name="Play").click()
    seen = {}
    for expected in ("2022-02-17", "2022-03-17", "2022-04-17"):
        page.wait_for_function(
            f"() => [...document.querySelectorAll('[data-testid=stDateInput] input')]"
            f".some(i => i.value === '{expected}')",
            timeout=20_000,
        )
        seen[expected] = time.monotonic()
    steps = list(seen.values())
    step_seconds = [b - a for a, b in pairwise(steps)]
    (ARTIFACTS / "playback-steps.txt").write_text(" ".join(f"{s:.2f}" for s in step_seconds) + "\n")
    assert all(1.0 < s < 5.0 for s in step_seconds), step_seconds
    assert frame.evaluate("() => window.__probe") == "kept"  # same map: layers were swapped in place
    page.get_by_role("button", name="Pause").click()
    v.wait()
    v.screenshot("map-playback")
    assert v.errors == [] and v.blocked == []


def test_a_copied_link_restores_the_view_in_a_fresh_browser(visit):
    link = (
        "Map?lang=fr&actor=Wagner+Group&asof=2023-06-30&region=Mali&window=6"
        "&event=2021-12-23-western-states-condemn-wagner-mali"
    )
    v = visit()
    page = v.open(link)
    assert page.get_by_role("heading", name="Carte").is_visible()
    assert page.get_by_test_id("stDateInput").filter(has_text="À la date du").locator("input").input_value() == (
        "2023-06-30"
    )
    sidebar = page.get_by_test_id("stSidebar")
    assert sidebar.get_by_text("Wagner Group").first.is_visible()
    assert page.get_by_test_id("stRadio").filter(has_text="Région").get_by_role("radio", name="Mali").is_checked()
    v.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=v.app_url)
    sidebar.frame_locator("iframe").get_by_role("button", name="Copier le lien de cette vue").click()
    sidebar.frame_locator("iframe").get_by_role("button", name="Lien copié").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    for part in ("lang=fr", "actor=Wagner+Group", "asof=2023-06-30", "region=Mali", "window=6"):
        assert part in copied
    folium_frame(page)
    v.screenshot("map-french")


def test_clicking_the_timeline_selects_the_event_on_the_map(visit):
    v = visit()
    page = v.open("Timeline?category=coup&from=2023-07-01&to=2023-08-31")
    chart = page.locator(".js-plotly-plot").first
    chart.wait_for(timeout=30_000)
    # Plotly picks the point under a real mouse click on its drag layer
    box = chart.locator(".scatterlayer .point").first.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    record = page.get_by_role("heading", level=3).first
    record.wait_for(timeout=30_000)
    title = record.inner_text()
    assert "Niger" in title or "coup" in title.lower()
    page.locator(".st-key-sahel_nav").get_by_role("link", name="Map").click()
    v.wait()
    frame = folium_frame(page)
    assert frame.locator(".leaflet-sahelSelected-pane path[stroke='#C00000']").count() == 1  # the ring
    assert page.get_by_role("heading", level=3).first.inner_text() == title


def test_markers_and_filters_work_from_the_keyboard(visit):
    v = visit()
    page = v.open("Map?asof=2022-02-17&region=Mali&category=base&actor=France")
    frame = folium_frame(page)
    marker = frame.locator(".sahel-marker").first
    marker.focus()
    page.keyboard.press("Enter")
    frame.locator(".leaflet-popup-content").wait_for(timeout=10_000)
    assert "France" in frame.locator(".leaflet-popup-content").inner_text()
    # a filter chosen with the keyboard only
    page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").filter(has_text="Countries").locator(
        "input"
    ).focus()
    page.keyboard.type("Niger (NER)")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    page.wait_for_function("() => decodeURIComponent(location.search).includes('country=NER')", timeout=20_000)
