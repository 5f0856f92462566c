import math
import os
from datetime import date

import pandas as pd
import pytest

from sahel_atlas.analysis import coups_figure, coups_per_year
from sahel_atlas.codebook import REGIONS
from sahel_atlas.geography import load_geography
from sahel_atlas.images import _uncovered, captioned, chart_image, images_available, map_figure
from sahel_atlas.loading import load_dataset
from sahel_atlas.mapview import REGIME_COLOURS, place_labels, visible_events, window_start
from sahel_atlas.summary import regimes_on
from tests.conftest import ROOT

START, END = date(2013, 1, 1), date(2025, 12, 31)
LINES = ["All coup events from 1 Jan 2013 to 31 Dec 2025.", "Source: Sahel Atlas, version 0.3.0, licence CC BY 4.0"]


@pytest.fixture(scope="module")
def figure():
    geography = load_geography(ROOT / "geo")
    events = load_dataset(ROOT / "data", set(geography.country_names())).events
    return coups_figure(coups_per_year(events, START, END), START, END, geography.country_names(), "en")


def test_a_captioned_chart_carries_its_title_and_caption_as_text(figure):
    framed = captioned(figure, "Coups <b>and</b> attempts", [*LINES, "<img src=x>"])
    assert framed.layout.title.text == "Coups &lt;b&gt;and&lt;/b&gt; attempts"
    [caption] = framed.layout.annotations
    assert caption.text.split("<br>") == [*LINES, "&lt;img src=x&gt;"]
    assert framed.layout.width == 1200 and len(figure.layout.annotations) == 0  # the page's chart is untouched
    assert captioned(figure, "Coups", LINES, "fr").layout.separators == ",\u202f"  # 0,5 and 1 000, as in French


def test_charts_export_as_png_and_svg_with_their_caption(figure):
    if not images_available():
        reason = "no Chromium for Plotly's static export"
        pytest.fail(reason) if os.environ.get("CI") == "true" else pytest.skip(reason)
    svg = chart_image(figure, "Coups and attempts per year, by country", LINES, "svg").decode("utf-8")
    assert svg.startswith("<svg") and "Coups and attempts per year, by country" in svg
    assert "version 0.3.0" in svg and "All coup events from 1 Jan 2013" in svg
    assert chart_image(figure, "Coups", LINES, "png").startswith(b"\x89PNG\r\n\x1a\n")


def test_the_map_image_draws_the_view_markers_shading_and_names_in_view():
    geography = load_geography(ROOT / "geo")
    dataset = load_dataset(ROOT / "data", set(geography.country_names()))
    day = date(2022, 2, 17)
    shown = visible_events(dataset.events, day, window_start(day, 12, START))
    places = [["Zorglub <b>", 16.27, -0.04, 9], ["Paris", 48.86, 2.35, 9], *place_labels(dataset.events)]
    figure = map_figure(geography, REGIONS["Mali"], regimes_on(dataset.regimes, day), shown, places, "en")
    drawn = sum(len(trace.x) for trace in figure.data if trace.mode == "markers" and trace.x[0] is not None)
    assert drawn == len(shown)  # every marker of the view
    [names] = [trace for trace in figure.data if trace.mode == "text"]
    assert "Zorglub &lt;b&gt;" in names.text and "Paris" not in names.text  # out of view, and text only
    fills = {trace.fillcolor for trace in figure.data if trace.fill == "toself"}
    assert REGIME_COLOURS["military-led transition"] in fills and REGIME_COLOURS["junta"] in fills


def test_names_on_the_map_image_do_not_cover_each_other_or_other_markers():
    shown = pd.DataFrame({"longitude": [-1.7], "latitude": [15.0]})  # a marker where "Covered" would be written
    places = [["Busy", 16.0, -3.0, 9], ["Twin", 16.0, -2.99, 5], ["Covered", 14.99, -2.1, 3], ["Alone", 12.0, 1.0, 1]]
    named = _uncovered(places, shown, REGIONS["Mali"], math.cos(math.radians(16)), 800)
    assert [place[0] for place in named] == ["Busy", "Alone"]
