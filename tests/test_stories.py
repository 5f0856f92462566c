import json

import pandas as pd
import pytest

from sahel_atlas.stories import STORIES_FILE, read_stories
from tests.conftest import ROOT
from tests.test_app import map_layers, run


@pytest.fixture(scope="module")
def real_events():
    return pd.read_csv(ROOT / "data" / "events.csv", dtype=str, keep_default_na=False)


def test_the_four_stories_of_the_issue_are_told_in_order_from_the_record(real_events):
    stories, problems = read_stories(ROOT / "data" / STORIES_FILE, set(real_events["event_id"]))
    assert problems == []
    assert [s.title["en"] for s in stories.values()] == [
        "France leaves Mali, 2021–2022",
        "Niger: from the coup to the US exit, 2023–2024",
        "The coup belt, 2020–2023",
        "Wagner to Africa Corps",
    ]
    starts = real_events.set_index("event_id")["start_date"]
    for story in stories.values():
        assert len(story.steps) >= 5 and all(story.title[lang] and story.summary[lang] for lang in ("en", "fr"))
        assert list(starts[list(story.steps)]) == sorted(starts[list(story.steps)])  # told in time order


def test_a_bad_story_costs_only_itself_and_is_listed(tmp_path):
    good = {"id": "ok", "region": "Mali", "title": {"en": "A", "fr": "A"}, "summary": {"en": "S", "fr": "S"}}
    stories = [
        {**good, "steps": ["e1", "nowhere", "e2"]},
        {**good, "id": "no-french", "title": {"en": "B"}, "steps": ["e1"]},
        {**good, "id": "ok", "steps": ["e1"]},  # a second "ok"
        {**good, "id": "atlantis", "region": "Atlantis", "steps": ["e1"]},
        {**good, "id": "empty", "steps": ["nowhere"]},
        "not a story",
    ]
    path = tmp_path / STORIES_FILE
    path.write_text(json.dumps({"stories": stories}), encoding="utf-8")
    read, problems = read_stories(path, {"e1", "e2"})
    assert list(read) == ["ok"] and read["ok"].steps == ("e1", "e2")
    messages = [p.message() for p in problems]
    assert "stories.json: column `ok step 2` value 'nowhere': names no event of events.csv: step left out" in messages
    assert any("title.fr" in m and "story left out" in m for m in messages)
    assert any("'ok'" in m and "repeated" in m for m in messages)
    assert any("'Atlantis'" in m and "unknown region" in m for m in messages)
    assert any("empty `steps`" in m and "no step" in m for m in messages)
    assert any("story 6" in m and "not an object" in m for m in messages)
    path.write_text("{not json", encoding="utf-8")
    assert read_stories(path, set())[0] == {} and "cannot be read" in read_stories(path, set())[1][0].message()
    assert "file not found" in read_stories(tmp_path / "none.json", set())[1][0].message()


def test_a_story_step_from_its_link_and_the_next_button():
    at = run("pages/7_Stories.py", story="niger-coup-to-us-exit", step="2")
    assert not at.exception
    assert at.subheader[0].value == "3 Aug 2023 · Niger junta denounces military agreements with France"
    next(button for button in at.button if button.key == "story_next").click().run()
    assert at.subheader[0].value.startswith("24 Sept 2023 · Macron announces")
    assert at.query_params["step"] in ("3", ["3"]) and at.query_params["story"] in (
        "niger-coup-to-us-exit",
        ["niger-coup-to-us-exit"],
    )


def test_a_story_tells_the_whole_record_whatever_the_filters():
    """A date filter that begins after the step's event leaves the story's map as it is: its year of events."""
    at = run("pages/7_Stories.py", story="france-leaves-mali", step="1", **{"from": "2024-01-01"})
    assert not at.exception
    markers = map_layers(at)["markers"]
    assert len(markers["events"]) // 2 > 10  # the events of the 12 months before 10 Jun 2021


def test_a_step_link_out_of_the_story_shows_and_links_the_step_it_shows():
    at = run("pages/7_Stories.py", story="coup-belt", step="9")  # the story has 8 steps
    assert at.subheader[0].value.startswith("30 Aug 2023 · ") and at.query_params["step"] in ("8", ["8"])
    at = run("pages/7_Stories.py", step="99")  # no story: the first one, its last step
    assert at.query_params["story"] in ("france-leaves-mali", ["france-leaves-mali"])
    at = run("pages/7_Stories.py", story="coup-belt", step="02")
    assert not at.warning and at.subheader[0].value.startswith("20 Apr 2021 · ")
    assert at.caption[0].value == "Stories tell the whole record: the sidebar's filters do not apply to them."
