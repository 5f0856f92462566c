"""Map: the filtered events and the bases as held on a chosen date, drawn offline."""

import folium
import streamlit as st
from streamlit_folium import st_folium

from sahel_atlas.codebook import DEFAULT_REGION, REGIONS
from sahel_atlas.mapview import build_base_map, build_event_layers, legend_html, tooltip_text
from sahel_atlas.ui import filtered_events, parse_day, selection_sentence, show_record, sidebar

data, filters = sidebar("Map")
events = filtered_events(data, filters)

st.title("Map", anchor=False)
selection_sentence(data, filters, len(events))

if "region" not in st.session_state:
    asked = st.query_params.get("region")
    st.session_state.region = asked if asked in REGIONS else DEFAULT_REGION
if "as_of" not in st.session_state:
    st.session_state.as_of = parse_day(st.query_params.get("asof", ""), filters.end)
st.session_state.as_of = st.session_state.as_of

left, right = st.columns([3, 2])
left.radio("Region", list(REGIONS), key="region", horizontal=True)
right.date_input(
    "Bases as of",
    key="as_of",
    min_value=filters.start,
    max_value=filters.end,
    format="YYYY-MM-DD",
    help="Bases held on this date are filled; closed ones are dashed.",
)
as_of = st.session_state.as_of
st.query_params["region"] = st.session_state.region
st.query_params["asof"] = as_of.isoformat()

base_map = build_base_map(data.geography, st.session_state.region)
clicked = st_folium(
    base_map,
    key=f"map-{st.session_state.region}",
    feature_group_to_add=build_event_layers(events, as_of),
    layer_control=folium.LayerControl(collapsed=True),
    returned_objects=["last_object_clicked_tooltip"],
    height=560,
    use_container_width=True,
)
st.markdown(legend_html(), unsafe_allow_html=True)

tooltip = (clicked or {}).get("last_object_clicked_tooltip")
matches = events[[tooltip_text(e) == tooltip for _, e in events.iterrows()]] if tooltip else events.iloc[0:0]
if matches.empty:
    st.info("Click a marker to see its full record here.")
for _, event in matches.iterrows():
    show_record(event, data.country_names)
