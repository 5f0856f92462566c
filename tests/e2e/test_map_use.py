"""The map as people use it: hostile text in the data, clicking and re-clicking markers, popups, hidden layers,
markers at one place, a phone, the as-of calendar and keyboard. Each test acts in the browser and checks what
is shown."""

import shutil
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from sahel_atlas.filters import Filters, apply_filters, search_index
from sahel_atlas.geography import load_geography
from sahel_atlas.loading import load_dataset
from sahel_atlas.mapview import tooltip_text, visible_events
from tests.conftest import ROOT
from tests.e2e.conftest import ARTIFACTS, READY, Visit, streamlit_server

MAP = 'iframe[title="streamlit_folium.st_folium"]'
# Events represented on the map: each cluster bubble counts its members, each lone marker one.
EVENTS_ON_MAP = """() => {
  const clusters = [...document.querySelectorAll('.marker-cluster span')].map(s => parseInt(s.textContent));
  const lone = document.querySelectorAll('.leaflet-marker-icon.sahel-marker').length;
  return clusters.reduce((a, b) => a + b, 0) + lone;
}"""
# Markers a pointer can reach: the element under each marker's centre is that marker.
REACHABLE = """() => [...document.querySelectorAll('.sahel-marker')].filter(m => {
  const r = m.getBoundingClientRect();
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  return hit && hit.closest('.sahel-marker') === m;
}).map(m => m.getAttribute('aria-label'))"""

HOSTILE_TITLES = {
    "2023-02-17-oursi-deou-ambush": "Zorglub attack on the `MOC` camp",
    "2023-02-20-tin-akoff-detachment-attack": "Zorglub ${alert(1)}",
    "2023-08-15-koutougou-ambush": "Zorglub </script><script>alert(2)</script>",
}
HOSTILE_PLACE = ("2023-08-15-koutougou-ambush", "<img src=x onerror=alert(3)>")
# Same day, same title, same place: one tooltip for two events.
TWINS = ("2023-04-20-karma-massacre", "2023-09-04-koumbri-attack")
TWIN_TITLE = "Quuxtwin attack"
HOSTILE_OPERATION = "*Zorglub* [fake](http://evil.invalid/x) <b>op</b>"


def map_frame(page):
    """The map's frame once markers are drawn and the map is still."""
    page.frame_locator(MAP).locator(".leaflet-marker-icon").first.wait_for(timeout=30_000)
    frame = next(f for f in page.frames if "streamlit_folium" in f.url)
    settled(frame)
    return frame


# True once no zoom, pan or cluster animation has run in the map for half a second.
STILL = """() => {
  const now = performance.now();
  if (document.querySelector('.leaflet-zoom-anim, .leaflet-cluster-anim, .leaflet-pan-anim')) window.sahelBusy = now;
  window.sahelBusy = window.sahelBusy ?? now;
  return now - window.sahelBusy > 500;
}"""


def settled(frame):
    """Once the map has stopped moving: after its first zoom and cluster animations (a click during them lands on
    the moving pane, not on a marker), or after Leaflet panned to show a popup that grew."""
    frame.wait_for_function(STILL, polling=50, timeout=15_000)


def click_marker(v, path, place):
    """Open `path`, click the marker whose name holds `place` once the map is still, and wait for its record
    below the map: (page, map frame, popup content)."""
    page = v.open(path)
    frame = map_frame(page)
    frame.locator(f".sahel-marker[aria-label*='{place}']").first.click()
    record_heading(page, place)
    v.wait()
    return page, frame, frame.locator(".leaflet-popup-content")


def record_heading(page, text):
    heading = page.get_by_role("heading", level=3).filter(has_text=text).first
    heading.wait_for(timeout=30_000)
    return heading


# The index of the first marker cluster not yet opened (spiderfied clusters are dimmed), or -1.
CLOSED_CLUSTER = """() => [...document.querySelectorAll('.marker-cluster')]
  .findIndex(cluster => cluster.style.opacity !== '0.3')"""


def write_hostile_data(target):
    """A copy of data/ where some titles, a place, an operation and a pair of twins are hostile or ambiguous."""
    shutil.copytree(ROOT / "data", target)
    events = pd.read_csv(target / "events.csv", dtype=str, keep_default_na=False)
    row = events.set_index("event_id").index.get_loc
    for event_id, title in HOSTILE_TITLES.items():
        events.loc[row(event_id), ["title", "title_fr"]] = [title, ""]
    events.loc[row(HOSTILE_PLACE[0]), "location"] = HOSTILE_PLACE[1]
    first, second = (row(event_id) for event_id in TWINS)
    events.loc[[first, second], ["title", "title_fr"]] = [TWIN_TITLE, ""]
    events.loc[second, ["start_date", "latitude", "longitude"]] = events.loc[
        first, ["start_date", "latitude", "longitude"]
    ].to_numpy()
    spans = events[(events["category"] == "deployment") & (events["end_date"] >= "2024-01-01")]
    renamed = spans[(spans["start_date"] <= "2023-12-31") & (spans["operation"] != "")]["operation"].iloc[0]
    events.loc[events["operation"] == renamed, "operation"] = HOSTILE_OPERATION
    events.to_csv(target / "events.csv", index=False)
    operations = pd.read_csv(target / "operations.csv", dtype=str, keep_default_na=False)
    operations.loc[operations["operation"] == renamed, "operation"] = HOSTILE_OPERATION
    operations.to_csv(target / "operations.csv", index=False)
    return target


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """A second server over the hostile copy of the data (SAHEL_ATLAS_DATA); yields (url, dataset)."""
    data_dir = write_hostile_data(tmp_path_factory.mktemp("hostile") / "data")
    geography = load_geography(ROOT / "geo")
    dataset = load_dataset(data_dir, set(geography.country_names()))
    assert not dataset.problems, [p.message() for p in dataset.problems]
    with streamlit_server(data_dir) as url:
        yield url, dataset


@pytest.fixture
def hostile_visit(browser, hostile):
    visits = []

    def make(viewport=None):
        v = Visit(browser, hostile[0], viewport)
        v.dialogs = []
        v.page.on("dialog", lambda dialog: (v.dialogs.append(dialog.message), dialog.dismiss()))
        visits.append(v)
        return v

    yield make
    for v in visits:
        v.close()


def test_hostile_text_in_the_data_breaks_no_marker(hostile_visit, hostile):
    """Backtick, ${…}, </script> and <img onerror> in titles and places, Markdown in an operation name: every
    marker is drawn, no script runs, and the operation is shown literally under the map."""
    _, dataset = hostile
    v = hostile_visit()
    page = v.open("Map?asof=2023-12-31&window=0&region=West+and+Central+Africa")
    frame = map_frame(page)
    events = apply_filters(dataset.events, Filters(), search_index(dataset.events, dataset.actors))
    expected = visible_events(events, date(2023, 12, 31), Filters().start)
    assert frame.evaluate(EVENTS_ON_MAP) == len(expected) > 100
    operations = page.locator("p", has_text="Operations under way").first.inner_text()
    assert HOSTILE_OPERATION in operations.replace("\u2060", "")  # a word joiner keeps the address from linking
    assert page.locator("a[href*='evil.invalid']").count() == 0 and page.locator("main b", has_text="op").count() == 0
    assert v.errors == [] and v.dialogs == [] and v.blocked == []


def test_hostile_text_is_shown_literally_in_tooltips_popups_and_records(hostile_visit, hostile):
    _, dataset = hostile
    v = hostile_visit()
    page = v.open("Map?asof=2023-12-31&window=0&region=Sahel&q=Zorglub")
    frame = map_frame(page)
    found = apply_filters(dataset.events, Filters(text="Zorglub"), search_index(dataset.events, dataset.actors))
    tips = {tooltip_text(e) for _, e in visible_events(found, date(2023, 12, 31), Filters().start).iterrows()}
    assert frame.evaluate(EVENTS_ON_MAP) == len(tips) >= 3
    # near one another: open each bubble (at the last zoom a bubble of markers at one point spiders out and
    # stays, dimmed to 0.3 by Leaflet.markercluster)
    while (closed := frame.evaluate(CLOSED_CLUSTER)) >= 0:
        frame.locator(".marker-cluster").nth(closed).click()
        frame.wait_for_function("() => !document.querySelector('.leaflet-zoom-anim, .leaflet-cluster-anim')")
    assert set(frame.evaluate(REACHABLE)) == tips  # what a screen reader hears and a pointer reaches
    koutougou = frame.locator(".sahel-marker[aria-label*='script']")
    koutougou.hover()
    tooltip = frame.locator(".leaflet-tooltip-top").last  # the hovered marker's (older ones may stay open)
    assert tooltip.inner_text() == f"15 Aug 2023 · {HOSTILE_TITLES[HOSTILE_PLACE[0]]}"
    koutougou.click()
    popup = frame.locator(".leaflet-popup-content")
    assert HOSTILE_TITLES[HOSTILE_PLACE[0]] in popup.inner_text() and HOSTILE_PLACE[1] in popup.inner_text()
    assert popup.locator("img, script").count() == 0
    assert record_heading(page, "Zorglub").inner_text() == HOSTILE_TITLES[HOSTILE_PLACE[0]]
    frame.locator(".sahel-marker[aria-label*='MOC']").click()
    assert record_heading(page, "MOC").inner_text() == HOSTILE_TITLES["2023-02-17-oursi-deou-ambush"]
    v.screenshot("map-hostile")
    assert v.errors == [] and v.dialogs == [] and v.blocked == []


def test_two_events_with_one_tooltip_are_told_apart_by_id(hostile_visit):
    v = hostile_visit()
    page = v.open("Map?asof=2023-12-31&window=0&region=Sahel&q=Quuxtwin")
    frame = map_frame(page)
    frame.locator(".marker-cluster").first.click()  # same place: spiderfied at once
    twins = frame.locator(f".sahel-marker[aria-label='20 Apr 2023 · {TWIN_TITLE}']")
    frame.wait_for_function("() => document.querySelectorAll('.sahel-marker').length === 2", timeout=10_000)
    seen = []
    for index in range(2):
        twins.nth(index).click()
        page.wait_for_function(
            "([ids, seen]) => ids.some(id => !seen.includes(id) && location.search.includes('event=' + id))",
            arg=[list(TWINS), seen],
            timeout=20_000,
        )
        seen.append(next(i for i in TWINS if f"event={i}" in page.url))
        page.get_by_test_id("stMain").get_by_text(seen[-1]).first.wait_for(timeout=20_000)  # the record shows it
        settled(frame)  # as a reader would, the next click waits for the popup, grown with its sources, to settle
    assert sorted(seen) == sorted(TWINS)
    assert v.errors == [] and v.dialogs == []


def test_a_marker_clicked_again_after_another_selection_is_selected(visit):
    """Niger's coup on the map, Gabon's on the timeline, Niger's on the map again: the record follows."""
    v = visit()
    page = v.open("Map?category=coup&from=2023-07-01&to=2023-08-31&asof=2023-08-31&region=West+and+Central+Africa")
    frame = map_frame(page)
    niger = "26 Jul 2023 · "
    frame.locator(f".sahel-marker[aria-label^='{niger}']").click()
    record_heading(page, "Niger")
    page.locator(".st-key-sahel_nav").get_by_role("link", name="Timeline").click()
    chart = page.locator(".js-plotly-plot").first
    chart.wait_for(timeout=30_000)
    boxes = [p.bounding_box() for p in chart.locator(".scatterlayer .point").all()]
    gabon = max(boxes, key=lambda b: b["x"])  # 30 Aug, after Niger's 26 Jul
    page.mouse.click(gabon["x"] + gabon["width"] / 2, gabon["y"] + gabon["height"] / 2)
    record_heading(page, "Gabon")
    page.locator(".st-key-sahel_nav").get_by_role("link", name="Map").click()
    v.wait()
    frame = map_frame(page)
    assert "Gabon" in page.get_by_role("heading", level=3).first.inner_text()
    frame.locator(f".sahel-marker[aria-label^='{niger}']").click()
    record_heading(page, "Niger")
    assert "event=2023-07-26-niger-coup-tchiani" in page.url
    assert v.errors == []


def test_the_popup_stays_open_and_enter_or_space_select_a_marker(visit):
    v = visit()
    page, frame, popup = click_marker(v, "Map?asof=2022-02-17&region=Mali&category=base&actor=France", "Gao")
    assert "Gao" in popup.inner_text()  # still open after the rerun the click caused
    link = popup.locator("a").first  # the sources come with the selection the click made
    assert link.get_attribute("href").startswith("https://") and link.get_attribute("target") == "_blank"
    box, inset = link.bounding_box(), frame.frame_element().bounding_box()
    point = [box["x"] - inset["x"] + 3, box["y"] - inset["y"] + 3]
    assert frame.evaluate("([x, y]) => document.elementFromPoint(x, y).closest('a') !== null", point)  # reachable
    for key, place in (("Enter", "Ménaka"), ("Space", "Gossi")):
        frame.locator(f".sahel-marker[aria-label*='{place}']").first.focus()
        page.keyboard.press(key)
        record_heading(page, place)
        assert place in frame.locator(".leaflet-popup-content").inner_text()
    assert v.errors == []


@pytest.mark.parametrize(
    ("width", "path", "place"),
    [
        (1400, "Map?asof=2021-06-01&region=Mali&category=base&actor=France", "Tessalit"),  # near the map's top
        (390, "Map?asof=2021-06-01&region=Mali&category=base&actor=France", "Tessalit"),
        (390, "Map?asof=2025-06-30&region=Mali&q=Anoumalane", "Aguelhok"),  # the longest description, on a phone
    ],
)
def test_a_popup_is_shown_whole_once_its_sources_arrive(visit, width, path, place):
    v = visit({"width": width, "height": 900})
    _, frame, popup = click_marker(v, path, place)
    popup.locator("a").first.wait_for()  # the sources, sent with the selection the click made
    settled(frame)
    box = frame.evaluate("() => document.querySelector('.leaflet-popup').getBoundingClientRect().toJSON()")
    size = frame.evaluate("() => [window.innerWidth, window.innerHeight]")
    assert box["top"] >= 0 and box["left"] >= 0 and box["right"] <= size[0] and box["bottom"] <= size[1], (box, size)
    v.screenshot(f"map-popup-{place.lower()}-{width}")
    assert v.errors == []


def layer_toggle(frame, name):
    frame.locator(".leaflet-control-layers").hover()
    return frame.locator(".leaflet-control-layers-overlays label").filter(has_text=name).locator("input")


def test_layers_hidden_by_the_user_stay_hidden_after_an_as_of_change_and_playback(visit):
    v = visit()
    page = v.open("Map?asof=2022-01-17&window=3&region=Mali")
    frame = map_frame(page)
    assert frame.locator(".sahel-marker svg text").count() > 0  # base icons carry their holder's mark
    layer_toggle(frame, "Bases").uncheck()
    layer_toggle(frame, "Regimes").uncheck()
    layer_toggle(frame, "Online tiles (OSM)").check()  # off by default: the user's choice, kept as well
    assert frame.locator(".sahel-marker svg text").count() == 0
    field = page.get_by_test_id("stDateInput").filter(has_text="As of")
    field.get_by_test_id("stDateInputCalendarButton").click()
    page.get_by_test_id("stDateInputCalendar").get_by_label("Thursday, January 20, 2022").click()
    page.get_by_text("Operations under way on 20 Jan 2022").wait_for(timeout=20_000)
    page.get_by_role("button", name="Play").click()
    page.get_by_text("Operations under way on 20 Feb 2022").wait_for(timeout=20_000)
    page.get_by_role("button", name="Pause").click()
    v.wait()
    assert not layer_toggle(frame, "Bases").is_checked() and not layer_toggle(frame, "Regimes").is_checked()
    assert layer_toggle(frame, "Online tiles (OSM)").is_checked() and layer_toggle(frame, "Events").is_checked()
    assert frame.locator(".sahel-marker svg text").count() == 0
    assert frame.locator("path[fill='#e8875b'], path[fill='#f6c98b']").count() == 0  # no regime shading
    assert frame.locator(".leaflet-tile-pane .leaflet-layer").count() == 1
    assert v.errors == []


def test_every_marker_in_bamako_is_reachable_at_the_closest_zoom(visit):
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    v = visit()
    page = v.open("Map?window=0&region=Mali&asof=2023-12-31")  # two bases there then: EUTM's and Wagner's
    frame = map_frame(page)
    inset = frame.frame_element().bounding_box()
    members = 0
    for _ in range(12):  # click Bamako's bubble until it opens as a spider
        x, y = frame.evaluate("() => Object.values(map_div.latLngToContainerPoint([12.609, -7.975]))")
        members = int(frame.evaluate(f"() => document.elementFromPoint({x}, {y}).closest('.marker-cluster').innerText"))
        page.mouse.click(inset["x"] + x, inset["y"] + y)
        frame.wait_for_function("() => !document.querySelector('.leaflet-zoom-anim, .leaflet-cluster-anim')")
        try:  # the group opens as a spider (with an animation of its own): each member a click target
            frame.wait_for_function(f"() => ({REACHABLE})().length >= {members}", timeout=2_000)
            break
        except PlaywrightTimeout:
            continue
    assert frame.evaluate("() => map_div.getZoom()") >= 11  # a town-level zoom (the spider may open before max)
    reachable = frame.evaluate(REACHABLE)
    assert members > 30 and len(reachable) >= members  # each member its own click target, bases included
    assert frame.locator(".sahel-marker svg text").count() >= 2
    v.screenshot("map-bamako-spider")
    last = frame.locator(".sahel-marker").filter(has=frame.locator("svg text")).first
    title = last.get_attribute("aria-label").split(" · ", 1)[1]
    last.click()
    record_heading(page, title[:20])
    assert v.errors == []


def touch(cdp, kind, points):
    cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": [{"x": x, "y": y} for x, y in points]})


def swipe(page, cdp, starts, dy):
    touch(cdp, "touchStart", starts)
    for step in range(1, 11):
        touch(cdp, "touchMove", [(x, y - dy * step / 10) for x, y in starts])
        page.wait_for_timeout(16)
    touch(cdp, "touchEnd", [])
    page.wait_for_timeout(600)


def test_on_a_phone_one_finger_scrolls_the_page_and_two_move_the_map(browser, app_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(f"{app_url}/Map?region=Mali")
        page.wait_for_selector(READY, timeout=60_000)
        frame = map_frame(page)
        iframe = page.locator(MAP)
        iframe.scroll_into_view_if_needed()
        top, centre = iframe.bounding_box()["y"], frame.evaluate("() => map_div.getCenter()")
        box = iframe.bounding_box()
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] * 0.6
        cdp = context.new_cdp_session(page)
        swipe(page, cdp, [(x, y)], 200)
        assert frame.evaluate("() => map_div.getCenter()") == centre  # the map stayed
        assert iframe.bounding_box()["y"] < top - 50  # the page scrolled
        assert frame.evaluate("() => map_div.getContainer().getAttribute('data-gesture-handling-touch-content')")
        box = iframe.bounding_box()
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        swipe(page, cdp, [(x - 40, y), (x + 40, y)], 120)
        assert frame.evaluate("() => map_div.getCenter()") != centre  # two fingers move the map
        page.screenshot(path=ARTIFACTS / "map-phone-touch.png")
    finally:
        context.close()


def test_the_as_of_date_from_the_calendar_or_typed_with_enter_updates_map_and_address(visit):
    v = visit()
    page = v.open("Map?asof=2022-01-17&window=3&region=Mali")
    map_frame(page)
    field = page.get_by_test_id("stDateInput").filter(has_text="As of")
    field.get_by_test_id("stDateInputCalendarButton").click()
    page.get_by_test_id("stDateInputCalendar").get_by_label("Thursday, January 20, 2022").click()
    page.get_by_text("Operations under way on 20 Jan 2022").wait_for(timeout=20_000)
    page.wait_for_function("() => location.search.includes('asof=2022-01-20')", timeout=10_000)
    field.get_by_role("spinbutton", name="month").click()
    page.keyboard.type("0305")  # month, then day: the field moves on by itself
    page.keyboard.press("Enter")
    page.get_by_text("Operations under way on 5 Mar 2022").wait_for(timeout=20_000)
    page.wait_for_function("() => location.search.includes('asof=2022-03-05')", timeout=10_000)
    assert field.locator("input").input_value() == "2022-03-05"
    field.get_by_role("spinbutton", name="year").focus()  # from the keyboard only
    page.keyboard.type("2023")
    page.keyboard.press("Enter")
    page.get_by_text("Operations under way on 5 Mar 2023").wait_for(timeout=20_000)
    assert "asof=2023-03-05" in page.url
    v.screenshot("map-as-of-typed")
    assert v.errors == []


def french_bases_shown(as_of):
    """How many rows the map's table lists for French bases as of `as_of` (every base held that day)."""
    geography = load_geography(ROOT / "geo")
    dataset = load_dataset(ROOT / "data", set(geography.country_names()))
    filters = Filters(start=date(2013, 1, 1), end=date(2025, 12, 31), actors=("France",), categories=("base",))
    chosen = apply_filters(dataset.events, filters, search_index(dataset.events, dataset.actors))
    return len(visible_events(chosen, as_of, date(2013, 1, 1)))


@pytest.mark.parametrize("width", [1400, 390])
def test_the_table_under_the_map_comes_when_opened_and_follows_the_date(visit, width):
    """The table of what the map shows is sent only while its expander is open (not with every step or cold load);
    opened, it lists the map's markers and follows an as-of change; closed, it is gone from the page."""
    v = visit({"width": width, "height": 900})
    page = v.open("Map?asof=2022-02-17&region=Mali&category=base&actor=France&window=0")
    map_frame(page)
    assert page.get_by_test_id("stDataFrame").count() == 0  # closed: no table in the page
    toggle = page.get_by_text("Table of what the map shows")
    toggle.click()
    page.get_by_test_id("stDataFrame").wait_for(timeout=20_000)
    rows = "() => document.querySelector('[data-testid=stDataFrame] [aria-rowcount]')?.getAttribute('aria-rowcount')"
    before, after = french_bases_shown(date(2022, 2, 17)), french_bases_shown(date(2023, 2, 17))
    assert before != after and page.evaluate(rows) == str(before + 1)  # and a header row
    field = page.get_by_test_id("stDateInput").filter(has_text="As of")
    field.get_by_role("spinbutton", name="year").focus()
    page.keyboard.type("2023")
    page.keyboard.press("Enter")
    page.get_by_text("Operations under way on 17 Feb 2023").wait_for(timeout=20_000)
    page.wait_for_function(f"() => ({rows})() === '{after + 1}'", timeout=20_000)
    v.screenshot(f"map-table-{width}")
    toggle.click()
    page.wait_for_function("() => !document.querySelector('[data-testid=stDataFrame]')", timeout=20_000)
    assert v.errors == []


@pytest.mark.parametrize("width", [1400, 390])
def test_two_dates_compared_by_keyboard_listed_downloaded_and_undone_with_back(visit, width):
    """Compare: the first date typed (month, day, year, Enter), the changes listed as sentences, the same
    changes downloaded as CSV, and Back returns to the previous first date."""
    v = visit({"width": width, "height": 900})
    page = v.open("Compare?region=Mali&country=MLI&asof=2022-12-31")
    heading = page.get_by_role("heading", name="What changed from 31 Dec 2021 to 31 Dec 2022")
    heading.wait_for(timeout=20_000)
    for index in range(2):  # one map per date, each with its markers drawn
        page.frame_locator(MAP).nth(index).locator(".leaflet-marker-icon").first.wait_for(timeout=30_000)
    assert page.locator(MAP).count() == 2
    field = page.get_by_test_id("stDateInput").filter(has_text="First date")
    field.get_by_role("spinbutton", name="month").click()
    page.keyboard.type("0601")  # month, then day
    field.get_by_role("spinbutton", name="year").focus()
    page.keyboard.type("2021")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="What changed from 1 Jun 2021 to 31 Dec 2022").wait_for(timeout=20_000)
    page.wait_for_function("() => location.search.includes('compare=2021-06-01')", timeout=10_000)
    v.wait()
    main = page.get_by_test_id("stMain")
    assert "Gossi base: France → Wagner Group, 19 Apr 2022" in main.inner_text()
    assert "Kidal base: France left, 12 Oct 2021" in main.inner_text()
    v.screenshot(f"compare-{width}")
    with page.expect_download() as download:
        main.get_by_role("button", name="Download the changes (CSV)").click()
    assert download.value.suggested_filename.startswith("sahel-changes_2021-06-01_2022-12-31_v")
    table = pd.read_csv(download.value.path(), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    gossi = table[(table["change"] == "base changed holder") & (table["subject"] == "Gossi")]
    assert gossi[["date", "before", "after"]].values.tolist() == [["2022-04-19", "France", "Wagner Group"]]
    # a marker clicked on either map selects its event: its popup gets the description and sources
    first_map = page.frame_locator(MAP).nth(0)
    frame = next(f for f in page.frames if "streamlit_folium" in f.url)  # the first map's
    label = frame.evaluate(REACHABLE)[0]  # a marker the pointer can reach
    first_map.get_by_role("button", name=label, exact=True).first.click()
    first_map.locator(".leaflet-popup-content a[href^='http']").first.wait_for(timeout=20_000)
    page.wait_for_function("() => location.search.includes('event=')", timeout=10_000)
    v.wait()
    page.go_back()  # the selection
    page.wait_for_function("() => !location.search.includes('event=')", timeout=10_000)
    page.go_back()  # the typed date
    page.wait_for_function("() => !location.search.includes('compare=2021-06-01')", timeout=10_000)
    heading.wait_for(timeout=20_000)
    assert v.errors == []


# Each place label's and each marker's box on screen (markers: lone icons and cluster bubbles).
BOXES = """(selector) => [...document.querySelectorAll(selector)].map(box => {
  const r = box.getBoundingClientRect();
  return {name: box.textContent, left: r.left, right: r.right, top: r.top, bottom: r.bottom};
})"""


def overlaps(boxes, others=None, slack=1):
    """Pairs of boxes that overlap by more than `slack` px (within `boxes`, or between `boxes` and `others`)."""
    pairs = [(a, b) for i, a in enumerate(boxes) for b in (others if others is not None else boxes[i + 1 :])]
    return [
        (a["name"], b["name"])
        for a, b in pairs
        if min(a["right"], b["right"]) - max(a["left"], b["left"]) > slack
        and min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > slack
    ]


@pytest.mark.parametrize("width", [1400, 390])
def test_places_are_named_without_covering_each_other_or_markers_and_zooming_names_more(visit, width):
    v = visit({"width": width, "height": 900})
    page = v.open("Map?region=Mali&asof=2022-02-17")
    frame = map_frame(page)
    frame.wait_for_function("() => document.querySelectorAll('.sahel-place').length > 3", timeout=15_000)
    labels = frame.evaluate(BOXES, ".sahel-place")
    markers = frame.evaluate(BOXES, ".leaflet-marker-pane .leaflet-marker-icon")
    names = {label["name"] for label in labels}
    assert {"Bamako", "Gao"} <= names if width > 700 else "Gao" in names
    assert overlaps(labels) == [] and overlaps(labels, markers) == []
    for _ in range(2):
        frame.locator(".leaflet-control-zoom-in").click()
        settled(frame)
    page.wait_for_timeout(300)  # the labels are placed again once the clusters have settled
    closer = frame.evaluate(BOXES, ".sahel-place")
    assert {label["name"] for label in closer} - names  # places too small to name from afar
    assert (
        overlaps(closer) == []
        and overlaps(closer, frame.evaluate(BOXES, ".leaflet-marker-pane .leaflet-marker-icon")) == []
    )
    v.screenshot(f"map-places-{width}")
    layer_toggle(frame, "Place names").uncheck()
    assert frame.locator(".sahel-place").count() == 0
    assert v.errors == []


@pytest.mark.parametrize("width", [1400, 390])
def test_a_click_on_a_country_says_its_regime_bases_and_latest_events_that_day(visit, width):
    v = visit({"width": width, "height": 900})
    page = v.open("Map?region=Mali&asof=2022-02-17")
    frame = map_frame(page)
    # a point in Mali's northern desert, where no marker stands
    point = frame.evaluate("() => { const p = window.map.latLngToContainerPoint([21.0, -2.5]); return [p.x, p.y]; }")
    frame.locator(".leaflet-container").click(position={"x": point[0], "y": point[1]})
    popup = frame.locator(".leaflet-popup-content")
    popup.wait_for(timeout=10_000)
    text = popup.inner_text()
    assert text.startswith("Mali\n") and "Regime: Military-led transition (Col. (later Gen.) Assimi Goïta)" in text
    assert "\nFrance: Gao, Gossi, Ménaka\n" in text and "\nMINUSMA: " in text and "Latest events:" in text
    assert popup.locator("li").count() >= 3 + 2  # three events, two holders or more
    # only the popup's own elements: every text from the data is text
    tags = popup.evaluate("box => [...box.querySelectorAll('*')].map(node => node.tagName)")
    assert set(tags) == {"DIV", "STRONG", "UL", "LI"}
    settled(frame)  # panned to show the popup whole
    v.screenshot(f"map-country-{width}")
    assert v.errors == []


@pytest.mark.parametrize("width", [1400, 390])
def test_a_story_is_told_step_by_step_with_buttons_arrow_keys_links_and_back(visit, width):
    v = visit({"width": width, "height": 900})
    page = v.open("Stories?story=france-leaves-mali")
    heading = page.get_by_test_id("stMain").get_by_role("heading", level=3).first

    def at_step(step, title):
        page.wait_for_function(f"() => location.search.includes('step={step}')", timeout=20_000)
        page.get_by_role("heading", name=title).first.wait_for(timeout=20_000)
        v.wait()

    assert heading.inner_text() == "10 Jun 2021 · Macron announces end of Barkhane as an external operation"
    map_frame(page)
    page.get_by_role("button", name="Next").click()
    at_step(2, "12 Oct 2021 · Last Barkhane logistics convoy leaves Kidal")
    page.get_by_test_id("stMain").get_by_text("Step 2 of 8").click()  # focus on the page, not in a field
    page.keyboard.press("ArrowRight")
    at_step(3, "13 Nov 2021 · Barkhane hands over Tessalit base to Malian army")
    page.keyboard.press("ArrowLeft")
    at_step(2, "12 Oct 2021 · Last Barkhane logistics convoy leaves Kidal")
    frame = map_frame(page)  # the step's event is ringed on the map, over any cluster standing on it
    assert frame.locator(".leaflet-sahelSelected-pane path[stroke='#C00000']").count() == 1
    panes = "name => +getComputedStyle(document.querySelector(`.leaflet-${name}-pane`)).zIndex"
    assert frame.evaluate(panes, "sahelSelected") > frame.evaluate(panes, "marker")
    # the map's credits open in a new tab: the map stays
    with page.context.expect_page() as credits:
        frame.get_by_role("link", name="Leaflet").click()
    credits.value.close()
    assert frame.locator(".leaflet-container").count() == 1 and "streamlit_folium" in frame.url
    v.screenshot(f"story-{width}")
    page.go_back()
    at_step(3, "13 Nov 2021 · Barkhane hands over Tessalit base to Malian army")
    v.open("Stories?story=france-leaves-mali&step=8")  # a step's own link
    page.get_by_role("heading", name="15 Aug 2022 · Last Barkhane soldiers leave Mali").first.wait_for(timeout=20_000)
    assert page.get_by_role("button", name="Next").is_disabled()
    assert v.errors == []


@pytest.mark.parametrize("width", [1400, 390])
def test_a_view_embedded_in_another_page_from_its_embed_code(visit, width):
    """The sidebar's embed code, pasted in another page: the view alone (no sidebar, no controls), its markers, a
    source line and a link back to the same view in the atlas."""
    v = visit({"width": width, "height": 900})
    page = v.open("Map?region=Mali&asof=2022-02-17&category=base&actor=France")
    if width < 700:
        page.get_by_test_id("stExpandSidebarButton").click()
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_text("Embed this view").click()
    code = sidebar.locator("textarea").input_value()
    assert code.startswith('<iframe src="http') and "embedded=true" in code and "category=base" in code
    page.set_content(f"<!doctype html><title>Someone's article</title><h1>An article</h1>{code}")
    frame = page.frame_locator("iframe").first
    frame.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for(timeout=60_000)
    frame.frame_locator(MAP).locator(".sahel-marker").first.wait_for(timeout=30_000)
    assert not frame.get_by_test_id("stSidebar").is_visible()
    assert frame.get_by_test_id("stDateInput").count() == 0 and frame.get_by_role("button", name="Play").count() == 0
    back = frame.get_by_role("link", name="Open this view in Sahel Atlas")
    href = back.get_attribute("href")
    assert "embedded" not in href and "category=base" in href and "asof=2022-02-17" in href
    assert "Source: Sahel Atlas, version" in frame.locator("body").inner_text()
    v.screenshot(f"embedded-{width}")


def test_the_map_downloads_as_an_image_of_its_view(visit):
    v = visit()
    page = v.open("Map?region=Mali&asof=2022-02-17&category=base")
    map_frame(page)
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name="Image (PNG)").click()
    assert download.value.suggested_filename.startswith("sahel-map-mali-2022-02-17_2013-01-01_2025-12-31_v")
    image = Path(download.value.path()).read_bytes()
    assert image[:8] == b"\x89PNG\r\n\x1a\n" and len(image) > 50_000
    assert v.errors == []
