"""Plotly figures: the timeline (governments, operations and bases by actor, events by category), events per
year, events by country."""

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

import pandas as pd
import plotly.graph_objects as go

from .codebook import CATEGORY_COLOURS, CATEGORY_SHAPES, DATA_CUTOFF, PERIOD_FIRST, PERIOD_LAST, SPAN_EARLIEST
from .escape import plotly_text
from .i18n import CATEGORY_LABELS, REGIME_LABELS, colon, format_date, t
from .mapview import REGIME_COLOURS, date_span, event_title, place_text

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


PRESENCE = ("deployment", "base")  # spans with a lane of their own (operations, missions, bases), grouped by actor
REGIMES_GROUP = "regimes"  # the group of the governments' lanes, one per country
OPEN_PREFIX = "open:"  # first customdata of a closed group's summary bar: a click opens the group
HEADER_HEIGHT = 0.55  # an open group's header line, in lanes
INDENT_PX = 12  # the lanes of an open group are indented under its header
EDGE_SHARE = 0.008  # a clip mark sits this share of the shown range inside the plot's edge
# a government's lane is taller than others, so its bar stands clear of its country's name (about 16 px of label)
REGIME_LANE, REGIME_Y, REGIME_THICKNESS = 1.2, 0.95, 0.42


def span_parts(event: Mapping, lang: str = "en", actor_names: Mapping[str, str] | None = None) -> tuple[str, str]:
    """A span's lane as (actor, what): its first actor in the reader's language (`actor_names`), and the
    operation, 'base <town>' or its title; what is '' when it would repeat the actor."""
    actor = (actor_names or {}).get(event["actor_list"][0], event["actor_list"][0])
    if event["category"] == "base":
        return actor, f"{t('base_lane', lang)} {event['location']}"
    what = event["operation"] or event_title(event, lang)
    return actor, "" if what == actor else what


def span_lane(event: Mapping, lang: str = "en", actor_names: Mapping[str, str] | None = None) -> str:
    """A span's lane named whole: 'France · Barkhane', 'États-Unis · base Agadez', 'MINUSMA'."""
    return " · ".join(part for part in span_parts(event, lang, actor_names) if part)


def lane_label(lane: str) -> str:
    """A lane's label as Plotly shows it: cut to LABEL_CHARS, escaped (Plotly reads labels as HTML)."""
    return plotly_text(lane if len(lane) <= LABEL_CHARS else lane[: LABEL_CHARS - 1] + "…")


@dataclass(frozen=True)
class TimelineGroup:
    """A collapsible group of lanes: `key` is the actor (as in the data) or REGIMES_GROUP, `name` in the
    reader's language, `lanes` how many lanes it opens to (always 2 or more)."""

    key: str
    name: str
    lanes: int


def _presence(events: pd.DataFrame, lang: str, actor_names: Mapping[str, str]) -> pd.DataFrame:
    """The operations, missions and bases among `events`, with columns actor, group (its name), lane and what;
    ordered by group (the actor's first start), then lane (its first start, then name)."""
    spans = events[events["end_date"].notna() & events["category"].isin(PRESENCE)].copy()
    parts = [span_parts(e, lang, actor_names) for e in spans.to_dict("records")]
    spans["actor"] = spans["actor_list"].str[0]
    spans["group"] = [actor for actor, _ in parts]
    spans["what"] = [what for _, what in parts]
    spans["lane"] = [" · ".join(p for p in part if p) for part in parts]
    group_first = spans.groupby("actor")["start_date"].transform("min")
    lane_first = spans.groupby("lane")["start_date"].transform("min")
    order = spans.assign(g=group_first, l=lane_first).sort_values(["g", "actor", "l", "lane"], kind="stable")
    return order.drop(columns=["g", "l"])


def timeline_groups(
    events: pd.DataFrame, lang: str = "en", actor_names: Mapping[str, str] | None = None, regime_countries: int = 0
) -> list[TimelineGroup]:
    """The groups the timeline of `events` can open and close, in its order: the governments (when
    `regime_countries` ≥ 2 lanes of them are shown), then each actor with more than one operation or base."""
    groups = [TimelineGroup(REGIMES_GROUP, t("regimes_group", lang), regime_countries)] if regime_countries > 1 else []
    for actor, rows, lanes in _by_actor(_presence(events, lang, actor_names or {})):
        if len(lanes) > 1:
            groups.append(TimelineGroup(actor, rows["group"].iloc[0], len(lanes)))
    return groups


def _by_actor(presence: pd.DataFrame) -> list[tuple[str, pd.DataFrame, list[str]]]:
    """Each actor's operations and bases (`_presence` rows), in timeline order: (actor, its rows, its lanes in order).
    An actor with more than one lane is a group."""
    return [
        (str(actor), rows, list(dict.fromkeys(rows["lane"]))) for actor, rows in presence.groupby("actor", sort=False)
    ]


def _closed_label(rows: pd.DataFrame, lanes: list[str], lang: str) -> str:
    """A closed group's name and size: 'France · 23 operations and bases'."""
    return t("group_closed", lang, name=rows["group"].iloc[0], count=len(lanes))


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


def merged_spans(starts: pd.Series, ends: pd.Series) -> list[tuple[pd.Timestamp, pd.Timestamp]]:
    """The union of the spans [start, end] (days, inclusive) as disjoint spans, in order: spans that overlap
    or touch (the next begins the day after) merge."""
    merged: list[tuple[pd.Timestamp, pd.Timestamp]] = []
    for first, last in sorted(zip(starts, ends, strict=True)):
        if merged and first <= merged[-1][1] + pd.Timedelta(days=1):
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return merged


@dataclass
class _Lanes:
    """The lanes from the top: key -> (top, height); and their labels as Plotly annotations."""

    tops: dict[str, float] = field(default_factory=dict)
    labels: list[dict] = field(default_factory=list)
    total: float = 0.0

    def add(self, key: str, label: str, height: float = 1.0, indent: bool = False, header: bool = False) -> None:
        self.tops[key] = self.total
        text = lane_label(label)
        self.labels.append(
            {
                "text": text,
                "x": 0,
                "xref": "paper",
                "xanchor": "left",
                "xshift": INDENT_PX if indent else 0,
                "y": self.total + LABEL_Y,
                "yref": "y",
                "showarrow": False,
                "font": {"size": 12, "color": "#333333", "weight": "bold" if header else "normal"},
            }
        )
        self.total += height


def default_period(start: date, end: date) -> tuple[date, date]:
    """The timeline's axis for the date filter [start, end]: a year's margin each side (so the filter reads as a
    band), no earlier than SPAN_EARLIEST, no later than a quarter past the data's cut-off."""
    return max(start - RANGE_MARGIN, SPAN_EARLIEST), min(end + RANGE_MARGIN, DATA_CUTOFF + RANGE_MARGIN / 4)


def period_months() -> list[date]:
    """The first days of the months the timeline's axis can show ("Period shown"): PERIOD_FIRST to PERIOD_LAST."""
    return [day.date() for day in pd.date_range(PERIOD_FIRST, PERIOD_LAST, freq="MS")]


def month_end(day: date) -> date:
    """The last day of `day`'s month."""
    return (pd.Timestamp(day) + pd.offsets.MonthEnd(0)).date()


def regime_countries(events: pd.DataFrame, regimes: pd.DataFrame, countries: tuple[str, ...] = ()) -> pd.DataFrame:
    """The governments the timeline shows: those of `countries` if given, else of the countries where `events`
    took place, busiest first (rows of `regimes`, in that order of countries, then by date)."""
    counts = events["country_list"].str[0].value_counts()
    order = list(countries) or list(counts.index)
    shown = regimes[regimes["country"].isin(order)]
    rank = shown["country"].map({code: position for position, code in enumerate(order)})
    return shown.assign(rank=rank).sort_values(["rank", "start_date"]).drop(columns="rank")


def build_timeline(
    events: pd.DataFrame,
    start: date,
    end: date,
    lang: str = "en",
    selected: str = "",
    as_of: date | None = None,
    actor_names: Mapping[str, str] | None = None,
    shown: tuple[date, date] | None = None,
    open_groups: Collection[str] | None = None,
    regimes: pd.DataFrame | None = None,
    country_names: Mapping[str, str] | None = None,
) -> go.Figure:
    """The timeline of `events`, lanes from the top:

    - the governments (`regimes`: rows of data/regimes.csv, one lane per country in their order, named by
      `country_names`), each period a bar in its regime's colour, its leader and dates on hover;
    - operations, missions and bases as bars, one lane each, grouped by their first actor (named by
      `actor_names`: actor -> name in `lang`);
    - every other event (point events, and attacks, coups… that last days) in one lane per category.

    A group of two or more lanes (see `timeline_groups`) shows its lanes under a header when its key is in
    `open_groups` (None: all open); closed, it is one lane with the union of its spans, whose click opens it
    (customdata[0] = OPEN_PREFIX + key).

    `shown` is the period on the axis (dates, inclusive); by default the date filter [start, end] with a
    year's margin. The filter is a shaded band, `as_of` a dashed line, the selected event ringed. A span that
    begins before the shown period gets a ◀ at the left edge, one that ends after it a ▶ at the right.

    Every item has a target a finger can hit at the default view: spans shorter than SHORT_SPAN_SHARE of
    the shown range get a marker at their start, items that would cover each other are stacked in rows. Lane
    labels sit above their lane's items, inside the plot. Event traces have the event_ids as `ids` and first
    in their customdata, so a click selects that event.
    """
    view_start, view_end = shown or default_period(start, end)
    view_days = max((view_end - view_start).days, 1)
    names = actor_names or {}
    events = events.reset_index(drop=True)
    presence = _presence(events, lang, names)
    others = events.drop(presence.index).sort_values("start_date", kind="stable").copy()
    others["lane"] = others["category"].map(CATEGORY_LABELS[lang])
    day = pd.Timestamp(view_start)

    lanes = _Lanes()
    countries = list(dict.fromkeys(regimes["country"])) if regimes is not None else []
    regimes_open = open_groups is None or REGIMES_GROUP in open_groups or len(countries) < 2
    if len(countries) > 1:
        label = t("regimes_group", lang)
        lanes.add(REGIMES_GROUP, ("▾ " if regimes_open else "▸ ") + label, HEADER_HEIGHT, header=True)
    for country in countries if regimes_open else []:
        name = (country_names or {}).get(country, country)
        lanes.add(f"regime:{country}", name, REGIME_LANE, indent=len(countries) > 1)

    actors = _by_actor(presence)
    closing = open_groups is not None  # None: every group open
    closed = [(a, rows, names) for a, rows, names in actors if closing and len(names) > 1 and a not in open_groups]
    closed_keys = {actor for actor, _, _ in closed}
    drawn = [rows for actor, rows, _ in actors if actor not in closed_keys]
    drawn_spans = pd.concat(drawn) if drawn else presence.iloc[:0]
    # overlapping spans of one lane (two bases in one town) and items closer than a marker stack;
    # a short span is drawn as a marker at its start: for stacking it reaches at least a marker's width
    close = view_days * CLOSE_SHARE
    for frame, gap in ((drawn_spans, 1), (others, close)):
        first = (frame["start_date"] - day).dt.days
        last = (frame["end_date"].fillna(frame["start_date"]) - day).dt.days.clip(lower=first + close)
        frame["row"] = _lane_rows(frame["lane"], first, last, gap) if not frame.empty else []
    rows = pd.concat([drawn_spans, others]).groupby("lane")["row"].max()

    for actor, group, lane_names in actors:
        if actor in closed_keys:
            lanes.add(f"{OPEN_PREFIX}{actor}", "▸ " + _closed_label(group, lane_names, lang), header=True)
            continue
        grouped = len(lane_names) > 1
        if grouped:
            lanes.add(f"header:{actor}", "▾ " + group["group"].iloc[0], HEADER_HEIGHT, header=True)
        for lane in lane_names:
            what = group.loc[group["lane"] == lane, "what"].iloc[0]
            lanes.add(lane, (what or lane) if grouped else lane, 1 + ROW_STEP * rows[lane], indent=grouped)
    for category, lane in CATEGORY_LABELS[lang].items():
        if (others["category"] == category).any():
            lanes.add(lane, lane, 1 + ROW_STEP * rows[lane])

    for frame in (drawn_spans, others):
        frame["y"] = frame["lane"].map(lanes.tops).astype(float) + ITEM_Y + frame["row"] * ROW_STEP  # float if empty
    spans = pd.concat([drawn_spans, others[others["end_date"].notna()]])
    points = others[others["end_date"].isna()]
    duration = (spans["end_date"] - spans["start_date"]).dt.days.add(1)
    short = spans[duration < view_days * SHORT_SPAN_SHARE]

    fig = go.Figure()
    if regimes_open and countries:
        _add_regimes(fig, regimes, lanes.tops, view_start, view_end, lang, country_names or {})
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
    _add_closed_groups(fig, closed, lanes.tops, lang)
    _add_clip_marks(fig, spans, view_start, view_end, lang)
    fig.add_vrect(x0=start.isoformat(), x1=end.isoformat(), fillcolor="#808080", opacity=0.08, line_width=0)
    if as_of is not None:
        fig.add_vline(x=as_of.isoformat(), line_dash="dash", line_color=SELECTED_COLOUR, line_width=1.5)
    fig.update_layout(
        barmode="overlay",
        height=max(320, 110 + LANE_PX * lanes.total),
        # the year ticks sit on top, below the band Plotly's toolbar (modebar) takes over the chart
        margin={"l": 4, "r": 4, "t": 30 + MODEBAR_PX, "b": 10},
        hovermode="closest",
        clickmode="event+select",
        legend={"orientation": "h", "yanchor": "top", "y": -0.01, "x": 0},
        # the axis moves with "Period shown" only: a drag on the chart would move it out of step with the slider, the
        # link and the ◀ ▶ marks
        xaxis={
            "type": "date",
            "range": [view_start.isoformat(), view_end.isoformat()],
            "side": "top",
            "fixedrange": True,
        },
        yaxis={"range": [lanes.total, 0], "visible": False, "fixedrange": True},
        # lane labels as annotations at the plot's left edge: tick labels drawn inside the plot would hide
        # the date labels they overlap
        annotations=lanes.labels,
    )
    return fig


def _add_regimes(fig, regimes, tops, view_start, view_end, lang, country_names) -> None:
    """Each country's governments in its lane: a bar per period, clipped to the shown period, in its regime's colour;
    the leader and the real dates on hover. Not selectable."""
    first, last = pd.Timestamp(view_start), pd.Timestamp(view_end)
    eras = regimes[(regimes["end_date"] >= first) & (regimes["start_date"] <= last)]
    for regime, colour in REGIME_COLOURS.items():
        rows = eras[eras["regime"] == regime]
        if rows.empty:
            continue
        begins, ends = rows["start_date"].clip(lower=first), rows["end_date"].clip(upper=last)
        hover = [
            ["", f"{plotly_text(country_names.get(c, c))}{colon(lang)} {plotly_text(leader)}", span]
            for c, leader, span in zip(
                rows["country"],
                rows["leader"],
                [
                    f"{format_date(b.date(), lang)} → {format_date(e.date(), lang)}"
                    for b, e in zip(rows["start_date"], rows["end_date"], strict=True)
                ],
                strict=True,
            )
        ]
        fig.add_trace(
            go.Bar(
                base=begins.dt.strftime("%Y-%m-%d"),
                x=(ends - begins).dt.days.add(1) * DAY_MS,
                y=[tops[f"regime:{c}"] + REGIME_Y for c in rows["country"]],
                orientation="h",
                width=REGIME_THICKNESS,
                name=REGIME_LABELS[lang][regime],
                marker={"color": colour, "line": {"color": "#777777", "width": 0.5}},
                customdata=hover,
                hovertemplate="<b>%{customdata[1]}</b><br>%{customdata[2]}<extra>%{fullData.name}</extra>",
                legendgroup="regime",
            )
        )


def _add_closed_groups(fig, closed, tops, lang) -> None:
    """Each closed group's lane: the union of its spans as grey bars; hover names the group and its lanes, a click
    opens it."""
    bars = []
    for actor, group, lanes in closed:
        text = _closed_label(group, lanes, lang)
        for first, last in merged_spans(group["start_date"], group["end_date"]):
            span = f"{format_date(first.date(), lang)} → {format_date(last.date(), lang)}"
            bars.append((actor, first, last, tops[f"{OPEN_PREFIX}{actor}"] + ITEM_Y, plotly_text(text), span))
    if bars:
        actors, firsts, lasts, ys, texts, spans = zip(*bars, strict=True)
        fig.add_trace(
            go.Bar(
                base=[first.strftime("%Y-%m-%d") for first in firsts],
                x=[((last - first).days + 1) * DAY_MS for first, last in zip(firsts, lasts, strict=True)],
                y=ys,
                orientation="h",
                width=BAR_THICKNESS,
                name=t("group_closed_legend", lang),
                # plain grey: a fill pattern is an SVG url(#id), which a page with a <base> element (Streamlit's) loses
                marker={"color": "#a0a0a0", "line": {"color": "#6e6e6e", "width": 1}},
                customdata=[
                    [f"{OPEN_PREFIX}{actor}", text, span, t("group_open_hint", lang)]
                    for actor, text, span in zip(actors, texts, spans, strict=True)
                ],
                hovertemplate="<b>%{customdata[1]}</b><br>%{customdata[2]}<br><i>%{customdata[3]}</i><extra></extra>",
            )
        )


def _add_clip_marks(fig, spans, view_start, view_end, lang) -> None:
    """◀ at the left edge of each span that began before the shown period, ▶ at the right edge of each that ends
    after it; hover gives the span and its real dates, a click selects it."""
    first, last = pd.Timestamp(view_start), pd.Timestamp(view_end)
    inset = pd.Timedelta(days=(view_end - view_start).days * EDGE_SHARE)
    for clipped, symbol, edge, name in (
        (
            spans[(spans["start_date"] < first) & (spans["end_date"] >= first)],
            "triangle-left",
            first + inset,
            t("began_before", lang),
        ),
        (
            spans[(spans["end_date"] > last) & (spans["start_date"] <= last)],
            "triangle-right",
            last - inset,
            t("ends_after", lang),
        ),
    ):
        if not clipped.empty:
            fig.add_trace(
                go.Scatter(
                    x=[edge] * len(clipped),
                    y=clipped["y"],
                    ids=clipped["event_id"],
                    mode="markers",
                    name=name,
                    marker={
                        "symbol": symbol,
                        "size": 10,
                        "color": "#ffffff",
                        "line": {"width": 1.5, "color": "#222222"},
                    },
                    customdata=_hover(clipped, lang),
                    hovertemplate=HOVER,
                )
            )


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
