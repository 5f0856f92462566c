"""Data and downloads: the filtered table and exactly those rows as CSV or GeoJSON."""

from datetime import UTC, datetime

import streamlit as st

from sahel_atlas.export import as_records, snapshot_metadata, to_csv_bytes, to_geojson_bytes, to_metadata_bytes
from sahel_atlas.filters import describe, file_stem
from sahel_atlas.i18n import t
from sahel_atlas.state import query_string
from sahel_atlas.ui import filtered_events, selection_sentence, sidebar

data, filters, view = sidebar("data")
lang = view.lang
events = filtered_events(data, filters)

st.title(t("data", lang), anchor=False)
selection_sentence(data, filters, view, len(events))

table = as_records(events)
table.insert(list(table.columns).index("sources"), "first_source", table["sources"].str.split().str[0])
st.dataframe(
    table,
    hide_index=True,
    width="stretch",
    column_config={
        "first_source": st.column_config.LinkColumn(t("first_source", lang)),
        "sources": st.column_config.TextColumn(t("all_sources", lang)),
    },
)

metadata = data.dataset.metadata
snapshot = snapshot_metadata(
    metadata,
    describe(filters, data.country_names(lang), lang),
    query_string(filters, view),
    len(events),
    datetime.now(UTC),
)
stem = file_stem(filters, metadata["version"])
csv_column, geojson_column, metadata_column = st.columns(3)
csv_column.download_button(
    t("download_csv", lang),
    to_csv_bytes(events),
    file_name=f"{stem}.csv",
    mime="text/csv",
    on_click="ignore",
    width="stretch",
    type="primary",
)
geojson_column.download_button(
    t("download_geojson", lang),
    to_geojson_bytes(events, snapshot),
    file_name=f"{stem}.geojson",
    mime="application/geo+json",
    on_click="ignore",
    width="stretch",
)
metadata_column.download_button(
    t("download_metadata", lang),
    to_metadata_bytes(snapshot),
    file_name=f"{stem}.metadata.json",
    mime="application/json",
    on_click="ignore",
    width="stretch",
)
st.caption(t("data_caption", lang, version=metadata["version"], cutoff=metadata["cutoff"]))
