import os
from datetime import date

import pytest

from sahel_atlas.analysis import coups_figure, coups_per_year
from sahel_atlas.geography import load_geography
from sahel_atlas.images import captioned, chart_image, images_available
from sahel_atlas.loading import load_dataset
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


def test_charts_export_as_png_and_svg_with_their_caption(figure):
    if not images_available():
        reason = "no Chromium for Plotly's static export"
        pytest.fail(reason) if os.environ.get("CI") == "true" else pytest.skip(reason)
    svg = chart_image(figure, "Coups and attempts per year, by country", LINES, "svg").decode("utf-8")
    assert svg.startswith("<svg") and "Coups and attempts per year, by country" in svg
    assert "version 0.3.0" in svg and "All coup events from 1 Jan 2013" in svg
    assert chart_image(figure, "Coups", LINES, "png").startswith(b"\x89PNG\r\n\x1a\n")
