"""The one Streamlit module: cached loaders, the shared sidebar, view state and small renderers.

State lives in st.session_state as two values, `Filters` (FILTERS_KEY) and `View` (VIEW_KEY). Widgets
are drawn from them and write back in their on_change, so the state survives page changes; every change
rewrites the URL from them, so a copied link restores the view (the page is in the link's path).
"""

from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd
import streamlit as st

from .codebook import CATEGORIES, DATA_CUTOFF, DATA_START, DEFAULT_END, DEFAULT_START
from .filters import Filters, apply_filters, describe, search_index
from .geography import Geography, load_geography
from .i18n import LANGUAGES, PRECISION_LABELS, category_label, pick_language, t
from .loading import Dataset, Problem, load_dataset
from .mapview import date_span, event_title
from .state import View, from_query_params, query_string, to_query_params

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
GEO_DIR = ROOT / "geo"
FILTERS_KEY = "filters"
VIEW_KEY = "view"
NOTICES_KEY = "url_notices"


@dataclass(frozen=True)
class AppData:
    dataset: Dataset
    geography: Geography
    index: pd.Series

    @property
    def events(self) -> pd.DataFrame:
        return self.dataset.events

    def country_names(self, lang: str) -> dict[str, str]:
        return self.geography.country_names(lang)


@st.cache_data(show_spinner=False)
def load_app_data(data_dir: Path = DATA_DIR, geo_dir: Path = GEO_DIR) -> AppData:
    geography = load_geography(geo_dir)
    dataset = load_dataset(data_dir, set(geography.country_names()))
    return AppData(dataset, geography, search_index(dataset.events, dataset.actors))


def filtered_events(data: AppData, filters: Filters) -> pd.DataFrame:
    return apply_filters(data.events, filters, data.index)


def current() -> tuple[Filters, View]:
    return st.session_state[FILTERS_KEY], st.session_state[VIEW_KEY]


def set_filters(**changes) -> None:
    st.session_state[FILTERS_KEY] = replace(st.session_state[FILTERS_KEY], **changes)


def set_view(**changes) -> None:
    """Change the view (from a widget's callback or a click) and keep the URL in step."""
    st.session_state[VIEW_KEY] = replace(st.session_state[VIEW_KEY], **changes)
    sync_url()


def sync_url() -> None:
    """Write the state into the address bar."""
    filters, view = current()
    st.query_params.from_dict(to_query_params(filters, view))


def share_link(filters: Filters, view: View) -> str:
    """The address that reproduces this view on this page."""
    base = (getattr(st.context, "url", "") or "").split("?")[0]
    query = query_string(filters, view)
    return base + ("?" + query if query else "")


def widget_value(key: str, value) -> None:
    """Give widget `key` the state's `value` only when the state changed elsewhere (a link, a map or
    timeline click, Reset, another page) or the widget is new on this page; never on the widget's own
    reruns, where re-assigning its value fights the user (a range picker after its first click)."""
    shadow = f"_shown_{key}"
    if key not in st.session_state or st.session_state.get(shadow) != value:
        st.session_state[key] = value
    st.session_state[shadow] = value


def _on_dates() -> None:
    picked = st.session_state["w_dates"]
    if len(picked) == 2:  # the picker reports one date while the user is still choosing the second
        set_filters(start=picked[0], end=picked[1])


def _on_reset() -> None:
    st.session_state[FILTERS_KEY] = Filters()


def _actor_label(actors: pd.DataFrame):
    aliases = dict(zip(actors["actor"], actors["aliases"], strict=True))

    def label(actor: str) -> str:
        other = aliases.get(actor, "").replace(";", ",")
        return f"{actor} ({other})" if other else actor

    return label


def md_escape(text: str) -> str:
    """Text from the data, shown literally by st.markdown (no markup, no HTML)."""
    specials = "\\`*_{}[]()<>#+-.!|~$"
    return "".join("\\" + ch if ch in specials else ch for ch in str(text))


def problems_panel(problems: list[Problem], lang: str) -> None:
    if problems:
        lines = "\n".join(f"- {md_escape(p.message())}" for p in problems)
        st.error(f"**{t('data_problems', lang, count=len(problems))}**\n\n{lines}", icon=":material/warning:")


def _init_state(data: AppData) -> None:
    """Once per session: the state from the link the user opened."""
    if FILTERS_KEY in st.session_state:
        return
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    browser = pick_language(None, getattr(st.context, "locale", None))
    filters, view, notices = from_query_params(
        params, data.dataset.actors["actor"], data.country_names("en"), set(data.events["event_id"]), browser
    )
    st.session_state[FILTERS_KEY], st.session_state[VIEW_KEY] = filters, view
    st.session_state[NOTICES_KEY] = notices


def sidebar(page_key: str) -> tuple[AppData, Filters, View]:
    """Page config, the data (or a clear message), the shared filters and view. Every page starts here."""
    try:
        data = load_app_data(DATA_DIR, GEO_DIR)
    except (OSError, ValueError) as error:
        st.set_page_config(page_title="Sahel Atlas", layout="wide")
        st.error(t("unreadable", "en", error=md_escape(error)))
        st.stop()
    _init_state(data)
    filters, view = current()
    lang = view.lang
    st.set_page_config(page_title=f"{t(page_key, lang)} · Sahel Atlas", page_icon="🗺️", layout="wide")
    names = data.country_names(lang)
    used_countries = sorted({c for codes in data.events["country_list"] for c in codes})

    with st.sidebar:
        st.session_state["w_lang"] = lang
        st.radio(
            t("language", lang),
            options=list(LANGUAGES),
            format_func=LANGUAGES.get,
            key="w_lang",
            horizontal=True,
            on_change=lambda: set_view(lang=st.session_state["w_lang"]),
        )
        st.header(t("filters", lang))
        st.session_state["w_dates"] = (filters.start, filters.end)
        st.date_input(
            t("date_range", lang),
            key="w_dates",
            min_value=DATA_START,
            max_value=DATA_CUTOFF,
            on_change=_on_dates,
            format="YYYY-MM-DD",
            help=t("date_range_help", lang, start=DEFAULT_START, end=DEFAULT_END),
        )
        st.session_state["w_actors"] = list(filters.actors)
        st.multiselect(
            t("actors", lang),
            options=list(data.dataset.actors["actor"]),
            key="w_actors",
            format_func=_actor_label(data.dataset.actors),
            on_change=lambda: set_filters(actors=tuple(st.session_state["w_actors"])),
            placeholder=t("choose", lang),
            help=t("actors_help", lang),
        )
        st.session_state["w_categories"] = list(filters.categories)
        st.multiselect(
            t("categories", lang),
            options=list(CATEGORIES),
            key="w_categories",
            format_func=lambda c: category_label(c, lang),
            on_change=lambda: set_filters(categories=tuple(st.session_state["w_categories"])),
            placeholder=t("choose", lang),
        )
        st.session_state["w_countries"] = list(filters.countries)
        st.multiselect(
            t("countries", lang),
            options=used_countries,
            key="w_countries",
            format_func=lambda c: f"{names.get(c, c)} ({c})",
            on_change=lambda: set_filters(countries=tuple(st.session_state["w_countries"])),
            placeholder=t("choose", lang),
        )
        st.session_state["w_text"] = filters.text
        st.text_input(
            t("search", lang),
            key="w_text",
            placeholder=t("search_placeholder", lang),
            on_change=lambda: set_filters(text=st.session_state["w_text"]),
            help=t("search_help", lang),
        )
        st.button(t("reset", lang), on_click=_on_reset, width="stretch")
        st.caption(t("copy_link", lang), help=t("copy_link_help", lang))
        st.code(share_link(filters, view), language=None, wrap_lines=True)
        st.caption(t("footer", lang, **data.dataset.metadata))

    for notice in st.session_state.pop(NOTICES_KEY, []):
        st.warning(notice, icon=":material/link_off:")
    problems_panel(data.dataset.problems, lang)
    sync_url()
    return data, filters, view


def selection_sentence(data: AppData, filters: Filters, view: View, shown: int) -> None:
    sentence = describe(filters, data.country_names(view.lang), view.lang)
    st.markdown(f"{md_escape(sentence)} {t('shown', view.lang, count=shown)}")


def show_record(event: pd.Series, names: dict, lang: str) -> None:
    """One event's full record, every field, sources as links."""
    st.subheader(event_title(event, lang), anchor=False)
    st.markdown(
        f"**{md_escape(date_span(event))}** "
        f"({md_escape(t('precision', lang, precision=PRECISION_LABELS[lang][event['date_precision']]))})"
        f" · {md_escape(category_label(event['category'], lang))} · `{event['event_id']}`"
    )
    st.markdown(md_escape(event["description"]))
    facts = {
        t("f_actors", lang): ", ".join(event["actor_list"]),
        t("f_operation", lang): event["operation"],
        t("f_countries", lang): ", ".join(names.get(c, c) for c in event["country_list"]),
        t("f_place", lang): f"{event['location']} ({event['latitude']:.4f}, {event['longitude']:.4f}; "
        f"{t('precision', lang, precision=PRECISION_LABELS[lang][event['geo_precision']])})",
        t("f_fatalities", lang): "" if pd.isna(event["fatalities"]) else f"{event['fatalities']:,}",
        t("f_troops", lang): "" if pd.isna(event["troops"]) else f"{event['troops']:,}",
        t("f_notes", lang): event["notes"],
    }
    st.markdown("\n".join(f"- **{k}:** {md_escape(v)}" for k, v in facts.items() if v))
    links = "  \n".join(f"[{md_escape(url)}]({url.replace(')', '%29')})" for url in event["sources"].split())
    st.markdown(f"**{t('f_sources', lang)}**  \n{links}")
