"""The whole view as two small values, and their round trip through the URL query string.

`Filters` says which events; `View` says how they are looked at (language, map region, as-of date,
event window, selected event). Both are rebuilt from a link, so a copied URL restores the view; a value
that cannot be used is dropped with a notice in the user's language.
"""

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from .codebook import CATEGORIES, DATA_CUTOFF, DATA_START, DEFAULT_REGION, PERIOD_FIRST, PERIOD_LAST, REGIONS
from .filters import Filters
from .i18n import DEFAULT_LANGUAGE, LANGUAGES, t
from .summary import next_month

# Months of events shown before the as-of date on the map; 0 = the whole date range.
WINDOWS = (3, 6, 12, 24, 0)
DEFAULT_WINDOW = 12


@dataclass(frozen=True)
class View:
    lang: str = DEFAULT_LANGUAGE
    region: str = DEFAULT_REGION
    as_of: date | None = None  # None: the end of the date range
    window: int = DEFAULT_WINDOW
    event: str = ""  # the selected event_id
    compare: date | None = None  # the Compare page's first date (its second is `as_of`); None: a year before
    story: str = ""  # the guided story told (data/stories.json), and its step, from 1
    step: int = 1
    embed: bool = False  # shown inside another site's page: the view alone, locked to its link
    period: tuple[date, date] | None = (
        None  # the timeline's axis (first and last day); None: the date range and a margin
    )
    groups: tuple[str, ...] = ()  # the timeline's open groups (charts.timeline_groups keys)


FILTER_KEYS = ("from", "to", "actor", "category", "country", "q")
# "embedded", not Streamlit's own "embed", which Streamlit keeps from the app (st.query_params leaves it out)
VIEW_KEYS = ("lang", "region", "asof", "window", "event", "compare", "story", "step", "embedded", "period", "open")


def as_of_in(view: View, filters: Filters) -> date:
    """The as-of date, kept inside the date range."""
    day = view.as_of or filters.end
    return min(max(day, filters.start), filters.end)


def compared_in(view: View, filters: Filters) -> date:
    """The Compare page's first date, kept inside the date range: the link's, else a year before the as-of date."""
    second = as_of_in(view, filters)
    day = view.compare or date(second.year - 1, second.month, min(second.day, 28 if second.month == 2 else 31))
    return min(max(day, filters.start), filters.end)


def playback_step(view: View, filters: Filters) -> date | None:
    """The next as-of date of playback (one month on), or None once past the end of the range."""
    following = next_month(as_of_in(view, filters))
    return following if following <= filters.end else None


def to_query_params(filters: Filters, view: View = View()) -> dict[str, list[str]]:
    """Only what differs from the default, so a plain link stays plain."""
    defaults, default_view = Filters(), View()
    params: dict[str, list[str]] = {}
    if filters.start != defaults.start:
        params["from"] = [filters.start.isoformat()]
    if filters.end != defaults.end:
        params["to"] = [filters.end.isoformat()]
    for key, values in (("actor", filters.actors), ("category", filters.categories), ("country", filters.countries)):
        if values:
            params[key] = list(values)
    if filters.text.strip():
        params["q"] = [filters.text.strip()]
    if view.lang != default_view.lang:
        params["lang"] = [view.lang]
    if view.region != default_view.region:
        params["region"] = [view.region]
    if view.as_of is not None:
        params["asof"] = [view.as_of.isoformat()]
    if view.window != default_view.window:
        params["window"] = [str(view.window)]
    if view.event:
        params["event"] = [view.event]
    if view.compare is not None:
        params["compare"] = [view.compare.isoformat()]
    if view.story:
        params["story"] = [view.story]
    if view.story and view.step != default_view.step:
        params["step"] = [str(view.step)]
    if view.embed:
        params["embedded"] = ["true"]
    if view.period is not None:
        params["period"] = [f"{view.period[0].isoformat()}/{view.period[1].isoformat()}"]
    if view.groups:
        params["open"] = list(view.groups)
    return params


def query_string(filters: Filters, view: View = View()) -> str:
    return urlencode(to_query_params(filters, view), doseq=True)


def from_query_params(
    params: Mapping[str, Iterable[str]],
    known_actors: Iterable[str],
    known_countries: Iterable[str],
    known_events: Collection[str] = (),
    browser_lang: str = DEFAULT_LANGUAGE,
    known_stories: Collection[str] = (),
    known_groups: Collection[str] = (),
) -> tuple[Filters, View, list[str]]:
    """Filters and view from a query string, and a notice for every value that was dropped."""
    params = {key: list(values) for key, values in params.items()}
    asked_lang = (params.get("lang") or [""])[0]
    lang = asked_lang if asked_lang in LANGUAGES else browser_lang
    notices: list[str] = []

    def first(key: str) -> str | None:
        return params[key][0] if params.get(key) else None

    def day(key: str) -> date | None:
        value = first(key)
        if value is None:
            return None
        try:
            parsed = date.fromisoformat(value)
        except ValueError:
            notices.append(t("notice_bad_date", lang, key=key, value=value))
            return None
        if not DATA_START <= parsed <= DATA_CUTOFF:
            notices.append(t("notice_out_of_range", lang, key=key, value=value, start=DATA_START, end=DATA_CUTOFF))
            return None
        return parsed

    def known(key: str, vocabulary: Iterable[str], what: str) -> tuple[str, ...]:
        allowed = set(vocabulary)
        kept = []
        for value in params.get(key, []):
            if value in allowed:
                kept.append(value)
            else:
                notices.append(t("notice_unknown_value", lang, what=what, value=value))
        return tuple(dict.fromkeys(kept))

    def one_of(key: str, vocabulary: Iterable[str], what: str, default):
        kept = known(key, [str(v) for v in vocabulary], what)
        return kept[0] if kept else default

    def period() -> tuple[date, date] | None:
        """An ISO 8601 interval of two dates, 'first/last', inside PERIOD_FIRST..PERIOD_LAST, first before last."""
        value = first("period")
        if value is None:
            return None
        try:
            begins, ends = (date.fromisoformat(part) for part in value.split("/"))
        except ValueError:
            begins = ends = None
        if begins is None or not PERIOD_FIRST <= begins < ends <= PERIOD_LAST:
            notices.append(t("notice_unknown_value", lang, what=t("what_period", lang), value=value))
            return None
        return begins, ends

    defaults = Filters()
    start, end = day("from") or defaults.start, day("to") or defaults.end
    if start > end:
        notices.append(t("notice_reversed", lang, start=start, end=end))
        start, end = defaults.start, defaults.end
    filters = Filters(
        start=start,
        end=end,
        text=" ".join(params.get("q", []))[:200],
        actors=known("actor", known_actors, t("what_actor", lang)),
        categories=known("category", CATEGORIES, t("what_category", lang)),
        countries=known("country", known_countries, t("what_country", lang)),
    )
    view = View(
        lang=one_of("lang", LANGUAGES, t("what_language", lang), browser_lang),
        region=one_of("region", REGIONS, t("what_region", lang), DEFAULT_REGION),
        as_of=day("asof"),
        window=int(one_of("window", WINDOWS, t("what_window", lang), DEFAULT_WINDOW)),
        event=one_of("event", known_events, t("what_event", lang), ""),
        compare=day("compare"),
        story=one_of("story", known_stories, t("what_story", lang), ""),
        step=int(first("step")) if (first("step") or "").isdigit() and 0 < int(first("step")) < 1000 else 1,
        embed=first("embedded") == "true",
        period=period(),
        groups=known("open", known_groups, t("what_group", lang)),
    )
    if first("step") is not None and not ((first("step") or "").isdigit() and view.step == int(first("step"))):
        notices.append(t("notice_unknown_value", lang, what=t("what_step", lang), value=first("step")))
    unknown = sorted(set(params) - set(FILTER_KEYS) - set(VIEW_KEYS))
    notices += [t("notice_unknown_key", lang, key=key) for key in unknown]
    return filters, view, notices


# -- the actor box: short labels, and operations that stand for their lead actor --

OPERATION_CHOICE = "operation:"  # prefix of an operation's value among the actor box's options
LABEL_LIMIT = 32  # characters of an actor's label, so that it fits one line of the sidebar's option list


def actor_label(actor: str, aliases: Iterable[str], limit: int = LABEL_LIMIT) -> str:
    """`actor`, then as many of its aliases (in their given order) as fit in `limit` characters, joined
    by " · ": "Malian Armed Forces · FAMa · Malian army". The name alone if none fits."""
    label = actor
    for alias in aliases:
        alias = alias.strip()
        if alias and alias.casefold() not in label.casefold() and len(label) + 3 + len(alias) <= limit:
            label += " · " + alias
    return label


def operation_choices(operations: Iterable[tuple[str, str]], actors: Collection[str]) -> dict[str, str]:
    """{option value: lead actor} for each (operation, lead) whose name is not an actor's own, so that
    typing "Barkhane" in the actor box finds it."""
    return {f"{OPERATION_CHOICE}{name}": lead for name, lead in operations if name not in actors and lead in actors}


def picked_actors(picked: Iterable[str], leads: Mapping[str, str], text: str) -> tuple[tuple[str, ...], str]:
    """The actor filter and search text for the actor box's `picked` options: an operation option stands
    for its lead actor (from `leads`, as made by `operation_choices`) and becomes the search text."""
    actors: list[str] = []
    for value in picked:
        if value in leads:
            actors.append(leads[value])
            text = value.removeprefix(OPERATION_CHOICE)
        else:
            actors.append(value)
    return tuple(dict.fromkeys(actors)), text
