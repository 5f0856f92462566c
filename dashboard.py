"""Sahel Atlas — overview: the selection in a sentence, headline counts, events per year."""

import streamlit as st

from sahel_atlas.charts import build_events_per_year
from sahel_atlas.summary import headline_counts
from sahel_atlas.ui import filtered_events, selection_sentence, sidebar

data, filters = sidebar("Overview")
events = filtered_events(data, filters)

st.title("Sahel Atlas")
st.markdown(
    "A curated, sourced record of the international military presence in the Sahel and the Gulf of "
    "Guinea, 2013–2025: deployments and withdrawals, bases, coups, major attacks, agreements and ruptures."
)
selection_sentence(data, filters, len(events))

counts = headline_counts(events, filters.end)
cols = st.columns(4)
cols[0].metric("Events", counts.events)
cols[1].metric("Coups and attempts", counts.coups)
cols[2].metric(f"Bases active on {filters.end:%d %b %Y}", counts.bases_active)
cols[3].metric(
    "Reported fatalities",
    f"{counts.fatalities:,}",
    help=f"Sum of the figures reported in {counts.events_with_fatalities} event(s) that have one; "
    "events with no reported figure add nothing.",
)

st.subheader("Events per year, by category", anchor=False)
st.plotly_chart(build_events_per_year(events, filters.start, filters.end), width="stretch")

st.subheader("Explore", anchor=False)
st.page_link(
    "pages/1_Map.py", label="Map: where things happened, and which bases were held when", icon=":material/map:"
)
st.page_link("pages/2_Timeline.py", label="Timeline: operations, bases and events", icon=":material/timeline:")
st.page_link("pages/3_Data.py", label="Data and downloads (CSV, GeoJSON)", icon=":material/download:")
st.page_link("pages/4_About.py", label="About the data: method, sources, citation", icon=":material/info:")
