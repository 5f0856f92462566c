"""Two dates side by side: the map on each, and what changed in between (bases, operations, regimes, events)."""

import streamlit as st
from streamlit_folium import st_folium

from sahel_atlas.compare import change_sentences, changes_between, regimes_in
from sahel_atlas.escape import md_text
from sahel_atlas.export import csv_bytes
from sahel_atlas.filters import versioned
from sahel_atlas.i18n import format_date, t
from sahel_atlas.mapview import (
    build_base_map,
    event_title,
    legend_html,
    window_start,
)
from sahel_atlas.state import as_of_in, compared_in
from sahel_atlas.ui import (
    dated_layers,
    empty_selection,
    filtered_events,
    on_widget,
    region_radio,
    select_clicked,
    selection_sentence,
    set_view,
    sidebar,
    widget_value,
)

data, filters, view = sidebar("compare")
lang = view.lang
events = filtered_events(data, filters)

st.title(t("compare", lang), anchor=False)
selection_sentence(data, filters, view, len(events))
if events.empty:
    empty_selection(filters, lang)

region_radio(view, lang)
first, second = compared_in(view, filters), as_of_in(view, filters)
columns = st.columns(2)
for column, key, day, label, change in (
    (columns[0], "w_compare", first, t("compare_first", lang), lambda picked: set_view(compare=picked)),
    (columns[1], "w_asof", second, t("compare_second", lang), lambda picked: set_view(as_of=picked)),
):
    widget_value(key, day)
    column.date_input(
        label,
        key=key,
        min_value=filters.start,
        max_value=filters.end,
        format=t("date_input_format", lang),
        on_change=lambda key=key, change=change: on_widget(key, change),
    )
    with column:
        window_from = window_start(day, view.window, filters.start)
        layers = dated_layers(data, events, day, window_from, lang, view.event)
        map_key = f"{key}-map-{view.region}-{lang}"
        st_folium(
            build_base_map(view.region, lang),
            key=map_key,
            feature_group_to_add=layers,
            returned_objects=[],  # the map client sends marker clicks itself: the event is selected on both maps
            on_change=lambda map_key=map_key: select_clicked(data, map_key),
            height=420,
            use_container_width=True,
        )
st.html(legend_html(lang))

earlier, later = sorted((first, second))
changes = changes_between(events, regimes_in(data.dataset.regimes, events, filters.countries), earlier, later)
st.subheader(
    t("compare_changes", lang, first=format_date(earlier, lang), second=format_date(later, lang)), anchor=False
)
titles = {e["event_id"]: event_title(e, lang) for e in events[["event_id", "title", "title_fr"]].to_dict("records")}
sentences = change_sentences(changes, lang, data.country_names(lang), data.actor_names(lang), titles)
st.markdown("\n".join(f"- {md_text(sentence)}" for sentence in sentences) or t("compare_none", lang))
st.download_button(
    t("compare_download", lang),
    csv_bytes(changes),
    file_name=versioned(f"sahel-changes_{earlier.isoformat()}_{later.isoformat()}", data.dataset.metadata["version"])
    + ".csv",
    mime="text/csv",
    on_click="ignore",
)
