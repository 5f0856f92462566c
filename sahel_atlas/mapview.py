"""Folium maps, built as plain objects: a static base map and the event layers drawn over it.

The base map (boundaries, rivers, lakes) depends only on the region, so the browser keeps it, with
the user's pan and zoom, while the event layers are swapped in place when filters change.
"""

from datetime import date
from html import escape

import folium
import pandas as pd
from folium.plugins import MarkerCluster

from .assets import use_local_assets
from .codebook import CATEGORY_COLOURS, CATEGORY_LABELS, CATEGORY_SHAPES, REGIONS, SOURCE_SEPARATOR
from .geography import Geography

BOUNDARIES_LAYER = "Boundaries"
WATER_LAYER = "Rivers and lakes"
EVENTS_LAYER = "Events"
BASES_LAYER = "Bases"
TILES_LAYER = "Online tiles (OSM)"
SEA_COLOUR = "#dbe9f4"
MIN_ZOOM, MAX_ZOOM = 3, 12

# Who held a base -> colour (Okabe-Ito). Any holder not listed is a national force.
HOLDER_COLOURS = {
    "France": "#0072B2",
    "United States": "#D55E00",
    "Germany": "#E69F00",
    "MINUSMA": "#56B4E9",
    "Russia": "#CC79A7",
    "Wagner Group": "#CC79A7",
    "Africa Corps": "#CC79A7",
}
NATIONAL_COLOUR = "#009E73"

_SHAPE_POINTS = {
    "square": "3,3 17,3 17,17 3,17",
    "triangle-up": "10,2 18,17 2,17",
    "triangle-down": "2,3 18,3 10,18",
    "diamond": "10,1 19,10 10,19 1,10",
    "star": "10,1 12.6,7 19,7.4 14,11.6 15.6,18 10,14.4 4.4,18 6,11.6 1,7.4 7.4,7",
    "hexagon": "5,2 15,2 19,10 15,18 5,18 1,10",
}


def shape_svg(shape: str, colour: str, size: int = 16, filled: bool = True, dashed: bool = False) -> str:
    """A small SVG of a category shape, used by map markers and the legend alike."""
    fill = colour if filled else "#ffffff"
    stroke = "#222222" if filled else colour
    dash = ' stroke-dasharray="3,2"' if dashed else ""
    style = f'fill="{fill}" stroke="{stroke}" stroke-width="1.6"{dash}'
    if shape == "circle":
        body = f'<circle cx="10" cy="10" r="7.5" {style}/>'
    else:
        body = f'<polygon points="{_SHAPE_POINTS[shape]}" {style}/>'
    return f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" viewBox="0 0 20 20">{body}</svg>'


def _icon(svg: str, size: int) -> folium.DivIcon:
    return folium.DivIcon(
        html=svg, icon_size=(size, size), icon_anchor=(size // 2, size // 2), class_name="sahel-marker"
    )


def date_span(event: pd.Series) -> str:
    start = event["start_date"].date().isoformat()
    if pd.isna(event["end_date"]):
        return start
    return f"{start} → {event['end_date'].date().isoformat()}"


def tooltip_text(event: pd.Series) -> str:
    """Plain text shown on hover; the app matches a clicked marker back to its event by it."""
    return f"{event['start_date'].date().isoformat()} · {event['title']}"


def popup_html(event: pd.Series) -> str:
    """The event's record as HTML; every value from the data is escaped."""
    links = " ".join(
        f'<a href="{escape(url)}" target="_blank" rel="noopener">[{n}]</a>'
        for n, url in enumerate(event["sources"].split(SOURCE_SEPARATOR), start=1)
    )
    rows = [
        f"<b>{escape(event['title'])}</b>",
        f"{escape(date_span(event))} · {escape(CATEGORY_LABELS[event['category']])}",
        f"<i>{escape(', '.join(event['actor_list']))}</i>",
        f"{escape(event['location'])}",
        escape(event["description"]),
        f"Sources: {links}",
    ]
    return '<div class="sahel-popup">' + "<br>".join(rows) + "</div>"


def base_holder_colour(event: pd.Series) -> str:
    return HOLDER_COLOURS.get(event["actor_list"][0], NATIONAL_COLOUR)


def base_is_active(event: pd.Series, as_of: date) -> bool:
    last = event["end_date"] if pd.notna(event["end_date"]) else event["start_date"]
    return event["start_date"].date() <= as_of <= last.date()


def build_base_map(geography: Geography, region: str, height: int = 560) -> folium.Map:
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
    folium.GeoJson(
        geography.countries,
        name=BOUNDARIES_LAYER,
        style_function=lambda _: {"color": "#6b6b6b", "weight": 1.2, "fillColor": "#f4f1ea", "fillOpacity": 1},
        highlight_function=lambda _: {"weight": 2.5, "color": "#333333"},
        tooltip=folium.GeoJsonTooltip(fields=["name_en"], labels=False),
    ).add_to(fmap)
    water = folium.FeatureGroup(name=WATER_LAYER)
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
    folium.TileLayer("OpenStreetMap", name=TILES_LAYER, overlay=True, show=False, opacity=0.6).add_to(fmap)
    fmap.fit_bounds([[south, west], [north, east]])
    return use_local_assets(fmap)


def build_event_layers(events: pd.DataFrame, as_of: date) -> list[folium.FeatureGroup]:
    """The filtered events, clustered where dense, and the bases as active or closed on `as_of`."""
    event_group = folium.FeatureGroup(name=EVENTS_LAYER)
    cluster = MarkerCluster(options={"maxClusterRadius": 40, "disableClusteringAtZoom": 9}).add_to(event_group)
    base_group = folium.FeatureGroup(name=BASES_LAYER)
    for _, event in events.iterrows():
        location = (event["latitude"], event["longitude"])
        tooltip = folium.Tooltip(escape(tooltip_text(event)))
        popup = folium.Popup(popup_html(event), max_width=340)
        if event["category"] == "base":
            if event["start_date"].date() > as_of:
                continue
            active = base_is_active(event, as_of)
            svg = shape_svg("square", base_holder_colour(event), size=18, filled=active, dashed=not active)
            folium.Marker(
                location, icon=_icon(svg, 18), tooltip=tooltip, popup=popup, z_index_offset=1000 if active else 0
            ).add_to(base_group)
        else:
            category = event["category"]
            svg = shape_svg(CATEGORY_SHAPES[category], CATEGORY_COLOURS[category])
            folium.Marker(location, icon=_icon(svg, 16), tooltip=tooltip, popup=popup).add_to(cluster)
    return [use_local_assets(event_group), use_local_assets(base_group)]


def legend_html() -> str:
    """Category shapes and colours, and the base conventions, as a compact HTML legend."""
    items = [
        f'<span style="white-space:nowrap;margin-right:12px">{shape_svg(CATEGORY_SHAPES[c], CATEGORY_COLOURS[c])} '
        f"{escape(CATEGORY_LABELS[c])}</span>"
        for c in CATEGORY_LABELS
        if c != "base"
    ]
    holders = {
        "France": "France",
        "United States": "United States",
        "Germany": "Germany",
        "MINUSMA": "UN (MINUSMA)",
        "Russia": "Russia / Wagner / Africa Corps",
    }
    items += [
        f'<span style="white-space:nowrap;margin-right:12px">{shape_svg("square", HOLDER_COLOURS[k], 18)} '
        f"Base: {escape(label)}</span>"
        for k, label in holders.items()
    ]
    items.append(
        f'<span style="white-space:nowrap;margin-right:12px">{shape_svg("square", NATIONAL_COLOUR, 18)} '
        "Base: national forces</span>"
    )
    items.append(
        f'<span style="white-space:nowrap">{shape_svg("square", "#555555", 18, False, True)} '
        "Base closed or handed over by that date</span>"
    )
    return '<div style="line-height:2">' + " ".join(items) + "</div>"
