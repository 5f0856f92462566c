"""Every page as a user meets it, under Streamlit's AppTest."""

import json
import re
import shutil
from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from sahel_atlas import ui
from sahel_atlas.codebook import EVENT_COLUMNS
from tests.conftest import ROOT
from tests.test_loading import rewrite_cell

PAGES = ["dashboard.py", "pages/1_Map.py", "pages/2_Timeline.py", "pages/3_Data.py", "pages/4_About.py"]
PAGES += ["pages/5_Compare.py", "pages/6_Analysis.py", "pages/7_Stories.py"]
TIMEOUT = 60


def run(page, **query):
    at = AppTest.from_file(str(ROOT / page), default_timeout=TIMEOUT)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def query_values(at, key):
    """The URL's values for `key` (AppTest keeps a single value as a plain string)."""
    value = at.query_params[key]
    return [value] if isinstance(value, str) else list(value)


def metric(at, label):
    return next(m.value for m in at.metric if m.label == label)


def map_args(at):
    [component] = [e for e in at.main if getattr(e, "type", "") == "component_instance"]
    return json.loads(component.proto.json_args)


def map_layers(at):
    """The data each dated layer hands to the map client (static/sahel/atlas.js): part -> data."""
    script = map_args(at)["feature_group"]
    return {part: json.loads(data) for part, data in re.findall(r'SahelAtlas\.show\(\w+, "(\w+)", (.*?)\);\n', script)}


def marker_count(at):
    markers = map_layers(at)["markers"]
    return (len(markers["events"]) + len(markers["bases"])) // 2  # [catalogue row, icon, row, icon, ...]


def shown_markers(at, part):
    """The markers of `part` as the map client reads them: each catalogue row's fields by name (the catalogue is
    the file the page names, under static/published/), with `icon`: its [svg, size]."""
    markers = map_layers(at)["markers"]
    catalogue = json.loads((ROOT / "static" / markers["catalogue"].removeprefix("/app/static/")).read_text("utf-8"))
    columns = dict(zip(catalogue["fields"], catalogue["columns"], strict=True))
    pairs = zip(markers[part][::2], markers[part][1::2], strict=True)
    return [{**{f: v[row] for f, v in columns.items()}, "icon": markers["icons"][icon]} for row, icon in pairs]


def plotted_points(at):
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    return sum(len(trace.get("customdata") or []) for trace in spec["data"])


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_without_exception(page):
    at = run(page)
    assert not at.exception
    assert not at.error, [e.value for e in at.error]
    assert at.sidebar.multiselect[0].label == "Actors"


def test_overview_counts_follow_a_filter():
    at = run("dashboard.py")
    events_before = int(metric(at, "Events"))
    coups_before = int(metric(at, "Coups and attempts"))
    assert events_before >= 80 and 0 < coups_before < events_before
    at.sidebar.multiselect(key="w_categories").select("coup").run()
    assert int(metric(at, "Events")) == coups_before
    assert "coup or attempt events" in at.markdown[1].value


def test_a_filter_changes_map_timeline_and_table():
    for page, measure in (
        ("pages/1_Map.py", marker_count),
        ("pages/2_Timeline.py", plotted_points),
        ("pages/3_Data.py", lambda at: len(at.dataframe[0].value)),
    ):
        at = run(page)
        before = measure(at)
        at.sidebar.multiselect(key="w_actors").select("Wagner Group").run()
        after = measure(at)
        assert not at.exception
        assert 0 < after < before, page


def test_table_and_download_agree_with_the_filter():
    at = run("pages/3_Data.py", actor="France", **{"from": "2020-01-01", "to": "2022-12-31"})
    table = at.dataframe[0].value
    assert len(table) > 0
    assert table["actors"].str.contains("France").all()
    assert (table["start_date"] <= "2022-12-31").all()
    assert "involving France" in at.markdown[0].value


def test_filters_survive_a_page_change_and_reach_the_url():
    at = run("dashboard.py")
    at.sidebar.multiselect(key="w_countries").select("NER").run()
    at.switch_page("pages/3_Data.py").run()
    assert not at.exception
    assert at.sidebar.multiselect(key="w_countries").value == ["NER"]
    assert query_values(at, "country") == ["NER"]
    assert at.dataframe[0].value["countries"].str.contains("NER").all()


def test_a_link_restores_the_view_and_bad_values_get_a_notice():
    at = run("dashboard.py", actor=["Wagner Group", "Atlantis"], category="coup", to="2031-01-01")
    assert at.sidebar.multiselect(key="w_actors").value == ["Wagner Group"]
    assert at.sidebar.multiselect(key="w_categories").value == ["coup"]
    notices = [w.value for w in at.warning]
    assert any("Atlantis" in n for n in notices) and any("2031-01-01" in n for n in notices)


def test_text_search_uses_aliases():
    at = run("pages/3_Data.py")
    at.sidebar.text_input(key="w_text").input("FAMa").run()
    table = at.dataframe[0].value
    by_alias = table["actors"].str.contains("Malian Armed Forces")
    text = table["title"] + " " + table["title_fr"] + " " + table["description"] + " " + table["notes"]
    names = r"\b(?:FAMa|Malian Armed Forces|Forces armées maliennes|Malian army|armée malienne)\b"
    by_text = text.str.contains(names, case=False)
    assert by_alias.sum() >= 5 and (by_alias | by_text).all()


def test_reset_clears_every_filter():
    at = run("dashboard.py", category="coup", q="Niamey")
    at.sidebar.button[0].click().run()
    assert at.sidebar.multiselect(key="w_categories").value == []
    assert at.sidebar.text_input(key="w_text").value == ""


def test_map_region_and_as_of_date():
    at = run("pages/1_Map.py", region="Niger", asof="2022-02-17")
    args = map_args(at)
    assert "[[11.5, 0.0], [23.6, 16.0]]" in args["script"]
    assert all(link.startswith("/app/static/") for link in args["js_links"] + args["css_links"])
    assert args["returned_objects"] == []  # the map client sends marker clicks itself
    assert at.date_input(key="w_asof").value.isoformat() == "2022-02-17"
    at.radio(key="w_region").set_value("Mali").run()
    assert "[[10.0, -12.5], [25.2, 4.5]]" in map_args(at)["script"]
    assert query_values(at, "region") == ["Mali"]
    assert query_values(at, "asof") == ["2022-02-17"]


def test_empty_selection_is_explained():
    at = run("pages/2_Timeline.py", q="zzzz-no-such-event")
    assert not at.exception
    assert "No event matches" in at.info[0].value


def test_bad_data_shows_one_panel_not_a_traceback(tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    rewrite_cell(data, "events.csv", 2, "date_precision", "fortnight")
    with (data / "events.csv").open("a", encoding="utf-8") as handle:
        handle.write("2016-01-01-broken-row,2016-01-01\n")
    monkeypatch.setattr(ui, "DATA_DIR", data)
    at = run("dashboard.py")
    assert not at.exception
    [panel] = at.error
    assert "2 problem(s)" in panel.value
    assert "events.csv, line 2: column `date_precision` value 'fortnight'" in panel.value.replace("\\", "")
    assert f"row has 2 fields, the header has {len(EVENT_COLUMNS)}" in panel.value
    assert int(metric(at, "Events")) > 0  # the rest is still shown


def test_missing_geography_is_a_message(tmp_path, monkeypatch):
    monkeypatch.setattr(ui, "GEO_DIR", tmp_path)
    at = run("dashboard.py")
    assert not at.exception
    assert "could not read its data or geography" in at.error[0].value


def test_about_page_shows_version_citation_and_coverage():
    at = run("pages/4_About.py")
    metadata = json.loads((ROOT / "data" / "dataset.json").read_text(encoding="utf-8"))
    assert f"version **{metadata['version']}**" in at.markdown[0].value
    [cite] = [m.value for m in at.main.markdown if "(accessed " in m.value]
    assert f"version {metadata['version']}" in cite.replace("\\", "") and metadata["publisher"] in cite
    assert any(metadata["licence"] in m.value for m in at.markdown)
    assert len(at.get("plotly_chart")) == 3  # per year, by country, troop strength
    sources = at.dataframe[0].value
    assert sources["events citing it"].iloc[0] >= sources["events citing it"].iloc[-1] > 0


def test_map_on_the_day_france_announced_it_was_leaving_mali():
    """On 2022-02-17 the map draws exactly the bases then held: in Mali, France's were Gao, Gossi, Ménaka."""
    at = run("pages/1_Map.py", asof="2022-02-17", actor="France", category="base", region="Mali")
    bases = shown_markers(at, "bases")
    held = sorted(row["title"] for row in bases)
    assert any("Gao" in h for h in held) and any("Gossi" in h for h in held) and any("Ménaka" in h for h in held)
    assert not any(place in h for h in held for place in ("Kidal", "Tessalit", "Timbuktu", "Madama"))
    [french] = {row["icon"][0] for row in bases}  # one French holder icon each
    assert ">FR</text>" in french
    at = run("pages/1_Map.py", asof="2022-02-17")
    operations = next(m.value for m in at.markdown if m.value.startswith("**Operations under way"))
    for operation in ("Barkhane", "MINUSMA", "EUTM Mali", "Takuba", "Wagner"):
        assert operation in operations


def test_regimes_shade_the_map_as_of_the_date():
    at = run("pages/1_Map.py", asof="2021-06-01")
    layers = map_args(at)["feature_group"]
    assert "Mali: Junta" in layers or "Mali: Military-led transition" in layers
    assert "Senegal: Civilian government" in layers


def test_french_interface_from_the_link_and_the_switch():
    at = run("pages/1_Map.py", lang="fr")
    assert at.title[0].value == "Carte"
    assert at.sidebar.header[0].value == "Filtres"
    assert '"boundaries","Frontières"' in map_args(at)["script"]  # the layer control, made by the map client
    assert "Tous les événements du" in at.markdown[0].value
    at.sidebar.radio(key="w_lang").set_value("en").run()
    assert at.title[0].value == "Map"
    assert "lang" not in at.query_params


def test_a_selected_event_is_ringed_on_the_map_and_shown_on_the_timeline():
    event_id = "2022-02-17-france-mali-withdrawal-announced"
    at = run("pages/1_Map.py", event=event_id)
    assert map_layers(at)["selected"]["ring"] is not None  # drawn in #C00000 by the map client
    assert any("France and European partners announce" in h.value for h in at.subheader)
    at = run("pages/2_Timeline.py", event=event_id, asof="2022-02-17")
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    ringed = [
        point
        for trace in spec["data"]
        if trace["type"] == "scatter"
        for point, colour in zip(trace["customdata"], trace["marker"]["line"]["color"], strict=True)
        if colour == "#C00000"
    ]
    assert [point[0] for point in ringed] == [event_id]
    assert [s["x0"] for s in spec["layout"]["shapes"] if s["type"] == "line"] == ["2022-02-17"]
    assert query_values(at, "event") == [event_id]


def test_the_copy_link_button_copies_the_address_bar():
    """The address bar is the one link to the view (it follows every change); the button copies it at the click."""
    at = run("pages/1_Map.py", actor="Wagner Group", asof="2023-01-01", lang="fr")
    assert query_values(at, "actor") == ["Wagner Group"] and query_values(at, "asof") == ["2023-01-01"]
    [button] = [e for e in at.sidebar if e.type == "iframe"]
    assert "Copier le lien de cette vue" in button.proto.srcdoc
    assert "navigator.clipboard.writeText(address)" in button.proto.srcdoc
    assert "const address = window.parent.location.href;" in button.proto.srcdoc


def test_play_button_starts_and_stops_playback():
    at = run("pages/1_Map.py", asof="2022-01-17")
    at.button[0].click().run()
    assert at.session_state["playing"] is True
    assert at.button[0].label == "Pause"
    at.button[0].click().run()
    assert at.session_state["playing"] is False


# -- sidebar widgets that do what the user did (issue 7) --


def test_no_multiselect_bulk_selects_on_enter():
    """With "Select all matches" shown, Enter after typing selects every fuzzy match: it is off everywhere."""
    for page in PAGES:
        at = run(page)
        boxes = [*at.sidebar.multiselect, *at.main.multiselect]
        assert boxes, page
        for box in boxes:
            assert box.proto.select_all == 0, (page, box.label)


def test_actor_options_are_short_and_operations_lead_to_their_actor():
    at = run("pages/3_Data.py")
    box = at.sidebar.multiselect(key="w_actors")
    assert "Malian Armed Forces · FAMa" in box.options
    actors = ui.load_app_data().dataset.actors["actor"]
    assert all(len(label) <= 32 or label in set(actors) for label in box.options if "→" not in label)
    assert "Operation Barkhane → France" in box.options and "Operation Mirador → Beninese Armed Forces" in box.options
    box.select("operation:Barkhane").run()
    assert at.sidebar.multiselect(key="w_actors").value == ["France"]
    assert at.sidebar.text_input(key="w_text").value == "Barkhane"
    assert query_values(at, "actor") == ["France"] and query_values(at, "q") == ["Barkhane"]
    at.sidebar.multiselect(key="w_actors").select("operation:Mirador").run()
    assert at.sidebar.multiselect(key="w_actors").value == ["France", "Beninese Armed Forces"]
    assert at.sidebar.text_input(key="w_text").value == "Mirador"


def clear_cache_as_the_menu_does(at):
    """What the server does on the menu's "Clear cache": clear the caches and the whole session state,
    while the browser keeps its widgets and their values (AppTest's own bookkeeping key is kept)."""
    import streamlit as st
    from streamlit.runtime.state.common import TESTING_KEY

    for kind in ("date_input", "multiselect", "text_input", "text_area", "radio"):
        for widget in getattr(at, kind):
            widget.set_value(widget.value)  # the values the browser will send
    st.cache_data.clear()
    st.cache_resource.clear()
    testing = at._session_state[TESTING_KEY]
    at._session_state._state.clear()
    at._session_state[TESTING_KEY] = testing


KIND = {"w_lang": "radio", "w_countries": "multiselect", "w_dates": "date_input"}


@pytest.mark.parametrize(("key", "value"), [("w_lang", "fr"), ("w_countries", ["MLI"]), ("w_dates", "2020-06-30")])
def test_a_widget_used_after_the_cache_was_cleared_raises_nothing(key, value):
    from datetime import date

    at = run("pages/3_Data.py", country="NER")
    clear_cache_as_the_menu_does(at)
    value = (date(2020, 1, 1), date.fromisoformat(value)) if key == "w_dates" else value
    getattr(at.sidebar, KIND[key])(key=key).set_value(value)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.dataframe[0].value["countries"].str.contains("NER").all()  # the state came back from the address
    assert query_values(at, "country") == ["NER"]


def test_a_corrected_data_file_is_read_without_a_restart(tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    monkeypatch.setattr(ui, "DATA_DIR", data)
    at = run("pages/3_Data.py")
    first = at.dataframe[0].value.iloc[0]
    rewrite_cell(data, "events.csv", 2, "title", "A corrected title")
    at.run()
    assert at.dataframe[0].value.set_index("event_id").loc[first["event_id"], "title"] == "A corrected title"
    # another kind of correction: a new actor alias reaches the actor box
    rewrite_cell(data, "actors.csv", 2, "aliases", "Opération Serval")
    at.run()
    assert "France · Opération Serval" in at.sidebar.multiselect(key="w_actors").options


@pytest.mark.parametrize("category", ["base", "deployment", "attack", "coup"])
def test_the_timeline_draws_a_single_category(category):
    """A selection of spans only (bases) or of points only (coups) draws, with no error: a spans-only
    selection used to fail on an empty lane column."""
    at = run("pages/2_Timeline.py", category=category)
    assert not at.exception
    assert len(at.get("plotly_chart")) == 1


def test_french_readers_can_download_french_column_headers():
    """In French the Data page adds a CSV with French headers; in English only the dataset's names."""
    labels = {b.label for b in run("pages/3_Data.py", lang="fr").main.get("download_button")}
    assert "Télécharger le CSV avec les en-têtes en français" in labels and "Télécharger le CSV" in labels
    labels = {b.label for b in run("pages/3_Data.py").main.get("download_button")}
    assert not any("French column headers" in label for label in labels)


def test_a_removed_catalogue_file_is_written_again():
    """static/published/ may be cleaned while the app runs: the next view writes its catalogue again."""
    data = ui.load_app_data()
    catalogue = data.marker_catalogue("fr")
    path = ROOT / "static" / catalogue.url.removeprefix("/app/static/")
    assert path.is_file() and data.marker_catalogue("fr") is catalogue  # built once
    path.unlink()
    again = data.marker_catalogue("fr")
    assert again.url == catalogue.url and path.is_file()


def test_compare_two_dates_from_the_link():
    """The issue's example: Mali, 1 June 2021 against 31 December 2022, both maps, the changes listed, the CSV."""
    at = run("pages/5_Compare.py", compare="2021-06-01", asof="2022-12-31", region="Mali", country="MLI")
    assert not at.exception and at.title[0].value == "Compare two dates"
    maps = [e for e in at.main if getattr(e, "type", "") == "component_instance"]
    assert len(maps) == 2
    [listed] = [m.value for m in at.markdown if "Gossi base" in m.value]
    assert "Gossi base: France → Wagner Group, 19 Apr 2022" in listed.replace("\\", "")
    assert at.subheader[0].value == "What changed from 1 Jun 2021 to 31 Dec 2022"
    labels = [button.proto.label for button in at.get("download_button")]
    assert "Download the changes (CSV)" in labels
    at = run("pages/5_Compare.py", compare="2021-06-01", asof="2022-12-31", country="MLI", lang="fr")
    assert at.title[0].value == "Comparer deux dates"
    assert any("Base de Gossi" in m.value for m in at.markdown)


def test_an_embedded_view_is_the_view_alone_with_its_source_and_a_way_back():
    at = run("pages/1_Map.py", embedded="true", region="Mali", asof="2022-02-17", actor="France")
    assert not at.exception
    assert len(at.sidebar.multiselect) == 0 and len(at.date_input) == 0 and len(at.radio) == 0  # locked to the link
    assert at.title[0].value == "Map · 17 Feb 2022"  # its date, which no control shows
    maps = [e for e in at.main if getattr(e, "type", "") == "component_instance"]
    assert len(maps) == 1
    [source] = [h.proto.body for h in at.get("html") if "Source: Sahel Atlas, version" in h.proto.body]
    assert "Open this view in Sahel Atlas" in source
    assert query_values(at, "embedded") == ["true"]  # the address keeps it


def test_the_embed_code_is_an_iframe_whose_attributes_are_escaped():
    code = ui.embed_code('https://atlas.example/Map?q="><script>alert(1)</script>&embedded=true', 'A "title" <b>')
    assert code.startswith('<iframe src="https://atlas.example/Map?q=&quot;&gt;&lt;script&gt;')
    assert 'title="A &quot;title&quot; &lt;b&gt;"' in code and "<script>" not in code and "<b>" not in code


def test_compare_says_nothing_changed_when_nothing_is_selected():
    """No event matches: no change is listed, governments included (they follow the selection's countries)."""
    at = run("pages/5_Compare.py", compare="2021-06-01", asof="2022-12-31", q="zzzzqqq")
    assert not at.exception
    texts = [m.value for m in at.markdown]
    assert "Nothing in this selection changed between the two dates." in texts
    assert not any("Burkina" in text or "Mali" in text for text in texts if "→" in text)


HOSTILE_TEXT = "*Zorglub* [x](javascript:alert(1)) <b>bold</b> `${alert(2)}`"


def test_text_from_the_data_is_text_in_compare_sentences_and_story_texts(tmp_path, monkeypatch):
    """A base's place and a story's summary from the data: literal in the page's Markdown, never a link or markup."""
    import json

    import pandas as pd

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    events = pd.read_csv(data / "events.csv", dtype=str, keep_default_na=False)
    events.loc[events["event_id"] == "2022-04-19-wagner-gossi-former-french-base", "location"] = HOSTILE_TEXT
    events.to_csv(data / "events.csv", index=False)
    stories = json.loads((data / "stories.json").read_text(encoding="utf-8"))
    stories["stories"][0]["summary"]["en"] = HOSTILE_TEXT
    (data / "stories.json").write_text(json.dumps(stories, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setattr(ui, "DATA_DIR", data)
    at = run("pages/5_Compare.py", compare="2021-06-01", asof="2022-12-31", country="MLI")
    [listed] = [m.value for m in at.markdown if "Zorglub" in m.value]
    assert "\\*Zorglub\\*" in listed and "\\[x\\]\\(javascript" in listed and "\\<b\\>" in listed
    at = run("pages/7_Stories.py", story="france-leaves-mali")
    [summary] = [m.value for m in at.markdown if "Zorglub" in m.value]
    assert summary.startswith("\\*Zorglub\\* \\[x\\]") and "\\<b\\>" in summary


def test_an_actor_name_from_the_data_is_text_on_the_timeline_group_buttons(tmp_path, monkeypatch):
    """The group buttons read their labels as Markdown: an actor's French name from actors.csv shows as typed."""
    import pandas as pd

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    actors = pd.read_csv(data / "actors.csv", dtype=str, keep_default_na=False)
    actors.loc[actors["actor"] == "France", "name_fr"] = HOSTILE_TEXT + " :material/home:"
    actors.to_csv(data / "actors.csv", index=False)
    monkeypatch.setattr(ui, "DATA_DIR", data)
    at = run("pages/2_Timeline.py", lang="fr")
    [buttons] = at.get("button_group")
    [france] = [option.content for option in buttons.proto.options if "Zorglub" in option.content]
    assert france.startswith("\\*Zorglub\\* \\[x\\]\\(javascript") and "\\<b\\>" in france
    assert ":material/home:" not in france  # no icon either


def test_a_timeline_link_restores_its_period_and_open_groups_in_french():
    """A shared link: the timeline zoomed to 2020-2022, France and the governments open, in French."""
    at = run("pages/2_Timeline.py", period="2020-01-01/2022-12-31", open=["France", "regimes"], lang="fr")
    assert not at.exception and not at.warning
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert spec["layout"]["xaxis"]["range"] == ["2020-01-01", "2022-12-31"]
    labels = [annotation["text"] for annotation in spec["layout"]["annotations"]]
    assert {"▾ Gouvernements", "▾ France", "base Gao", "Mali"} <= set(labels)
    assert "▸ Allemagne · 4 opérations et bases" in labels  # closed, in French
    [period] = at.get("select_slider")
    assert period.value == (date(2020, 1, 1), date(2022, 12, 1)) and period.label == "Période affichée"
    # the slider moved: the link follows, the other settings kept
    period.set_value((date(2021, 1, 1), date(2021, 12, 1))).run()
    assert query_values(at, "period") == ["2021-01-01/2021-12-31"]
    assert query_values(at, "open") == ["France", "regimes"]
    # a period that cannot be used is dropped with a notice, the rest of the link kept
    at = run("pages/2_Timeline.py", period="2022-01-01/2020-01-01", open=["France", "Atlantis"])
    assert not at.exception
    notices = " ".join(w.value for w in at.warning)
    assert "unknown timeline period '2022-01-01/2020-01-01'" in notices
    assert "unknown timeline group 'Atlantis'" in notices
    # a period off the slider's months is refused, not a crash (it was: no month of the slider at or before it)
    at = run("pages/2_Timeline.py", period="2009-06-01/2009-12-31")
    assert not at.exception and "unknown timeline period" in " ".join(w.value for w in at.warning)


def test_a_period_outside_the_data_cannot_become_the_date_filter():
    """2010-2011 is before the data's first day (2012): as a filter it would end before it starts."""
    at = run("pages/2_Timeline.py", period="2010-01-01/2011-12-31")
    [use] = [b for b in at.button if b.label == "Use this period as the date filter"]
    assert use.disabled
    at = run("pages/2_Timeline.py", period="2011-01-01/2012-06-30")
    [use] = [b for b in at.button if b.label == "Use this period as the date filter"]
    use.click().run()
    assert query_values(at, "from") == ["2012-01-01"] and query_values(at, "to") == ["2012-06-30"]
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert spec["layout"]["xaxis"]["fixedrange"]  # the slider is the one zoom: a drag on the chart moves nothing


def test_questions_answered_show_french_troops_with_a_total_and_its_rule():
    at = run("pages/6_Analysis.py")
    assert not at.exception
    assert "French troops per year, with a total" in [s.value for s in at.subheader]
    assert any(c.value.startswith("How the total is made:") for c in at.caption)
    # each chart names where its facts come from: coups and fatalities count events, eras and troops are rows that
    # cite their own sources
    sources = [c.value for c in at.caption if "Source: Sahel Atlas" in c.value]
    cited = ["row" if "each row of this chart's data cites" in c else "event" for c in sources]
    assert cited == ["event", "row", "row", "event", "event"]  # coups, eras, troops, fatalities, actors
    totals = [t for t in json.loads(at.get("plotly_chart")[2].proto.spec)["data"] if t.get("mode") == "text"]
    assert len(totals) == 1 and totals[0]["text"]
