"""In the browser: text from a link or from data/ is read as text (no link, image or markup made of it, no
request off the machine), and an empty selection says so. A second server runs on hostile data."""

from urllib.parse import quote

import pytest

from sahel_atlas.escape import WORD_JOINER
from tests.e2e.conftest import Visit, streamlit_server
from tests.test_pages_text import (
    EVENT,
    HOSTILE_EVENT,
    HOSTILE_LICENCE,
    HOSTILE_TITLE,
    MARKUP_SOURCE,
    PAREN_SOURCE,
    make_hostile_data,
)

# What stMain links to and loads: every anchor's scheme and host, every image's source.
LINKS_AND_IMAGES = """main => ({
  links: [...main.querySelectorAll('a[href]')].map(a => a.protocol + '//' + a.hostname),
  images: [...main.querySelectorAll('img, image')].map(i => i.src || i.getAttribute('href') || '')
})"""


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory):
    with streamlit_server(make_hostile_data(tmp_path_factory.mktemp("hostile") / "data")) as url:
        yield url


@pytest.fixture
def hostile_visit(browser, hostile_url):
    v = Visit(browser, hostile_url)
    yield v
    v.close()


def shown(locator) -> str:
    """Text as a reader sees it (word joiners are invisible)."""
    return locator.inner_text().replace(WORD_JOINER, "")


def assert_nothing_made_of(v: Visit, *hosts: str) -> None:
    """No anchor to `hosts` (or a script) and no remote image in stMain; no request ever left the machine."""
    found = v.page.get_by_test_id("stMain").evaluate(LINKS_AND_IMAGES)
    assert not [a for a in found["links"] if a.startswith("javascript:") or a.endswith(hosts)], found["links"]
    assert not [src for src in found["images"] if src and not src.startswith(v.app_url)], found["images"]
    assert v.blocked == [], v.blocked
    assert v.errors == []


def test_search_text_from_a_link_and_from_the_search_box_is_shown_as_text(visit):
    v = visit()
    query = "![x](http://evil.invalid/t.png) **bold** https://evil.invalid"
    page = v.open("?q=" + quote(query))
    main = page.get_by_test_id("stMain")
    assert f"matching “{query}”" in shown(main.get_by_test_id("stMarkdown").filter(has_text="matching").first)
    alerts = main.get_by_test_id("stAlert")  # nothing matches it: the filters set, then the nearest names
    assert alerts.count() == 2
    assert f"search “{query}”" in shown(alerts.first)
    assert f"No event matches “{query}”" in shown(alerts.last)
    assert main.locator("strong", has_text="bold").count() == 0
    assert_nothing_made_of(v, "evil.invalid")

    typed = "www.evil.invalid [fix](http://evil.invalid/f) <b>x</b> fix@evil.invalid"
    box = page.get_by_test_id("stSidebar").get_by_role("textbox", name="Search text")
    box.fill("")
    box.type(typed)
    box.press("Enter")
    page.get_by_text("matching “www").first.wait_for()
    v.wait()
    assert f"matching “{typed}”" in shown(main.get_by_test_id("stMarkdown").filter(has_text="matching").first)
    assert main.locator("b").count() == 0
    assert_nothing_made_of(v, "evil.invalid")


def test_a_value_dropped_from_the_link_is_quoted_as_text_in_the_notice(visit):
    v = visit()
    value = "[Download the corrected dataset](https://example.invalid/x.csv)"
    page = v.open("Data?actor=" + quote(value))
    notice = page.get_by_test_id("stMain").get_by_test_id("stAlert").filter(has_text="Download the corrected")
    assert value in shown(notice)
    assert_nothing_made_of(v, "example.invalid")


def test_an_empty_selection_says_so_on_a_phone_and_reset_widens_it(visit):
    v = visit({"width": 390, "height": 844})
    page = v.open("?from=2013-03-05&to=2013-03-06&country=GHA")
    main = page.get_by_test_id("stMain")
    message = main.get_by_test_id("stAlert").filter(has_text="No event matches")
    for part in ("dates 5 Mar 2013 to 6 Mar 2013", "countries: Ghana", "Reset filters"):
        assert part in shown(message)
    assert main.locator(".js-plotly-plot").count() == 0  # no empty axes
    v.screenshot("empty-selection-overview-390")

    page.get_by_test_id("stSidebarCollapsedControl").or_(page.get_by_test_id("stExpandSidebarButton")).first.click()
    page.locator(".st-key-sahel_nav").get_by_role("link", name="Data and downloads").click()
    page.get_by_role("heading", name="Data and downloads").wait_for()
    v.wait()
    assert "countries: Ghana" in shown(main.get_by_test_id("stAlert").filter(has_text="No event matches"))
    assert main.get_by_test_id("stDataFrame").count() == 0 and main.get_by_test_id("stDownloadButton").count() == 0

    page.get_by_test_id("stSidebar").get_by_role("button", name="Reset filters").click()
    main.get_by_test_id("stDataFrame").wait_for()
    v.wait()
    assert main.get_by_test_id("stAlert").filter(has_text="No event matches").count() == 0
    assert v.errors == [] and v.blocked == []


def test_hostile_data_is_shown_as_text_and_sources_as_links(hostile_visit):
    v = hostile_visit
    page = v.open(f"Timeline?event={EVENT}")
    main = page.get_by_test_id("stMain")
    heading = main.get_by_role("heading", level=3).filter(has_text="official correction")
    assert shown(heading) == HOSTILE_EVENT["title"]
    for field in ("description", "location"):
        assert HOSTILE_EVENT[field] in shown(main)
    sources = main.get_by_test_id("stHtml").filter(has_text="Sources").locator("a")
    assert [a.get_attribute("href") for a in sources.all()] == [PAREN_SOURCE, MARKUP_SOURCE]
    assert [a.inner_text() for a in sources.all()] == [PAREN_SOURCE, MARKUP_SOURCE]
    sources.last.scroll_into_view_if_needed()
    v.screenshot("hostile-record")
    assert_nothing_made_of(v, "evil.invalid")

    page.get_by_test_id("stSidebar").get_by_text("Français").click()
    heading = main.get_by_role("heading", level=3).filter(has_text="alerte")
    heading.wait_for()
    assert shown(heading) == HOSTILE_EVENT["title_fr"]
    assert_nothing_made_of(v, "evil.invalid")


def test_hostile_dataset_json_is_shown_as_text_on_about(hostile_visit):
    v = hostile_visit
    page = v.open("About")
    intro = page.get_by_test_id("stMain").get_by_test_id("stMarkdown").filter(has_text="Atlas").first
    assert HOSTILE_TITLE in shown(intro) and HOSTILE_LICENCE in shown(intro)
    assert_nothing_made_of(v, "evil.invalid")
