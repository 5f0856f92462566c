"""A reader's app: the timeline on a desktop and a phone, search as people type it, no developer chrome."""

import re
import urllib.request
from datetime import date
from itertools import pairwise
from pathlib import Path
from urllib.parse import quote

import pandas as pd
import pytest

from sahel_atlas.charts import build_timeline, timeline_groups
from sahel_atlas.geography import load_geography
from sahel_atlas.loading import load_dataset
from tests.conftest import ROOT
from tests.e2e.conftest import ARTIFACTS

PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1400, "height": 1000}

# Per event id: the largest visible target (width and height of its bar or marker, clipped to the plot
# area), bar rectangles, marker centres; the plot area's and the chart's widths.
TARGETS = """() => {
  const plot = document.querySelector('.js-plotly-plot');
  const area = plot.querySelector('.nsewdrag').getBoundingClientRect();
  const targets = {}, bars = [], centres = [];
  for (const node of plot.querySelectorAll('.barlayer .point, .scatterlayer .point')) {
    const id = node.__data__.id, b = node.getBoundingClientRect();
    if (id === undefined) continue;  // a government's era or a closed group: not an event
    const w = Math.min(b.right, area.right) - Math.max(b.left, area.left);
    const h = Math.min(b.bottom, area.bottom) - Math.max(b.top, area.top);
    const best = targets[id] || [0, 0];
    const [x, y] = [(Math.max(b.left, area.left) + Math.min(b.right, area.right)) / 2, b.top + b.height / 2];
    if (Math.min(w, h) > Math.min(best[0], best[1])) targets[id] = [w, h, x, y];
    const [left, right] = [Math.max(b.left, area.left), Math.min(b.right, area.right)];
    if (node.closest('.barlayer') && w > 0) bars.push([id, left, b.top, right, b.bottom]);
    if (node.closest('.scatterlayer')) centres.push([id, b.left + b.width / 2, b.top + b.height / 2]);
  }
  return {targets, bars, centres, area: area.width, chart: plot.getBoundingClientRect().width};
}"""


# Country names of the governments' lanes whose box a government's bar overlaps (by more than a pixel each way).
CLEAR_OF_ERAS = """() => {
  const plot = document.querySelector('.js-plotly-plot');
  const box = e => e.getBoundingClientRect();
  const bars = plot._fullData.filter(d => d.type === 'bar');
  const eras = [...plot.querySelectorAll('.barlayer .trace')].filter((t, i) => bars[i].legendgroup === 'regime')
    .flatMap(t => [...t.querySelectorAll('.point')].map(box));
  const names = new Set(plot.data.filter(d => d.legendgroup === 'regime')
    .flatMap(d => d.customdata.map(c => c[1].split(':')[0])));
  return [...plot.querySelectorAll('.annotation-text')].filter(a => names.has(a.textContent)).filter(a => {
    const n = box(a);
    return eras.some(b => Math.min(n.right, b.right) - Math.max(n.left, b.left) > 1
      && Math.min(n.bottom, b.bottom) - Math.max(n.top, b.top) > 1);
  }).map(a => a.textContent);
}"""


def open_timeline(v, path="Timeline"):
    page = v.open(path)
    page.locator(".js-plotly-plot .scatterlayer .point").first.wait_for(timeout=30_000)
    return page


def shown_count(page) -> int:
    return int(page.get_by_text("event(s) shown").first.locator("strong").inner_text())


def every_group() -> str:
    """The query opening every group of the timeline at the default filters, as a shared link would."""
    dataset = load_dataset(ROOT / "data", set(load_geography(ROOT / "geo").country_names()))
    return "&".join(f"open={quote(group.key)}" for group in timeline_groups(dataset.events, "en", {}, 2))


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_every_timeline_item_can_be_seen_and_clicked(visit, viewport):
    v = visit(viewport=viewport)
    page = open_timeline(v, f"Timeline?{every_group()}")
    found = page.evaluate(TARGETS)
    # the lane labels leave the plot most of the width (was 64 px of 358 on a phone)
    assert found["area"] >= 0.6 * found["chart"]
    # every event shown has a target of at least 6 x 6 px
    assert len(found["targets"]) == shown_count(page)
    small = {i: t[:2] for i, t in found["targets"].items() if min(t[:2]) < 6}
    assert small == {}
    # no marker sits on another's centre, no bar covers another
    centres = found["centres"]
    close = [
        (a[0], b[0]) for k, a in enumerate(centres) for b in centres[k + 1 :] if abs(a[1] - b[1]) + abs(a[2] - b[2]) < 3
    ]
    assert close == []
    bars = found["bars"]
    overlaps = [
        (a[0], b[0])
        for k, a in enumerate(bars)
        for b in bars[k + 1 :]
        if a[0] != b[0] and min(a[3], b[3]) - max(a[1], b[1]) > 1 and min(a[4], b[4]) - max(a[2], b[2]) > 1
    ]
    assert overlaps == []
    # the smallest target opens its record when clicked, as a person clicks it
    event_id = min(found["targets"], key=lambda i: found["targets"][i][0])  # the narrowest (a short span)
    page.evaluate(
        "id => [...document.querySelectorAll('.js-plotly-plot .point')].find(n => n.__data__.id === id)"
        ".scrollIntoView({block: 'center'})",
        event_id,
    )
    target = page.evaluate(TARGETS)["targets"][event_id]
    page.mouse.click(target[2], target[3])
    page.wait_for_function(f"() => decodeURIComponent(location.search).includes('event={event_id}')", timeout=30_000)
    v.wait()
    page.get_by_role("heading", level=3).filter(has_text=title_of(event_id)[:30]).first.wait_for(timeout=30_000)
    v.screenshot(f"timeline-targets-{viewport['width']}")
    assert v.errors == []


def title_of(event_id: str) -> str:
    dataset = load_dataset(ROOT / "data", set(load_geography(ROOT / "geo").country_names()))
    return dataset.events.set_index("event_id").loc[event_id, "title"]


def test_lane_labels_and_hover_show_data_as_text(browser, fixture_dataset):
    """Plotly reads labels and hover text as a subset of HTML; text with markup shows as typed."""
    events = fixture_dataset.events.copy()
    place, title = 'Kidal <i>camp</i> "Q" &lt;b&gt;', '<a href="https://example.invalid">link</a> <br>x'
    events.loc[events["category"] == "base", "location"] = place
    events.loc[events["category"] == "attack", "title"] = title
    html = build_timeline(events, date(2013, 1, 1), date(2025, 12, 31)).to_html(include_plotlyjs=True)
    page = browser.new_page()
    try:
        page.set_content(html)
        page.locator(".annotation-text").first.wait_for(timeout=20_000)
        assert f"base {place}" in page.locator(".annotation-text").all_text_contents()  # under its header, France
        point = page.locator(".scatterlayer path.point").nth(1).bounding_box()  # the attack (traces: coup, attack…)
        page.mouse.move(point["x"] + point["width"] / 2, point["y"] + point["height"] / 2)
        page.locator(".hoverlayer .hovertext").wait_for(timeout=5_000)
        assert title in page.locator(".hoverlayer .hovertext").text_content()
        assert page.locator("svg a, svg [style*=italic]").count() == 0  # no link, no italics
        page.screenshot(path=ARTIFACTS / "timeline-hostile-text.png")
    finally:
        page.close()


def search(page, v, text: str) -> None:
    """Type into the sidebar's search box, as a person does, and press Enter."""
    box = page.get_by_test_id("stSidebar").get_by_test_id("stTextInput").locator("input")
    box.click()
    page.keyboard.press("Control+A")
    page.keyboard.type(text)
    page.keyboard.press("Enter")
    page.wait_for_function("text => new URLSearchParams(location.search).get('q') === text", arg=text, timeout=20_000)
    v.wait()


def test_search_as_a_phone_types_it_and_a_typo_gets_a_suggestion(visit):
    v = visit(viewport=PHONE)
    page = open_timeline(v, "Timeline?from=2013-01-01&to=2025-12-31")
    page.get_by_test_id("stSidebarCollapsedControl").or_(page.get_by_test_id("stExpandSidebarButton")).first.click()
    counts = {}
    for text in ("N\u2019Djamena", "N'Djamena", "Tombouctou", "Timbuktu"):
        search(page, v, text)
        counts[text] = shown_count(page)
    assert counts["N\u2019Djamena"] == counts["N'Djamena"] > 2
    assert counts["Tombouctou"] == counts["Timbuktu"] > 0
    search(page, v, "Barkane")
    page.get_by_text("Did you mean: Barkhane?").wait_for(timeout=10_000)
    v.screenshot("search-suggestion-phone")
    assert v.errors == []


UUID = re.compile(rb"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


# --- Server settings for readers (.streamlit/config.toml) ---------------------------------------------


def test_the_menu_offers_readers_no_developer_entries(visit):
    v = visit()
    page = v.open("")
    header = page.get_by_test_id("stHeader")
    assert header.get_by_role("button", name="Deploy").count() == 0
    menu = page.get_by_test_id("stMainMenu")
    entries = ""
    if menu.count():
        menu.get_by_role("button").click()
        popover = page.get_by_test_id("stMainMenuPopover")
        popover.wait_for(timeout=5_000)
        entries = popover.inner_text()
    for developer in ("Deploy", "Rerun", "Clear cache", "Record a screencast", "Record screen", "Settings"):
        assert developer not in entries
    v.screenshot("reader-menu")


def test_uploads_are_refused_even_from_an_open_session(visit):
    """The app has no uploader; Streamlit's upload endpoint refuses any body (server.maxUploadSize = 0)."""
    v = visit()
    frames = []
    v.page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: frames.append(payload)))
    page = v.open("")
    ids = dict.fromkeys(m.decode() for f in frames if isinstance(f, bytes) for m in UUID.findall(f))
    token = next(c["value"] for c in v.context.cookies() if c["name"] == "_streamlit_xsrf")
    files = {"file": {"name": "big.csv", "mimeType": "text/csv", "buffer": b"x" * 100_000}}
    statuses = []
    for candidate in ids:  # the session id is one of the ids the server sent; the others answer 400
        url = f"{v.app_url}/_stcore/upload_file/{candidate}/file-1"
        statuses.append(page.request.put(url, multipart=files, headers={"X-Xsrftoken": token}).status)
        assert page.request.put(url, multipart=files).status == 403  # no XSRF token
    assert 413 in statuses and all(status >= 400 for status in statuses)


def test_metrics_publish_no_per_user_family(app_url):
    """/_stcore/metrics cannot be switched off in Streamlit 1.67; it must at least publish no per-user data."""
    with urllib.request.urlopen(f"{app_url}/_stcore/metrics", timeout=10) as response:
        text = response.read().decode()
    assert "session" in text and "user_session_events" not in text


# Bounding boxes of the timeline's year ticks and of Plotly's toolbar (the modebar), in page pixels.
TICKS_AND_MODEBAR = """() => {
  const plot = document.querySelector('.js-plotly-plot');
  const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  return {
    ticks: [...plot.querySelectorAll('.xtick text')].map(t => [t.textContent, ...box(t)]),
    modebar: [...plot.querySelectorAll('.modebar-group')].map(box).filter(b => b[2] > b[0]),
  };
}"""


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_toolbar_covers_no_year_tick(visit, viewport):
    v = visit(viewport=viewport)
    page = open_timeline(v)
    page.locator(".js-plotly-plot").hover()  # the toolbar shows while the pointer is over the chart
    page.locator(".js-plotly-plot .modebar-group").first.wait_for(timeout=10_000)
    found = page.evaluate(TICKS_AND_MODEBAR)
    assert len(found["ticks"]) >= 3 and found["modebar"]
    covered = [
        tick[0]
        for tick in found["ticks"]
        for bar in found["modebar"]
        if min(tick[3], bar[2]) - max(tick[1], bar[0]) > 0 and min(tick[4], bar[3]) - max(tick[2], bar[1]) > 0
    ]
    assert covered == []


@pytest.mark.parametrize("width", [1400, 390])
def test_analyst_views_follow_the_filters_and_download_what_they_show(visit, width):
    """Questions answered: four charts following the filters (Mali only), fatalities switched to categories, and
    a chart's data downloaded matches the record."""
    v = visit({"width": width, "height": 1000})
    page = v.open("Analysis?country=MLI")
    charts = page.locator(".js-plotly-plot")
    charts.nth(4).wait_for(timeout=30_000)
    assert charts.count() == 5
    assert charts.nth(0).locator(".legendtext").all_text_contents() == ["Mali"]  # coups: Mali's alone
    page.get_by_test_id("stMain").get_by_text("category", exact=True).click()
    page.wait_for_function(
        "() => [...document.querySelectorAll('.js-plotly-plot')][3]?.querySelector('.legendtext')"
        "?.textContent !== 'Mali'",
        timeout=20_000,
    )
    v.wait()
    assert "Attack" in charts.nth(3).locator(".legendtext").all_text_contents()
    # French troops in Mali alone: figures that count no other country (Serval's, then "Mali")
    assert set(charts.nth(2).locator(".legendtext").all_text_contents()) <= {"Mali (Serval)", "Mali"}
    v.screenshot(f"analysis-{width}")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download this chart's data (CSV)").first.click()
    assert download.value.suggested_filename.startswith("sahel-coups-per-year_2013-01-01_2025-12-31_v")
    table = pd.read_csv(download.value.path(), encoding="utf-8-sig", dtype={"country": str})
    geography = load_geography(ROOT / "geo")
    events = load_dataset(ROOT / "data", set(geography.country_names())).events
    coups = events[(events["category"] == "coup") & events["start_date"].dt.year.between(2013, 2025)]
    assert set(table["country"]) == {"MLI"}
    assert table["coups"].sum() == (coups["country_list"].str[0] == "MLI").sum()
    # the chart as images: SVG (its title, the selection and the source as text) and PNG
    with page.expect_download(timeout=60_000) as svg:
        page.get_by_role("button", name="Image (SVG)").first.click()
    assert svg.value.suggested_filename.startswith("sahel-coups-per-year_2013-01-01_2025-12-31_v")
    text = Path(svg.value.path()).read_text(encoding="utf-8")
    assert "Coups and attempts per year, by country" in text and "in Mali" in text and "Source: Sahel Atlas" in text
    with page.expect_download(timeout=60_000) as png:
        page.get_by_role("button", name="Image (PNG)").first.click()
    assert Path(png.value.path()).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert v.errors == []


@pytest.mark.parametrize("width", [1400, 390])
def test_timeline_groups_open_and_close_and_the_period_zooms(visit, width):
    """A reader opens France's group with a click on its grey bar, closes it with its button, opens the governments,
    zooms to 2020-2022 with the slider's keys, makes that period the date filter, and goes Back."""
    v = visit({"width": width, "height": 1000})
    page = open_timeline(v)
    chart = page.locator(".js-plotly-plot").first
    labels = lambda: chart.locator(".annotation-text").all_text_contents()  # noqa: E731
    assert "▸ France · 23 operations and bases" in labels() and "base Gao" not in labels()
    # the click on France's grey bar (its closed lane) opens the group
    france = chart.evaluate(
        """el => { const trace = el.data.findIndex(t => t.customdata && String(t.customdata[0][0]).startsWith('open:'));
             const nodes = el.querySelectorAll('.barlayer .trace')[
               [...el.data.keys()].filter(i => el.data[i].type === 'bar').indexOf(trace)].querySelectorAll('.point');
             const i = el.data[trace].customdata.findIndex(c => c[0] === 'open:France');
             nodes[i].scrollIntoView({block: 'center'});
             const b = nodes[i].getBoundingClientRect(), area = el.querySelector('.nsewdrag').getBoundingClientRect();
             return [Math.max(b.left, area.left) + 20, b.top + b.height / 2]; }"""
    )
    page.mouse.click(*france)
    page.wait_for_function(
        "() => new URLSearchParams(location.search).getAll('open').includes('France')", timeout=20_000
    )
    v.wait()
    assert "▾ France" in labels() and "base Gao" in labels() and "Serval" in labels()
    pills = page.get_by_test_id("stButtonGroup")
    assert pills.get_by_role("button", name="France (23)").get_attribute("aria-pressed") == "true"
    # its button closes it; the governments' button opens theirs
    pills.get_by_role("button", name="France (23)").click()
    page.wait_for_function("() => !location.search.includes('open=France')", timeout=20_000)
    v.wait()
    assert "▸ France · 23 operations and bases" in labels()
    pills.get_by_role("button", name="Governments (18)").click()
    page.wait_for_function("() => location.search.includes('open=regimes')", timeout=20_000)
    v.wait()
    assert {"▾ Governments", "Mali", "Niger", "Burkina Faso"} <= set(labels())
    # eras: a junta in Mali after August 2020, its leader's name on hover
    juntas = chart.evaluate("el => el.data.filter(t => t.name === 'Junta').flatMap(t => t.customdata.map(c => c[1]))")
    assert any("Assimi Goïta" in leader for leader in juntas)
    # each country's name stands clear of the eras' bars (their outline crossed it)
    assert chart.evaluate(CLEAR_OF_ERAS) == []
    # the period: the left thumb moved with the arrow keys, the right one with End and arrows
    thumbs = page.get_by_test_id("stSlider").get_by_role("slider")
    thumbs.first.focus()  # as Tab reaches it
    page.keyboard.press("Home")
    for _ in range(120):  # Jan 2010 + 120 months = Jan 2020
        page.keyboard.press("ArrowRight")
    thumbs.last.focus()
    page.keyboard.press("End")
    for _ in range(40):  # Apr 2026 - 40 months = Dec 2022
        page.keyboard.press("ArrowLeft")
    page.wait_for_function(
        "() => new URLSearchParams(location.search).get('period') === '2020-01-01/2022-12-31'", timeout=20_000
    )
    v.wait()
    assert [x[:10] for x in chart.evaluate("el => el._fullLayout.xaxis.range")] == ["2020-01-01", "2022-12-31"]
    # spans cut by the period are marked at its edges: Barkhane (2014-2022) began before it
    marks = chart.evaluate("el => el.data.filter(t => t.name === 'Began before the period shown').flatMap(t => t.ids)")
    dataset = load_dataset(ROOT / "data", set(load_geography(ROOT / "geo").country_names()))
    starts = dataset.events.set_index("event_id")["start_date"]
    assert marks and all(starts[mark] < pd.Timestamp("2020-01-01") for mark in marks)
    # a drag across the chart moves nothing: the slider, the link and the marks stay in step
    area = chart.locator(".nsewdrag").first.bounding_box()
    middle = area["y"] + min(area["height"] / 2, 200)
    page.mouse.move(area["x"] + area["width"] * 0.6, middle)
    page.mouse.down()
    page.mouse.move(area["x"] + area["width"] * 0.2, middle, steps=8)
    page.mouse.up()
    v.wait()
    assert [x[:10] for x in chart.evaluate("el => el._fullLayout.xaxis.range")] == ["2020-01-01", "2022-12-31"]
    v.screenshot(f"timeline-groups-{width}")
    # that period as the date filter: the sidebar's dates follow
    page.get_by_role("button", name="Use this period as the date filter").click()
    page.wait_for_function(
        "() => location.search.includes('from=2020-01-01') && location.search.includes('to=2022-12-31')", timeout=20_000
    )
    v.wait()
    assert "1 Jan 2020 to 31 Dec 2022" in page.get_by_test_id("stMain").inner_text()
    # Back: the filter and then the zoom are undone
    page.go_back()
    page.wait_for_function("() => !location.search.includes('from=2020')", timeout=20_000)
    v.wait()
    assert "1 Jan 2013 to 31 Dec 2025" in page.get_by_test_id("stMain").inner_text()
    assert v.errors == []


def test_the_french_troop_totals_stand_apart_on_a_phone(visit):
    """Thirteen years of totals side by side at 390 px: no total covers its neighbour ("5 1005 100" before)."""
    v = visit(PHONE)
    page = v.open("Analysis?lang=fr")
    chart = page.locator(".js-plotly-plot").nth(2)
    chart.locator(".textpoint text").first.wait_for(timeout=30_000)
    boxes = chart.evaluate(
        "el => [...el.querySelectorAll('.textpoint text')].map(t => t.getBoundingClientRect().toJSON())"
    )
    assert len(boxes) == 13  # 2013-2025
    boxes.sort(key=lambda box: box["left"])
    touching = [(a["left"], b["left"]) for a, b in pairwise(boxes) if b["left"] < a["right"] - 0.5]
    assert touching == []
    assert v.errors == []
