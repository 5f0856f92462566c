import copy
import json
import re
from base64 import b64decode
from datetime import date

import pandas as pd
import pytest
from folium.plugins import Fullscreen

from sahel_atlas.assets import LOCAL_CSS, LOCAL_JS, MissingAsset, use_local_assets, versioned_url
from sahel_atlas.codebook import CATEGORY_COLOURS, CATEGORY_SHAPES, REGIONS
from sahel_atlas.escape import js_json
from sahel_atlas.geography import BASEMAP, BASEMAP_PATH, basemap_text
from sahel_atlas.mapview import (
    MARKER_FIELDS,
    REGIME_COLOURS,
    build_base_map,
    build_event_layers,
    build_regime_layer,
    country_summaries,
    date_span,
    event_description,
    fatalities_text,
    holder_svg,
    is_place_name,
    legend_html,
    marker_catalogue,
    place_labels,
    place_line,
    place_text,
    shape_svg,
    tooltip_text,
    visible_events,
    window_start,
)
from tests.conftest import ROOT

# Text that is code or markup in some context: a template literal, a script block, HTML, a quote.
HOSTILE = {
    "title": "Attack on the `MOC` camp",
    "location": "${alert(1)}",
    "description": "</script><script>alert(2)</script>",
    "title_fr": "<img src=x onerror=alert(3)>",
    "operation": "{{'alert'}} O'Brien \\` \u2028",
}


def render(fmap, layers=()):
    for layer in layers:
        layer.add_to(fmap)
    return fmap.get_root().render()


def layer_names(fmap):
    return [child.layer_name for child in fmap._children.values() if hasattr(child, "layer_name")]


def sent(page, part):
    """The data a page hands to SahelAtlas.show for `part`, parsed back."""
    [data] = re.findall(rf'SahelAtlas\.show\([\w]+, "{part}", (.*?)\);', page)
    return json.loads(data)


def layers_of(events, as_of, window_from, lang="en", selected="", actor_names=None):
    """build_event_layers over the catalogue of `events`: (markers payload, selected payload, catalogue)."""
    catalogue = marker_catalogue(events, lang, actor_names)
    markers, chosen = build_event_layers(events, as_of, window_from, catalogue, lang, selected)
    return markers.payload, chosen.payload, catalogue


def shown(markers, catalogue, part="events"):
    """The markers of `part` a view shows, as the client reads them: the catalogue row's fields by name, with
    `kind` and `actors` as texts and `icon` as its [svg, size]."""
    data = catalogue.payload
    rows = []
    for position, icon in zip(markers[part][::2], markers[part][1::2], strict=True):
        row = {field: column[position] for field, column in zip(data["fields"], data["columns"], strict=True)}
        row.update(kind=data["kinds"][row["kind"]], actors=[data["actors"][a] for a in row["actors"]])
        rows.append({**row, "icon": markers["icons"][icon]})
    return rows


def hostile_events(fixture_dataset):
    events = fixture_dataset.events.copy()
    for column, text in HOSTILE.items():
        events[column] = events[column].astype(object)
        events.loc[events.index[:3], column] = text
    events.loc[events.index[2], "sources"] = "javascript:alert(4) https://example.org/ok data:text/html,x"
    return events


@pytest.mark.parametrize("region", list(REGIONS))
def test_base_map_frames_the_region_and_loads_nothing_remote(geography, region):
    fmap = build_base_map(region)
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


def test_the_same_view_renders_to_the_same_bytes():
    page = render(build_base_map("Mali", "fr"))
    assert page == render(build_base_map("Mali", "fr")) != render(build_base_map("Niger", "fr"))
    # streamlit-folium names the layers it adds feature_group_0, _1…: the base map's names never clash with them
    assert "feature_group_base" in page and not re.search(r"\bfeature_group_\d+\b", page)


def test_base_map_speaks_french(geography):
    fmap = build_base_map("Mali", "fr")
    assert layer_names(fmap) == ["Frontières", "Fleuves et lacs", "Fond en ligne (OSM)"]
    assert '"name_fr"' in render(fmap)


def test_vendored_files_exist():
    for path in [*LOCAL_JS.values(), *LOCAL_CSS.values()]:
        assert (ROOT / "static" / path).stat().st_size > 500, path


def test_an_unvendored_asset_is_refused():
    with pytest.raises(MissingAsset, match="not vendored"):
        use_local_assets(Fullscreen())


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


def test_event_layers_are_data_for_the_map_client(fixture_dataset):
    events = fixture_dataset.events
    attack = "2015-11-20-fixture-attack"
    data, selected, catalogue = layers_of(events, date(2020, 12, 31), date(2013, 1, 1), selected=attack)
    assert data["names"] == {"events": "Events", "bases": "Bases", "places": "Place names"}
    assert data["catalogue"] == catalogue.url
    assert [r["id"] for r in shown(data, catalogue)] == ["2015-11-20-fixture-attack", "2020-08-18-fixture-coup"]
    [base] = shown(data, catalogue, "bases")
    assert (base["lat"], base["lng"]) == (16.27, -0.04) and ">FR</text>" in base["icon"][0]
    assert base["icon"][1] == 22 and base["kind"] == "Base" and base["when"] == "Feb 2013 → 15 Aug 2022"
    assert set(base) == {*MARKER_FIELDS, "icon"}  # the description and sources come with a selection
    assert selected["ring"] == [15.92, 2.4] and selected["name"] == "Selected event"
    assert selected["event"] == {
        "id": "2015-11-20-fixture-attack",
        "text": "Synthetic <script>alert(1)</script> row.",
        "links": ["https://example.org/d"],
    }
    _, base_chosen, _ = layers_of(events, date(2020, 12, 31), date(2013, 1, 1), selected="2013-02-01-fixture-base")
    assert base_chosen["event"]["links"] == ["https://example.org/b", "https://example.org/c"]
    _, unselected, _ = layers_of(events, date(2020, 12, 31), date(2013, 1, 1))
    assert unselected["ring"] is None and unselected["event"] is None


def test_the_catalogue_holds_every_event_once_and_a_view_sends_only_its_rows(fixture_dataset):
    """The markers' texts go once, in a static file named by its content; a view sends [row, icon, ...] only."""
    events = fixture_dataset.events
    catalogue = marker_catalogue(events, "fr")
    assert catalogue.payload["columns"][MARKER_FIELDS.index("id")] == list(events["event_id"])
    url = catalogue.url
    assert re.fullmatch(r"/app/static/published/markers-fr-[0-9a-f]{16}\.json", url)
    written = ROOT / "static" / url.removeprefix("/app/static/")
    assert json.loads(written.read_text(encoding="utf-8")) == json.loads(json.dumps(catalogue.payload))
    assert marker_catalogue(events, "fr").url == url != marker_catalogue(events, "en").url  # same data, same file
    changed = events.assign(title=events["title"] + " (corrected)", title_fr="")
    assert marker_catalogue(changed, "fr").url != url
    data, _, _ = layers_of(events, date(2015, 12, 1), date(2015, 1, 1), "fr")
    assert data["events"] == [int(catalogue.positions["2015-11-20-fixture-attack"]), 1]
    assert "Fixture" not in json.dumps(data)  # no text of the events in the view


def test_a_filtered_view_points_into_the_whole_dataset_catalogue(fixture_dataset):
    events = fixture_dataset.events
    catalogue = marker_catalogue(events)
    only_coups = events[events["category"] == "coup"]
    markers, _ = build_event_layers(only_coups, date(2020, 12, 31), date(2013, 1, 1), catalogue)
    assert [r["id"] for r in shown(markers.payload, catalogue)] == ["2020-08-18-fixture-coup"]
    assert markers.payload["bases"] == []


def test_older_half_of_the_window_is_faded(fixture_dataset):
    data, _, catalogue = layers_of(fixture_dataset.events, date(2020, 8, 18), date(2015, 1, 1))
    icons = {row["title"]: row["icon"][0] for row in shown(data, catalogue)}
    assert 'opacity="0.45"' in icons["Fixture attack <b>bold</b> & co"]
    assert 'opacity="1.0"' in icons["Fixture coup"]


def test_regime_layer_is_colours_and_labels_by_country(geography):
    data = build_regime_layer(geography, {"NER": "civilian", "MLI": "junta"}, "fr").payload
    assert data == {
        "name": "Régimes",
        "regimes": {
            "MLI": [REGIME_COLOURS["junta"], "Mali\u00a0: Junte"],
            "NER": [REGIME_COLOURS["civilian"], "Niger\u00a0: Gouvernement civil"],
        },
        "summaries": {},
        "texts": {
            "regime": "Régime\u00a0:",
            "bases": "Bases tenues\u00a0:",
            "events": "Derniers événements\u00a0:",
            "none": "aucune",
        },
    }


def test_a_country_summary_says_its_regime_bases_and_latest_events_on_the_day(fixture_dataset):
    events, day = fixture_dataset.events, date(2020, 12, 31)
    periods = pd.DataFrame(
        {
            "country": ["MLI", "MLI"],
            "start_date": pd.to_datetime(["2013-01-01", "2020-08-19"]),
            "end_date": pd.to_datetime(["2020-08-18", "2021-05-24"]),
            "regime": ["civilian", "military-led transition"],
            "leader": ["Ibrahim Boubacar Keïta", "Bah N'Daw"],
        }
    )
    catalogue = marker_catalogue(events)
    summaries = country_summaries(events, periods, day, "en", {"MLI": "Mali"}, {"France": "France"}, catalogue, 2)
    mali = summaries["MLI"]
    assert mali["name"] == "Mali" and mali["regime"] == "Military-led transition (Bah N'Daw)"
    assert mali["bases"] == ["France: Gao"]
    ids = catalogue.payload["columns"][MARKER_FIELDS.index("id")]
    assert [ids[row] for row in mali["events"]] == ["2020-08-18-fixture-coup", "2015-11-20-fixture-attack"]
    before = country_summaries(events, periods, date(2015, 1, 1), "fr", {}, {}, catalogue, 2)["MLI"]
    assert before["regime"] == "Gouvernement civil (Ibrahim Boubacar Keïta)" and before["events"] == []


def test_a_rerun_sends_none_of_the_geography(geography):
    """The base map page holds no coordinates: the client fetches static/geo/basemap.json once, at an address
    that changes with its content; that file is what geo/ derives (python -m sahel_atlas.geography)."""
    page = render(build_base_map("Sahel"))
    assert len(page) < 20_000 and str(geography.countries["features"][0]["geometry"]["coordinates"][0][0]) not in page
    url = re.search(r'"url":"(/app/static/geo/basemap\.json\?v=[0-9a-f]{12})"', page).group(1)
    assert url == versioned_url(BASEMAP)
    assert BASEMAP_PATH.read_text(encoding="utf-8") == basemap_text(geography), "run python -m sahel_atlas.geography"
    sent_geography = json.loads(BASEMAP_PATH.read_text(encoding="utf-8"))
    assert set(sent_geography) == {"countries", "lakes", "rivers"}  # the regimes shade the countries' outlines
    assert set(sent_geography["countries"]["features"][0]["properties"]) == {"iso_a3", "name_en", "name_fr"}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_text_from_the_data_reaches_the_map_only_as_data(fixture_dataset, geography, lang):
    """Hostile titles, places, descriptions and operations: nothing of them is code or markup in the page,
    and the client receives them exactly (it inserts them as text)."""
    events = hostile_events(fixture_dataset)
    catalogue = marker_catalogue(events, lang)
    layers = build_event_layers(events, date(2020, 1, 1), date(2013, 1, 1), catalogue, lang, events["event_id"].iloc[2])
    hostile_geo = copy.deepcopy(geography)
    feature = next(f for f in hostile_geo.countries["features"] if f["properties"]["iso_a3"] == "MLI")
    feature["properties"][f"name_{lang}"] = "Mali`${alert(5)}</script><b>"
    layers.append(build_regime_layer(hostile_geo, {"MLI": "junta"}, lang))
    page = render(build_base_map("Mali", lang), layers)
    for text in [*HOSTILE.values(), "Mali`${alert(5)}</script><b>", "javascript:alert(4)", "data:text/html"]:
        assert text not in page
    for fragment in ("`", "${", "</script><script>", "<img", "<b>bold", "{{'alert'}}", "'"):
        assert fragment not in page.split("SahelAtlas.show(", 1)[1].split("</script>", 1)[0].replace("\\u0027", "")
    markers = sent(page, "markers")
    catalogue = marker_catalogue(events, lang)
    assert markers["catalogue"] == catalogue.url
    written = json.loads((ROOT / "static" / catalogue.url.removeprefix("/app/static/")).read_text(encoding="utf-8"))
    rows = shown(markers, catalogue) + shown(markers, catalogue, "bases")
    detail = sent(page, "selected")["event"]
    texts = {text for row in rows for text in (row["title"], row["place"], *row["actors"])} | {detail["text"]}
    assert HOSTILE["location"] in texts and HOSTILE["description"] in texts
    assert (HOSTILE["title_fr"] if lang == "fr" else HOSTILE["title"]) in texts
    assert written == json.loads(json.dumps(catalogue.payload))  # read by response.json(): data, never code
    assert detail["links"] == ["https://example.org/ok"]
    assert sent(page, "regimes")["regimes"]["MLI"][1].startswith("Mali`${alert(5)}")


def test_base_map_tooltips_are_text_not_html(geography):
    page = render(build_base_map("Sahel"))
    assert '"countryName":"name_en"' in page
    assert "innerHTML" not in page and "bindTooltip" not in page


def test_layer_control_lists_base_overlays_by_stable_id(geography):
    page = render(build_base_map("Niger", "fr"))
    setup = re.search(r"SahelAtlas\.setup\((\w+), \[(.*?)\], (\{.*?\})\);", page)
    assert re.findall(r'\["(\w+)","([^"]+)",\w+\]', setup.group(2)) == [
        ("boundaries", "Frontières"),
        ("water", "Fleuves et lacs"),
        ("tiles", "Fond en ligne (OSM)"),
    ]
    options = json.loads(setup.group(3))
    assert options["gestures"]["touch"] == "Utilisez deux doigts pour déplacer la carte" and options["lang"] == "fr"
    assert "L.control.layers" not in page  # one control, made once by the client, kept across swaps


def test_french_titles_in_tooltips(fixture_dataset):
    coup = fixture_dataset.events[fixture_dataset.events["category"] == "coup"].iloc[0]
    assert tooltip_text(coup, "fr") == "18 août 2020 · Coup d'État fictif"
    attack = fixture_dataset.events[fixture_dataset.events["category"] == "attack"].iloc[0]
    assert tooltip_text(attack, "fr") == "20 nov. 2015 · Fixture attack <b>bold</b> & co"  # no French title: English


def test_shapes_and_legend():
    assert "<circle" in shape_svg("circle", "#000000")
    assert "<polygon" in shape_svg("star", "#000000")
    assert ">US</text>" in holder_svg("United States")
    legend = legend_html("en")
    for label in ("Deployment", "Coup or attempt", "France", "UN (MINUSMA)", "Junta", "Military-led transition"):
        assert label in legend
    assert "Coup d'État ou tentative" in legend_html("fr") and "Junte" in legend_html("fr")
    # shapes as images (st.html's sanitiser drops inline SVG), each the marker's own SVG
    images = re.findall(r'<img alt="" style="[^"]*" src="data:image/svg\+xml;base64,([\w+/=]+)">', legend)
    categories = len(CATEGORY_SHAPES) - 1  # not "base": bases are drawn by holder
    assert len(images) == legend.count("<img") == categories + 1 + 6 + 3  # and approximate, holders, regimes
    assert shape_svg(CATEGORY_SHAPES["coup"], CATEGORY_COLOURS["coup"]) in {b64decode(i).decode() for i in images}
    assert "<svg" not in legend


def test_dates_read_as_far_as_they_are_known(fixture_dataset):
    """date_precision reaches every date shown: a year-precision start reads '1960', not '1960-01-01'."""
    base = fixture_dataset.events.set_index("event_id").loc["2013-02-01-fixture-base"].copy()
    assert date_span(base, "en") == "Feb 2013 → 15 Aug 2022"  # month precision, then the end day
    base["date_precision"], base["start_date"] = "year", pd.Timestamp("1960-01-01")
    assert date_span(base, "fr") == "1960 → 15 août 2022"
    assert tooltip_text(base, "en").startswith("1960 → 15 Aug 2022 · ")  # a base: the years it was held


def test_a_point_standing_in_for_a_region_is_hollow_and_said_approximate(fixture_dataset):
    events = fixture_dataset.events.copy()
    attack = events["event_id"] == "2015-11-20-fixture-attack"
    events.loc[attack, "geo_precision"] = "region"
    data, _, catalogue = layers_of(events, date(2015, 12, 1), date(2015, 1, 1), "fr")
    [row] = shown(data, catalogue)
    assert row["place"] == "Ménaka (point approximatif, précision\u00a0: région)"
    assert 'fill="#ffffff"' in row["icon"][0]  # hollow
    assert place_text(events[~attack].iloc[0], "fr") == events[~attack].iloc[0]["location"]  # town: as named


def test_fatalities_show_the_best_figure_and_the_reported_range(fixture_dataset):
    events = fixture_dataset.events.set_index("event_id")
    assert fatalities_text(events.loc["2015-11-20-fixture-attack"]) == "22 (20–27)"
    assert fatalities_text(events.loc["2020-08-18-fixture-coup"]) == ""  # unknown, not zero


def test_the_french_description_is_shown_where_written(fixture_dataset):
    attack = fixture_dataset.events.set_index("event_id").loc["2015-11-20-fixture-attack"].copy()
    assert event_description(attack, "fr") == attack["description"]  # none written: English
    attack["description_fr"] = "Ligne de test synthétique."
    assert event_description(attack, "fr") == "Ligne de test synthétique."
    assert event_description(attack, "en") == attack["description"]


def test_popups_name_actors_in_the_reader_language(fixture_dataset):
    data, _, catalogue = layers_of(
        fixture_dataset.events, date(2015, 12, 1), date(2015, 1, 1), "fr", actor_names={"JNIM": "GSIM (JNIM)"}
    )
    [row] = shown(data, catalogue)
    assert row["actors"] == ["GSIM (JNIM)"] and row["kind"] == "Attaque"


def test_a_place_and_its_precision_are_said_once_and_numbers_follow_the_locale(fixture_dataset):
    attack = fixture_dataset.events.set_index("event_id").loc["2015-11-20-fixture-attack"].copy()
    assert place_line(attack, "en") == "Ménaka: 15.9200, 2.4000 (town precision)"
    attack["geo_precision"] = "region"
    line = place_line(attack, "fr")
    assert line == "Ménaka (point approximatif, précision\u00a0: région)\u00a0: 15.9200, 2.4000"
    assert line.count("précision") == 1
    attack["fatalities"], attack["fatalities_low"], attack["fatalities_high"] = 2400, 2000, 2600
    assert fatalities_text(attack, "fr") == "2\u202f400 (2\u202f000–2\u202f600)"
    assert fatalities_text(attack, "en") == "2,400 (2,000–2,600)"


def test_hostile_french_text_reaches_popups_only_as_data(fixture_dataset):
    """description_fr and name_fr travel as JSON values for textContent, never as markup in the page."""
    events = fixture_dataset.events.copy()
    events["description_fr"] = "</script><img src=x onerror=alert(1)>"
    data, selected, catalogue = layers_of(
        events,
        date(2015, 12, 1),
        date(2015, 1, 1),
        "fr",
        "2015-11-20-fixture-attack",
        actor_names={"JNIM": "<i>`${alert(2)}`</i>"},
    )
    [row] = shown(data, catalogue)
    assert selected["event"]["text"] == "</script><img src=x onerror=alert(1)>"
    assert row["actors"] == ["<i>`${alert(2)}`</i>"]
    script = js_json(data) + js_json(selected)
    assert "</script>" not in script and "`" not in script and "${" not in script


def test_places_are_named_by_the_record_towns_without_their_qualifiers(fixture_dataset):
    """Labels: a town's name without its qualifier, at its bare-named row's point, weighted by its events; a
    description is no name, and a point standing in for a country names nothing."""
    events = fixture_dataset.events.copy()  # five events; the last one's point stands in for Mali
    events["location"] = ["Aguelhok, Kidal region", "Aguelhok", "About 30 km north of Gossi", "Ménaka", "Mali"]
    events["latitude"] = [19.5, 19.4614, 15.9, 15.92, 17.0]
    events["longitude"] = [0.9, 0.8589, -1.3, 2.4, -4.0]
    assert place_labels(events) == [["Aguelhok", 19.4614, 0.8589, 2], ["Ménaka", 15.92, 2.4, 1]]
    names = ("N'Djamena", "Port-Bouët", "Gossi area", "RN16", "Agadez and Arlit", "<img src=x>")
    assert [is_place_name(name) for name in names] == [True, True, False, False, False, False]
    hostile = events.assign(location="Zorglub`${alert}`</script><b>")
    assert place_labels(hostile)[0][0] == "Zorglub`${alert}`</script><b>"  # data, shown by the client as text
