"""Guided stories (data/stories.json): curated sequences of the record's events, each step shown on the map as of its
event's date, on the story's timeline, and as its record.

A story that breaks a rule costs only itself; every problem is listed with the file, where in it (the story's id,
and the step), the value and the rule, as the loader lists a bad row.
"""

import json
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from .codebook import REGIONS
from .i18n import LANGUAGES
from .loading import Problem

STORIES_FILE = "stories.json"


@dataclass(frozen=True)
class Story:
    """A story: `id` (its link's value), `region` (a map preset), `title` and `summary` ({language: text}), `steps`
    (event ids, in the order they are told)."""

    id: str
    region: str
    title: dict[str, str]
    summary: dict[str, str]
    steps: tuple[str, ...]


def read_stories(path: Path, event_ids: Collection[str]) -> tuple[dict[str, Story], list[Problem]]:
    """The stories of `path` (JSON: {"stories": [{"id", "region", "title": {lang: text}, "summary": {lang: text},
    "steps": [event_id, ...]}, ...]}) by id, and what is wrong: a missing or unreadable file leaves no story; a
    story with a missing text, an unknown region or an empty step list is left out; a step naming no event of
    `event_ids` is left out of its story. Never raises."""
    name = path.name
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        entries = document["stories"]
        if not isinstance(entries, list):
            raise TypeError("`stories` is not a list")
    except FileNotFoundError:
        return {}, [Problem(name, None, None, None, "file not found: no story")]
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as error:
        return {}, [Problem(name, None, None, None, f"cannot be read ({error}): no story")]
    stories: dict[str, Story] = {}
    problems: list[Problem] = []
    for number, entry in enumerate(entries, start=1):
        where = f"story {number}"
        if not isinstance(entry, dict):
            problems.append(Problem(name, None, where, None, "not an object: left out"))
            continue
        story_id = entry.get("id")
        if not isinstance(story_id, str) or not story_id or story_id in stories:
            problems.append(Problem(name, None, f"{where} `id`", str(story_id), "missing or repeated: left out"))
            continue
        texts = {key: entry.get(key) for key in ("title", "summary")}
        missing = [
            f"{key}.{lang}"
            for key, text in texts.items()
            for lang in LANGUAGES
            if not isinstance(text, dict) or not isinstance(text.get(lang), str) or not text[lang].strip()
        ]
        if missing:
            problems.append(Problem(name, None, story_id, ", ".join(missing), "text missing: story left out"))
            continue
        if entry.get("region") not in REGIONS:
            problems.append(Problem(name, None, f"{story_id} `region`", str(entry.get("region")), "unknown region"))
            continue
        steps = entry.get("steps") if isinstance(entry.get("steps"), list) else []
        kept = []
        for step, event_id in enumerate(steps, start=1):
            if event_id in event_ids:
                kept.append(event_id)
            else:
                rule = "names no event of events.csv: step left out"
                problems.append(Problem(name, None, f"{story_id} step {step}", str(event_id), rule))
        if not kept:
            problems.append(Problem(name, None, f"{story_id} `steps`", None, "no step: story left out"))
            continue
        title = {lang: texts["title"][lang] for lang in LANGUAGES}
        summary = {lang: texts["summary"][lang] for lang in LANGUAGES}
        stories[story_id] = Story(story_id, entry["region"], title, summary, tuple(kept))
    return stories, problems
