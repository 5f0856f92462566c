import re
from datetime import date

import folium
import pytest
from folium.plugins import MarkerCluster

from sahel_atlas.assets import MissingAsset, use_local_assets
from sahel_atlas.codebook import REGIONS
from sahel_atlas.mapview import (
    BASES_LAYER,
    BOUNDARIES_LAYER,
    EVENTS_LAYER,
    TILES_LAYER,
    WATER_LAYER,
    build_base_map,
    build_event_layers,
    legend_html,
    popup_html,
    shape_svg,
    tooltip_text,
)


def render(fmap, layers=()):
    for layer in layers:
        layer.add_to(fmap)
    return fmap.get_root().render()


def layer_names(fmap):
    return [child.layer_name for child in fmap._children.values() if hasattr(child, "layer_name")]


@pytest.mark.parametrize("region", list(REGIONS))
def test_base_map_frames_the_region_and_loads_nothing_remote(geography, region):
    fmap = build_base_map(geography, region)
    assert layer_names(fmap) == [BOUNDARIES_LAYER, WATER_LAYER, TILES_LAYER]
    html = render(fmap)
    (south, west), (north, east) = REGIONS[region]
    assert f"fitBounds(\n                [[{south}, {west}], [{north}, {east}]]" in html
    sources = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html)
    assert sources and all(s.startswith("/app/static/") for s in sources), sources
    # the only remote URL is the optional tile layer, off by default
    assert re.findall(r"https?://[^\\\"' ]+", html.split("<body>")[1]) == [
        "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        "https://www.openstreetmap.org/copyright",
    ]


def test_vendored_files_exist():
    from sahel_atlas.assets import LOCAL_CSS, LOCAL_JS
    from tests.conftest import ROOT

    for path in [*LOCAL_JS.values(), *LOCAL_CSS.values()]:
        assert (ROOT / "static" / path).stat().st_size > 500, path


def test_an_unvendored_asset_is_refused():
    element = folium.plugins.Fullscreen()
    with pytest.raises(MissingAsset, match="not vendored"):
        use_local_assets(element)


def test_event_layers(fixture_dataset):
    events_group, bases_group = build_event_layers(fixture_dataset.events, date(2020, 1, 1))
    assert (events_group.layer_name, bases_group.layer_name) == (EVENTS_LAYER, BASES_LAYER)
    [cluster] = events_group._children.values()
    assert isinstance(cluster, MarkerCluster)
    assert len(cluster._children) == 4  # every non-base event
    [base] = bases_group._children.values()
    assert base.location == [16.27, -0.04]
    assert cluster.default_js == [("markerclusterjs", "/app/static/markercluster/leaflet.markercluster.js")]


def test_bases_active_closed_or_not_yet_open(fixture_dataset):
    def base_svg(as_of):
        _, bases = build_event_layers(fixture_dataset.events, as_of)
        return [m.icon.options["html"] for m in bases._children.values()]

    assert base_svg(date(2013, 1, 15)) == []  # opened 2013-02-01
    [active] = base_svg(date(2022, 8, 15))
    [closed] = base_svg(date(2022, 8, 16))
    assert "stroke-dasharray" not in active and 'fill="#0072B2"' in active
    assert "stroke-dasharray" in closed and 'fill="#ffffff"' in closed


def test_text_from_the_data_is_escaped(fixture_dataset, geography):
    events = fixture_dataset.events
    attack = events[events["category"] == "attack"].iloc[0]
    html = popup_html(attack)
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Fixture attack &lt;b&gt;bold&lt;/b&gt; &amp; co" in html
    assert '<a href="https://example.org/d" target="_blank" rel="noopener">[1]</a>' in html
    assert tooltip_text(attack) == "2015-11-20 · Fixture attack <b>bold</b> & co"
    page = render(build_base_map(geography, "Mali"), build_event_layers(events, date(2020, 1, 1)))
    assert "<script>alert(1)" not in page and "<b>bold</b>" not in page


def test_marker_script_carries_tooltip_and_shape(fixture_dataset, geography):
    page = render(build_base_map(geography, "Mali"), build_event_layers(fixture_dataset.events, date(2020, 1, 1)))
    assert "L.markerClusterGroup(" in page
    assert "2020-08-18 · Fixture coup" in page
    assert page.count("sahel-marker") >= 5


def test_shapes_and_legend():
    assert "<circle" in shape_svg("circle", "#000000")
    assert "<polygon" in shape_svg("star", "#000000")
    legend = legend_html()
    for label in ("Deployment", "Coup or attempt", "Base: France", "Base closed"):
        assert label in legend
