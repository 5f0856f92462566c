"""Questions analysts ask, answered from the selection: each as a table (what the chart shows, and what its CSV
download holds) and a Plotly figure drawn from that table.

- coups and attempts per year, by country (`coups_per_year`);
- each country's regimes and leaders as eras (`regime_eras`);
- reported fatalities per year, by country or by category (`fatalities_per_year`);
- events per actor (`events_by_actor`);
- a force's troops per year, with a total over areas that do not overlap (`troops_per_year`).

An event counts in the year it began and for its first country; fatalities are the best figure (ACLED/UCDP
usage), events without one are counted apart, never as zero.
"""

from collections.abc import Mapping
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from .codebook import CATEGORY_COLOURS
from .escape import plotly_text
from .i18n import CATEGORY_LABELS, REGIME_LABELS, colon, format_date, format_number, t
from .mapview import REGIME_COLOURS

# One colour per country in the stacked charts, in order of their totals: Okabe-Ito's eight, then Paul Tol's
# "muted" nine (both designed to stay apart for colour-blind readers as far as so many colours can).
SERIES_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000")
SERIES_COLOURS += ("#332288", "#CC6677", "#117733", "#88CCEE", "#882255", "#44AA99", "#999933", "#AA4499", "#DDCC77")


def coups_per_year(events: pd.DataFrame, start: date, end: date) -> pd.DataFrame:
    """Coups and attempts (category "coup") per year and country, years `start` to `end`: columns year, country
    (ISO code), coups; only the years and countries that had one."""
    coups = events[(events["category"] == "coup") & events["start_date"].dt.year.between(start.year, end.year)]
    table = coups.groupby([coups["start_date"].dt.year.rename("year"), coups["country_list"].str[0].rename("country")])
    return table.size().rename("coups").reset_index()


def fatalities_per_year(events: pd.DataFrame, start: date, end: date, by: str) -> pd.DataFrame:
    """Reported fatalities (best figures) per year and `by` ("country": the first country's ISO code, or
    "category"): columns year, <by>, fatalities, events (those with a figure), unknown (events without one)."""
    frame = events.assign(
        year=events["start_date"].dt.year,
        country=events["country_list"].str[0],
        known=events["fatalities"].notna(),
    )
    frame = frame[frame["year"].between(start.year, end.year)]
    table = frame.groupby(["year", by]).agg(
        fatalities=("fatalities", "sum"), events=("known", "sum"), unknown=("known", lambda known: int((~known).sum()))
    )
    table = table[(table["events"] > 0) | (table["unknown"] > 0)].reset_index()
    table["fatalities"] = table["fatalities"].astype(int)
    table["events"] = table["events"].astype(int)
    return table[["year", by, "fatalities", "events", "unknown"]]


def events_by_actor(events: pd.DataFrame, actor_names: Mapping[str, str], top: int = 20) -> pd.DataFrame:
    """The `top` actors by number of events they take part in: columns actor, name (in the reader's language, from
    `actor_names`), events; most first, ties by name."""
    counts = events["actor_list"].explode().dropna().value_counts().rename_axis("actor").reset_index(name="events")
    counts["name"] = counts["actor"].map(lambda actor: actor_names.get(actor, actor))
    return counts.sort_values(["events", "name"], ascending=[False, True]).head(top)[["actor", "name", "events"]]


def regime_eras(regimes: pd.DataFrame, start: date, end: date, countries: tuple[str, ...] = ()) -> pd.DataFrame:
    """Each country's regime periods that overlap `start`..`end` (only `countries` if given), clipped to it:
    columns country, regime, leader, start_date, end_date (clipped), began (the period's real start), ended (its
    real end), sources; by country, then time."""
    first, last = pd.Timestamp(start), pd.Timestamp(end)
    eras = regimes[(regimes["end_date"] >= first) & (regimes["start_date"] <= last)]
    if countries:
        eras = eras[eras["country"].isin(countries)]
    eras = eras.assign(
        began=eras["start_date"],
        ended=eras["end_date"],
        start_date=eras["start_date"].clip(lower=first),
        end_date=eras["end_date"].clip(upper=last),
    )
    columns = ["country", "regime", "leader", "start_date", "end_date", "began", "ended", "sources"]
    return eras.sort_values(["country", "start_date"])[columns].reset_index(drop=True)


def troops_per_year(
    strength: pd.DataFrame, force: str, start: date, end: date, countries: tuple[str, ...] = ()
) -> pd.DataFrame:
    """`force`'s deployed troops per year, years `start` to `end`, over areas that do not overlap, and their total.

    `strength` is data/troop_strength.csv as loaded (`country_list`: the countries a figure counts the force's whole
    presence in; empty for a part, such as one base). The rule, applied year by year:
    1. each scope's figure is its latest `deployed` figure dated in the year (a ceiling, peak, plan or estimate is
       not a strength on the ground);
    2. scopes are taken largest first (most countries, then the later and larger figure), each only if it shares
       no country with one taken before: a figure for the whole Sahel is never added to one for Mali within it;
    3. with `countries`, only scopes all of whose countries are among them count.
    The total is a floor: an area with no figure that year adds nothing.

    Columns: year, scope, countries (';'-separated ISO codes), troops, date (of the figure), source, total (the
    year's sum, on each of its rows); by year, then troops (most first). A year without a figure has no row.
    """
    rows = strength[
        (strength["force"] == force)
        & (strength["kind"] == "deployed")
        & (strength["country_list"].str.len() > 0)
        & strength["date"].dt.year.between(start.year, end.year)
    ]
    if countries:
        rows = rows[rows["country_list"].map(lambda codes: set(codes) <= set(countries))]
    latest = rows.assign(year=rows["date"].dt.year).sort_values(["date", "troops"]).groupby(["year", "scope"]).tail(1)
    taken = []
    for _, year in latest.groupby("year"):
        covered: set[str] = set()
        order = year.assign(size=year["country_list"].str.len()).sort_values(
            ["size", "date", "troops"], ascending=False
        )
        for row in order.to_dict("records"):
            if not covered & set(row["country_list"]):
                covered |= set(row["country_list"])
                taken.append(row)
    columns = ["year", "scope", "countries", "troops", "date", "source"]
    table = pd.DataFrame(taken, columns=[*columns, "country_list"])[columns]
    table["total"] = table.groupby("year")["troops"].transform("sum")
    table["date"] = pd.to_datetime(table["date"]).dt.date
    return table.sort_values(["year", "troops"], ascending=[True, False], ignore_index=True)


def troops_figure(table: pd.DataFrame, start: date, end: date, lang: str) -> go.Figure:
    """Stacked bars: a force's troops per year by area (the areas add up, see `troops_per_year`), the total above
    each year's bar; the hover gives each figure's date and area."""
    fig = go.Figure()
    order = table.groupby("scope")["troops"].sum().sort_values(ascending=False).index
    for position, scope in enumerate(order):
        rows = table[table["scope"] == scope]
        name = plotly_text(scope)
        fig.add_trace(
            go.Bar(
                x=rows["year"],
                y=rows["troops"],
                name=name,
                marker_color=SERIES_COLOURS[position % len(SERIES_COLOURS)],
                customdata=[[format_date(day, lang)] for day in rows["date"]],
                hovertemplate=f"{name}{colon(lang)} %{{y:,}} · %{{customdata[0]}}<extra></extra>",
            )
        )
    totals = table.drop_duplicates("year")
    fig.add_trace(
        go.Scatter(
            x=totals["year"],
            y=totals["total"],
            mode="text",
            text=[format_number(total, lang) for total in totals["total"]],
            textposition="top center",
            textfont={"size": 9},  # thirteen years side by side on a phone: "5 400" keeps to its year
            name=t("troops_total", lang),
            showlegend=False,
            hovertemplate=f"{t('troops_total', lang)}{colon(lang)} %{{y:,}} · %{{x}}<extra></extra>",
        )
    )
    most = totals["total"].max() if not totals.empty else 0
    fig.update_yaxes(range=[0, max(1000, most) * 1.15])  # room for the totals above the bars
    return _layout(fig, 400, t("troops_axis", lang), start, end)


def _layout(fig: go.Figure, height: int, axis_title: str, start: date, end: date) -> go.Figure:
    """Stacked bars over the years `start` to `end`, the legend under the plot; year ticks as many as the width holds
    (a tick a year on a wide screen, every few years on a phone)."""
    years = end.year - start.year + 1  # a tick on whole years only, however short the range
    fig.update_xaxes(
        tickformat="d", tick0=start.year, dtick=max(1, -(-years // 12)), range=[start.year - 0.5, end.year + 0.5]
    )
    fig.update_layout(
        barmode="stack",
        height=height,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        showlegend=True,  # a single country or category is named too
        legend={"orientation": "h", "y": -0.12},
        yaxis={"title": axis_title, "rangemode": "tozero"},
        xaxis={"title": None},
    )
    return fig


def coups_figure(table: pd.DataFrame, start: date, end: date, country_names: Mapping[str, str], lang: str) -> go.Figure:
    """Stacked bars: coups and attempts per year, a colour per country (most coups first)."""
    fig = go.Figure()
    order = table.groupby("country")["coups"].sum().sort_values(ascending=False).index
    for position, code in enumerate(order):
        colour = SERIES_COLOURS[position % len(SERIES_COLOURS)]
        rows = table[table["country"] == code]
        name = plotly_text(country_names.get(code, code))
        fig.add_trace(
            go.Bar(
                x=rows["year"],
                y=rows["coups"],
                name=name,
                marker_color=colour,
                hovertemplate=f"{name}{colon(lang)} %{{y}} · %{{x}}<extra></extra>",
            )
        )
    most = table.groupby("year")["coups"].sum().max() if not table.empty else 0
    fig.update_yaxes(dtick=1 if most <= 10 else None, tickformat="d", range=[0, max(4, most) * 1.05])  # whole coups
    return _layout(fig, 360, t("coups_axis", lang), start, end)


def fatalities_figure(
    table: pd.DataFrame, by: str, start: date, end: date, names: Mapping[str, str], lang: str
) -> go.Figure:
    """Stacked bars: reported fatalities per year, a colour per country or category (`by`); the hover says how
    many events have a figure and how many have none."""
    fig = go.Figure()
    totals = table.groupby(by)["fatalities"].sum().sort_values(ascending=False)
    for position, key in enumerate(totals[totals > 0].index):  # a series with no death reported is left out
        rows = table[table[by] == key]
        colour = CATEGORY_COLOURS.get(key) if by == "category" else SERIES_COLOURS[position % len(SERIES_COLOURS)]
        name = plotly_text(CATEGORY_LABELS[lang].get(key, key) if by == "category" else names.get(key, key))
        hover = t("fatalities_hover", lang, name=name, fatalities="%{y:,}", year="%{x}")
        fig.add_trace(
            go.Bar(
                x=rows["year"],
                y=rows["fatalities"],
                name=name,
                marker_color=colour,
                customdata=rows[["events", "unknown"]].to_numpy(),
                hovertemplate=hover
                + "<br>"
                + t("fatalities_events_hover", lang, known="%{customdata[0]}", unknown="%{customdata[1]}")
                + "<extra></extra>",
            )
        )
    return _layout(fig, 380, t("fatalities_axis", lang), start, end)


def actors_figure(table: pd.DataFrame, lang: str) -> go.Figure:
    """Horizontal bars: events per actor, the most at the top."""
    rows = table.iloc[::-1]
    fig = go.Figure(
        go.Bar(
            x=rows["events"],
            y=[plotly_text(name) for name in rows["name"]],
            orientation="h",
            marker_color="#0072B2",
            hovertemplate=f"%{{y}}{colon(lang)} %{{x}} {t('events_axis', lang)}<extra></extra>",
        )
    )
    fig.update_layout(height=max(300, 24 * len(rows)), margin={"l": 10, "r": 10, "t": 10, "b": 10})
    return fig


def eras_figure(eras: pd.DataFrame, country_names: Mapping[str, str], lang: str) -> go.Figure:
    """Each country's regimes as eras on a time axis: one row per country, a bar per period in its regime's colour,
    the leader and the real dates on hover (a period that began or ended outside the shown range says so)."""
    fig = go.Figure()
    for regime, colour in REGIME_COLOURS.items():
        rows = eras[eras["regime"] == regime]
        if rows.empty:
            continue
        hover = [
            f"{plotly_text(country_names.get(c, c))}{colon(lang)} {plotly_text(leader)}<br>"
            f"{format_date(b.date(), lang)} → {format_date(e.date(), lang)}"
            for c, leader, b, e in zip(rows["country"], rows["leader"], rows["began"], rows["ended"], strict=True)
        ]
        fig.add_trace(
            go.Bar(
                base=rows["start_date"],
                x=(rows["end_date"] - rows["start_date"]).dt.total_seconds() * 1000 + 86_400_000,
                y=[plotly_text(country_names.get(code, code)) for code in rows["country"]],
                orientation="h",
                name=REGIME_LABELS[lang][regime],
                marker={"color": colour, "line": {"color": "#555555", "width": 0.5}},
                customdata=hover,
                hovertemplate="%{customdata}<extra>%{fullData.name}</extra>",
            )
        )
    countries = list(dict.fromkeys(eras["country"]))
    fig.update_layout(
        barmode="overlay",
        height=max(260, 30 * len(countries) + 80),
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        legend={"orientation": "h", "y": -0.12},
        xaxis={"type": "date", "title": None},
        yaxis={"autorange": "reversed", "title": None},
    )
    return fig
