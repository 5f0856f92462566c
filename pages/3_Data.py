"""Data and downloads: the filtered table and exactly those rows as CSV or GeoJSON."""

from datetime import UTC, datetime

import streamlit as st

from sahel_atlas.citation import citation_text
from sahel_atlas.datapackage import LICENCES, selection_descriptor
from sahel_atlas.escape import md_text, safe_url
from sahel_atlas.export import (
    as_records,
    snapshot_metadata,
    to_bundle_bytes,
    to_csv_bytes,
    to_geojson_bytes,
    to_metadata_bytes,
    to_xlsx_bytes,
)
from sahel_atlas.filters import describe, file_stem
from sahel_atlas.i18n import COLUMN_LABELS, t
from sahel_atlas.state import query_string
from sahel_atlas.ui import empty_selection, filtered_events, selection_sentence, sidebar, view_link

data, filters, view = sidebar("data")
lang = view.lang
events = filtered_events(data, filters)

st.title(t("data", lang), anchor=False)
selection_sentence(data, filters, view, len(events))
if events.empty:
    empty_selection(filters, lang)
    st.stop()

table = as_records(events)
table.insert(list(table.columns).index("sources"), "first_source", table["sources"].str.split().str[0].map(safe_url))
st.dataframe(
    table,
    hide_index=True,
    width="stretch",
    column_config={
        **{column: st.column_config.Column(label) for column, label in COLUMN_LABELS[lang].items()},
        "first_source": st.column_config.LinkColumn(t("first_source", lang)),
        "sources": st.column_config.TextColumn(t("all_sources", lang)),
    },
)

metadata = data.dataset.metadata
now = datetime.now(UTC)
link = view_link(filters, view)
selection = describe(filters, data.country_names(lang), lang)
citation = citation_text(metadata, link, now.date(), lang)
snapshot = snapshot_metadata(metadata, selection, query_string(filters, view), len(events), now, link, citation)
licence_url = LICENCES.get(metadata["licence"], {}).get("path", "")
stem = file_stem(filters, metadata["version"])
downloads = (
    (t("download_csv", lang), to_csv_bytes(events), "csv", "text/csv"),
    (
        t("download_xlsx", lang),
        to_xlsx_bytes(events, snapshot, now),
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    (t("download_geojson", lang), to_geojson_bytes(events, snapshot), "geojson", "application/geo+json"),
    (t("download_metadata", lang), to_metadata_bytes(snapshot), "metadata.json", "application/json"),
    (
        t("download_bundle", lang),
        to_bundle_bytes(events, snapshot, selection_descriptor(metadata, selection), licence_url),
        "zip",
        "application/zip",
    ),
)
for column, (label, content, extension, mime) in zip(st.columns(len(downloads)), downloads, strict=True):
    column.download_button(
        label,
        content,
        file_name=f"{stem}.{extension}",
        mime=mime,
        on_click="ignore",
        width="stretch",
        type="primary" if extension == "csv" else "secondary",
    )
if lang != "en":  # the default CSV keeps the dataset's column names, for scripts
    st.download_button(
        t("download_csv_labelled", lang),
        to_csv_bytes(events, COLUMN_LABELS[lang]),
        file_name=f"{stem}_{lang}.csv",
        mime="text/csv",
        on_click="ignore",
    )
st.caption(t("data_caption", lang, version=md_text(metadata["version"]), cutoff=md_text(metadata["cutoff"])))
