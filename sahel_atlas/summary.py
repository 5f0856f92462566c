"""Headline counts of a selection."""

import calendar
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

import pandas as pd

from .filters import Filters
from .i18n import category_label, format_date, t


@dataclass(frozen=True)
class Counts:
    events: int
    coups: int
    bases_active: int
    fatalities: int
    events_with_fatalities: int


def bases_active_on(events: pd.DataFrame, day: date) -> pd.DataFrame:
    """Base spans that include `day`."""
    bases = events[events["category"] == "base"]
    when = pd.Timestamp(day)
    last = bases["end_date"].fillna(bases["start_date"])
    return bases[(bases["start_date"] <= when) & (last >= when)]


def operations_on(events: pd.DataFrame, day: date) -> pd.DataFrame:
    """Deployment spans (operations, missions, forces) under way on `day`."""
    spans = events[(events["category"] == "deployment") & events["end_date"].notna()]
    when = pd.Timestamp(day)
    return spans[(spans["start_date"] <= when) & (spans["end_date"] >= when)]


def regime_periods_on(regimes: pd.DataFrame, day: date) -> pd.DataFrame:
    """The regime period of each country that includes `day` (periods do not overlap)."""
    when = pd.Timestamp(day)
    return regimes[(regimes["start_date"] <= when) & (regimes["end_date"] >= when)]


def regimes_on(regimes: pd.DataFrame, day: date) -> dict[str, str]:
    """Country -> regime on `day`."""
    current = regime_periods_on(regimes, day)
    return dict(zip(current["country"], current["regime"], strict=True))


def next_month(day: date) -> date:
    """The same day of the next month (its last day where the month is shorter)."""
    index = day.year * 12 + day.month  # the next month, counted from year 0
    year, month = index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def headline_counts(events: pd.DataFrame, end: date) -> Counts:
    known = events["fatalities"].dropna()
    return Counts(
        events=len(events),
        coups=int((events["category"] == "coup").sum()),
        bases_active=len(bases_active_on(events, end)),
        fatalities=int(known.sum()),
        events_with_fatalities=len(known),
    )


def narrowing_filters(filters: Filters, country_names: Mapping[str, str], lang: str) -> list[str]:
    """One plain-text phrase per filter that narrows the selection beyond the default view, e.g.
    ["dates 5 Mar 2013 to 6 Mar 2013", "countries: Ghana"]; empty for the default view."""
    defaults = Filters()
    phrases = []
    if (filters.start, filters.end) != (defaults.start, defaults.end):
        start, end = format_date(filters.start, lang), format_date(filters.end, lang)
        phrases.append(t("narrow_dates", lang, start=start, end=end))
    for key, values in (
        ("narrow_actors", filters.actors),
        ("narrow_categories", [category_label(c, lang) for c in filters.categories]),
        ("narrow_countries", [country_names.get(c, c) for c in filters.countries]),
    ):
        if values:
            phrases.append(t(key, lang, values=", ".join(values)))
    if filters.text.strip():
        phrases.append(t("narrow_text", lang, text=filters.text.strip()))
    return phrases


def source_domains(events: pd.DataFrame) -> pd.DataFrame:
    """How many events cite each website, most cited first."""
    domains = events["sources"].str.split().explode().map(lambda url: urlsplit(url).netloc.removeprefix("www."))
    per_event = domains.groupby(level=0).unique().explode()
    counts = per_event.value_counts().rename_axis("website").reset_index(name="events citing it")
    return counts
