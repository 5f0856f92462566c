"""Plotly figures: the timeline of spans and point events, and events per year."""

from datetime import date
from html import escape

import pandas as pd
import plotly.graph_objects as go

from .codebook import CATEGORY_COLOURS, CATEGORY_LABELS, CATEGORY_SHAPES
from .mapview import date_span

LANE_HEIGHT = 22
DAY_MS = 86_400_000


def span_lane(event: pd.Series) -> str:
    """Spans sit in lanes grouped by their first actor: 'France · Barkhane', 'France · base Gao'."""
    actor = event["actor_list"][0]
    if event["category"] == "base":
        return f"{actor} · base {event['location']}"
    what = event["operation"] or event["title"]
    return actor if what == actor else f"{actor} · {what}"


def _hover(frame: pd.DataFrame) -> list[list[str]]:
    """Hover fields; Plotly reads hover text as HTML, so text from the data is escaped."""
    return [[e["event_id"], escape(e["title"]), date_span(e), escape(e["location"])] for _, e in frame.iterrows()]


HOVER = "<b>%{customdata[1]}</b><br>%{customdata[2]}<br>%{customdata[3]}<extra></extra>"


def build_timeline(events: pd.DataFrame, start: date, end: date) -> go.Figure:
    """Spans as bars in lanes by actor; point events as shaped markers in one lane per category."""
    spans = events[events["end_date"].notna()].copy()
    points = events[events["end_date"].isna()]
    spans["lane"] = [span_lane(e) for _, e in spans.iterrows()]
    first_start = spans.groupby("lane")["start_date"].min()
    actor_first = spans.assign(actor=spans["actor_list"].str[0]).groupby("actor")["start_date"].min()
    lanes = sorted(first_start.index, key=lambda lane: (actor_first[lane.split(" · ")[0]], first_start[lane], lane))
    point_lanes = [CATEGORY_LABELS[c] for c in CATEGORY_LABELS if c in set(points["category"])]

    fig = go.Figure()
    for category in CATEGORY_LABELS:
        group = spans[spans["category"] == category]
        if not group.empty:
            duration = (group["end_date"] - group["start_date"]).dt.days.add(1) * DAY_MS
            fig.add_trace(
                go.Bar(
                    x=duration,
                    base=group["start_date"].dt.strftime("%Y-%m-%d"),
                    y=group["lane"],
                    orientation="h",
                    name=f"{CATEGORY_LABELS[category]} (span)",
                    marker={"color": CATEGORY_COLOURS[category], "line": {"width": 0}},
                    customdata=_hover(group),
                    hovertemplate=HOVER,
                    legendgroup=category,
                )
            )
        group = points[points["category"] == category]
        if not group.empty:
            fig.add_trace(
                go.Scatter(
                    x=group["start_date"],
                    y=[CATEGORY_LABELS[category]] * len(group),
                    mode="markers",
                    name=CATEGORY_LABELS[category],
                    marker={
                        "color": CATEGORY_COLOURS[category],
                        "symbol": CATEGORY_SHAPES[category],
                        "size": 11,
                        "line": {"width": 1, "color": "#222222"},
                    },
                    customdata=_hover(group),
                    hovertemplate=HOVER,
                    legendgroup=category,
                )
            )
    order = list(reversed(lanes + point_lanes))
    fig.update_layout(
        barmode="overlay",
        height=max(320, 120 + LANE_HEIGHT * len(order)),
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        hovermode="closest",
        legend={"orientation": "h", "yanchor": "top", "y": -0.01, "x": 0},
        xaxis={"type": "date", "range": [start.isoformat(), end.isoformat()], "showgrid": True, "side": "top"},
        yaxis={"categoryorder": "array", "categoryarray": order, "automargin": True},
    )
    return fig


def build_events_per_year(events: pd.DataFrame, start: date, end: date) -> go.Figure:
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
    for category, label in CATEGORY_LABELS.items():
        if category in counts:
            fig.add_trace(
                go.Bar(
                    x=years,
                    y=counts[category],
                    name=label,
                    marker_color=CATEGORY_COLOURS[category],
                    hovertemplate=f"{label}: %{{y}} in %{{x}}<extra></extra>",
                )
            )
    fig.update_layout(
        barmode="stack",
        height=360,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        legend={"orientation": "h", "y": 1.08},
        xaxis={"dtick": 1, "title": None},
        yaxis={"title": "events"},
    )
    return fig


def build_events_by_country(events: pd.DataFrame, country_names: dict) -> go.Figure:
    """Events by the country where they took place (the first of `countries`)."""
    counts = events["country_list"].str[0].value_counts().sort_values()
    fig = go.Figure(
        go.Bar(
            x=counts.values,
            y=[country_names.get(code, code) for code in counts.index],
            orientation="h",
            marker_color="#0072B2",
            hovertemplate="%{y}: %{x} events<extra></extra>",
        )
    )
    fig.update_layout(height=max(300, 24 * len(counts)), margin={"l": 10, "r": 10, "t": 10, "b": 10})
    return fig
