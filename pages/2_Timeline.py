"""Timeline: operations and bases as bars in lanes by actor, point events by category; click to select."""

import streamlit as st

from sahel_atlas.charts import build_timeline
from sahel_atlas.chrome import plotly_config
from sahel_atlas.i18n import t
from sahel_atlas.state import as_of_in
from sahel_atlas.ui import (
    empty_selection,
    filtered_events,
    image_buttons,
    selection_sentence,
    set_view,
    show_record,
    sidebar,
    view_link,
)

data, filters, view = sidebar("timeline")
lang = view.lang
events = filtered_events(data, filters)

st.title(t("timeline", lang), anchor=False)
selection_sentence(data, filters, view, len(events))
if events.empty:
    empty_selection(filters, lang)
else:
    timeline = build_timeline(
        events, filters.start, filters.end, lang, view.event, as_of_in(view, filters), data.actor_names(lang)
    )
    chosen = st.plotly_chart(
        timeline,
        width="stretch",
        config=plotly_config(lang),
        on_select="rerun",
        selection_mode="points",
        key=f"timeline-{view.event}",  # a new selection redraws the chart with its highlight
    )
    points = chosen.selection.points if chosen else []
    if points and points[0]["customdata"][0] != view.event:
        set_view(event=points[0]["customdata"][0])
        st.rerun()
    st.caption(t("timeline_caption", lang))
    image_buttons(timeline, t("timeline", lang), "timeline")

selected = data.events[data.events["event_id"] == view.event]
if not selected.empty:
    show_record(selected.iloc[0], data, lang, view_link(filters, view))
