"""One value describes the view: `Filters`, applied by one pure function, mirrored in the URL."""

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from urllib.parse import urlencode

import pandas as pd

from .codebook import CATEGORIES, CATEGORY_LABELS, DATA_CUTOFF, DATA_START, DEFAULT_END, DEFAULT_START


@dataclass(frozen=True)
class Filters:
    start: date = DEFAULT_START
    end: date = DEFAULT_END
    actors: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    text: str = ""


def fold(text: str) -> str:
    """Lower case without accents, so 'menaka' finds 'Ménaka' and 'armee' finds 'Armée'."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()


def search_index(events: pd.DataFrame, actors: pd.DataFrame) -> pd.Series:
    """Folded searchable text of each event, including the aliases of its actors."""
    aliases = dict(zip(actors["actor"], actors["aliases"], strict=True))
    columns = ("event_id", "title", "description", "actors", "operation", "location", "countries", "notes")
    text = events[list(columns)].astype(str).agg(" ".join, axis=1)
    alias_text = events["actor_list"].map(lambda names: " ".join(aliases.get(n, "") for n in names))
    return (text + " " + alias_text).map(fold)


def apply_filters(events: pd.DataFrame, filters: Filters, index: pd.Series | None = None) -> pd.DataFrame:
    """The events the view shows: spans overlapping the date range, point events inside it.

    `index` is `search_index(events, actors)`, needed only when filtering by text.
    """
    start, end = pd.Timestamp(filters.start), pd.Timestamp(filters.end)
    last_day = events["end_date"].fillna(events["start_date"])
    keep = (events["start_date"] <= end) & (last_day >= start)
    if filters.actors:
        wanted = set(filters.actors)
        keep &= events["actor_list"].map(lambda names: not wanted.isdisjoint(names))
    if filters.categories:
        keep &= events["category"].isin(filters.categories)
    if filters.countries:
        wanted_countries = set(filters.countries)
        keep &= events["country_list"].map(lambda codes: not wanted_countries.isdisjoint(codes))
    if filters.text.strip():
        if index is None:
            raise ValueError("filtering by text needs the search index")
        for word in fold(filters.text).split():
            # words match from their start, so "fama" finds FAMa but not "infamous"
            keep &= index.str.contains(r"(?<!\w)" + re.escape(word), regex=True)
    return events[keep]


# --- URL query string -------------------------------------------------------------------------

QUERY_KEYS = ("from", "to", "actor", "category", "country", "q")


def to_query_params(filters: Filters) -> dict[str, list[str]]:
    """Only what differs from the default, so a plain link stays plain."""
    params: dict[str, list[str]] = {}
    if filters.start != DEFAULT_START:
        params["from"] = [filters.start.isoformat()]
    if filters.end != DEFAULT_END:
        params["to"] = [filters.end.isoformat()]
    for key, values in (("actor", filters.actors), ("category", filters.categories), ("country", filters.countries)):
        if values:
            params[key] = list(values)
    if filters.text.strip():
        params["q"] = [filters.text.strip()]
    return params


def query_string(filters: Filters) -> str:
    """The URL query that reproduces these filters (empty for the default view)."""
    return urlencode(to_query_params(filters), doseq=True)


def from_query_params(
    params: Mapping[str, Iterable[str]], known_actors: Iterable[str], known_countries: Iterable[str]
) -> tuple[Filters, list[str]]:
    """Filters from a query string, and a notice for every value that was dropped."""
    notices: list[str] = []
    filters = Filters()

    def day(key: str, default: date) -> date:
        values = list(params.get(key, []))
        if not values:
            return default
        try:
            value = date.fromisoformat(values[0])
        except ValueError:
            notices.append(f"Ignored the date {key}={values[0]!r}: not a date written YYYY-MM-DD.")
            return default
        if not DATA_START <= value <= DATA_CUTOFF:
            notices.append(f"Ignored the date {key}={values[0]}: outside {DATA_START} to {DATA_CUTOFF}.")
            return default
        return value

    def known(key: str, vocabulary: Iterable[str], what: str) -> tuple[str, ...]:
        allowed = set(vocabulary)
        kept = []
        for value in params.get(key, []):
            if value in allowed:
                kept.append(value)
            else:
                notices.append(f"Ignored the unknown {what} {value!r}.")
        return tuple(dict.fromkeys(kept))

    start, end = day("from", filters.start), day("to", filters.end)
    if start > end:
        notices.append(f"Ignored the date range {start} to {end}: it ends before it starts.")
        start, end = filters.start, filters.end
    text = " ".join(params.get("q", []))[:200]
    filters = replace(
        filters,
        start=start,
        end=end,
        text=text,
        actors=known("actor", known_actors, "actor"),
        categories=known("category", CATEGORIES, "category"),
        countries=known("country", known_countries, "country"),
    )
    unknown = sorted(set(params) - set(QUERY_KEYS) - EXTRA_QUERY_KEYS)
    notices += [f"Ignored the unknown setting {key!r} in the link." for key in unknown]
    return filters, notices


# Keys owned by pages (map region, as-of date), read where they are used.
EXTRA_QUERY_KEYS = {"region", "asof"}


# --- Human description and file names ----------------------------------------------------------


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def describe(filters: Filters, country_names: Mapping[str, str]) -> str:
    """A sentence stating the selection, used for headings and download labels."""
    what = "events"
    if filters.categories:
        what = _join([CATEGORY_LABELS[c].lower() for c in filters.categories]) + " events"
    sentence = f"All {what} from {filters.start:%d %b %Y} to {filters.end:%d %b %Y}"
    if filters.actors:
        sentence += " involving " + _join(list(filters.actors))
    if filters.countries:
        sentence += " in " + _join([country_names.get(c, c) for c in filters.countries])
    if filters.text.strip():
        sentence += f" matching “{filters.text.strip()}”"
    return sentence + "."


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def file_stem(filters: Filters, version: str) -> str:
    """E.g. sahel-events_2020-01-01_2022-12-31_france_v0.2.0: the selection, readable in a file name."""
    parts = ["sahel-events", filters.start.isoformat(), filters.end.isoformat()]
    parts += [slug(v) for v in (*filters.categories, *filters.actors, *filters.countries)]
    if filters.text.strip():
        parts.append("q-" + slug(filters.text))
    stem = "_".join(p for p in parts if p)[:150]
    return f"{stem}_v{version}"
