"""Folium maps, built as plain objects: a static base map and the layers of one date drawn over it.

The base map (boundaries, rivers, lakes) depends only on region and language, so the browser keeps it,
with the user's pan and zoom, while the dated layers (regimes, bases, events, selection) are swapped in
place when the filters or the as-of date change: playback does not reload the map.
"""

from datetime import date
from html import escape

import folium
import pandas as pd
from folium.plugins import MarkerCluster

from .assets import use_local_assets
from .codebook import CATEGORY_COLOURS, CATEGORY_SHAPES, REGIONS, SOURCE_SEPARATOR
from .geography import Geography
from .i18n import CATEGORY_LABELS, HOLDER_LABELS, REGIME_LABELS, category_label, t
from .summary import bases_active_on

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


def shape_svg(shape: str, colour: str, size: int = 16, opacity: float = 1.0) -> str:
    """A small SVG of a category shape, used by map markers and the legend alike."""
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


def _icon(svg: str, size: int) -> folium.DivIcon:
    return folium.DivIcon(
        html=svg, icon_size=(size, size), icon_anchor=(size // 2, size // 2), class_name="sahel-marker"
    )


def event_title(event: pd.Series, lang: str) -> str:
    """The French title where one is written, else the English one."""
    return event.get("title_fr") if lang == "fr" and event.get("title_fr") else event["title"]


def date_span(event: pd.Series) -> str:
    start = event["start_date"].date().isoformat()
    if pd.isna(event["end_date"]):
        return start
    return f"{start} → {event['end_date'].date().isoformat()}"


def tooltip_text(event: pd.Series, lang: str = "en") -> str:
    """Plain text shown on hover; the app matches a clicked marker back to its event by it."""
    return f"{event['start_date'].date().isoformat()} · {event_title(event, lang)}"


def popup_html(event: pd.Series, lang: str = "en") -> str:
    """The event's record as HTML; every value from the data is escaped."""
    links = " ".join(
        f'<a href="{escape(url)}" target="_blank" rel="noopener">[{n}]</a>'
        for n, url in enumerate(event["sources"].split(SOURCE_SEPARATOR), start=1)
    )
    rows = [
        f"<b>{escape(event_title(event, lang))}</b>",
        f"{escape(date_span(event))} · {escape(category_label(event['category'], lang))}",
        f"<i>{escape(', '.join(event['actor_list']))}</i>",
        escape(event["location"]),
        escape(event["description"]),
        f"{t('f_sources', lang)}: {links}",
    ]
    return '<div class="sahel-popup">' + "<br>".join(rows) + "</div>"


def holder_group(event: pd.Series) -> str:
    return HOLDER_GROUPS.get(event["actor_list"][0], "national")


def build_base_map(geography: Geography, region: str, lang: str = "en", height: int = 560) -> folium.Map:
    """Boundaries, rivers and lakes, framed on a region preset: drawn offline, with no tiles."""
    (south, west), (north, east) = REGIONS[region]
    fmap = folium.Map(
        location=((south + north) / 2, (west + east) / 2),
        zoom_start=5,
        tiles=None,
        control_scale=True,
        height=height,
    )
    # With no tile layer, Leaflet has no zoom limits unless the map sets them (clustering needs maxZoom).
    fmap.options.update(min_zoom=MIN_ZOOM, max_zoom=MAX_ZOOM, zoom_snap=0.25)
    fmap.get_root().header.add_child(
        folium.Element(
            f"<style>.leaflet-container{{background:{SEA_COLOUR}}}"
            ".sahel-marker{background:none;border:none}.sahel-popup{max-width:320px}</style>"
        )
    )
    name_field = f"name_{lang}"
    folium.GeoJson(
        geography.countries,
        name=t("layer_boundaries", lang),
        style_function=lambda _: {"color": "#6b6b6b", "weight": 1.2, "fillColor": "#f4f1ea", "fillOpacity": 1},
        tooltip=folium.GeoJsonTooltip(fields=[name_field], labels=False),
    ).add_to(fmap)
    water = folium.FeatureGroup(name=t("layer_water", lang))
    folium.GeoJson(
        geography.lakes,
        style_function=lambda _: {"color": "#4a90c2", "weight": 1, "fillColor": "#a9cde8", "fillOpacity": 1},
    ).add_to(water)
    folium.GeoJson(
        geography.rivers,
        style_function=lambda _: {"color": "#4a90c2", "weight": 1.6},
        tooltip=folium.GeoJsonTooltip(fields=["name"], labels=False),
    ).add_to(water)
    water.add_to(fmap)
    folium.TileLayer("OpenStreetMap", name=t("layer_tiles", lang), overlay=True, show=False, opacity=0.6).add_to(fmap)
    fmap.fit_bounds([[south, west], [north, east]])
    return use_local_assets(fmap)


def window_start(as_of: date, window_months: int, range_start: date) -> date:
    """First day of the event window ending on `as_of` (0 months: the whole date range)."""
    if window_months == 0:
        return range_start
    month_index = as_of.year * 12 + as_of.month - 1 - window_months
    start = date(month_index // 12, month_index % 12 + 1, 1)
    return max(start, range_start)


def build_regime_layer(geography: Geography, regimes: dict[str, str], lang: str) -> folium.FeatureGroup:
    """Countries shaded by their regime on the day (`regimes`: ISO code -> regime)."""
    group = folium.FeatureGroup(name=t("layer_regimes", lang))
    features = []
    for feature in geography.coarse_countries["features"]:
        code = feature["properties"]["iso_a3"]
        if code in regimes:
            label = f"{feature['properties'][f'name_{lang}']}: {REGIME_LABELS[lang][regimes[code]]}"
            properties = {"label": label, "fill": REGIME_COLOURS[regimes[code]]}
            features.append({**feature, "properties": properties})
    if features:
        folium.GeoJson(
            {"type": "FeatureCollection", "features": features},
            style_function=lambda f: {"fillColor": f["properties"]["fill"], "fillOpacity": 0.6, "weight": 0},
            tooltip=folium.GeoJsonTooltip(fields=["label"], labels=False),
        ).add_to(group)
    return use_local_assets(group)


def visible_events(events: pd.DataFrame, as_of: date, window_from: date) -> pd.DataFrame:
    """What the map draws on `as_of`: the bases then held, and the point events of the window."""
    held = bases_active_on(events, as_of)
    points = events[
        events["end_date"].isna() & events["start_date"].between(pd.Timestamp(window_from), pd.Timestamp(as_of))
    ]
    return pd.concat([held, points]).sort_values(["start_date", "event_id"])


def build_event_layers(
    events: pd.DataFrame,
    as_of: date,
    window_from: date,
    lang: str = "en",
    selected: str = "",
) -> list[folium.FeatureGroup]:
    """The bases held on `as_of` (an icon per holder), the point events from `window_from` to `as_of`
    (the older half faded, clustered where dense), and a ring around the selected event."""
    event_group = folium.FeatureGroup(name=t("layer_events", lang))
    cluster = MarkerCluster(options={"maxClusterRadius": 40, "disableClusteringAtZoom": 9}).add_to(event_group)
    base_group = folium.FeatureGroup(name=t("layer_bases", lang))
    selected_group = folium.FeatureGroup(name=t("layer_selected", lang))
    first = pd.Timestamp(window_from)
    fade_before = first + (pd.Timestamp(as_of) - first) / 2
    for _, event in visible_events(events, as_of, window_from).iterrows():
        location = (event["latitude"], event["longitude"])
        tooltip = folium.Tooltip(escape(tooltip_text(event, lang)))
        popup = folium.Popup(popup_html(event, lang), max_width=340)
        if event["category"] == "base":
            icon = _icon(holder_svg(holder_group(event)), 22)
            folium.Marker(location, icon=icon, tooltip=tooltip, popup=popup).add_to(base_group)
        else:
            opacity = 0.45 if event["start_date"] < fade_before else 1.0
            svg = shape_svg(CATEGORY_SHAPES[event["category"]], CATEGORY_COLOURS[event["category"]], opacity=opacity)
            folium.Marker(location, icon=_icon(svg, 16), tooltip=tooltip, popup=popup).add_to(cluster)
    chosen = events[events["event_id"] == selected]
    for _, event in chosen.iterrows():
        ring = folium.CircleMarker((event["latitude"], event["longitude"]), radius=16, color="#C00000", weight=4)
        ring.add_to(selected_group)
    return [use_local_assets(g) for g in (event_group, base_group, selected_group)]


def legend_html(lang: str = "en", regimes: bool = True) -> str:
    """Category shapes and colours, base holders and regime shades, as a compact HTML legend."""

    def item(svg: str, label: str) -> str:
        return f'<span style="white-space:nowrap;margin-right:12px">{svg} {escape(label, quote=False)}</span>'

    categories = [
        item(shape_svg(CATEGORY_SHAPES[c], CATEGORY_COLOURS[c]), label)
        for c, label in CATEGORY_LABELS[lang].items()
        if c != "base"
    ]
    holders = [item(holder_svg(group, 18), HOLDER_LABELS[lang][group]) for group in HOLDER_STYLES]
    rows = [
        f"<b>{t('legend_categories', lang)}</b> ({t('legend_faded', lang)}): " + " ".join(categories),
        f"<b>{t('legend_bases', lang)}</b>: " + " ".join(holders),
    ]
    if regimes:
        swatches = [
            item(
                f'<span style="display:inline-block;width:14px;height:14px;background:{colour};'
                f'border:1px solid #888"></span>',
                REGIME_LABELS[lang][regime],
            )
            for regime, colour in REGIME_COLOURS.items()
        ]
        rows.append(f"<b>{t('legend_regimes', lang)}</b>: " + " ".join(swatches))
    return '<div style="line-height:2">' + "<br>".join(rows) + "</div>"
