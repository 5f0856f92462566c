"""Timeline: governments, operations and bases in groups by actor, events by category; zoom, open, click to select."""

from datetime import date
from zlib import crc32

import streamlit as st

from sahel_atlas.charts import (
    OPEN_PREFIX,
    build_timeline,
    default_period,
    month_end,
    period_months,
    regime_countries,
    timeline_groups,
)
from sahel_atlas.chrome import plotly_config
from sahel_atlas.codebook import DATA_CUTOFF, DATA_START
from sahel_atlas.escape import md_text
from sahel_atlas.i18n import format_date, t
from sahel_atlas.state import as_of_in
from sahel_atlas.ui import (
    current,
    empty_selection,
    filtered_events,
    image_buttons,
    on_widget,
    selection_sentence,
    set_filters,
    set_view,
    show_record,
    sidebar,
    view_link,
    widget_value,
)

data, filters, view = sidebar("timeline")
lang = view.lang
events = filtered_events(data, filters)


def set_period(months: tuple) -> None:
    set_view(period=(months[0], month_end(months[1])))


def set_groups(picked: list[str], offered: list[str]) -> None:
    """The open groups: those picked among the offered ones, and those open but not offered by this selection."""
    kept = tuple(group for group in current()[1].groups if group not in offered)
    set_view(groups=kept + tuple(picked))


def period_as_filter(first: date, last: date) -> None:
    set_filters(start=first, end=last)
    set_view()


st.title(t("timeline", lang), anchor=False)
selection_sentence(data, filters, view, len(events))
if events.empty:
    empty_selection(filters, lang)
else:
    months = period_months()
    shown = view.period or default_period(filters.start, filters.end)
    picked = (max(d for d in months if d <= shown[0]), max(d for d in months if d <= shown[1]))
    widget_value(f"w_period_{lang}", picked)
    st.select_slider(
        t("timeline_period", lang),
        months,
        value=(months[0], months[-1]),  # two values: a range (the state's, set above, is what shows)
        format_func=lambda day: format_date(day, lang, "month"),
        key=f"w_period_{lang}",  # a select slider keeps its value as its shown text, which changes with the language
        help=t("timeline_period_help", lang),
        on_change=lambda: on_widget(f"w_period_{lang}", set_period),
    )
    left, right = st.columns(2)
    first, last = max(shown[0], DATA_START), min(shown[1], DATA_CUTOFF)  # as a filter, inside the data's dates
    left.button(
        t("timeline_use_period", lang),
        on_click=period_as_filter,
        args=(first, last),
        disabled=first > last,  # a period outside the data's dates
        width="stretch",
    )
    if view.period is not None:
        right.button(t("timeline_whole_range", lang), on_click=lambda: set_view(period=None), width="stretch")

    regimes = regime_countries(events, data.dataset.regimes, filters.countries)
    countries = regimes["country"].nunique()
    groups = timeline_groups(events, lang, data.actor_names(lang), countries)
    if groups:
        offered = [group.key for group in groups]
        names = {group.key: md_text(f"{group.name} ({group.lanes})") for group in groups}  # buttons read Markdown
        key = f"w_groups_{lang}_{crc32('|'.join(offered).encode())}"  # new options, new widget
        widget_value(key, [group for group in view.groups if group in offered])
        st.pills(
            t("timeline_groups", lang),
            offered,
            selection_mode="multi",
            format_func=names.get,
            key=key,
            help=t("timeline_groups_help", lang),
            on_change=lambda: on_widget(key, lambda picked: set_groups(picked, offered)),
        )
    timeline = build_timeline(
        events,
        filters.start,
        filters.end,
        lang,
        view.event,
        as_of_in(view, filters),
        data.actor_names(lang),
        shown,
        view.groups,
        regimes,
        data.country_names(lang),
    )
    chosen = st.plotly_chart(
        timeline,
        width="stretch",
        config=plotly_config(lang),
        on_select="rerun",
        selection_mode="points",
        # a new selection or group redraws the chart with its highlight, and a stale click cannot act again
        key=f"timeline-{view.event}-{crc32('|'.join(view.groups).encode())}",
    )
    points = chosen.selection.points if chosen else []
    clicked = points[0]["customdata"][0] if points else ""
    if clicked.startswith(OPEN_PREFIX) and clicked.removeprefix(OPEN_PREFIX) not in view.groups:
        set_view(groups=(*view.groups, clicked.removeprefix(OPEN_PREFIX)))
        st.rerun()
    elif clicked and not clicked.startswith(OPEN_PREFIX) and clicked != view.event:
        set_view(event=clicked)
        st.rerun()
    st.caption(t("timeline_caption", lang))
    image_buttons(timeline, t("timeline", lang), "timeline")

selected = data.events[data.events["event_id"] == view.event]
if not selected.empty:
    show_record(selected.iloc[0], data, lang, view_link(filters, view))
