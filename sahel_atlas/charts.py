"""Plotly figures: the timeline of spans and point events, events per year, events by country."""

from datetime import date, timedelta
from html import escape

import pandas as pd
import plotly.graph_objects as go

from .codebook import CATEGORY_COLOURS, CATEGORY_SHAPES, DATA_CUTOFF, SPAN_EARLIEST
from .i18n import CATEGORY_LABELS, t
from .mapview import date_span, event_title

LANE_HEIGHT = 22
DAY_MS = 86_400_000
SELECTED_COLOUR = "#C00000"
# The timeline shows a margin around the date filter, so the filter reads as a band.
RANGE_MARGIN = timedelta(days=365)


def span_lane(event: pd.Series, lang: str = "en") -> str:
    """Spans sit in lanes grouped by their first actor: 'France · Barkhane', 'France · base Gao'."""
    actor = event["actor_list"][0]
    if event["category"] == "base":
        return f"{actor} · {t('base_lane', lang)} {event['location']}"
    what = event["operation"] or event_title(event, lang)
    return actor if what == actor else f"{actor} · {what}"


def _hover(frame: pd.DataFrame, lang: str) -> list[list[str]]:
    """Hover fields; Plotly reads hover text as HTML, so text from the data is escaped."""
    return [
        [e["event_id"], escape(event_title(e, lang)), date_span(e), escape(e["location"])] for _, e in frame.iterrows()
    ]


HOVER = "<b>%{customdata[1]}</b><br>%{customdata[2]}<br>%{customdata[3]}<extra></extra>"


def build_timeline(
    events: pd.DataFrame,
    start: date,
    end: date,
    lang: str = "en",
    selected: str = "",
    as_of: date | None = None,
) -> go.Figure:
    """Spans as bars in lanes by actor; point events as shaped markers in one lane per category.

    The date filter [start, end] is a shaded band, `as_of` a dashed line, the selected event ringed.
    Every trace carries the event_id first in its customdata, so a click selects that event.
    """
    spans = events[events["end_date"].notna()].copy()
    points = events[events["end_date"].isna()]
    spans["lane"] = [span_lane(e, lang) for _, e in spans.iterrows()]
    first_start = spans.groupby("lane")["start_date"].min()
    actor_first = spans.assign(actor=spans["actor_list"].str[0]).groupby("actor")["start_date"].min()
    lanes = sorted(first_start.index, key=lambda lane: (actor_first[lane.split(" · ")[0]], first_start[lane], lane))
    point_lanes = [label for c, label in CATEGORY_LABELS[lang].items() if c in set(points["category"])]

    fig = go.Figure()
    for category, label in CATEGORY_LABELS[lang].items():
        group = spans[spans["category"] == category]
        if not group.empty:
            duration = (group["end_date"] - group["start_date"]).dt.days.add(1) * DAY_MS
            outline = [3 if event_id == selected else 0 for event_id in group["event_id"]]
            fig.add_trace(
                go.Bar(
                    x=duration,
                    base=group["start_date"].dt.strftime("%Y-%m-%d"),
                    y=group["lane"],
                    orientation="h",
                    name=f"{label} {t('span_suffix', lang)}",
                    marker={"color": CATEGORY_COLOURS[category], "line": {"width": outline, "color": SELECTED_COLOUR}},
                    customdata=_hover(group, lang),
                    hovertemplate=HOVER,
                    legendgroup=category,
                )
            )
        group = points[points["category"] == category]
        if not group.empty:
            fig.add_trace(
                go.Scatter(
                    x=group["start_date"],
                    y=[label] * len(group),
                    mode="markers",
                    name=label,
                    marker={
                        "color": CATEGORY_COLOURS[category],
                        "symbol": CATEGORY_SHAPES[category],
                        "size": [17 if event_id == selected else 11 for event_id in group["event_id"]],
                        "line": {
                            "width": [3 if event_id == selected else 1 for event_id in group["event_id"]],
                            "color": [
                                SELECTED_COLOUR if event_id == selected else "#222222" for event_id in group["event_id"]
                            ],
                        },
                    },
                    customdata=_hover(group, lang),
                    hovertemplate=HOVER,
                    legendgroup=category,
                )
            )
    fig.add_vrect(x0=start.isoformat(), x1=end.isoformat(), fillcolor="#808080", opacity=0.08, line_width=0)
    if as_of is not None:
        fig.add_vline(x=as_of.isoformat(), line_dash="dash", line_color=SELECTED_COLOUR, line_width=1.5)
    view_start = max(start - RANGE_MARGIN, SPAN_EARLIEST)
    view_end = min(end + RANGE_MARGIN, DATA_CUTOFF + RANGE_MARGIN / 4)
    order = list(reversed(lanes + point_lanes))
    fig.update_layout(
        barmode="overlay",
        height=max(320, 120 + LANE_HEIGHT * len(order)),
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        hovermode="closest",
        clickmode="event+select",
        legend={"orientation": "h", "yanchor": "top", "y": -0.01, "x": 0},
        xaxis={"type": "date", "range": [view_start.isoformat(), view_end.isoformat()], "side": "top"},
        yaxis={"categoryorder": "array", "categoryarray": order, "automargin": True},
    )
    return fig


def build_events_per_year(events: pd.DataFrame, start: date, end: date, lang: str = "en") -> go.Figure:
    """Events per year by category (stacked), counting each event in the year it began."""
    years = list(range(start.year, end.year + 1))
    counts = (
        events.assign(year=events["start_date"].dt.year)
        .groupby(["year", "category"])
        .size()
        .unstack(fill_value=0)
        .reindex(years, fill_value=0)
    )
    fig = go.Figure()
    for category, label in CATEGORY_LABELS[lang].items():
        if category in counts:
            fig.add_trace(
                go.Bar(
                    x=years,
                    y=counts[category],
                    name=label,
                    marker_color=CATEGORY_COLOURS[category],
                    hovertemplate=f"{label}: %{{y}} · %{{x}}<extra></extra>",
                )
            )
    fig.update_layout(
        barmode="stack",
        height=360,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        legend={"orientation": "h", "y": 1.08},
        xaxis={"dtick": 1, "title": None},
        yaxis={"title": t("events_axis", lang)},
    )
    return fig


def build_events_by_country(events: pd.DataFrame, country_names: dict, lang: str = "en") -> go.Figure:
    """Events by the country where they took place (the first of `countries`)."""
    counts = events["country_list"].str[0].value_counts().sort_values()
    fig = go.Figure(
        go.Bar(
            x=counts.values,
            y=[country_names.get(code, code) for code in counts.index],
            orientation="h",
            marker_color="#0072B2",
            hovertemplate=f"%{{y}}: %{{x}} {t('events_axis', lang)}<extra></extra>",
        )
    )
    fig.update_layout(height=max(300, 24 * len(counts)), margin={"l": 10, "r": 10, "t": 10, "b": 10})
    return fig


def build_strength_chart(strength: pd.DataFrame, force: str, lang: str = "en") -> go.Figure:
    """Personnel figures of one force over time, one line per area; hollow markers for non-deployed kinds."""
    rows = strength[strength["force"] == force]
    fig = go.Figure()
    for scope, group in rows.groupby("scope", sort=False):
        fig.add_trace(
            go.Scatter(
                x=group["date"],
                y=group["troops"],
                mode="lines+markers",
                name=scope,
                line={"shape": "linear", "width": 1.5},
                marker={"symbol": ["circle" if k == "deployed" else "circle-open" for k in group["kind"]], "size": 8},
                customdata=list(zip(group["kind"], group["source"].map(escape), strict=True)),
                hovertemplate="%{x|%Y-%m-%d}: %{y:,} (%{customdata[0]})<br>%{customdata[1]}"
                "<extra>%{fullData.name}</extra>",
            )
        )
    fig.update_layout(
        height=420,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        legend={"orientation": "h", "y": -0.15},
        yaxis={"title": t("troops_axis", lang), "rangemode": "tozero"},
    )
    return fig
