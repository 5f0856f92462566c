"""About the data: version, coverage, method, sources, how to cite and how to report an error."""

import streamlit as st

from sahel_atlas.charts import build_events_by_country, build_events_per_year
from sahel_atlas.codebook import DATA_CUTOFF, DATA_START
from sahel_atlas.summary import citation, source_domains
from sahel_atlas.ui import DATA_DIR, sidebar

data, _ = sidebar("About the data")
events, metadata = data.events, data.dataset.metadata

st.title("About the data", anchor=False)
st.markdown(
    f"**{metadata['title']}** — version **{metadata['version']}**, cut-off {metadata['cutoff']}, released "
    f"{metadata['released']}, licence {metadata['licence']}. {len(events)} events, "
    f"{len(data.dataset.actors)} actors, {len(data.dataset.operations)} operations; every event cites the "
    "sources it was checked against. This page describes the whole dataset, whatever the filters."
)

st.subheader("Coverage", anchor=False)
left, right = st.columns([3, 2])
left.plotly_chart(build_events_per_year(events, DATA_START, DATA_CUTOFF), width="stretch")
right.plotly_chart(build_events_by_country(events, data.country_names), width="stretch")

st.subheader("How to cite", anchor=False)
st.code(citation(metadata), language=None, wrap_lines=True)
st.markdown(
    "For a single fact, cite the sources listed in its row as well: Sahel Atlas records where each fact "
    "comes from, it is not itself the original source. Downloads carry the version in their file name "
    "and a metadata file."
)

st.subheader("Report an error", anchor=False)
st.markdown(
    "Open an issue in the Sahel Atlas repository with the event's `event_id` (shown in every record and "
    "download), what is wrong, and a source that shows the correct fact. Corrections are listed in the "
    "changelog of the data dictionary below and in the next version's number."
)

st.subheader("Sources", anchor=False)
domains = source_domains(events)
st.markdown(f"{len(domains)} websites are cited. The most cited:")
st.dataframe(domains.head(40), hide_index=True, width="stretch")

st.subheader("Method and data dictionary", anchor=False)
with st.expander("data/README.md: columns, vocabularies, sourcing method, coverage, known gaps, changelog"):
    st.markdown((DATA_DIR / "README.md").read_text(encoding="utf-8"))
