"""Plotly figures: the timeline of spans and point events, events per year, events by country."""

from collections.abc import Mapping
from datetime import date, timedelta

import pandas as pd
import plotly.graph_objects as go

from .codebook import CATEGORY_COLOURS, CATEGORY_SHAPES, DATA_CUTOFF, SPAN_EARLIEST
from .escape import plotly_text
from .i18n import CATEGORY_LABELS, colon, t
from .mapview import date_span, event_title, place_text

DAY_MS = 86_400_000
MODEBAR_PX = 32  # height of the band Plotly's toolbar draws over the top of a chart
SELECTED_COLOUR = "#C00000"
# The timeline shows a margin around the date filter, so the filter reads as a band.
RANGE_MARGIN = timedelta(days=365)
# Each lane has a line for its label (drawn inside the plot, so a phone keeps the width for the data)
# above its items. Heights in lane units of LANE_PX pixels, measured from the lane's top.
LANE_PX = 26
LABEL_Y, ITEM_Y, BAR_THICKNESS = 0.3, 0.72, 0.36
ROW_STEP = 0.45  # a further row of point events in a lane, where markers would hide each other
LABEL_CHARS = 48  # longer lane labels are cut with '…' (the hover text has the full place and title)
MARKER_PX, SELECTED_PX = 11, 17
# Spans shorter than this share of the shown range also get a marker at their start: 3 % of a phone's
# ~300 px plot is 9 px, so every span has a target at least that wide.
SHORT_SPAN_SHARE = 0.03
# Point events in one lane closer than this share of the shown range (a marker's width at desktop width)
# go to separate rows, so none hides another.
CLOSE_SHARE = 0.012


def span_lane(event: Mapping, lang: str = "en", actor_names: Mapping[str, str] | None = None) -> str:
    """Spans sit in lanes grouped by their first actor, named in the reader's language (`actor_names`):
    'France · Barkhane', 'États-Unis · base Agadez'."""
    actor = (actor_names or {}).get(event["actor_list"][0], event["actor_list"][0])
    if event["category"] == "base":
        return f"{actor} · {t('base_lane', lang)} {event['location']}"
    what = event["operation"] or event_title(event, lang)
    return actor if what == actor else f"{actor} · {what}"


def lane_label(lane: str) -> str:
    """A lane's label as Plotly shows it: cut to LABEL_CHARS, escaped (Plotly reads labels as HTML)."""
    return plotly_text(lane if len(lane) <= LABEL_CHARS else lane[: LABEL_CHARS - 1] + "…")


def _hover(frame: pd.DataFrame, lang: str) -> list[list[str]]:
    """Hover fields; Plotly reads hover text as HTML, so text from the data is escaped."""
    return [
        [e["event_id"], plotly_text(event_title(e, lang)), date_span(e, lang), plotly_text(place_text(e, lang))]
        for e in frame.to_dict("records")
    ]


HOVER = "<b>%{customdata[1]}</b><br>%{customdata[2]}<br>%{customdata[3]}<extra></extra>"


def stack_rows(items: list[tuple[float, float]], gap: float) -> list[int]:
    """For items (first day, last day), sorted by first day, the row of each: the first row whose last
    item ended at least `gap` days before this one starts. Deterministic; all 0 when nothing is close."""
    ends: list[float] = []
    rows = []
    for first, last in items:
        row = next((r for r, end in enumerate(ends) if first - end >= gap), len(ends))
        ends[row : row + 1] = [last]
        rows.append(row)
    return rows


def _lane_rows(lanes: pd.Series, first: pd.Series, last: pd.Series, gap: float) -> pd.Series:
    """`stack_rows` within each lane: items are (lane, first day, last day), in three aligned Series."""
    by_lane: dict[str, list[tuple[float, float, int]]] = {}
    for position, (lane, start, end) in enumerate(zip(lanes, first, last, strict=True)):
        by_lane.setdefault(lane, []).append((start, end, position))
    rows = [0] * len(lanes)
    for items in by_lane.values():
        items.sort(key=lambda item: item[0])  # stable: same-day items keep the data's order
        for (_, _, position), row in zip(items, stack_rows([item[:2] for item in items], gap), strict=True):
            rows[position] = row
    return pd.Series(rows, index=lanes.index)


def _markers(frame: pd.DataFrame, category: str, selected: str) -> dict:
    chosen = [event_id == selected for event_id in frame["event_id"]]
    return {
        "color": CATEGORY_COLOURS[category],
        "symbol": CATEGORY_SHAPES[category],
        "size": [SELECTED_PX if c else MARKER_PX for c in chosen],
        "line": {
            "width": [3 if c else 1 for c in chosen],
            "color": [SELECTED_COLOUR if c else "#222222" for c in chosen],
        },
    }


def build_timeline(
    events: pd.DataFrame,
    start: date,
    end: date,
    lang: str = "en",
    selected: str = "",
    as_of: date | None = None,
    actor_names: Mapping[str, str] | None = None,
) -> go.Figure:
    """Spans as bars in lanes by actor (named by `actor_names`: actor -> name in `lang`); point events as
    shaped markers in one lane per category.

    Every item has a target a finger can hit at the default view: spans shorter than SHORT_SPAN_SHARE of
    the shown range get a marker at their start, point events that would cover each other are stacked in
    rows. Lane labels sit above their lane's items, inside the plot. The date filter [start, end] is a shaded band,
    `as_of` a dashed line, the selected event ringed. Every trace has the event_ids as `ids` and first in
    its customdata, so a click selects that event.
    """
    view_start = max(start - RANGE_MARGIN, SPAN_EARLIEST)
    view_end = min(end + RANGE_MARGIN, DATA_CUTOFF + RANGE_MARGIN / 4)
    view_days = (view_end - view_start).days
    events = events.reset_index(drop=True)
    spans = events[events["end_date"].notna()].copy()
    points = events[events["end_date"].isna()].sort_values("start_date", kind="stable").copy()
    spans["lane"] = [span_lane(e, lang, actor_names) for e in spans.to_dict("records")]
    first_start = spans.groupby("lane")["start_date"].min()
    first_actor = spans["actor_list"].str[0].map(lambda actor: (actor_names or {}).get(actor, actor))
    actor_first = spans.assign(actor=first_actor).groupby("actor")["start_date"].min()
    lanes = sorted(first_start.index, key=lambda lane: (actor_first[lane.split(" · ")[0]], first_start[lane], lane))
    points["lane"] = points["category"].map(CATEGORY_LABELS[lang])
    point_lanes = [label for c, label in CATEGORY_LABELS[lang].items() if c in set(points["category"])]
    day = pd.Timestamp(view_start)
    # overlapping spans of one lane (two bases in one town) and point events closer than a marker stack
    # a short span is drawn as a marker at its start: for stacking it reaches at least a marker's width
    span_first = (spans["start_date"] - day).dt.days
    span_last = (spans["end_date"] - day).dt.days.clip(lower=span_first + view_days * CLOSE_SHARE)
    spans["row"] = _lane_rows(spans["lane"], span_first, span_last, 1)
    point_days = (points["start_date"] - day).dt.days
    points["row"] = _lane_rows(points["lane"], point_days, point_days, view_days * CLOSE_SHARE)
    rows = pd.concat([spans, points]).groupby("lane")["row"].max()

    tops, total = {}, 0.0
    for lane in lanes + point_lanes:
        tops[lane] = total
        total += 1 + ROW_STEP * rows[lane]
    for frame in (spans, points):
        frame["y"] = frame["lane"].map(tops).astype(float) + ITEM_Y + frame["row"] * ROW_STEP  # float if empty
    duration = (spans["end_date"] - spans["start_date"]).dt.days.add(1)
    short = spans[duration < view_days * SHORT_SPAN_SHARE]

    fig = go.Figure()
    for category, label in CATEGORY_LABELS[lang].items():
        group = spans[spans["category"] == category]
        if not group.empty:
            fig.add_trace(
                go.Bar(
                    x=duration[group.index] * DAY_MS,
                    base=group["start_date"].dt.strftime("%Y-%m-%d"),
                    y=group["y"],
                    ids=group["event_id"],
                    orientation="h",
                    width=BAR_THICKNESS,
                    name=f"{label} {t('span_suffix', lang)}",
                    marker={
                        "color": CATEGORY_COLOURS[category],
                        "line": {
                            "width": [3 if event_id == selected else 0 for event_id in group["event_id"]],
                            "color": SELECTED_COLOUR,
                        },
                    },
                    customdata=_hover(group, lang),
                    hovertemplate=HOVER,
                    legendgroup=category,
                )
            )
        for group, name, legend in (
            (short[short["category"] == category], f"{label} {t('span_suffix', lang)}", False),
            (points[points["category"] == category], label, True),
        ):
            if not group.empty:
                fig.add_trace(
                    go.Scatter(
                        x=group["start_date"],
                        y=group["y"],
                        ids=group["event_id"],
                        mode="markers",
                        name=name,
                        showlegend=legend,
                        marker=_markers(group, category, selected),
                        customdata=_hover(group, lang),
                        hovertemplate=HOVER,
                        legendgroup=category,
                    )
                )
    fig.add_vrect(x0=start.isoformat(), x1=end.isoformat(), fillcolor="#808080", opacity=0.08, line_width=0)
    if as_of is not None:
        fig.add_vline(x=as_of.isoformat(), line_dash="dash", line_color=SELECTED_COLOUR, line_width=1.5)
    fig.update_layout(
        barmode="overlay",
        height=max(320, 110 + LANE_PX * total),
        # the year ticks sit on top, below the band Plotly's toolbar (modebar) takes over the chart
        margin={"l": 4, "r": 4, "t": 30 + MODEBAR_PX, "b": 10},
        hovermode="closest",
        clickmode="event+select",
        legend={"orientation": "h", "yanchor": "top", "y": -0.01, "x": 0},
        xaxis={"type": "date", "range": [view_start.isoformat(), view_end.isoformat()], "side": "top"},
        yaxis={"range": [total, 0], "visible": False, "fixedrange": True},
        # lane labels as annotations at the plot's left edge: tick labels drawn inside the plot would hide
        # the date labels they overlap
        annotations=[
            {
                "text": lane_label(lane),
                "x": 0,
                "xref": "paper",
                "xanchor": "left",
                "y": tops[lane] + LABEL_Y,
                "yref": "y",
                "showarrow": False,
                "font": {"size": 12, "color": "#333333"},
            }
            for lane in lanes + point_lanes
        ],
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
                    hovertemplate=f"{label}{colon(lang)} %{{y}} · %{{x}}<extra></extra>",
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
            y=[plotly_text(country_names.get(code, code)) for code in counts.index],
            orientation="h",
            marker_color="#0072B2",
            hovertemplate=f"%{{y}}{colon(lang)} %{{x}} {t('events_axis', lang)}<extra></extra>",
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
                name=plotly_text(scope),
                line={"shape": "linear", "width": 1.5},
                marker={"symbol": ["circle" if k == "deployed" else "circle-open" for k in group["kind"]], "size": 8},
                customdata=list(zip(group["kind"], group["source"].map(plotly_text), strict=True)),
                hovertemplate="%{x|%Y-%m-%d}" + colon(lang) + " %{y:,} (%{customdata[0]})<br>%{customdata[1]}"
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
