"""Data and downloads: the filtered table and exactly those rows as CSV or GeoJSON."""

from datetime import UTC, datetime

import streamlit as st

from sahel_atlas.export import as_records, snapshot_metadata, to_csv_bytes, to_geojson_bytes, to_metadata_bytes
from sahel_atlas.filters import describe, file_stem, query_string
from sahel_atlas.ui import filtered_events, selection_sentence, sidebar

data, filters = sidebar("Data")
events = filtered_events(data, filters)

st.title("Data and downloads", anchor=False)
selection_sentence(data, filters, len(events))

table = as_records(events)
table.insert(list(table.columns).index("sources"), "first_source", table["sources"].str.split().str[0])
st.dataframe(
    table,
    hide_index=True,
    width="stretch",
    column_config={
        "first_source": st.column_config.LinkColumn("first source", help="Opens the first cited source"),
        "sources": st.column_config.TextColumn("all sources"),
    },
)

metadata = data.dataset.metadata
snapshot = snapshot_metadata(
    metadata, describe(filters, data.country_names), query_string(filters), len(events), datetime.now(UTC)
)
stem = file_stem(filters, metadata["version"])
csv_column, geojson_column, metadata_column = st.columns(3)
csv_column.download_button(
    "Download CSV",
    to_csv_bytes(events),
    file_name=f"{stem}.csv",
    mime="text/csv",
    on_click="ignore",
    width="stretch",
    type="primary",
)
geojson_column.download_button(
    "Download GeoJSON",
    to_geojson_bytes(events, snapshot),
    file_name=f"{stem}.geojson",
    mime="application/geo+json",
    on_click="ignore",
    width="stretch",
)
metadata_column.download_button(
    "Download metadata (JSON)",
    to_metadata_bytes(snapshot),
    file_name=f"{stem}.metadata.json",
    mime="application/json",
    on_click="ignore",
    width="stretch",
)
st.caption(
    f"The files hold exactly the rows in the table above, in the columns of data/events.csv (UTF-8), from "
    f"dataset version {metadata['version']} (cut-off {metadata['cutoff']}). The CSV stays plain for "
    "spreadsheets; its metadata file records the dataset version, the selection, the link that reproduces "
    "it and the export time. Columns are documented in data/README.md."
)
