"""Timeline: operations and base occupations as bars in lanes by actor, point events by category."""

import streamlit as st

from sahel_atlas.charts import build_timeline
from sahel_atlas.ui import filtered_events, selection_sentence, sidebar

data, filters = sidebar("Timeline")
events = filtered_events(data, filters)

st.title("Timeline", anchor=False)
selection_sentence(data, filters, len(events))
if events.empty:
    st.info("No event matches these filters. Widen the date range or clear a filter.")
else:
    st.plotly_chart(build_timeline(events, filters.start, filters.end), width="stretch")
    st.caption(
        "Bars: operations, missions and base occupations, from start to end (or to the dataset's "
        "cut-off when still under way). Markers: point events, one lane per category. "
        "Hover for date, title and place."
    )
