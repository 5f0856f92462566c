"""The sidebar used as a person uses it: the calendar, typing and Enter, Back, the copy-link button."""

import csv
import re

import pytest

from sahel_atlas.state import actor_label
from tests.conftest import ROOT
from tests.e2e.conftest import READY

with (ROOT / "data" / "actors.csv").open(encoding="utf-8") as _actors:
    ACTOR_LABELS = [actor_label(row["actor"], row["aliases"].split(";")) for row in csv.DictReader(_actors)]
LONG_NAMES = ["High Military Command for the Restoration of Order", "Volunteers for the Defence of the Homeland"]
TOO_WIDE = """labels => {
  const text = document.querySelector('[role=option] [data-item-hl]');
  const context = document.createElement('canvas').getContext('2d');
  context.font = getComputedStyle(text).font;
  return labels.filter(label => context.measureText(label).width > text.clientWidth);
}"""

# The selection sentence under the page title mentions `word`
SENTENCE_HAS = (
    "word => document.querySelector('[data-testid=stMain] [data-testid=stMarkdown]').innerText.includes(word)"
)


def sidebar(page):
    return page.get_by_test_id("stSidebar")


def open_sidebar(page):
    """On a phone the sidebar starts collapsed: open it as a user does."""
    if sidebar(page).get_attribute("data-collapsed") == "true":
        page.get_by_test_id("stExpandSidebarButton").click()
    page.wait_for_selector('[data-testid="stSidebar"][data-collapsed="false"]')
    sidebar(page).get_by_test_id("stDateInput").wait_for()


def date_fields(page):
    """The range picker's start and end as shown, e.g. ['2020-01-05', 'yyyy-mm-dd']."""
    groups = sidebar(page).get_by_test_id("stDateInput").get_by_role("group")
    return [text.replace("\n", "") for text in groups.all_inner_texts()]


def wait_for_query(page, *parts):
    page.wait_for_function(
        "parts => parts.every(p => decodeURIComponent(location.search).includes(p))", arg=list(parts), timeout=20_000
    )
    page.wait_for_selector(READY, timeout=30_000)


def selected(page, label):
    """The options shown as chosen in a sidebar multiselect (its tags)."""
    box = sidebar(page).get_by_test_id("stMultiSelect").filter(has_text=label)
    return box.locator("[data-tag]").evaluate_all("tags => tags.map(t => t.getAttribute('aria-label'))")


@pytest.mark.parametrize(
    ("viewport", "path", "first", "second", "query"),
    [
        ({"width": 1400, "height": 1000}, "Data?from=2020-01-01&to=2020-12-31", "Sunday, January 5, 2020",
         "Monday, January 20, 2020", ("from=2020-01-05", "to=2020-01-20")),
        ({"width": 390, "height": 844}, "Timeline?from=2021-03-01&to=2021-09-30", "Wednesday, March 3, 2021",
         "Sunday, March 28, 2021", ("from=2021-03-03", "to=2021-03-28")),
    ],
)  # fmt: skip
def test_the_date_range_is_picked_with_the_mouse(visit, viewport, path, first, second, query):
    v = visit(viewport)
    page = v.open(path)
    open_sidebar(page)
    start_url = page.url
    sidebar(page).get_by_test_id("stDateInputCalendarButton").click()
    page.get_by_label(re.compile("^" + first)).click()
    page.wait_for_selector(READY)
    day = first.split(", ", 1)[1]
    assert date_fields(page) == [query[0].split("=")[1], "yyyy-mm-dd"], day  # the first click is kept
    assert page.url == start_url  # nothing applied yet: the range is not complete
    page.get_by_label(re.compile("^" + second)).click()
    wait_for_query(page, *query)
    assert date_fields(page) == [q.split("=")[1] for q in query]
    v.screenshot(f"sidebar-range-{viewport['width']}")
    assert v.errors == []


def test_a_typed_date_applies_on_enter_and_on_leaving_the_field(visit):
    v = visit()
    page = v.open("Data?from=2020-01-01&to=2020-12-31")
    page.wait_for_selector("#sahel-enter-applies-dates", state="attached")
    picker = sidebar(page).get_by_test_id("stDateInput")
    picker.get_by_role("spinbutton", name="year, Date range end date").click()
    page.keyboard.type("2021")
    page.keyboard.type("06")
    page.keyboard.type("30")
    page.keyboard.press("Enter")
    wait_for_query(page, "from=2020-01-01", "to=2021-06-30")
    assert "2021" in page.get_by_test_id("stMain").get_by_test_id("stMarkdown").first.inner_text()
    # the start date, typed, then the user moves on with Tab
    picker.get_by_role("spinbutton", name="year, Date range start date").click()
    page.keyboard.type("2019")
    page.keyboard.type("11")
    page.keyboard.type("02")
    for _ in range(12):
        if not page.evaluate("() => !!document.activeElement.closest('[data-testid=\"stDateInput\"]')"):
            break
        page.keyboard.press("Tab")
    wait_for_query(page, "from=2019-11-02", "to=2021-06-30")


@pytest.mark.parametrize(
    ("label", "typed", "chosen", "query"),
    [
        ("Actors", "France", ["France · French forces"], "actor=France"),
        ("Actors", "FAMa", ["Malian Armed Forces · FAMa"], "actor=Malian+Armed+Forces"),
        ("Countries", "Niger", ["Niger (NER)"], "country=NER"),
        ("Categories", "ment", None, "category="),  # Deployment and Agreement both match
    ],
)
def test_enter_in_a_multiselect_selects_one_option_not_every_match(visit, label, typed, chosen, query):
    v = visit()
    page = v.open("Data")
    box = sidebar(page).get_by_test_id("stMultiSelect").filter(has_text=label)
    box.click()
    page.keyboard.type(typed)
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    wait_for_query(page, query)
    shown = selected(page, label)
    assert len(shown) == 1, shown
    if chosen:
        assert shown == chosen
    assert len([k for k in page.url.split("?")[1].split("&") if k.split("=")[0] == query.split("=")[0]]) == 1


@pytest.mark.parametrize("viewport", [{"width": 1400, "height": 1000}, {"width": 390, "height": 844}])
def test_an_operation_typed_in_actors_leads_to_its_actor(visit, viewport):
    v = visit(viewport)
    page = v.open("Data")
    open_sidebar(page)
    combobox = sidebar(page).get_by_role("combobox", name="Actors")
    combobox.click()
    if combobox.get_attribute("aria-expanded") != "true":  # the click landed while the sidebar still slid in
        page.keyboard.press("ArrowDown")
    page.get_by_role("option").first.wait_for()
    v.screenshot(f"sidebar-actors-{viewport['width']}")
    # every label with aliases fits the option's width (the list is virtual: measure the text as drawn)
    assert page.evaluate(TOO_WIDE, ACTOR_LABELS) == LONG_NAMES
    page.keyboard.type("Barkhane")
    page.get_by_role("option", name="Operation Barkhane → France").wait_for()
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    wait_for_query(page, "actor=France", "q=Barkhane")
    assert selected(page, "Actors") == ["France · French forces"]
    assert sidebar(page).get_by_role("textbox", name="Search text").input_value() == "Barkhane"


def test_copy_link_copies_the_address_bar_after_an_as_of_change(visit):
    v = visit()
    v.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=v.app_url)
    page = v.open("Map?region=Mali")
    as_of = page.get_by_test_id("stMain").get_by_test_id("stDateInput")
    as_of.get_by_role("spinbutton").first.click()
    page.keyboard.type("2019")
    page.keyboard.type("05")
    page.keyboard.type("17")
    page.keyboard.press("Enter")
    wait_for_query(page, "asof=2019-05-17", "region=Mali")
    button = sidebar(page).frame_locator("iframe").get_by_role("button", name="Copy link to this view")
    button.click()
    sidebar(page).frame_locator("iframe").get_by_role("button", name="Link copied").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == page.url
    # a filter change afterwards: the same button copies the new address
    sidebar(page).get_by_test_id("stMultiSelect").filter(has_text="Categories").click()
    page.keyboard.type("coup")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    wait_for_query(page, "category=coup", "asof=2019-05-17")
    sidebar(page).frame_locator("iframe").get_by_role("button").click()
    page.wait_for_function("url => navigator.clipboard.readText().then(t => t === url)", arg=page.url)


def test_back_and_forward_restore_the_view_the_address_bar_shows(visit):
    v = visit()
    page = v.open("Data?country=NER")
    box = sidebar(page).get_by_test_id("stMultiSelect").filter(has_text="Categories")
    box.click()
    page.keyboard.type("coup")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    wait_for_query(page, "country=NER", "category=coup")
    sentence = page.get_by_test_id("stMain").get_by_test_id("stMarkdown").first
    assert "coup" in sentence.inner_text()
    page.go_back()
    page.wait_for_function("() => !location.search.includes('category')", timeout=20_000)
    page.wait_for_function(f"word => !({SENTENCE_HAS})(word)", arg="coup", timeout=20_000)
    page.wait_for_selector(READY)
    assert selected(page, "Categories") == [] and selected(page, "Countries") == ["Niger (NER)"]
    assert "category" not in page.url
    page.go_forward()
    wait_for_query(page, "country=NER", "category=coup")
    page.wait_for_function(SENTENCE_HAS, arg="coup", timeout=20_000)
    assert len(selected(page, "Categories")) == 1
    # another part of the view: the language, changed with the switch, undone with Back
    sidebar(page).get_by_text("Français").click()
    wait_for_query(page, "lang=fr")
    page.get_by_role("heading", name="Données et téléchargements").wait_for()
    page.go_back()
    page.get_by_role("heading", name="Data and downloads").wait_for()
    page.wait_for_selector(READY)
    assert "lang=fr" not in page.url and sidebar(page).get_by_role("radio", name="English").is_checked()
