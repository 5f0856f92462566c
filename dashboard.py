"""Sahel Atlas — overview: the selection in a sentence, headline counts, events per year."""

import streamlit as st

from sahel_atlas.charts import build_events_per_year
from sahel_atlas.chrome import plotly_config
from sahel_atlas.i18n import format_date, t
from sahel_atlas.summary import headline_counts
from sahel_atlas.ui import empty_selection, filtered_events, image_buttons, selection_sentence, sidebar

data, filters, view = sidebar("overview")
lang = view.lang
events = filtered_events(data, filters)

st.title("Sahel Atlas")
st.markdown(t("tagline", lang))
selection_sentence(data, filters, view, len(events))
if events.empty:
    empty_selection(filters, lang)

counts = headline_counts(events, filters.end)
cols = st.columns(4)
cols[0].metric(t("m_events", lang), counts.events)
cols[1].metric(t("m_coups", lang), counts.coups)
cols[2].metric(t("m_bases", lang, day=format_date(filters.end, lang)), counts.bases_active)
cols[3].metric(
    t("m_fatalities", lang),
    f"{counts.fatalities:,}".replace(",", " " if lang == "fr" else ","),
    help=t("m_fatalities_help", lang, count=counts.events_with_fatalities),
)

if not events.empty:
    st.subheader(t("per_year", lang), anchor=False)
    per_year = build_events_per_year(events, filters.start, filters.end, lang)
    st.plotly_chart(per_year, width="stretch", config=plotly_config(lang))
    image_buttons(per_year, t("per_year", lang), "events-per-year")

st.subheader(t("explore", lang), anchor=False)
st.page_link("pages/1_Map.py", label=t("link_map", lang), icon=":material/map:")
st.page_link("pages/2_Timeline.py", label=t("link_timeline", lang), icon=":material/timeline:")
st.page_link("pages/3_Data.py", label=t("link_data", lang), icon=":material/download:")
st.page_link("pages/5_Compare.py", label=t("link_compare", lang), icon=":material/compare:")
st.page_link("pages/6_Analysis.py", label=t("link_analysis", lang), icon=":material/query_stats:")
st.page_link("pages/7_Stories.py", label=t("link_stories", lang), icon=":material/auto_stories:")
st.page_link("pages/4_About.py", label=t("link_about", lang), icon=":material/info:")
