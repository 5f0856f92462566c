"""Map as of a date: bases held, operations under way, regimes, recent events; playback month by month."""

import time

import streamlit as st
from streamlit_folium import st_folium

from sahel_atlas.codebook import REGIONS
from sahel_atlas.escape import md_text
from sahel_atlas.export import as_of_snapshot_csv, as_records
from sahel_atlas.filters import versioned
from sahel_atlas.i18n import REGION_LABELS, colon, format_date, t
from sahel_atlas.images import map_figure
from sahel_atlas.mapview import (
    build_base_map,
    event_title,
    legend_html,
    visible_events,
    window_start,
)
from sahel_atlas.state import WINDOWS, as_of_in, playback_step
from sahel_atlas.summary import operations_on, regimes_on
from sahel_atlas.ui import (
    current,
    dated_layers,
    empty_selection,
    filtered_events,
    image_buttons,
    on_widget,
    region_radio,
    select_clicked,
    selection_sentence,
    set_view,
    show_record,
    sidebar,
    view_link,
    widget_value,
)

STEP_SECONDS = 1.5  # playback pace: one month per step

data, filters, view = sidebar("map")
lang = view.lang
events = filtered_events(data, filters)

# embedded, the view is its link's: its date goes in the title, as nothing else on the page may say it
embedded_date = f" · {format_date(as_of_in(view, filters), lang)}" if view.embed else ""
st.title(t("map", lang) + embedded_date, anchor=False)
selection_sentence(data, filters, view, len(events))
if events.empty:
    empty_selection(filters, lang)

st.session_state.setdefault("playing", False)
if not view.embed:  # embedded: the view alone, locked to its link
    region_col, window_col, play_col = st.columns([4, 2, 1], vertical_alignment="bottom")
    region_radio(view, lang, region_col)
    # a box per language: Streamlit keeps a select box's choice as its shown text, which a new language no longer
    # matches (it would come back as that text, not as a number of months)
    window_key = f"w_window_{lang}"
    widget_value(window_key, view.window)
    window_col.selectbox(
        t("window", lang),
        WINDOWS,
        key=window_key,
        format_func=lambda n: t("window_months", lang, n=n) if n else t("window_all", lang),
        placeholder=t("choose", lang),
        on_change=lambda: on_widget(window_key, lambda months: set_view(window=months)),
    )
    playing = st.session_state["playing"]
    if play_col.button(
        t("pause", lang) if playing else t("play", lang),
        icon=":material/pause:" if playing else ":material/play_arrow:",
        help=t("play_help", lang),
        width="stretch",
    ):
        st.session_state["playing"] = not playing
        st.session_state["last_step"] = time.monotonic()
        if not playing and as_of_in(view, filters) >= filters.end:
            set_view(as_of=filters.start)  # playing from the end starts again at the beginning
        st.rerun()


def step_playback() -> None:
    """While playing, move the as-of date one month on per step; stop at the end of the range."""
    filters, view = current()
    if not st.session_state["playing"] or time.monotonic() - st.session_state.get("last_step", 0) < STEP_SECONDS * 0.9:
        return
    st.session_state["last_step"] = time.monotonic()
    following = playback_step(view, filters)
    if following is None:
        st.session_state["playing"] = False
        st.rerun(scope="app")
    set_view(as_of=following)


def map_clicked(map_key: str) -> None:
    """A marker was clicked: select its event (ui.select_clicked); the record under the map is outside the
    fragment, so the next run is the whole page's."""
    if select_clicked(data, map_key):
        st.session_state["map_selected"] = True


@st.fragment(run_every=STEP_SECONDS if st.session_state["playing"] else None)
def dated_map() -> None:
    if st.session_state.pop("map_selected", False):
        st.rerun(scope="app")
    step_playback()
    filters, view = current()
    as_of = as_of_in(view, filters)
    if not view.embed:
        widget_value("w_asof", as_of)
        st.date_input(
            t("as_of", lang),
            key="w_asof",
            min_value=filters.start,
            max_value=filters.end,
            format=t("date_input_format", lang),
            help=t("as_of_help", lang),
            on_change=lambda: on_widget("w_asof", lambda day: set_view(as_of=day)),
        )
    window_from = window_start(as_of, view.window, filters.start)
    layers = dated_layers(data, events, as_of, window_from, lang, view.event)
    map_key = f"map-{view.region}-{lang}"
    st_folium(
        build_base_map(view.region, lang),
        key=map_key,
        feature_group_to_add=layers,
        returned_objects=[],  # the map client sends marker clicks itself (static/sahel/atlas.js)
        on_change=lambda: map_clicked(map_key),
        height=560,
        use_container_width=True,
    )
    operations = operations_on(events, as_of)
    actor_names = data.actor_names(lang)
    names = sorted(
        {
            f"{o['operation'] or event_title(o, lang)} ({actor_names.get(o['actor_list'][0], o['actor_list'][0])})"
            for _, o in operations.iterrows()
        }
    )
    listed = ", ".join(md_text(name) for name in names) or t("none", lang)
    st.markdown(f"**{t('operations_active', lang, day=format_date(as_of, lang))}{colon(lang)}** {listed}")
    st.html(legend_html(lang))  # not Markdown with HTML: no Markdown-to-HTML bundle (57 KB) on this page

    if view.embed:
        return
    title = f"{t('map', lang)}{colon(lang)} {REGION_LABELS[lang][view.region]}, {format_date(as_of, lang)}"
    image_buttons(
        lambda: map_figure(
            data.geography,
            REGIONS[view.region],
            regimes_on(data.dataset.regimes, as_of),
            visible_events(events, as_of, window_from),
            data.marker_catalogue(lang).payload["places"],
            lang,
        ),
        title,
        f"map-{view.region.lower().replace(' ', '-')}-{as_of.isoformat()}",
        formats=("png",),
    )
    # Sent only while open: the table (and Streamlit's table code, ~200 KB) is not part of a step or a cold load.
    table = st.expander(t("map_table", lang), key="map_table_open", on_change="rerun")
    if table.open:
        shown = visible_events(events, as_of, window_from)
        table.dataframe(
            as_records(shown)[
                [
                    "event_id",
                    "start_date",
                    "date_precision",
                    "end_date",
                    "category",
                    "title",
                    "location",
                    "geo_precision",
                ]
            ],
            hide_index=True,
            width="stretch",
        )
    st.download_button(
        t("snapshot", lang, day=format_date(as_of, lang)),
        as_of_snapshot_csv(events, data.dataset.regimes, as_of),
        file_name=versioned(f"sahel-as-of_{as_of.isoformat()}", data.dataset.metadata["version"]) + ".csv",
        mime="text/csv",
        on_click="ignore",
    )


dated_map()

selected = data.events[data.events["event_id"] == view.event]
if not view.embed and selected.empty:
    st.info(t("click_marker", lang))
elif not view.embed:
    show_record(selected.iloc[0], data, lang, view_link(filters, view))
