"""Text from a link, from data/ or from dataset.json is shown literally on every page; an empty selection
says so. AppTest sees the Markdown source: what it would render is checked by `renders_as_text`."""

import csv
import json
import re
import shutil

import pytest

from sahel_atlas import ui
from sahel_atlas.escape import WORD_JOINER
from tests.conftest import ROOT
from tests.test_app import metric, run
from tests.test_loading import rewrite_cell

EVENT = "2022-02-17-france-mali-withdrawal-announced"
PAREN_SOURCE = "https://en.wikipedia.org/wiki/Algiers_Accords_(2015)"
MARKUP_SOURCE = "https://example.org/a_b_*c*_[d]"
HOSTILE_EVENT = {
    "title": "![t](http://evil.invalid/t.png) [official correction](http://evil.invalid/t)",
    "title_fr": "<img src=http://evil.invalid/fr.png> :red[alerte] www.evil.invalid",
    "description": "**Breaking** <b>bold</b> see https://evil.invalid/more, $x^2$ and :material/warning:",
    "notes": "[click](javascript:alert(1)) write to fix@evil.invalid\n# not a heading",
    "location": "Kidal <a href='http://evil.invalid/loc'>camp</a>",
    "sources": f"{PAREN_SOURCE} {MARKUP_SOURCE}",
}
HOSTILE_TITLE = "![logo](http://evil.invalid/logo.png) **Atlas** <img src=http://evil.invalid/x.png>"
HOSTILE_LICENCE = "[CC BY 4.0](http://evil.invalid/licence)"


def make_hostile_data(target):
    """A copy of data/ where one event's text fields and dataset.json's title and licence carry Markdown,
    HTML and bare addresses; every value is still valid."""
    shutil.copytree(ROOT / "data", target)
    path = target / "events.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    [row] = [r for r in rows if r["event_id"] == EVENT]
    row.update(HOSTILE_EVENT)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    metadata = json.loads((target / "dataset.json").read_text(encoding="utf-8"))
    metadata.update(title=HOSTILE_TITLE, licence=HOSTILE_LICENCE)
    (target / "dataset.json").write_text(json.dumps(metadata), encoding="utf-8")
    return target


@pytest.fixture
def hostile_data(tmp_path, monkeypatch):
    monkeypatch.setattr(ui, "DATA_DIR", make_hostile_data(tmp_path / "data"))


def renders_as_text(source: str, text: str) -> bool:
    """Whether Markdown `source` shows `text` as plain text: every markup character of it escaped, no bare
    address left for GFM to link, and the text itself read back once escapes and word joiners are removed."""
    bare = re.sub(r"\\.", "", source)
    shown = re.sub(r"\\(.)", r"\1", source).replace(WORD_JOINER, "")
    escaped_markup = not re.search(r"[\[\]()<>`!~$:&]", bare)
    no_bare_address = not re.search(r"https?://|www\.|\w@\w", re.sub(r"\\(.)", r"\1", source), re.IGNORECASE)
    return escaped_markup and no_bare_address and text in shown


def sentence(at):
    return next(m.value for m in at.markdown if "event(s) shown" in m.value)


@pytest.mark.parametrize(
    "query",
    [
        "![x](http://evil.invalid/t.png) **bold** https://evil.invalid",
        "<img src=x> :red[alert] $x^2$ www.evil.invalid `code` fix@evil.invalid",
    ],
)
def test_search_text_from_the_link_is_shown_literally(query):
    at = run("dashboard.py", q=query)
    assert not at.exception
    source = sentence(at).split("**")[0]  # the sentence, before the app's own bold count
    assert renders_as_text(source, f"matching “{query}”")


@pytest.mark.parametrize(
    "params",
    [
        {"actor": "[Download the corrected dataset](https://example.invalid/x.csv)"},
        {"country": "![x](http://evil.invalid/t.png)", "from": "www.evil.invalid"},
    ],
)
def test_values_dropped_from_the_link_are_quoted_literally_in_the_notice(params):
    at = run("pages/3_Data.py", **params)
    notices = [w.value for w in at.warning]
    for value in params.values():
        assert any(renders_as_text(n, value) for n in notices), notices


def test_a_record_shows_hostile_text_literally_and_sources_as_links(hostile_data):
    at = run("pages/2_Timeline.py", event=EVENT)
    assert not at.exception
    assert any(renders_as_text(h.value, HOSTILE_EVENT["title"]) for h in at.subheader)
    lines = {line for m in at.markdown for line in m.value.split("\n")}
    assert any(renders_as_text(line, HOSTILE_EVENT["description"]) for line in lines)
    assert any(renders_as_text(line.split(":** ", 1)[-1], HOSTILE_EVENT["location"]) for line in lines)
    [sources] = [h.value for h in at.get("html") if "Sources" in h.value]
    hrefs = re.findall(r'<a href="([^"]*)"', sources)
    assert hrefs == [PAREN_SOURCE, MARKUP_SOURCE]


def test_french_record_title_is_shown_literally(hostile_data):
    at = run("pages/2_Timeline.py", event=EVENT, lang="fr")
    assert any(renders_as_text(h.value, HOSTILE_EVENT["title_fr"]) for h in at.subheader)


def test_about_shows_dataset_json_values_literally(hostile_data):
    at = run("pages/4_About.py")
    assert not at.exception
    intro = at.markdown[0].value
    title, rest = intro.split(" — ", 1)
    assert renders_as_text(title.strip("*"), HOSTILE_TITLE)
    assert renders_as_text(rest.split("licence ", 1)[1].split(" (code", 1)[0], HOSTILE_LICENCE)


@pytest.mark.parametrize(
    "page, query, narrowing",
    [
        ("dashboard.py", {"from": "2013-03-05", "to": "2013-03-06", "country": "GHA"}, ["5 Mar 2013", "Ghana"]),
        ("pages/3_Data.py", {"from": "2013-03-05", "to": "2013-03-06", "country": "GHA"}, ["5 Mar 2013", "Ghana"]),
        ("dashboard.py", {"category": "coup", "q": "Barkhane"}, ["Coup or attempt", "“Barkhane”"]),
        ("pages/3_Data.py", {"actor": "Wagner Group", "country": "SEN", "lang": "fr"}, ["Wagner Group", "Sénégal"]),
    ],
)
def test_an_empty_selection_says_what_narrows_it_and_how_to_widen_it(page, query, narrowing):
    at = run(page, **query)
    assert not at.exception
    [message] = [i.value for i in at.info]
    assert message.startswith(("No event matches", "Aucun événement"))
    unescaped = re.sub(r"\\(.)", r"\1", message)
    assert all(n in unescaped for n in narrowing), unescaped
    assert ("Reset filters" if "lang" not in query else "Réinitialiser les filtres") in message
    assert not at.get("plotly_chart") and not at.dataframe  # no empty axes, no empty table
    assert not at.main.get("download_button")  # the cite box in the sidebar offers BibTeX and RIS


def test_overview_and_about_say_what_they_count():
    overview = run("dashboard.py")
    shown, total = (int(n) for n in re.findall(r"(\d+)\*?\*? event\(s\) shown, of (\d+)", sentence(overview))[0])
    assert int(metric(overview, "Events")) == shown < total
    about = run("pages/4_About.py")
    assert f"{total} events" in about.markdown[0].value
    default_view = next(m.value for m in about.markdown if m.value.startswith("The default view"))
    assert f"shows {shown} of these {total} events" in default_view
    assert f"the other {total - shown} took place before 1 Jan 2013" in default_view


@pytest.mark.parametrize(
    "value", ["https://evil.invalid/x :material/warning:", "[fix](http://evil.invalid) www.evil.invalid"]
)
def test_a_bad_cell_is_quoted_literally_in_the_problems_panel(tmp_path, monkeypatch, value):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    rewrite_cell(data, "events.csv", 2, "date_precision", value)
    monkeypatch.setattr(ui, "DATA_DIR", data)
    at = run("dashboard.py")
    [panel] = at.error
    [line] = [line for line in panel.value.split("\n") if "evil" in line]
    assert renders_as_text(line.removeprefix("- "), value)
