"""About the data: version, coverage, troop strength, how to cite, how to report an error, method."""

from datetime import UTC, datetime

import streamlit as st

from sahel_atlas.charts import build_events_by_country, build_events_per_year, build_strength_chart
from sahel_atlas.chrome import plotly_config
from sahel_atlas.citation import citation_text
from sahel_atlas.codebook import DATA_CUTOFF, DATA_START
from sahel_atlas.escape import md_text
from sahel_atlas.filters import Filters, slug
from sahel_atlas.i18n import colon, format_date, t
from sahel_atlas.summary import source_domains
from sahel_atlas.ui import DATA_DIR, filtered_events, image_buttons, sidebar, view_link

data, _, view = sidebar("about")
lang = view.lang
events, metadata, dataset = data.events, data.dataset.metadata, data.dataset

st.title(t("about", lang), anchor=False)
st.markdown(
    t(
        "about_intro",
        lang,
        events=len(events),
        actors=len(dataset.actors),
        operations=len(dataset.operations),
        **{key: md_text(value) for key, value in metadata.items()},
    )
)
default = Filters()
shown = len(filtered_events(data, default))
if shown < len(events):
    start, end = format_date(default.start, lang), format_date(default.end, lang)
    st.markdown(
        t("about_default_view", lang, start=start, end=end, shown=shown, events=len(events), other=len(events) - shown)
    )

st.subheader(t("coverage", lang), anchor=False)
left, right = st.columns([3, 2])
chart_config = plotly_config(lang)
left.plotly_chart(build_events_per_year(events, DATA_START, DATA_CUTOFF, lang), width="stretch", config=chart_config)
right.plotly_chart(
    build_events_by_country(events, data.country_names(lang), lang), width="stretch", config=chart_config
)

st.subheader(t("strength", lang), anchor=False)
forces = list(dict.fromkeys(dataset.strength["force"]))
force = st.selectbox(
    t("strength_force", lang),
    forces,
    index=forces.index("France") if "France" in forces else 0,
    format_func=lambda name: data.actor_names(lang).get(name, name),
    placeholder=t("choose", lang),
)
strength = build_strength_chart(dataset.strength, force, lang)
st.plotly_chart(strength, width="stretch", config=chart_config)
st.caption(t("strength_caption", lang))
force_name = data.actor_names(lang).get(force, force)
image_buttons(strength, f"{t('strength', lang)}{colon(lang)} {force_name}", f"troop-strength-{slug(force)}")

st.subheader(t("cite", lang), anchor=False)
st.markdown(md_text(citation_text(metadata, view_link(Filters(), view), datetime.now(UTC).date(), lang)))
st.markdown(t("cite_note", lang))

st.subheader(t("report", lang), anchor=False)
st.markdown(t("report_text", lang))

st.subheader(t("sources_title", lang), anchor=False)
domains = source_domains(events)
st.markdown(t("sources_count", lang, count=len(domains)))
st.dataframe(
    domains.head(40).set_axis([t("website", lang), t("citing_events", lang)], axis=1), hide_index=True, width="stretch"
)

st.subheader(t("method", lang), anchor=False)
with st.expander(t("method_expander", lang)):
    st.markdown((DATA_DIR / "README.md").read_text(encoding="utf-8"))
