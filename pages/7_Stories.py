"""Guided stories: one step at a time, the map as of the step's event, the story's timeline and the event's record,
with Previous and Next (and the ← and → keys); each step has its own link. Stories tell the whole record: the
sidebar's filters do not apply to them."""

from datetime import timedelta

import streamlit as st
from streamlit_folium import st_folium

from sahel_atlas.charts import build_timeline
from sahel_atlas.chrome import plotly_config
from sahel_atlas.codebook import DATA_START
from sahel_atlas.escape import md_text
from sahel_atlas.i18n import t
from sahel_atlas.mapview import (
    build_base_map,
    legend_html,
    tooltip_text,
    window_start,
)
from sahel_atlas.ui import (
    dated_layers,
    on_widget,
    problems_panel,
    set_view,
    show_record,
    sidebar,
    view_link,
    widget_value,
)

data, filters, view = sidebar("stories")
lang = view.lang
st.title(t("stories", lang), anchor=False)
st.caption(t("stories_whole_record", lang))
problems_panel(data.story_problems, lang)
if not data.stories:
    st.info(t("no_story", lang))
    st.stop()

story = data.stories.get(view.story) or next(iter(data.stories.values()))
story_key = f"w_story_{lang}"  # a box per language, as the Map's window box (pages/1_Map.py)
widget_value(story_key, story.id)
st.selectbox(
    t("story", lang),
    list(data.stories),
    format_func=lambda story_id: data.stories[story_id].title[lang],
    key=story_key,
    on_change=lambda: on_widget(story_key, lambda picked: set_view(story=picked, step=1)),
)
st.markdown(md_text(story.summary[lang]))

count = len(story.steps)
step = min(max(view.step, 1), count)
if (view.story, view.step) != (story.id, step):  # a link without a story, or past its last step: say which is shown
    set_view(story=story.id, step=step)
event = data.events[data.events["event_id"] == story.steps[step - 1]].iloc[0]
day = event["start_date"].date()
back, where, forward = st.columns([1, 2, 1], vertical_alignment="center")
back.button(
    t("story_previous", lang),
    icon=":material/arrow_back:",
    key="story_prev",
    disabled=step == 1,
    width="stretch",
    on_click=lambda: set_view(story=story.id, step=step - 1),
)
where.markdown(f"**{t('story_step', lang, step=step, count=count)}** · {md_text(t('story_keys', lang))}")
forward.button(
    t("story_next", lang),
    icon=":material/arrow_forward:",
    key="story_next",
    disabled=step == count,
    width="stretch",
    on_click=lambda: set_view(story=story.id, step=step + 1),
)

st.subheader(tooltip_text(event, lang), anchor=False)  # the step's event: its dates and title

events = data.events
window = window_start(day, 12, DATA_START)  # the whole record: the filters do not apply to stories
layers = dated_layers(data, events, day, window, lang, event["event_id"])
st_folium(
    build_base_map(story.region, lang),
    key=f"story-map-{story.id}-{lang}",
    feature_group_to_add=layers,
    returned_objects=[],
    height=480,
    use_container_width=True,
)
st.html(legend_html(lang))

told = events[events["event_id"].isin(story.steps)]
first, last = told["start_date"].min().date(), told["start_date"].max().date()
timeline = build_timeline(
    told, first - timedelta(days=31), last + timedelta(days=31), lang, event["event_id"], day, data.actor_names(lang)
)
st.plotly_chart(timeline, width="stretch", config=plotly_config(lang), key="story-timeline")
show_record(event, data, lang, view_link(filters, view))
