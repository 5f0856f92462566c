"""Which events the view shows: `Filters`, applied by one pure function, described in a sentence."""

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import pandas as pd

from .codebook import DEFAULT_END, DEFAULT_START
from .i18n import category_label, format_date, t


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
    columns = ("event_id", "title", "title_fr", "description", "actors", "operation", "location", "countries", "notes")
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


# --- Human description and file names ----------------------------------------------------------


def _join(items: list[str], lang: str) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" {t('or', lang)} " + items[-1]


def describe(filters: Filters, country_names: Mapping[str, str], lang: str = "en") -> str:
    """A sentence stating the selection, used for headings and download labels."""
    what = t("sentence_events", lang)
    if filters.categories:
        labels = [category_label(c, lang).lower() for c in filters.categories]
        what = t("sentence_category_events", lang, categories=_join(labels, lang))
    start, end = format_date(filters.start, lang), format_date(filters.end, lang)
    sentence = t("sentence_all", lang, what=what, start=start, end=end)
    if filters.actors:
        sentence += t("sentence_involving", lang, actors=_join(list(filters.actors), lang))
    if filters.countries:
        names = [country_names.get(c, c) for c in filters.countries]
        sentence += t("sentence_in", lang, countries=_join(names, lang))
    if filters.text.strip():
        sentence += t("sentence_matching", lang, text=filters.text.strip())
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
