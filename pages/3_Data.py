"""Data and downloads: the filtered table and exactly those rows as CSV or GeoJSON."""

import streamlit as st

from sahel_atlas.export import as_records, to_csv_bytes, to_geojson_bytes
from sahel_atlas.filters import describe, file_stem
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

stem = file_stem(filters)
left, right = st.columns(2)
left.download_button(
    "Download CSV",
    to_csv_bytes(events),
    file_name=f"{stem}.csv",
    mime="text/csv",
    on_click="ignore",
    width="stretch",
    type="primary",
)
right.download_button(
    "Download GeoJSON",
    to_geojson_bytes(events, describe(filters, data.country_names)),
    file_name=f"{stem}.geojson",
    mime="application/geo+json",
    on_click="ignore",
    width="stretch",
)
st.caption(
    "Both files hold exactly the rows in the table above, in the columns of data/events.csv "
    "(UTF-8). The columns are documented in data/README.md."
)
