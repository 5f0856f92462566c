"""The one Streamlit module: cached loaders, the shared sidebar and filter state, small renderers.

Filter state lives in st.session_state[FILTERS_KEY] (a `Filters` value): widgets are drawn from it
and write back to it in their on_change, so it survives page changes; every page rewrites the URL
from it, so a copied link restores the view.
"""

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import pandas as pd
import streamlit as st

from .codebook import CATEGORIES, CATEGORY_LABELS, DATA_CUTOFF, DATA_START, DEFAULT_END, DEFAULT_START
from .filters import (
    EXTRA_QUERY_KEYS,
    Filters,
    apply_filters,
    describe,
    from_query_params,
    search_index,
    to_query_params,
)
from .geography import Geography, load_geography
from .loading import Dataset, Problem, load_dataset
from .mapview import date_span

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
GEO_DIR = ROOT / "geo"
FILTERS_KEY = "filters"
NOTICES_KEY = "url_notices"


@dataclass(frozen=True)
class AppData:
    dataset: Dataset
    geography: Geography
    index: pd.Series
    country_names: dict

    @property
    def events(self) -> pd.DataFrame:
        return self.dataset.events


@st.cache_data(show_spinner="Loading the dataset…")
def load_app_data(data_dir: Path = DATA_DIR, geo_dir: Path = GEO_DIR) -> AppData:
    geography = load_geography(geo_dir)
    names = geography.country_names()
    dataset = load_dataset(data_dir, set(names))
    return AppData(dataset, geography, search_index(dataset.events, dataset.actors), names)


def filtered_events(data: AppData, filters: Filters) -> pd.DataFrame:
    return apply_filters(data.events, filters, data.index)


def _query_dict() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def _set(**changes) -> None:
    st.session_state[FILTERS_KEY] = replace(st.session_state[FILTERS_KEY], **changes)


def _on_dates() -> None:
    picked = st.session_state["w_dates"]
    if len(picked) == 2:  # the picker reports one date while the user is still choosing the second
        _set(start=picked[0], end=picked[1])


def _on_reset() -> None:
    st.session_state[FILTERS_KEY] = Filters()


def _actor_label(actors: pd.DataFrame):
    aliases = dict(zip(actors["actor"], actors["aliases"], strict=True))

    def label(actor: str) -> str:
        other = aliases.get(actor, "").replace(";", ",")
        return f"{actor} ({other})" if other else actor

    return label


def problems_panel(problems: list[Problem]) -> None:
    if not problems:
        return
    lines = "\n".join(f"- {md_escape(p.message())}" for p in problems)
    st.error(
        f"**The data has {len(problems)} problem(s); the rows concerned are left out until they are "
        f"fixed.**\n\n{lines}",
        icon=":material/warning:",
    )


def md_escape(text: str) -> str:
    """Text from the data, shown literally by st.markdown (no markup, no HTML)."""
    specials = "\\`*_{}[]()<>#+-.!|~$"
    return "".join("\\" + ch if ch in specials else ch for ch in str(text))


def sidebar(page_title: str) -> tuple[AppData, Filters]:
    """Page config, the data (or a clear message), and the shared filters. Every page starts here."""
    st.set_page_config(page_title=f"{page_title} · Sahel Atlas", page_icon=":material/public:", layout="wide")
    try:
        data = load_app_data(DATA_DIR, GEO_DIR)
    except (OSError, ValueError) as error:
        st.error(f"Sahel Atlas could not read its data or geography files: {md_escape(error)}")
        st.stop()
    if FILTERS_KEY not in st.session_state:
        filters, notices = from_query_params(_query_dict(), data.dataset.actors["actor"], data.country_names)
        st.session_state[FILTERS_KEY] = filters
        st.session_state[NOTICES_KEY] = notices
    filters: Filters = st.session_state[FILTERS_KEY]
    used_countries = sorted({c for codes in data.events["country_list"] for c in codes})

    with st.sidebar:
        st.header("Filters")
        st.session_state["w_dates"] = (filters.start, filters.end)
        st.date_input(
            "Date range",
            key="w_dates",
            min_value=DATA_START,
            max_value=DATA_CUTOFF,
            on_change=_on_dates,
            format="YYYY-MM-DD",
            help=f"Spans (operations, bases) are kept when they overlap the range. "
            f"Default {DEFAULT_START} to {DEFAULT_END}.",
        )
        st.session_state["w_actors"] = list(filters.actors)
        st.multiselect(
            "Actors",
            options=list(data.dataset.actors["actor"]),
            key="w_actors",
            format_func=_actor_label(data.dataset.actors),
            on_change=lambda: _set(actors=tuple(st.session_state["w_actors"])),
            help="Type a name, an acronym or a French name (FAMa, EIGS, Barkhane…).",
        )
        st.session_state["w_categories"] = list(filters.categories)
        st.multiselect(
            "Categories",
            options=list(CATEGORIES),
            key="w_categories",
            format_func=CATEGORY_LABELS.get,
            on_change=lambda: _set(categories=tuple(st.session_state["w_categories"])),
        )
        st.session_state["w_countries"] = list(filters.countries)
        st.multiselect(
            "Countries",
            options=used_countries,
            key="w_countries",
            format_func=lambda c: f"{data.country_names.get(c, c)} ({c})",
            on_change=lambda: _set(countries=tuple(st.session_state["w_countries"])),
        )
        st.session_state["w_text"] = filters.text
        st.text_input(
            "Search text",
            key="w_text",
            placeholder="e.g. Ménaka, Wagner, handover",
            on_change=lambda: _set(text=st.session_state["w_text"]),
            help="Searches titles, descriptions, places, actors and their aliases; accents optional.",
        )
        st.button("Reset filters", on_click=_on_reset, width="stretch")
        meta = data.dataset.metadata
        st.caption(
            f"Dataset v{meta['version']} (cut-off {meta['cutoff']}, {meta['licence']}): curated events, each "
            "with its sources · Boundaries: Natural Earth (public domain) · Maps work offline."
        )

    for notice in st.session_state.pop(NOTICES_KEY, []):
        st.warning(notice, icon=":material/link_off:")
    problems_panel(data.dataset.problems)
    page_keys = {key: st.query_params.get_all(key) for key in EXTRA_QUERY_KEYS if key in st.query_params}
    st.query_params.from_dict({**to_query_params(filters), **page_keys})
    return data, filters


def selection_sentence(data: AppData, filters: Filters, shown: int) -> None:
    st.markdown(f"{md_escape(describe(filters, data.country_names))} **{shown}** event(s) shown.")


def show_record(event: pd.Series, country_names: dict) -> None:
    """One event's full record, every field, sources as links."""
    st.subheader(event["title"], anchor=False)
    st.markdown(
        f"**{md_escape(date_span(event))}** ({md_escape(event['date_precision'])} precision) · "
        f"{md_escape(CATEGORY_LABELS[event['category']])} · `{event['event_id']}`"
    )
    st.markdown(md_escape(event["description"]))
    facts = {
        "Actors": ", ".join(event["actor_list"]),
        "Operation": event["operation"],
        "Countries": ", ".join(country_names.get(c, c) for c in event["country_list"]),
        "Place": f"{event['location']} ({event['latitude']:.4f}, {event['longitude']:.4f}; "
        f"{event['geo_precision']} precision)",
        "Reported fatalities": "" if pd.isna(event["fatalities"]) else f"{event['fatalities']:,}",
        "Troops": "" if pd.isna(event["troops"]) else f"{event['troops']:,}",
        "Notes": event["notes"],
    }
    st.markdown("\n".join(f"- **{k}:** {md_escape(v)}" for k, v in facts.items() if v))
    links = "  \n".join(f"[{md_escape(url)}]({url.replace(')', '%29')})" for url in event["sources"].split())
    st.markdown(f"**Sources**  \n{links}")


def clamp(day: date, low: date, high: date) -> date:
    return min(max(day, low), high)


def parse_day(text: str, default: date) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return default
