"""Headline counts of a selection."""

from dataclasses import dataclass
from datetime import date

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


def headline_counts(events: pd.DataFrame, end: date) -> Counts:
    known = events["fatalities"].dropna()
    return Counts(
        events=len(events),
        coups=int((events["category"] == "coup").sum()),
        bases_active=len(bases_active_on(events, end)),
        fatalities=int(known.sum()),
        events_with_fatalities=len(known),
    )
