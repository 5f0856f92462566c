"""The one Streamlit module: cached loaders, the shared sidebar, view state and small renderers.

State lives in st.session_state as two values, `Filters` (FILTERS_KEY) and `View` (VIEW_KEY). Widgets
are drawn from them and write back in their on_change, so the state survives page changes; every change
rewrites the URL from them, so a copied link restores the view (the page is in the link's path).
"""

import gc
import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from .assets import is_published
from .charts import REGIMES_GROUP
from .chrome import page_script, plotly_config
from .citation import bibtex, citation_text, error_report, ris
from .codebook import CATEGORIES, DATA_CUTOFF, DATA_START, DEFAULT_END, DEFAULT_START, REGIONS
from .escape import html_attr, html_link, html_text, js_string, md_text
from .export import csv_bytes
from .filters import Filters, SearchIndex, apply_filters, describe, no_match_message, search_index, versioned
from .geography import Geography, load_geography
from .i18n import LANGUAGES, PRECISION_LABELS, REGION_LABELS, category_label, colon, format_number, pick_language, t
from .images import chart_image, images_available
from .loading import Dataset, Problem, load_dataset
from .mapview import (
    MarkerCatalogue,
    build_event_layers,
    build_regime_layer,
    country_summaries,
    date_span,
    event_description,
    event_title,
    fatalities_text,
    marker_catalogue,
    place_line,
)
from .state import (
    OPERATION_CHOICE,
    View,
    actor_label,
    from_query_params,
    operation_choices,
    picked_actors,
    query_string,
    to_query_params,
)
from .stories import STORIES_FILE, Story, read_stories
from .summary import narrowing_filters, regimes_on

ROOT = Path(__file__).resolve().parent.parent
# SAHEL_ATLAS_DATA: another data directory (a corrected copy, or the browser tests' hostile fixtures).
DATA_DIR = Path(os.environ.get("SAHEL_ATLAS_DATA", ROOT / "data"))
GEO_DIR = ROOT / "geo"
FILTERS_KEY = "filters"
VIEW_KEY = "view"
NOTICES_KEY = "url_notices"
PAGE_KEY = "page"  # the page of this run, so that a widget new on a page gets the state's value
# The browser's language as the session's first run saw it: chrome.page_script later sets navigator.language to
# the reader's choice (for Streamlit's calendar), which Streamlit then reports as st.context.locale.
BROWSER_LANGUAGE_KEY = "browser_language"


@dataclass(frozen=True)
class AppData:
    dataset: Dataset
    geography: Geography
    index: SearchIndex
    stories: dict[str, Story] = field(default_factory=dict)
    story_problems: list[Problem] = field(default_factory=list)
    catalogues: dict[str, MarkerCatalogue] = field(default_factory=dict, compare=False, repr=False)

    @property
    def events(self) -> pd.DataFrame:
        return self.dataset.events

    def country_names(self, lang: str) -> dict[str, str]:
        return self.geography.country_names(lang)

    def actor_names(self, lang: str) -> dict[str, str]:
        """actor -> its name in `lang`: the French form of actors.csv's `name_fr` where written."""
        actors = self.dataset.actors
        if lang != "fr":
            return dict(zip(actors["actor"], actors["actor"], strict=True))
        return {a: f or a for a, f in zip(actors["actor"], actors["name_fr"], strict=True)}

    def marker_catalogue(self, lang: str) -> MarkerCatalogue:
        """Every event as a marker in `lang` (mapview.marker_catalogue), built and published once per language, and
        again if its file was removed (a clean-up of static/published/ while the app runs)."""
        if lang not in self.catalogues or not is_published(self.catalogues[lang].url):
            self.catalogues[lang] = marker_catalogue(self.events, lang, self.actor_names(lang))
        return self.catalogues[lang]


def files_version(*folders: Path) -> tuple[tuple[str, int, int], ...]:
    """(path, mtime in ns, size in bytes) of every file under `folders`, sorted; a missing folder adds
    nothing. It changes whenever a file is edited, added or removed."""
    files = sorted(path for folder in folders for path in folder.rglob("*") if path.is_file())
    return tuple((str(path), path.stat().st_mtime_ns, path.stat().st_size) for path in files)


@st.cache_resource(show_spinner=False, max_entries=2)
def _load_app_data(data_dir: Path, geo_dir: Path, version: tuple) -> AppData:
    """`version` only keys the cache (see `files_version`). One shared object, never copied per rerun
    (unpickling a cache_data copy cost ~20 ms a run at 779 events): callers only read it."""
    geography = load_geography(geo_dir)
    dataset = load_dataset(data_dir, set(geography.country_names()), country_shapes=geography.country_shapes())
    names = [geography.country_names(lang) for lang in LANGUAGES]
    stories, story_problems = read_stories(data_dir / STORIES_FILE, set(dataset.events["event_id"]))
    data = AppData(dataset, geography, search_index(dataset.events, dataset.actors, names), stories, story_problems)
    # The loaded data lives as long as the server: keep Python's cycle collector from walking its objects again and
    # again (at 100,000 events, each collection during a rerun took tenths of a second). Freed data is still freed
    # by reference counting; only cycles among these objects would outlive a reload.
    gc.freeze()
    return data


def load_app_data(data_dir: Path = DATA_DIR, geo_dir: Path = GEO_DIR) -> AppData:
    """The data and geography, read again as soon as any of their files changes (no restart needed).
    Raises OSError or ValueError when they cannot be read at all."""
    return _load_app_data(data_dir, geo_dir, files_version(data_dir, geo_dir))


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
    """Write the state into the address bar: the one place the URL is made, called wherever the view changes."""
    filters, view = current()
    st.query_params.from_dict(to_query_params(filters, view))


def _address() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def _history_navigation() -> bool:
    """Whether this run comes from the browser's Back or Forward button (Streamlit reruns the page with the
    address it went back to). Any other run's address may lag behind the state, which then wins."""
    context = get_script_run_ctx()
    return bool(context and context.is_history_navigation)


# Streamlit's date inputs apply a typed date when their calendar closes (a click elsewhere, Escape), not on
# Enter: Enter in a date field closes the calendar as Escape does, keeping the focus where it is. Installed
# once in the app's page, for every date input (sidebar range, map as-of date).
ENTER_APPLIES_DATES = """
document.addEventListener("keydown", (event) => {
  const field = event.target.closest && event.target.closest('[data-testid="stDateInputField"]');
  if (event.key !== "Enter" || !field || !event.isTrusted) return;
  event.preventDefault();
  event.stopPropagation();
  event.target.dispatchEvent(new KeyboardEvent("keydown", {key: "Escape", code: "Escape", bubbles: true}));
}, true);
"""


def copy_link_button(lang: str) -> None:
    """A button that copies the address bar as it is at the click (so it is never stale): a tiny offline
    component, since the clipboard needs the browser. It also makes Enter apply a typed date
    (`ENTER_APPLIES_DATES`, installed once in the app's page)."""
    label, help_text = t("copy_link_button", lang), t("copy_link_help", lang)
    st.iframe(
        f"""<button id="copy" title="{html_attr(help_text)}">{html_text(label)}</button>
<style>
  body {{ margin: 0; }}
  button {{ width: 100%; min-height: 38px; padding: 4px 12px; cursor: pointer; border-radius: 8px;
    font: 14px "Source Sans Pro", "Source Sans", system-ui, sans-serif; color: #31333f; background: #fff;
    border: 1px solid rgba(49, 51, 63, 0.2); }}
  button:hover {{ border-color: #ff4b4b; color: #ff4b4b; }}
</style>
<script>
  const button = document.getElementById("copy");
  button.addEventListener("click", async () => {{
    const address = window.parent.location.href;
    try {{
      await navigator.clipboard.writeText(address);
      button.textContent = {js_string(t("link_copied", lang))};
    }} catch (error) {{
      window.prompt({js_string(help_text)}, address);
    }}
  }});
  const page = window.parent.document;
  if (!page.getElementById("sahel-enter-applies-dates")) {{
    const script = page.createElement("script");
    script.id = "sahel-enter-applies-dates";
    script.textContent = {js_string(ENTER_APPLIES_DATES)};
    page.head.appendChild(script);
  }}
</script>""",
        height=40,
    )


def widget_value(key: str, value) -> None:
    """Give widget `key` the state's `value` only when the state changed elsewhere (a link, a map or
    timeline click, Reset, another page) or the widget is new on this page; never on the widget's own
    reruns, where re-assigning its value fights the user (a range picker after its first click)."""
    shadow, shown = f"_shown_{key}", (st.session_state.get(PAGE_KEY), value)
    previous = st.session_state.get(shadow)
    # on the same page an equal value is not assigned again: an assignment resets the widget in the browser, undoing
    # keys pressed since (a slider moved a month per key press, each press a rerun); a widget new on this page needs it
    unchanged = previous is not None and previous[0] == shown[0] and st.session_state.get(key) == value
    if key not in st.session_state or (previous != shown and not unchanged):
        st.session_state[key] = value
    st.session_state[shadow] = shown


def on_widget(key: str, apply: Callable) -> None:
    """An on_change callback: `apply(value)` with widget `key`'s new value. Nothing when the value or the
    state is gone: clearing the cache clears the session state while the browser still reports its
    widgets, and the run that follows rebuilds the state from the address bar."""
    if key in st.session_state and FILTERS_KEY in st.session_state:
        apply(st.session_state[key])


def _set_dates(picked: tuple) -> None:
    if len(picked) == 2:  # the picker reports one date while the user is still choosing the second
        set_filters(start=picked[0], end=picked[1])


def _reset(_clicked: bool) -> None:
    st.session_state[FILTERS_KEY] = Filters()


def _actor_label(actors: pd.DataFrame, leads: dict[str, str], names: dict[str, str], lang: str) -> Callable[[str], str]:
    """Labels for the actor box's options: an actor's name in `lang` (`names`), then its dataset name and
    short aliases; an operation's name and the actor leading it."""
    pairs = zip(actors["actor"], actors["aliases"], strict=True)
    labels = {name: actor_label(names.get(name, name), [name, *aliases.split(";")]) for name, aliases in pairs}

    def label(value: str) -> str:
        if value in leads:
            lead = names.get(leads[value], leads[value])
            return t("operation_choice", lang, operation=value.removeprefix(OPERATION_CHOICE), lead=lead)
        return labels.get(value, value)

    return label


def _set_actors(picked: list[str], leads: dict[str, str]) -> None:
    actors, text = picked_actors(picked, leads, current()[0].text)
    set_filters(actors=actors, text=text)


def problems_panel(problems: list[Problem], lang: str) -> None:
    if problems:
        lines = "\n".join(f"- {md_text(p.message())}" for p in problems)
        st.error(f"**{t('data_problems', lang, count=len(problems))}**\n\n{lines}", icon=":material/warning:")


def _state_from_address(data: AppData) -> None:
    """The state from the address bar (the link the user opened, or where Back took them)."""
    browser = st.session_state.setdefault(
        BROWSER_LANGUAGE_KEY, pick_language(None, getattr(st.context, "locale", None))
    )
    filters, view, notices = from_query_params(
        _address(),
        data.dataset.actors["actor"],
        data.country_names("en"),
        set(data.events["event_id"]),
        browser,
        data.stories,
        (REGIMES_GROUP, *data.dataset.actors["actor"]),
    )
    st.session_state[FILTERS_KEY], st.session_state[VIEW_KEY] = filters, view
    st.session_state[NOTICES_KEY] = notices


def _init_state(data: AppData, page_key: str) -> None:
    """The state from the link the user opened, once per session (again after the cache was cleared,
    which clears the session state) and after Back or Forward."""
    if FILTERS_KEY not in st.session_state or _history_navigation():
        _state_from_address(data)
    st.session_state[PAGE_KEY] = page_key


def sidebar(page_key: str) -> tuple[AppData, Filters, View]:
    """Page config, the data (or a clear message), the shared filters and view. Every page starts here.

    Each widget shows the state (`widget_value`) and writes back through `on_widget`. Multiselects have no
    "Select all": with it, Enter would select every option matching what the user typed."""
    try:
        data = load_app_data(DATA_DIR, GEO_DIR)
    except (OSError, ValueError) as error:
        st.set_page_config(page_title="Sahel Atlas", layout="wide")
        st.error(t("unreadable", "en", error=md_text(error)))
        st.stop()
    _init_state(data, page_key)
    filters, view = current()
    lang = view.lang
    st.set_page_config(page_title=f"{t(page_key, lang)} · Sahel Atlas", page_icon="🗺️", layout="wide")
    if view.embed:
        embedded(data, filters, view)
        return data, filters, view
    names = data.country_names(lang)
    used_countries = sorted({c for codes in data.events["country_list"] for c in codes})
    actors = data.dataset.actors
    operations = data.dataset.operations
    leads = operation_choices(zip(operations["operation"], operations["lead"], strict=True), set(actors["actor"]))

    with st.sidebar:
        st.html(page_script(lang), unsafe_allow_javascript=True)  # Streamlit's own texts in `lang`
        navigation(lang)
        widget_value("w_lang", lang)
        st.radio(
            t("language", lang),
            options=list(LANGUAGES),
            format_func=LANGUAGES.get,
            key="w_lang",
            horizontal=True,
            on_change=on_widget,
            args=("w_lang", lambda picked: set_view(lang=picked)),
        )
        st.header(t("filters", lang))
        widget_value("w_dates", (filters.start, filters.end))
        st.date_input(
            t("date_range", lang),
            key="w_dates",
            min_value=DATA_START,
            max_value=DATA_CUTOFF,
            on_change=on_widget,
            args=("w_dates", _set_dates),
            format=t("date_input_format", lang),
            help=t("date_range_help", lang, start=DEFAULT_START, end=DEFAULT_END),
        )
        widget_value("w_actors", list(filters.actors))
        st.multiselect(
            t("actors", lang),
            options=[*actors["actor"], *leads],
            key="w_actors",
            format_func=_actor_label(actors, leads, data.actor_names(lang), lang),
            on_change=on_widget,
            args=("w_actors", lambda picked: _set_actors(picked, leads)),
            placeholder=t("choose", lang),
            help=t("actor_box_help", lang),
            select_all=False,
        )
        widget_value("w_categories", list(filters.categories))
        st.multiselect(
            t("categories", lang),
            options=list(CATEGORIES),
            key="w_categories",
            format_func=lambda c: category_label(c, lang),
            on_change=on_widget,
            args=("w_categories", lambda picked: set_filters(categories=tuple(picked))),
            placeholder=t("choose", lang),
            select_all=False,
        )
        widget_value("w_countries", list(filters.countries))
        st.multiselect(
            t("countries", lang),
            options=used_countries,
            key="w_countries",
            format_func=lambda c: f"{names.get(c, c)} ({c})",
            on_change=on_widget,
            args=("w_countries", lambda picked: set_filters(countries=tuple(picked))),
            placeholder=t("choose", lang),
            select_all=False,
        )
        widget_value("w_text", filters.text)
        st.text_input(
            t("search", lang),
            key="w_text",
            placeholder=t("search_placeholder", lang),
            on_change=on_widget,
            args=("w_text", lambda text: set_filters(text=text)),
            help=t("search_help", lang),
        )
        st.button(t("reset", lang), key="w_reset", on_click=on_widget, args=("w_reset", _reset), width="stretch")
        copy_link_button(lang)
        embed_box(filters, view, lang)
        cite_box(data.dataset.metadata, view_link(filters, view), lang)
        st.caption(md_text(t("footer", lang, **data.dataset.metadata)))

    for notice in st.session_state.pop(NOTICES_KEY, []):
        st.warning(md_text(notice), icon=":material/link_off:")
    problems_panel(data.dataset.problems, lang)
    sync_url()
    return data, filters, view


# The pages in the order the navigation lists them: (script, title key, icon). Streamlit's own navigation,
# labelled by file name in English, is hidden (.streamlit/config.toml, client.showSidebarNavigation).
PAGES = (
    ("dashboard.py", "overview", ":material/dashboard:"),
    ("pages/1_Map.py", "map", ":material/map:"),
    ("pages/2_Timeline.py", "timeline", ":material/timeline:"),
    ("pages/3_Data.py", "data", ":material/table:"),
    ("pages/4_About.py", "about", ":material/info:"),
    ("pages/5_Compare.py", "compare", ":material/compare:"),
    ("pages/6_Analysis.py", "analysis", ":material/query_stats:"),
    ("pages/7_Stories.py", "stories", ":material/auto_stories:"),
)


def navigation(lang: str) -> None:
    """Links to every page, labelled in the reader's language (the filters travel in the session state).
    A page run on its own (AppTest runs each page as its entrypoint) has no other pages to link to."""
    context = get_script_run_ctx()
    if context is None or Path(context.main_script_path).name != PAGES[0][0]:
        return
    with st.container(key="sahel_nav"):
        for script, key, icon in PAGES:
            st.page_link(script, label=t(key, lang), icon=icon)


# An embedded view: no sidebar, no header, no way to open them (the view is the link's).
EMBED_STYLE = (
    "<style>[data-testid=stSidebar],[data-testid=stSidebarCollapsedControl],[data-testid=stExpandSidebarButton],"
    "[data-testid=stHeader]{display:none!important}[data-testid=stMainBlockContainer]{padding-top:1rem}</style>"
)


def embedded(data: AppData, filters: Filters, view: View) -> None:
    """The page inside another site's: the sidebar hidden, the selection and a source line with a link back to
    this view in the atlas (the same link without `embed`), notices kept, the address kept in step."""
    lang = view.lang
    st.html(page_script(lang), unsafe_allow_javascript=True)
    st.html(EMBED_STYLE)
    back = html_link(view_link(filters, replace(view, embed=False)), t("embed_open", lang))
    source = t("embed_source", lang, version=data.dataset.metadata["version"], licence=data.dataset.metadata["licence"])
    st.html(f'<p style="font-size:0.8rem;margin:0">{html_text(source)} · {back}</p>')
    for notice in st.session_state.pop(NOTICES_KEY, []):
        st.warning(md_text(notice), icon=":material/link_off:")
    sync_url()


def embed_code(link: str, title: str) -> str:
    """The HTML that shows the view at `link` inside another page: an <iframe>, its attributes quoted and escaped."""
    return (
        f'<iframe src="{html_attr(link)}" title="{html_attr(title)}" width="100%" height="860" '
        'style="border:0" loading="lazy"></iframe>'
    )


def embed_box(filters: Filters, view: View, lang: str) -> None:
    """The code to paste to show this view in another site: the link with `embed=true`, as plain text."""
    with st.expander(t("embed", lang), icon=":material/code:"):
        link = view_link(filters, replace(view, embed=True))
        st.text_area(t("embed_code", lang), embed_code(link, t("embed_title", lang)), height=120)


def dated_layers(data: AppData, events: pd.DataFrame, day, window_from, lang: str, selected: str) -> list:
    """The map's layers on `day` (Map, Compare, Stories alike): each country shaded by its regime, with its summary
    for a click; the bases held and the point events of `events` from `window_from`; the ring around `selected`."""
    names, actors, catalogue = data.country_names(lang), data.actor_names(lang), data.marker_catalogue(lang)
    summaries = country_summaries(events, data.dataset.regimes, day, lang, names, actors, catalogue)
    layers = [build_regime_layer(data.geography, regimes_on(data.dataset.regimes, day), lang, summaries)]
    return layers + build_event_layers(events, day, window_from, catalogue, lang, selected)


def region_radio(view: View, lang: str, place=st) -> None:
    """The map region presets as a row of radio buttons (in `place`), writing the view's region."""
    widget_value("w_region", view.region)
    place.radio(
        t("region", lang),
        list(REGIONS),
        format_func=REGION_LABELS[lang].get,
        key="w_region",
        horizontal=True,
        on_change=lambda: on_widget("w_region", lambda region: set_view(region=region)),
    )


def select_clicked(data: AppData, map_key: str) -> bool:
    """A marker was clicked (or chosen with Enter or Space) on the map `map_key`: select its event, by id, whatever
    was selected in between; True if one was. The map sends {"event": id, "click": a fresh token}, so every click
    is a change (static/sahel/atlas.js)."""
    clicked = st.session_state.get(map_key)
    event_id = clicked.get("event") if isinstance(clicked, dict) else None
    if isinstance(event_id, str) and (data.events["event_id"] == event_id).any():
        set_view(event=event_id)
        return True
    return False


def view_link(filters: Filters, view: View) -> str:
    """The link to this view: the page's address as the browser has it, with the state's query."""
    base = (st.context.url or "").split("?")[0]
    query = query_string(filters, view)
    return f"{base}?{query}" if query else base


def cite_box(metadata: dict, link: str, lang: str) -> None:
    """How to cite this view: a sentence in the reader's language, BibTeX and RIS (shown as text and
    downloadable), each with the dataset version, the view's link and today's date as the access date."""
    today = datetime.now(UTC).date()
    with st.expander(t("cite_title", lang), icon=":material/format_quote:"):
        st.markdown(md_text(citation_text(metadata, link, today, lang)))
        for label, text, extension, mime in (
            ("BibTeX", bibtex(metadata, link, today), "bib", "application/x-bibtex"),
            ("RIS", ris(metadata, link, today), "ris", "application/x-research-info-systems"),
        ):
            st.html(f'<pre style="white-space:pre-wrap;font-size:0.75rem">{html_text(text)}</pre>')
            st.download_button(
                f"{label} (.{extension})",
                text,
                file_name=f"sahel-atlas-{metadata['version']}.{extension}",
                mime=mime,
                on_click="ignore",
                key=f"cite_{extension}",
            )


def chart_with_source(question: str, figure, table: pd.DataFrame, name: str, cited_by: str = "events") -> None:
    """One analyst view, as OWID shows a chart: its question as a heading, the chart, then the selection and the
    source under it, and the chart's table as CSV (`name` in the file's name, the selection's dates and the
    dataset version). `cited_by`: "events" (the chart counts events: their sources) or "rows" (each row of the
    table, regime periods or troop figures, cites its own source)."""
    data, (filters, view) = load_app_data(), current()
    lang, version = view.lang, data.dataset.metadata["version"]
    st.subheader(question, anchor=False)
    st.plotly_chart(figure, width="stretch", config=plotly_config(lang), key=f"chart-{name}")
    sentence = describe(filters, data.country_names(lang), lang)
    selection, version = md_text(sentence), md_text(version)
    if cited_by == "rows":
        st.caption(t("chart_source_rows", lang, selection=selection, version=version))
    else:
        st.caption(t("chart_source", lang, selection=selection, version=version))
    csv_column, png_column, svg_column = st.columns([2, 1, 1])
    csv_column.download_button(
        t("chart_download", lang),
        csv_bytes(table),
        file_name=chart_stem(name) + ".csv",
        mime="text/csv",
        on_click="ignore",
    )
    image_buttons(figure, question, name, (png_column, svg_column))


def chart_stem(name: str) -> str:
    """A chart's file name: `name`, the selection's dates and the dataset version ('sahel-coups-per-year_2013-01-01_
    2025-12-31_v0.3.0')."""
    data, (filters, _) = load_app_data(), current()
    stem = f"sahel-{name}_{filters.start.isoformat()}_{filters.end.isoformat()}"
    return versioned(stem, data.dataset.metadata["version"])


def image_buttons(figure, title: str, name: str, places: tuple | None = None, formats=("png", "svg")) -> None:
    """Downloads of `figure` (a Plotly figure, or a function making one when clicked) as images in `formats`, made
    when clicked (images.chart_image): its `title` above, the selection, the source, the dataset version and the
    view's link under it; files named by `chart_stem(name)`. Without a browser for the export, a note says so
    instead. `places`: a container per format for the buttons (else new columns)."""
    data, (filters, view) = load_app_data(), current()
    lang, metadata = view.lang, data.dataset.metadata
    stem = chart_stem(name)
    places = places or tuple(st.columns([1, 1, 2])[: len(formats)])
    if not images_available():
        places[0].caption(t("image_unavailable", lang))
        return
    selection = describe(filters, data.country_names(lang), lang)
    source = t(
        "image_source", lang, version=metadata["version"], licence=metadata["licence"], link=view_link(filters, view)
    )
    labels = {"png": (t("image_png", lang), "image/png"), "svg": (t("image_svg", lang), "image/svg+xml")}

    def image(image_format: str) -> bytes:
        made = figure() if callable(figure) else figure
        return chart_image(made, title, [selection, source], image_format, lang)

    for place, image_format in zip(places, formats, strict=True):
        label, mime = labels[image_format]
        place.download_button(
            label,
            lambda image_format=image_format: image(image_format),
            file_name=f"{stem}.{image_format}",
            mime=mime,
            on_click="ignore",
            icon=":material/image:",
            key=f"image-{stem}-{image_format}",
        )


def selection_sentence(data: AppData, filters: Filters, view: View, shown: int) -> None:
    """The selection in words (its text from the link shown literally) and how many of the dataset's events
    it shows."""
    sentence = describe(filters, data.country_names(view.lang), view.lang)
    st.markdown(f"{md_text(sentence)} {t('shown', view.lang, count=shown, total=len(data.events))}")


def show_record(event: pd.Series, data: AppData, lang: str, link: str) -> None:
    """One event's full record, every field (countries and actors named in `lang`), sources as links, and a
    prefilled error report (`link`: the view with this event selected)."""
    names, actor_names, version = data.country_names(lang), data.actor_names(lang), data.dataset.metadata["version"]
    st.subheader(md_text(event_title(event, lang)), anchor=False)
    st.markdown(
        f"**{md_text(date_span(event, lang))}** "
        f"({md_text(t('precision', lang, precision=PRECISION_LABELS[lang][event['date_precision']]))})"
        f" · {md_text(category_label(event['category'], lang))} · {md_text(event['event_id'])}"
    )
    st.markdown(md_text(event_description(event, lang)))
    facts = {
        t("f_actors", lang): ", ".join(actor_names.get(actor, actor) for actor in event["actor_list"]),
        t("f_operation", lang): event["operation"],
        t("f_countries", lang): ", ".join(names.get(c, c) for c in event["country_list"]),
        t("f_place", lang): place_line(event, lang),
        t("f_fatalities", lang): fatalities_text(event, lang),
        t("f_troops", lang): "" if pd.isna(event["troops"]) else format_number(event["troops"], lang),
        t("f_notes", lang): event["notes"],
    }
    st.markdown("\n".join(f"- **{k}{colon(lang)}** {md_text(v)}" for k, v in facts.items() if v))
    links = "<br>".join(html_link(url) for url in event["sources"].split())  # HTML: no Markdown parsing
    st.html(f"<p><strong>{html_text(t('f_sources', lang))}</strong><br>{links}</p>")
    with st.expander(t("report_event", lang), icon=":material/flag:"):
        st.caption(t("report_event_help", lang))
        report = error_report(event["event_id"], event_title(event, lang), version, link, lang)
        st.html(f'<pre style="white-space:pre-wrap;font-size:0.8rem">{html_text(report)}</pre>')


def empty_selection(filters: Filters, lang: str) -> None:
    """Say that no event matches `filters`, which of them narrow the selection, and how to widen it."""
    data = load_app_data(DATA_DIR, GEO_DIR)
    narrowing = narrowing_filters(filters, data.country_names(lang), lang)
    if narrowing:
        message = t("empty_selection", lang, filters=md_text("; ".join(narrowing)), reset=t("reset", lang))
    else:
        message = t("no_match", lang)
    st.info(message, icon=":material/filter_alt_off:")
    hint = no_match_message(filters.text, data.index, lang)  # the search finds nothing: the nearest names
    if hint:
        st.info(md_text(hint), icon=":material/search_off:")
