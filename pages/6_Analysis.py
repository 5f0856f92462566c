"""Questions analysts ask, answered from the selection: coups per year, regimes as eras, French troops per year with a
total, fatalities, actors."""

import streamlit as st

from sahel_atlas.analysis import (
    actors_figure,
    coups_figure,
    coups_per_year,
    eras_figure,
    events_by_actor,
    fatalities_figure,
    fatalities_per_year,
    regime_eras,
    troops_figure,
    troops_per_year,
)
from sahel_atlas.i18n import t
from sahel_atlas.ui import chart_with_source, empty_selection, filtered_events, selection_sentence, sidebar

data, filters, view = sidebar("analysis")
lang = view.lang
events = filtered_events(data, filters)
countries, actors = data.country_names(lang), data.actor_names(lang)

st.title(t("analysis", lang), anchor=False)
selection_sentence(data, filters, view, len(events))
if events.empty:
    empty_selection(filters, lang)

coups = coups_per_year(events, filters.start, filters.end)
chart_with_source(
    t("coups_question", lang), coups_figure(coups, filters.start, filters.end, countries, lang), coups, "coups-per-year"
)
eras = regime_eras(data.dataset.regimes, filters.start, filters.end, filters.countries)
chart_with_source(t("eras_question", lang), eras_figure(eras, countries, lang), eras, "regimes", cited_by="rows")
troops = troops_per_year(data.dataset.strength, "France", filters.start, filters.end, filters.countries)
troops_chart = troops_figure(troops, filters.start, filters.end, lang)
chart_with_source(t("troops_question", lang), troops_chart, troops, "troops-france", cited_by="rows")
st.caption(t("troops_rule", lang))
by = st.radio(
    t("fatalities_by", lang),
    ["country", "category"],
    format_func={"country": t("by_country", lang), "category": t("by_category", lang)}.get,
    horizontal=True,
    key="w_fatalities_by",
)
fatalities = fatalities_per_year(events, filters.start, filters.end, by)
names = countries if by == "country" else {}
chart_with_source(
    t("fatalities_question", lang),
    fatalities_figure(fatalities, by, filters.start, filters.end, names, lang),
    fatalities,
    f"fatalities-by-{by}",
)
by_actor = events_by_actor(events, actors)
chart_with_source(t("actors_question", lang), actors_figure(by_actor, lang), by_actor, "events-by-actor")
