"""Headline counts of a selection."""

import calendar
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

import pandas as pd


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


def source_domains(events: pd.DataFrame) -> pd.DataFrame:
    """How many events cite each website, most cited first."""
    domains = events["sources"].str.split().explode().map(lambda url: urlsplit(url).netloc.removeprefix("www."))
    per_event = domains.groupby(level=0).unique().explode()
    counts = per_event.value_counts().rename_axis("website").reset_index(name="events citing it")
    return counts


def citation(metadata: dict) -> str:
    return (
        f"{metadata['publisher']}. {metadata['title']}. Dataset version {metadata['version']} "
        f"(cut-off {metadata['cutoff']}), released {metadata['released']}. Licence: {metadata['licence']}."
    )
