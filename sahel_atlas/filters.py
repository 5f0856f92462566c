"""Which events the view shows: `Filters`, applied by one pure function, described in a sentence."""

import re
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

from .codebook import DEFAULT_END, DEFAULT_START, PLACE_NAMES
from .i18n import category_label, format_date, t


@dataclass(frozen=True)
class Filters:
    start: date = DEFAULT_START
    end: date = DEFAULT_END
    actors: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    text: str = ""


# Typographic variants a phone or a word processor types, folded to what a keyboard types (or to a space),
# letters that do not decompose into a base letter and an accent, and invisible characters (dropped).
_REPLACE = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u2035\u02b9\u02bc\uff07`", "'"),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63", "-"),
    **dict.fromkeys('"\u00ab\u00bb\u201c\u201d\u201e\u201f\u2039\u203a', " "),
    **{"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d"},
    **{"ß": "ss", "ẞ": "ss"},
}
_SPECIAL = re.compile("[" + re.escape("".join(_REPLACE)) + "]")
# ... and the accents NFKD splits off (combining marks) and invisible characters, dropped (a pass of their own: no
# Python call per accent)
_DROPPED = re.compile("[\u0300-\u036f\u00ad\u200b-\u200d\u2060\ufeff]")
_PARTS = re.compile(r"[^\W_]+")
# Names shorter than this are not expanded (UN, AU, EU are also French words); names up to it match whole.
_SHORT = 3
_SUGGEST_SCORE = 80
_LONGEST_NAME = 12  # words; a name of more words (none so far) is matched word by word


def fold(text: str) -> str:
    """The form both the index and a query are compared in: lower case, no accents, one kind of apostrophe
    and of hyphen, quotes as spaces, invisible characters dropped (NFKD also turns no-break and thin spaces
    into spaces). 'N’Djamena' -> "n'djamena", 'MÉNAKA' -> 'menaka', '«Wagner»' -> ' wagner '."""
    text = _DROPPED.sub("", unicodedata.normalize("NFKD", str(text)))
    return _SPECIAL.sub(lambda m: _REPLACE[m.group()], text).lower()


def _key(text: str) -> str:
    """A folded name without its punctuation: "n'djamena" and 'n-djamena' -> 'n djamena'."""
    return " ".join(_PARTS.findall(fold(text)))


def _pattern(key: str) -> str:
    """A name matched from the start of a word, any punctuation or none between its parts (so "N'Djamena"
    finds 'Ndjamena' and 'Port-Bouët' finds 'Port Bouët'); a short name only as a whole word."""
    body = r"[\W_]*".join(re.escape(part) for part in key.split())
    return body + (r"(?!\w)" if len(key.replace(" ", "")) <= _SHORT else "")


def _synonyms(actors: pd.DataFrame) -> dict[str, tuple[str, ...]]:
    """Folded name -> every name of the same actor or place (aliases of actors.csv, codebook.PLACE_NAMES).

    Groups sharing a name are merged (Ouaga, Ouagadougou, Government of Burkina Faso); a name two actors
    share (FAT) or a very short one (UN) stays out, so it cannot pull in the wrong actor."""
    actor_groups = [
        {_key(n) for n in [actor, *aliases.split(";")] if n.strip()}
        for actor, aliases in zip(actors["actor"], actors["aliases"], strict=True)
    ]
    shared = {k for k, count in Counter(k for g in actor_groups for k in g).items() if count > 1}
    groups: list[set[str]] = []
    for group in [*actor_groups, *({_key(n) for n in names} for names in PLACE_NAMES)]:
        group = {k for k in group if k not in shared and len(k.replace(" ", "")) >= _SHORT}
        for other in [g for g in groups if g & group]:
            groups.remove(other)
            group |= other
        groups.append(group)
    return {k: tuple(sorted(group)) for group in groups for k in group}


@dataclass(frozen=True)
class SearchIndex:
    """What a text search reads: `text`, the folded searchable text of each event (aligned with the events'
    index); `synonyms`, folded name -> all names of that actor or place; `names`, the names offered as
    suggestions (actors, aliases, operations, places, countries)."""

    text: pd.Series
    synonyms: Mapping[str, tuple[str, ...]]
    names: tuple[str, ...]

    def terms(self, query: str) -> list[str]:
        """One regex per term of `query`: a name of several words counts as one term, and expands to the
        other names of its actor or place; other words match from the start of a word."""
        words, terms, i = fold(query).split(), [], 0
        while i < len(words):
            for j in range(min(len(words), i + _LONGEST_NAME), i, -1):
                key = _key(" ".join(words[i:j]))
                if key in self.synonyms:
                    terms.append("|".join(_pattern(k) for k in self.synonyms[key]))
                    break
            else:
                key = _key(words[i])
                if key:  # a word of punctuation only ('-', '«') constrains nothing
                    terms.append(_pattern(key))
                j = i + 1
            i = j
        return terms

    def matches(self, query: str) -> pd.Series:
        """Boolean per event: every term of `query` is found."""
        keep = np.ones(len(self.text), dtype=bool)
        for term in self.terms(query):
            rows = np.flatnonzero(keep)  # each term reads only the events the previous ones left
            found = self.text.iloc[rows].str.contains(r"(?<!\w)(?:" + term + ")", regex=True)
            keep[rows[~found.to_numpy(dtype=bool)]] = False
        return pd.Series(keep, index=self.text.index)


def search_index(
    events: pd.DataFrame, actors: pd.DataFrame, country_names: Sequence[Mapping[str, str]] = ()
) -> SearchIndex:
    """The search index of `events`: their text, titles in both languages, places, operations, the aliases
    of their actors and, for each country code, its names in `country_names` (one code -> name mapping per
    language). Built once per dataset; `apply_filters` and `suggest` read it."""
    aliases = dict(zip(actors["actor"], actors["aliases"], strict=True))
    columns = ("event_id", "title", "title_fr", "description", "actors", "operation", "location", "countries", "notes")
    parts = {c: events[c].astype(str).tolist() for c in columns}  # lists: far quicker to walk than Arrow strings
    parts["aliases"] = [" ".join(aliases.get(n, "") for n in names) for names in events["actor_list"]]
    codes = {code for names in country_names for code in names}
    countries = {code: " ".join(names.get(code, "") for names in country_names) for code in codes}
    parts["country names"] = [" ".join(countries.get(c, "") for c in codes) for codes in events["country_list"]]
    names = [*actors["actor"], *(a for row in actors["aliases"] for a in row.split(";")), *parts["operation"]]
    names += [*parts["location"], *(n for group in PLACE_NAMES for n in group)]
    names += [n for mapping in country_names for n in mapping.values()]
    # Texts many events share (actors, places, operations, countries) folded once each; an event's id, titles and
    # description folded together, then its notes; joined in `columns` order, then aliases and country names.
    for shared in ("actors", "operation", "location", "countries", "aliases", "country names"):
        folded = {value: fold(value) for value in set(parts[shared])}
        parts[shared] = [folded[value] for value in parts[shared]]
    own = (fold(" ".join(texts)) for texts in zip(*(parts.pop(c) for c in columns[:4]), strict=True))
    parts["notes"] = map(fold, parts["notes"])
    text = pd.Series([" ".join(row) for row in zip(own, *parts.values(), strict=True)], events.index, dtype=object)
    unique = {}
    for name in dict.fromkeys(reversed(names)):  # each distinct name keyed once (places and operations repeat)
        if key := _key(name):
            unique[key] = name.strip()
    return SearchIndex(text, _synonyms(actors), tuple(unique.values()))


def suggest(query: str, index: SearchIndex, limit: int = 3) -> list[str]:
    """Up to `limit` names close to `query` (best first), when `query` finds no event; else []. E.g.
    'Barkane' -> ['Barkhane']. Each word of a longer query is also compared on its own."""
    if not _key(query) or index.matches(query).any():
        return []
    choices = {name: _key(name) for name in index.names}
    found: dict[str, float] = {}
    for part in [_key(query), *(w for w in _key(query).split() if len(w) > _SHORT)]:
        for _, score, name in process.extract(part, choices, scorer=fuzz.ratio, score_cutoff=_SUGGEST_SCORE):
            found[name] = max(score, found.get(name, 0))
    return sorted(found, key=lambda name: -found[name])[:limit]


def no_match_message(query: str, index: SearchIndex, lang: str) -> str:
    """'No event matches “Barkane”. Did you mean: Barkhane?' when `query` finds nothing (without the hint
    when nothing is close); '' when it finds events. Plain text: escape it for where it is shown."""
    if not _key(query) or index.matches(query).any():
        return ""
    message = t("search_no_match", lang, text=query.strip())
    names = suggest(query, index)
    return message + (" " + t("search_did_you_mean", lang, names=", ".join(names)) if names else "")


def apply_filters(events: pd.DataFrame, filters: Filters, index: SearchIndex | None = None) -> pd.DataFrame:
    """The events the view shows: spans overlapping the date range, point events inside it.

    `index` is `search_index(events, ...)`, needed only when filtering by text.
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
        keep &= index.matches(filters.text)
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
    return versioned(stem, version)


def versioned(stem: str, version: str) -> str:
    """`stem` with the dataset version appended, e.g. 'sahel-as-of_2022-02-17_v0.3.0'. The version comes from
    data/dataset.json: only letters, digits, '.', '+' and '-' reach a file name (at most 40 characters)."""
    return f"{stem}_v{re.sub(r'[^0-9A-Za-z.+-]+', '-', version)[:40]}"
