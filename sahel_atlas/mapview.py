"""Folium maps, built as plain objects: a static base map and the layers of one date drawn over it.

The base map (boundaries, rivers, lakes) depends only on region and language, so the browser keeps it,
with the user's pan and zoom, while the dated layers (regimes, bases and events, selection) are sent as
data and drawn by one client-side function (static/sahel/atlas.js): a part whose data did not change is
not redrawn, playback does not reload the map, and text from the data is inserted as text, never as
HTML or code. The layer control, the user's layer choices, popups and touch gestures live there too.
"""

import re
from base64 import b64encode
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from html import escape

import branca.element
import folium
import numpy as np
import pandas as pd

from .assets import publish_json, stable_names, use_local_assets, versioned_url
from .chrome import leaflet_texts
from .codebook import APPROXIMATE, CATEGORY_COLOURS, CATEGORY_SHAPES, REGIONS, SOURCE_SEPARATOR
from .escape import js_json, js_string, safe_url
from .geography import BASEMAP, Geography
from .i18n import (
    CATEGORY_LABELS,
    HOLDER_LABELS,
    PRECISION_LABELS,
    REGIME_LABELS,
    category_label,
    colon,
    format_date,
    format_number,
    t,
)
from .summary import bases_active_on, regime_periods_on

SEA_COLOUR = "#dbe9f4"
MIN_ZOOM, MAX_ZOOM = 3, 12

# Who held a base -> holder group; any actor not listed is a national (or other) force.
HOLDER_GROUPS = {
    "France": "France",
    "United States": "United States",
    "Germany": "Germany",
    "MINUSMA": "UN",
    "Russia": "Russia",
    "Wagner Group": "Russia",
    "Africa Corps": "Russia",
}
# Holder group -> (colour, two-letter mark drawn on the icon). Okabe-Ito colours.
HOLDER_STYLES = {
    "France": ("#0072B2", "FR"),
    "United States": ("#D55E00", "US"),
    "Germany": ("#E69F00", "DE"),
    "UN": ("#56B4E9", "UN"),
    "Russia": ("#CC79A7", "RU"),
    "national": ("#009E73", "NA"),
}
# Regime -> fill colour (light, so markers stay readable on top), with a hatch-free legend.
REGIME_COLOURS = {"civilian": "#f4f1ea", "military-led transition": "#f6c98b", "junta": "#e8875b"}

_SHAPE_POINTS = {
    "square": "3,3 17,3 17,17 3,17",
    "triangle-up": "10,2 18,17 2,17",
    "triangle-down": "2,3 18,3 10,18",
    "diamond": "10,1 19,10 10,19 1,10",
    "star": "10,1 12.6,7 19,7.4 14,11.6 15.6,18 10,14.4 4.4,18 6,11.6 1,7.4 7.4,7",
    "hexagon": "5,2 15,2 19,10 15,18 5,18 1,10",
}


def shape_svg(shape: str, colour: str, size: int = 16, opacity: float = 1.0, hollow: bool = False) -> str:
    """A small SVG of a category shape, used by map markers and the legend alike; `hollow` (white inside,
    a thick outline in the colour) marks a point that stands in for a region or a country."""
    if hollow:
        style = f'fill="#ffffff" stroke="{colour}" stroke-width="3" opacity="{opacity}"'
    else:
        style = f'fill="{colour}" stroke="#222222" stroke-width="1.6" opacity="{opacity}"'
    if shape == "circle":
        body = f'<circle cx="10" cy="10" r="7.5" {style}/>'
    else:
        body = f'<polygon points="{_SHAPE_POINTS[shape]}" {style}/>'
    return f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" viewBox="0 0 20 20">{body}</svg>'


def holder_svg(group: str, size: int = 22) -> str:
    """A base icon: a square in the holder's colour carrying its two-letter mark."""
    colour, mark = HOLDER_STYLES[group]
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" viewBox="0 0 22 22">'
        f'<rect x="1" y="1" width="20" height="20" rx="3" fill="{colour}" stroke="#222222" stroke-width="1.5"/>'
        f'<text x="11" y="15" text-anchor="middle" font-family="sans-serif" font-size="10" font-weight="bold" '
        f'fill="#ffffff" stroke="#222222" stroke-width="0.4">{mark}</text></svg>'
    )


def event_title(event: pd.Series, lang: str) -> str:
    """The French title where one is written, else the English one."""
    return event.get("title_fr") if lang == "fr" and event.get("title_fr") else event["title"]


def event_description(event: pd.Series, lang: str) -> str:
    """The French description where one is written, else the English one."""
    return event.get("description_fr") if lang == "fr" and event.get("description_fr") else event["description"]


def date_span(event: pd.Series, lang: str = "en") -> str:
    """The event's dates as far as they are known: '2022', 'Feb 2022', '17 Feb 2022' (date_precision) for a
    point; 'start → end' for a span, 'start → ongoing' for one still running at the cut-off."""
    return span_text(event["start_date"], event["date_precision"], event["end_date"], event.get("ongoing", False), lang)


@lru_cache(maxsize=65_536)  # a catalogue writes every event's dates, many alike
def span_text(start: pd.Timestamp, precision: str, end: pd.Timestamp, ongoing: bool, lang: str) -> str:
    """date_span's text from its values (`end`: NaT for a point event)."""
    first = format_date(start.date(), lang, precision)
    if ongoing:
        return t("ongoing", lang, start=first)
    if pd.isna(end):
        return first
    return f"{first} → {format_date(end.date(), lang)}"


def place_text(event: pd.Series, lang: str = "en") -> str:
    """The place's name, said to be approximate where the point stands in for a region or a country."""
    return named_place(event["location"], event["geo_precision"], lang)


@lru_cache(maxsize=65_536)
def named_place(location: str, geo_precision: str, lang: str) -> str:
    """place_text's text from its values."""
    if geo_precision in APPROXIMATE:
        return t("approximate", lang, place=location, precision=PRECISION_LABELS[lang][geo_precision])
    return location


def place_line(event: pd.Series, lang: str = "en") -> str:
    """The place, its coordinates and their precision, said once: 'Gao: 16.2700, -0.0400 (town precision)',
    'Mopti region (approximate point: region precision): 14.4843, -4.1830'."""
    coordinates = f"{event['latitude']:.4f}, {event['longitude']:.4f}"
    if event["geo_precision"] in APPROXIMATE:
        return f"{place_text(event, lang)}{colon(lang)} {coordinates}"
    precision = t("precision", lang, precision=PRECISION_LABELS[lang][event["geo_precision"]])
    return f"{event['location']}{colon(lang)} {coordinates} ({precision})"


def fatalities_text(event: pd.Series, lang: str = "en") -> str:
    """The best figure, with the reported range where sources disagree: '32 (16–36)', numbers written by
    the locale; empty if unknown."""
    if pd.isna(event["fatalities"]):
        return ""
    best = format_number(event["fatalities"], lang)
    if pd.isna(event.get("fatalities_low")):
        return best
    return f"{best} ({format_number(event['fatalities_low'], lang)}–{format_number(event['fatalities_high'], lang)})"


def tooltip_text(event: pd.Series, lang: str = "en") -> str:
    """Plain text shown on hover and read out for a focused marker (a click is matched back by event id): its
    dates, then its title. The map client writes it from the marker's `when` and `title` the same way."""
    return f"{date_span(event, lang)} · {event_title(event, lang)}"


class AtlasSetup(folium.elements.JSCSSMixin, branca.element.MacroElement):
    """Loads the map client and its plugins, then hands it the base map's overlays: `overlays` is a list
    of (stable id, shown name, folium layer); `texts` the gesture hints ({touch, scroll, scrollMac}); `leaflet_texts`
    Leaflet's button texts in the reader's language ({English: text}, chrome.leaflet_texts); `basemap` where the
    geography is ({"url"}) and which property names a country in the reader's language ({"countryName"}); `lang`
    the reader's language, given to the map's frame."""

    _template = branca.element.Template(
        "{% macro script(this, kwargs) %}SahelAtlas.setup({{ this._parent.get_name() }}, "
        "[{{ this.overlays }}], {{ this.options }});{% endmacro %}"
    )

    def __init__(
        self,
        overlays: list[tuple[str, str, branca.element.Element]],
        texts: dict[str, str],
        leaflet_texts: dict[str, str],
        basemap: dict[str, str],
        lang: str,
    ):
        super().__init__()
        self._name = "AtlasSetup"
        # resource names only: use_local_assets points them at static/
        self.default_js = [("markerclusterjs", ""), ("subgroupjs", ""), ("gesturejs", ""), ("atlasjs", "")]
        self.default_css = [("markerclustercss", ""), ("markerclusterdefaultcss", ""), ("gesturecss", "")]
        self.overlay_layers = overlays
        self.options = js_json({"gestures": texts, "leaflet": leaflet_texts, "basemap": basemap, "lang": lang})

    @property
    def overlays(self) -> str:
        """The overlays as JS array items, by the layers' names at render time (after `stable_names`)."""
        return ",".join(
            f"[{js_string(key)},{js_string(name)},{layer.get_name()}]" for key, name, layer in self.overlay_layers
        )


class DatedLayer(folium.FeatureGroup):
    """One part of the dated layers ("regimes", "markers" or "selected") as data for SahelAtlas.show.
    An empty group for st_folium to swap; the client draws `data` once per change of its content."""

    _template = branca.element.Template(
        "{% macro script(this, kwargs) %}var {{ this.get_name() }} = L.featureGroup();\n"
        "SahelAtlas.show({{ this._parent.get_name() }}, {{ this.part }}, {{ this.data }});{% endmacro %}"
    )

    def __init__(self, part: str, data: dict):
        super().__init__(name=part, control=False)
        self.part = js_string(part)
        self.data = js_json(data)
        self.payload = data  # as sent, for tests and benchmarks


MAP_CSS = (
    f"<style>.leaflet-container{{background:{SEA_COLOUR}}}"
    ".sahel-marker{background:none;border:none}"
    ".sahel-marker:focus-visible{outline:3px solid #C00000;outline-offset:2px;border-radius:4px}"
    ".sahel-popup{font-size:13px;line-height:1.4}"
    ".sahel-popup strong,.sahel-popup em{display:block}.sahel-popup ul{margin:2px 0;padding-left:18px}"
    ".leaflet-interactive:focus{outline:none}"
    ".sahel-place{background:none;border:none;white-space:nowrap;font:600 11px/16px sans-serif;color:#2b2b2b;"
    "text-shadow:0 0 2px #fff,0 0 2px #fff,0 0 3px #fff;pointer-events:none}</style>"
)


def build_base_map(region: str, lang: str = "en", height: int = 560) -> folium.Map:
    """The map framed on a region preset, with no tiles: boundaries, rivers and lakes are drawn by the map client
    (static/sahel/atlas.js) from static/geo/basemap.json, which the browser fetches once and caches, so a rerun
    sends none of the geography. The layer control, popups and gestures are set up by the client too."""
    (south, west), (north, east) = REGIONS[region]
    fmap = folium.Map(location=((south + north) / 2, (west + east) / 2), zoom_start=5, tiles=None, height=height)
    # With no tile layer, Leaflet has no zoom limits unless the map sets them (clustering needs maxZoom).
    fmap.options.update(min_zoom=MIN_ZOOM, max_zoom=MAX_ZOOM, zoom_snap=0.25)
    fmap.get_root().header.add_child(folium.Element(MAP_CSS))
    boundaries = folium.FeatureGroup(name=t("layer_boundaries", lang)).add_to(fmap)
    water = folium.FeatureGroup(name=t("layer_water", lang)).add_to(fmap)
    tiles = folium.TileLayer("OpenStreetMap", name=t("layer_tiles", lang), overlay=True, show=False, opacity=0.6)
    tiles.add_to(fmap)
    overlays = [("boundaries", boundaries.layer_name, boundaries), ("water", water.layer_name, water)]
    overlays.append(("tiles", tiles.layer_name, tiles))
    texts = {"touch": t("gesture_touch", lang), "scroll": t("gesture_scroll", lang)}
    texts["scrollMac"] = t("gesture_scroll_mac", lang)
    basemap = {"url": versioned_url(BASEMAP), "countryName": f"name_{lang}"}
    AtlasSetup(overlays, texts, leaflet_texts(lang), basemap, lang).add_to(fmap)
    fmap.fit_bounds([[south, west], [north, east]])
    return stable_names(use_local_assets(fmap))


def window_start(as_of: date, window_months: int, range_start: date) -> date:
    """First day of the event window ending on `as_of` (0 months: the whole date range)."""
    if window_months == 0:
        return range_start
    month_index = as_of.year * 12 + as_of.month - 1 - window_months
    start = date(month_index // 12, month_index % 12 + 1, 1)
    return max(start, range_start)


def build_regime_layer(
    geography: Geography, regimes: dict[str, str], lang: str, summaries: dict[str, dict] | None = None
) -> DatedLayer:
    """Countries shaded by their regime on the day (`regimes`: ISO code -> regime), as data: {"name": the layer's
    name, "regimes": {ISO code: [fill colour, tooltip text]}, "summaries": `summaries` (country_summaries), "texts":
    the summary's headings}; the client shades the basemap's country outlines, shows each tooltip (the country's
    name and its regime) as text, and a country's summary in a popup when it is clicked."""
    names = geography.country_names(lang)
    shaded = {
        code: [REGIME_COLOURS[regime], f"{names.get(code, code)}{colon(lang)} {REGIME_LABELS[lang][regime]}"]
        for code, regime in sorted(regimes.items())
    }
    headings = {"regime": t("summary_regime", lang), "bases": t("summary_bases", lang)}
    headings["events"] = t("summary_events", lang)
    texts = {key: heading + colon(lang) for key, heading in headings.items()} | {"none": t("none", lang)}
    payload = {"name": t("layer_regimes", lang), "regimes": shaded, "summaries": summaries or {}, "texts": texts}
    return DatedLayer("regimes", payload)


def visible_events(events: pd.DataFrame, as_of: date, window_from: date) -> pd.DataFrame:
    """What the map draws on `as_of`: the bases then held, and the point events of the window."""
    held = bases_active_on(events, as_of)
    points = events[
        events["end_date"].isna() & events["start_date"].between(pd.Timestamp(window_from), pd.Timestamp(as_of))
    ]
    return pd.concat([held, points]).sort_values(["start_date", "event_id"])


# The columns of each row of the marker catalogue, in order (atlas.js reads them by these names).
MARKER_FIELDS = ("id", "lat", "lng", "title", "when", "kind", "actors", "place")
FADED = 0.45  # opacity of the older half of the event window


@dataclass(frozen=True)
class MarkerCatalogue:
    """Every event of a dataset as a marker, in one language: written once to a static file that the browser
    fetches once and keeps (its address carries its digest), so that a view sends only which markers it shows.
    `url`: the file's address; `positions`: event id -> row number in the file; `payload`: its content
    ({"places": `place_labels`, "fields": MARKER_FIELDS, "kinds": category labels, "actors": names, "columns": a list
    of values per field})."""

    url: str
    positions: pd.Series
    payload: dict


# A place's name as a map label: the record's location up to its first qualifier ("Aguelhok, Kidal region",
# "Sévaré (Mopti)"), kept only if each word starts with a capital and none holds a digit, as a town's name does
# ("Gossi area", "Agadez and Arlit", "RN16 between Gossi and Gao" are descriptions, not names).
_QUALIFIER = re.compile(r"\s*[,(].*$")


def is_place_name(text: str) -> bool:
    return bool(text) and all(word[0].isupper() and not any(c.isdigit() for c in word) for word in text.split())


def place_labels(events: pd.DataFrame) -> list[list]:
    """The places the record names at town precision or better, as map labels: [[name, lat, lng, events], ...],
    most events first. A place is its name (`_QUALIFIER` stripped; names that are descriptions left out, see
    `is_place_name`); its point is that of its most frequent bare-named row (else its most frequent row), to 4
    decimals. Names are read once per distinct location, points counted in one grouping: fast at 100,000 events."""
    exact = events[~events["geo_precision"].isin(APPROXIMATE)]
    named = {}
    for location in exact["location"].unique():
        name = _QUALIFIER.sub("", location).strip()
        if is_place_name(name):
            named[location] = name
    rows = pd.DataFrame(
        {
            "name": exact["location"].map(named),
            "bare": exact["location"].map(lambda location: named.get(location) == location.strip()),
            "lat": exact["latitude"].astype(float).round(4),
            "lng": exact["longitude"].astype(float).round(4),
        }
    ).dropna(subset=["name"])
    weights = rows["name"].value_counts()
    points = rows.groupby(["name", "bare", "lat", "lng"]).size().rename("rows").reset_index()
    points = points.sort_values(["name", "bare", "rows", "lat", "lng"], ascending=[True, False, False, True, True])
    chosen = points.drop_duplicates("name")
    labels = [
        [name, lat, lng, int(weights[name])]
        for name, lat, lng in zip(chosen["name"], chosen["lat"], chosen["lng"], strict=True)
    ]
    return sorted(labels, key=lambda label: (-label[3], label[0]))


def marker_catalogue(events: pd.DataFrame, lang: str = "en", actor_names: dict | None = None) -> MarkerCatalogue:
    """Every event of `events` (the whole dataset: filters only choose among them) as a row of MARKER_FIELDS: its id,
    position (4 decimals, about 10 m), title, dates (`date_span`), the index of its category label and of its
    actors (named by `actor_names`, actor -> name in `lang`) in the catalogue's lists, and its place
    (`place_text`). The client writes each tooltip (`tooltip_text`) and popup from them; the description and
    sources come with the selection (`event_detail`). Published under static/published/ (assets.publish_json);
    raises OSError if the file cannot be written."""
    actor_names = actor_names or {}
    titles = events["title"]
    if lang == "fr" and "title_fr" in events:
        titles = events["title_fr"].where(events["title_fr"].fillna("").ne(""), titles)
    ongoing = events["ongoing"] if "ongoing" in events else pd.Series(False, events.index)
    spans = zip(events["start_date"], events["date_precision"], events["end_date"], ongoing, strict=True)
    places = zip(events["location"], events["geo_precision"], strict=True)
    kind_codes, categories = pd.factorize(events["category"])
    actors: dict[str, int] = {}
    columns = [
        events["event_id"].tolist(),
        events["latitude"].astype(float).round(4).tolist(),
        events["longitude"].astype(float).round(4).tolist(),
        titles.tolist(),
        [span_text(start, precision, end, bool(running), lang) for start, precision, end, running in spans],
        kind_codes.tolist(),
        [[actors.setdefault(actor, len(actors)) for actor in listed] for listed in events["actor_list"]],
        [named_place(place, precision, lang) for place, precision in places],
    ]
    payload = {
        "places": place_labels(events),
        "fields": MARKER_FIELDS,
        "kinds": [category_label(category, lang) for category in categories],
        "actors": [actor_names.get(actor, actor) for actor in actors],
        "columns": columns,  # one list per field: far fewer objects than a list per row
    }
    positions = pd.Series(range(len(events)), index=events["event_id"].to_numpy())
    return MarkerCatalogue(publish_json(f"markers-{lang}", payload), positions, payload)


def country_summaries(
    events: pd.DataFrame,
    regime_periods: pd.DataFrame,
    as_of: date,
    lang: str,
    country_names: Mapping[str, str],
    actor_names: Mapping[str, str],
    catalogue: MarkerCatalogue,
    latest: int = 3,
) -> dict[str, dict]:
    """What a click on a country says on `as_of`: ISO code -> {"name", "regime": "Junta (Col. Assimi Goïta)" or "",
    "bases": ["France: Gao, Gossi", ...] held there that day, by holder, "events": the `latest` point events there
    up to that day, newest first, as their rows in `catalogue` (the client reads their tooltips there: no text sent
    twice)}, for every country with a regime period that day or an event of `events` (a base or event belongs to
    its first country)."""
    periods = regime_periods_on(regime_periods, as_of)
    held = bases_active_on(events, as_of)
    past = events[events["end_date"].isna() & (events["start_date"] <= pd.Timestamp(as_of))]
    past = past.assign(country=past["country_list"].str[0]).sort_values(["start_date", "event_id"])
    codes = set(periods["country"]) | set(held["country_list"].str[0]) | set(past["country"])
    summaries = {
        code: {"name": country_names.get(code, code), "regime": "", "bases": [], "events": []} for code in codes
    }
    for code, regime, leader in zip(periods["country"], periods["regime"], periods["leader"], strict=True):
        summaries[code]["regime"] = f"{REGIME_LABELS[lang][regime]} ({leader})"
    holders = held.assign(country=held["country_list"].str[0], holder=held["actor_list"].str[0])
    for (code, holder), group in holders.groupby(["country", "holder"]):
        places = ", ".join(sorted(dict.fromkeys(group["location"])))
        summaries[code]["bases"].append(f"{actor_names.get(holder, holder)}{colon(lang)} {places}")
    for code, group in past.groupby("country"):
        summaries[code]["events"] = catalogue.positions[group["event_id"].tail(latest)[::-1]].tolist()
    return dict(sorted(summaries.items()))


def event_detail(event: Mapping, lang: str) -> dict:
    """What the popup of the selected event adds to its marker's texts: {"id", "text": the description in `lang`,
    "links": the http(s) sources only}."""
    links = [url for url in event["sources"].split(SOURCE_SEPARATOR) if safe_url(url)]
    return {"id": event["event_id"], "text": event_description(event, lang), "links": links}


def build_event_layers(
    events: pd.DataFrame,
    as_of: date,
    window_from: date,
    catalogue: MarkerCatalogue,
    lang: str = "en",
    selected: str = "",
) -> list[DatedLayer]:
    """The bases held on `as_of` (an icon per holder) and the point events from `window_from` to `as_of`
    (the older half faded), clustered together so that markers at one place are spiderfied; then a ring
    around the selected event, with its description and sources for its popup. Markers are sent as
    one flat list [row in `catalogue`, icon index, row, icon, ...] per part (`catalogue`: that of `events`'
    dataset in `lang`), icons as [svg, size in px]. Returns the "markers" and "selected" parts."""
    shown = visible_events(events, as_of, window_from)
    bases = shown["category"].eq("base").to_numpy()
    first = pd.Timestamp(window_from)
    faded = (shown["start_date"] < first + (pd.Timestamp(as_of) - first) / 2).to_numpy() & ~bases
    hollow = shown["geo_precision"].isin(APPROXIMATE).to_numpy() & ~bases
    groups = np.full(len(shown), "", dtype=object)
    groups[bases] = [HOLDER_GROUPS.get(actors[0], "national") for actors in shown["actor_list"].to_numpy()[bases]]
    category_codes, categories = pd.factorize(shown["category"])
    group_codes, group_names = pd.factorize(groups)
    width = len(group_names)
    # one number per (category, holder group, faded, hollow), in mixed radix: its icon
    codes, variants = pd.factorize(((category_codes * width + group_codes) * 2 + faded) * 2 + hollow)
    icons = []
    for variant in variants:
        category, group = categories[variant // 4 // width], group_names[variant // 4 % width]
        if category == "base":
            icons.append([holder_svg(group), 22])
        else:
            opacity, approximate = FADED if variant // 2 % 2 else 1.0, bool(variant % 2)
            shape, colour = CATEGORY_SHAPES[category], CATEGORY_COLOURS[category]
            icons.append([shape_svg(shape, colour, 16, opacity, approximate), 16])
    pairs = np.column_stack((catalogue.positions[shown["event_id"]].to_numpy(), codes))  # flat below: fewer objects
    markers = {
        "names": {
            "events": t("layer_events", lang),
            "bases": t("layer_bases", lang),
            "places": t("layer_places", lang),
        },
        "texts": {"sources": t("f_sources", lang) + colon(lang)},
        "catalogue": catalogue.url,
        "icons": icons,
        "events": pairs[~bases].ravel().tolist(),
        "bases": pairs[bases].ravel().tolist(),
    }
    ring, detail = None, None
    for _, event in events[events["event_id"] == selected].iterrows():
        ring = [round(float(event["latitude"]), 5), round(float(event["longitude"]), 5)]
        detail = event_detail(event, lang)
    chosen = {"name": t("layer_selected", lang), "ring": ring, "event": detail}
    return [DatedLayer("markers", markers), DatedLayer("selected", chosen)]


def legend_html(lang: str = "en", regimes: bool = True) -> str:
    """Category shapes and colours, base holders and regime shades, as a compact HTML legend. Each shape is an image
    (an SVG data URI, alt ""): st.html's sanitiser keeps images and drops inline SVG."""

    def item(svg: str, label: str) -> str:
        source = "data:image/svg+xml;base64," + b64encode(svg.encode()).decode()
        image = f'<img alt="" style="vertical-align:middle" src="{source}">'
        return f'<span style="white-space:nowrap;margin-right:12px">{image} {escape(label, quote=False)}</span>'

    categories = [
        item(shape_svg(CATEGORY_SHAPES[c], CATEGORY_COLOURS[c]), label)
        for c, label in CATEGORY_LABELS[lang].items()
        if c != "base"
    ]
    holders = [item(holder_svg(group, 18), HOLDER_LABELS[lang][group]) for group in HOLDER_STYLES]
    approximate = item(shape_svg("circle", "#555555", hollow=True), t("legend_approximate", lang))
    rows = [
        f"<b>{t('legend_categories', lang)}</b> ({t('legend_faded', lang)}){colon(lang)} "
        + " ".join([*categories, approximate]),
        f"<b>{t('legend_bases', lang)}</b>{colon(lang)} " + " ".join(holders),
    ]
    if regimes:
        swatches = [
            item(
                '<svg xmlns="http://www.w3.org/2000/svg" width="14" height="14">'
                f'<rect x="0.5" y="0.5" width="13" height="13" fill="{colour}" stroke="#888888"/></svg>',
                REGIME_LABELS[lang][regime],
            )
            for regime, colour in REGIME_COLOURS.items()
        ]
        rows.append(f"<b>{t('legend_regimes', lang)}</b>{colon(lang)} " + " ".join(swatches))
    return '<div style="line-height:2">' + "<br>".join(rows) + "</div>"
