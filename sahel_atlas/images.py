"""Charts as images (PNG and SVG), as OWID's downloads are: the chart with its title above and, under it, the
selection, the source and the dataset version. Rendered by Plotly's static export (kaleido, which drives the
system's Chromium), offline; one export at a time, in one browser kept for the process.

Raises ImageUnavailable when no browser can be started (no Chromium installed): the page says so.
"""

import math
import os
import shutil
import threading
import warnings

import kaleido
import plotly.graph_objects as go

from .codebook import CATEGORY_COLOURS, CATEGORY_SHAPES
from .escape import plotly_text
from .i18n import CATEGORY_LABELS, HOLDER_LABELS, REGIME_LABELS
from .mapview import HOLDER_GROUPS, HOLDER_STYLES, REGIME_COLOURS, SEA_COLOUR

WIDTH = 1200  # px of the exported image; PNG at twice that for sharp print
FOOTER_PX = 110  # room under the plot for the selection and source lines
_lock = threading.Lock()
_started = False


def images_available() -> bool:
    """Whether a browser for the export is installed (Chromium or Chrome, or BROWSER_PATH)."""
    names = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
    return bool(os.environ.get("BROWSER_PATH") or any(shutil.which(name) for name in names))


class ImageUnavailable(RuntimeError):
    """The image could not be made (no browser for Plotly's static export)."""


def captioned(figure: go.Figure, title: str, lines: list[str], lang: str = "en") -> go.Figure:
    """A copy of `figure` with `title` above the plot and `lines` (the selection, the source) at the foot of the image,
    under the legend, sized for export on a white background; texts from the data are escaped for Plotly's label
    markup. Numbers are written as `lang` writes them (French: a decimal comma, a narrow space between thousands)."""
    framed = go.Figure(figure)
    height = (framed.layout.height or 400) + FOOTER_PX + 70
    framed.update_layout(
        template="plotly_white",
        title={"text": plotly_text(title), "x": 0.01, "xanchor": "left", "font": {"size": 20}},
        width=WIDTH,
        height=height,
        margin={"l": 60, "r": 30, "t": 70, "b": FOOTER_PX + 60},  # the legend, then the caption
        separators=",\u202f" if lang == "fr" else ".,",
    )
    framed.add_annotation(
        text="<br>".join(plotly_text(line) for line in lines),
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        yshift=-(FOOTER_PX + 60) + 12,  # from the plot's foot down to 12 px above the image's
        xanchor="left",
        yanchor="bottom",
        align="left",
        showarrow=False,
        font={"size": 12, "color": "#555555"},
    )
    return framed


def chart_image(figure: go.Figure, title: str, lines: list[str], image_format: str, lang: str = "en") -> bytes:
    """`figure` captioned (see `captioned`) as "png" or "svg" bytes. Raises ImageUnavailable without a browser."""
    global _started
    framed = captioned(figure, title, lines, lang)
    with _lock:
        try:
            if not _started:
                kaleido.start_sync_server(silence_warnings=True)
                _started = True
            with warnings.catch_warnings():  # plotly passes options that the kept browser does not need
                warnings.filterwarnings("ignore", "The kopts argument is ignored", UserWarning)
                return framed.to_image(format=image_format, scale=2 if image_format == "png" else 1)
        except Exception as error:  # kaleido and choreographer raise their own kinds when no browser starts
            raise ImageUnavailable(str(error)) from error


# Plotly's marker symbols for the categories' shapes (codebook.CATEGORY_SHAPES)
_SYMBOLS = {
    "triangle-up": "triangle-up",
    "triangle-down": "triangle-down",
    "star": "star",
    "circle": "circle",
    "diamond": "diamond",
    "hexagon": "hexagon",
    "square": "square",
}


def _rings(geometry: dict) -> tuple[list, list]:
    """A GeoJSON (Multi)Polygon or (Multi)LineString as x and y lists, its parts apart (None between them)."""
    kind, coordinates = geometry["type"], geometry["coordinates"]
    parts = {"Polygon": coordinates, "MultiPolygon": [r for p in coordinates for r in p]}.get(kind)
    parts = parts or {"LineString": [coordinates], "MultiLineString": coordinates}.get(kind, [])
    xs, ys = [], []
    for part in parts:
        xs += [point[0] for point in part] + [None]
        ys += [point[1] for point in part] + [None]
    return xs, ys


def _uncovered(places: list[list], shown, bounds, middle: float, height: int) -> list[list]:
    """The `places` to name on the map image, busiest first: in view, and each label (about 7 px a letter, 14 px
    high, above and right of its point) covering no name already placed and no marker of `shown` (10 px) but the
    place's own."""
    (south, west), (north, east) = bounds
    # pixels per degree once exported: the plot keeps longitude and latitude in proportion inside about
    # WIDTH - 90 by `height` - 60 pixels
    per_lng = min((WIDTH - 90) / (east - west), (height - 60) * middle / (north - south))
    per_lat = per_lng / middle
    markers = [(x * per_lng, y * per_lat) for x, y in zip(shown["longitude"], shown["latitude"], strict=True)]
    boxes, named = [], []
    for place in places:
        if not (south <= place[1] <= north and west <= place[2] <= east):
            continue
        px, py = place[2] * per_lng, place[1] * per_lat
        box = (px + 6, py + 2, px + 6 + 7 * len(place[0]), py + 16)
        clear = all(box[2] < b[0] or b[2] < box[0] or box[3] < b[1] or b[3] < box[1] for b in boxes)
        others = [(mx, my) for mx, my in markers if abs(mx - px) > 6 or abs(my - py) > 6]  # not the place's own
        if clear and not any(box[0] - 5 <= mx <= box[2] + 5 and box[1] - 5 <= my <= box[3] + 5 for mx, my in others):
            boxes.append(box)
            named.append(place)
    return named


def map_figure(
    geography,
    bounds: tuple[tuple[float, float], tuple[float, float]],
    regimes: dict[str, str],
    shown,
    places: list[list],
    lang: str,
) -> go.Figure:
    """The map of a view drawn by Plotly, for its image: the countries in `bounds` ((south, west), (north, east)),
    shaded by `regimes` (code -> regime), lakes and rivers, the markers of `shown` (mapview.visible_events: each
    event by its category's shape and colour, each base by its holder's colour), and the names of the busiest
    `places` ([name, lat, lng, events]) in view. Longitude and latitude scaled as seen at the view's middle."""
    (south, west), (north, east) = bounds
    fig = go.Figure()
    for feature in geography.countries["features"]:
        xs, ys = _rings(feature["geometry"])
        regime = regimes.get(feature["properties"]["iso_a3"])
        fill = REGIME_COLOURS.get(regime, "#f4f1ea") if regime else "#f4f1ea"
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                fill="toself",
                fillcolor=fill,
                mode="lines",
                showlegend=False,
                line={"color": "#6b6b6b", "width": 0.8},
                hoverinfo="skip",
            )
        )
    for feature in geography.lakes["features"]:
        xs, ys = _rings(feature["geometry"])
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                fill="toself",
                fillcolor="#a9cde8",
                mode="lines",
                showlegend=False,
                line={"color": "#4a90c2", "width": 0.6},
                hoverinfo="skip",
            )
        )
    for feature in geography.rivers["features"]:
        xs, ys = _rings(feature["geometry"])
        fig.add_trace(
            go.Scatter(
                x=xs, y=ys, mode="lines", showlegend=False, line={"color": "#4a90c2", "width": 1}, hoverinfo="skip"
            )
        )
    for regime, colour in REGIME_COLOURS.items():  # the shading's legend
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=plotly_text(REGIME_LABELS[lang][regime]),
                marker={"symbol": "square", "size": 12, "color": colour, "line": {"color": "#888888", "width": 1}},
            )
        )
    bases = shown[shown["category"] == "base"]
    groups = bases["actor_list"].str[0].map(HOLDER_GROUPS).fillna("national")
    for group, (colour, _) in HOLDER_STYLES.items():
        rows = bases[groups == group]
        if not rows.empty:
            fig.add_trace(
                go.Scatter(
                    x=rows["longitude"],
                    y=rows["latitude"],
                    mode="markers",
                    name=plotly_text(HOLDER_LABELS[lang][group]),
                    marker={"symbol": "square", "size": 11, "color": colour, "line": {"color": "#222222", "width": 1}},
                )
            )
    points = shown[shown["category"] != "base"]
    for category, label in CATEGORY_LABELS[lang].items():
        rows = points[points["category"] == category]
        if not rows.empty:
            fig.add_trace(
                go.Scatter(
                    x=rows["longitude"],
                    y=rows["latitude"],
                    mode="markers",
                    name=plotly_text(label),
                    marker={
                        "symbol": _SYMBOLS[CATEGORY_SHAPES[category]],
                        "size": 9,
                        "color": CATEGORY_COLOURS[category],
                        "line": {"color": "#222222", "width": 0.8},
                    },
                )
            )
    middle = math.cos(math.radians((south + north) / 2))
    height = int(800 * min(1.2, (north - south) / max(1e-6, (east - west) * middle))) or 600
    named = _uncovered(places, shown, bounds, middle, height)
    fig.add_trace(
        go.Scatter(
            x=[p[2] for p in named],
            y=[p[1] for p in named],
            mode="text",
            showlegend=False,
            text=[plotly_text(p[0]) for p in named],
            textposition="top right",
            textfont={"size": 11, "color": "#2b2b2b"},
            hoverinfo="skip",
        )
    )
    fig.update_layout(
        height=height,
        plot_bgcolor=SEA_COLOUR,
        legend={"orientation": "h", "y": -0.02, "yanchor": "top"},
        xaxis={"range": [west, east], "visible": False, "constrain": "domain"},
        yaxis={"range": [south, north], "visible": False, "scaleanchor": "x", "scaleratio": 1 / middle},
    )
    return fig
