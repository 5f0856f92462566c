import re
from datetime import date

import folium
import pytest
from folium.plugins import MarkerCluster

from sahel_atlas.assets import LOCAL_CSS, LOCAL_JS, MissingAsset, use_local_assets
from sahel_atlas.codebook import REGIONS
from sahel_atlas.mapview import (
    build_base_map,
    build_event_layers,
    build_regime_layer,
    holder_svg,
    legend_html,
    popup_html,
    shape_svg,
    tooltip_text,
    visible_events,
    window_start,
)
from tests.conftest import ROOT


def render(fmap, layers=()):
    for layer in layers:
        layer.add_to(fmap)
    return fmap.get_root().render()


def layer_names(fmap):
    return [child.layer_name for child in fmap._children.values() if hasattr(child, "layer_name")]


@pytest.mark.parametrize("region", list(REGIONS))
def test_base_map_frames_the_region_and_loads_nothing_remote(geography, region):
    fmap = build_base_map(geography, region)
    assert layer_names(fmap) == ["Boundaries", "Rivers and lakes", "Online tiles (OSM)"]
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
    assert '"maxZoom": 12' in html and '"minZoom": 3' in html


def test_base_map_speaks_french(geography):
    fmap = build_base_map(geography, "Mali", "fr")
    assert layer_names(fmap) == ["Frontières", "Fleuves et lacs", "Fond en ligne (OSM)"]
    assert '"name_fr"' in render(fmap)


def test_vendored_files_exist():
    for path in [*LOCAL_JS.values(), *LOCAL_CSS.values()]:
        assert (ROOT / "static" / path).stat().st_size > 500, path


def test_an_unvendored_asset_is_refused():
    with pytest.raises(MissingAsset, match="not vendored"):
        use_local_assets(folium.plugins.Fullscreen())


@pytest.mark.parametrize(
    ("as_of", "months", "expected"),
    [
        (date(2022, 2, 17), 12, date(2021, 2, 1)),
        (date(2022, 2, 17), 3, date(2021, 11, 1)),
        (date(2013, 3, 1), 12, date(2013, 1, 1)),  # not before the date range
        (date(2022, 2, 17), 0, date(2013, 1, 1)),  # 0: the whole range
    ],
)
def test_window_start(as_of, months, expected):
    assert window_start(as_of, months, date(2013, 1, 1)) == expected


def test_visible_events_as_of_a_date(fixture_dataset):
    events = fixture_dataset.events
    ids = lambda frame: list(frame["event_id"])  # noqa: E731
    assert ids(visible_events(events, date(2015, 12, 1), date(2015, 1, 1))) == [
        "2013-02-01-fixture-base",
        "2015-11-20-fixture-attack",
    ]
    # the base was handed over on 2022-08-15; spans other than bases are not drawn as markers
    assert ids(visible_events(events, date(2022, 8, 15), date(2022, 1, 1))) == ["2013-02-01-fixture-base"]
    assert ids(visible_events(events, date(2022, 8, 16), date(2013, 1, 1))) == [
        "2015-11-20-fixture-attack",
        "2020-08-18-fixture-coup",
    ]


def test_event_layers(fixture_dataset):
    events_group, bases_group, selected_group = build_event_layers(
        fixture_dataset.events, date(2020, 12, 31), date(2013, 1, 1), selected="2015-11-20-fixture-attack"
    )
    assert [g.layer_name for g in (events_group, bases_group, selected_group)] == ["Events", "Bases", "Selected event"]
    [cluster] = events_group._children.values()
    assert isinstance(cluster, MarkerCluster)
    assert len(cluster._children) == 2  # the attack and the coup; the agreement is later
    [base] = bases_group._children.values()
    assert base.location == [16.27, -0.04] and ">FR</text>" in base.icon.options["html"]
    [ring] = selected_group._children.values()
    assert ring.location == [15.92, 2.4]
    assert cluster.default_js == [("markerclusterjs", "/app/static/markercluster/leaflet.markercluster.js")]


def test_older_half_of_the_window_is_faded(fixture_dataset):
    events_group, _, _ = build_event_layers(fixture_dataset.events, date(2020, 8, 18), date(2015, 1, 1))
    cluster = next(iter(events_group._children.values()))
    icons = {
        next(c.text for c in m._children.values() if isinstance(c, folium.Tooltip)): m.icon.options["html"]
        for m in cluster._children.values()
    }
    assert 'opacity="0.45"' in icons["2015-11-20 · Fixture attack &lt;b&gt;bold&lt;/b&gt; &amp; co"]
    assert 'opacity="1.0"' in icons["2020-08-18 · Fixture coup"]


def test_regime_layer(geography):
    group = build_regime_layer(geography, {"MLI": "junta", "NER": "civilian"}, "fr")
    [geojson] = group._children.values()
    labels = sorted(f["properties"]["label"] for f in geojson.data["features"])
    assert labels == ["Mali: Junte", "Niger: Gouvernement civil"]


def test_text_from_the_data_is_escaped(fixture_dataset, geography):
    events = fixture_dataset.events
    attack = events[events["category"] == "attack"].iloc[0]
    html = popup_html(attack)
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Fixture attack &lt;b&gt;bold&lt;/b&gt; &amp; co" in html
    assert '<a href="https://example.org/d" target="_blank" rel="noopener">[1]</a>' in html
    assert tooltip_text(attack) == "2015-11-20 · Fixture attack <b>bold</b> & co"
    layers = build_event_layers(events, date(2020, 1, 1), date(2013, 1, 1))
    page = render(build_base_map(geography, "Mali"), layers)
    assert "<script>alert(1)" not in page and "<b>bold</b>" not in page


def test_french_titles_in_tooltips(fixture_dataset):
    coup = fixture_dataset.events[fixture_dataset.events["category"] == "coup"].iloc[0]
    assert tooltip_text(coup, "fr") == "2020-08-18 · Coup d'État fictif"
    attack = fixture_dataset.events[fixture_dataset.events["category"] == "attack"].iloc[0]
    assert tooltip_text(attack, "fr") == tooltip_text(attack, "en")  # no French title written: English


def test_shapes_and_legend():
    assert "<circle" in shape_svg("circle", "#000000")
    assert "<polygon" in shape_svg("star", "#000000")
    assert ">US</text>" in holder_svg("United States")
    legend = legend_html("en")
    for label in ("Deployment", "Coup or attempt", "France", "UN (MINUSMA)", "Junta", "Military-led transition"):
        assert label in legend
    assert "Coup d'État ou tentative" in legend_html("fr") and "Junte" in legend_html("fr")
