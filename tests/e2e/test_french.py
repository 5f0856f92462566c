"""A francophone reader walks every page in French: no text of the interface may show in English."""

import re

import pytest

from sahel_atlas.i18n import (
    CATEGORY_LABELS,
    HOLDER_LABELS,
    LEAFLET_LABELS,
    PLOTLY_LABELS,
    REGIME_LABELS,
    STREAMLIT_LABELS,
    TEXT,
)

PLACEHOLDER = re.compile(r"\{[^}]*\}|\*\*|`|\*|\[|\]|\(|\)")


def english_fragments() -> list[str]:
    """Every piece of the interface's English text long enough to be told from a name or a figure (two words,
    ten characters), and not the same in French."""
    pairs = [(texts["en"], texts["fr"]) for texts in TEXT.values()]
    for labels in (CATEGORY_LABELS, REGIME_LABELS, HOLDER_LABELS):
        pairs += [(labels["en"][key], labels["fr"][key]) for key in labels["en"]]
    fragments = set()
    for english, french in pairs:
        for piece in PLACEHOLDER.split(english):
            piece = piece.strip(" .,:;·—-")
            if len(piece) >= 10 and " " in piece and piece not in french:
                fragments.add(piece)
    return sorted(fragments)


def english_on(page) -> list[str]:
    """The English fragments visible on the page and in the map's frame."""
    texts = [page.locator("body").inner_text()]
    for frame in page.frames[1:]:
        texts.append(frame.locator("body").inner_text())
    shown = "\n".join(texts)
    return [fragment for fragment in english_fragments() if fragment in shown]


def test_the_fragment_list_covers_the_interface():
    """The check can fail: it knows the English of the menus, the sidebar and the record."""
    fragments = english_fragments()
    assert len(fragments) > 100
    assert "Copy link to this view" in fragments and "Cite this view" in fragments


@pytest.mark.parametrize("width", [1400, 390])
def test_every_page_reads_in_french(visit, width):
    v = visit({"width": width, "height": 1000})
    page = v.open("?lang=fr")
    if width < 700:  # the sidebar starts closed on a phone: open it as a reader would
        page.get_by_test_id("stExpandSidebarButton").click()
    found = {"Vue d'ensemble": english_on(page)}
    v.screenshot(f"fr-overview-{width}")
    pages = ("Carte", "Chronologie", "Données et téléchargements", "À propos des données", "Comparer deux dates")
    for label in (*pages, "Questions et réponses", "Récits guidés"):
        sidebar = page.get_by_test_id("stSidebar")
        if not sidebar.is_visible():
            page.get_by_test_id("stExpandSidebarButton").click()
        page.locator(".st-key-sahel_nav").get_by_role("link", name=label).click()
        page.wait_for_function(
            "(label) => document.querySelector('[data-testid=\"stMain\"] h1')?.innerText.length > 0", arg=label
        )
        v.wait()
        page.get_by_test_id("stSidebar").get_by_text("Citer cette vue").click()  # the cite box, opened
        found[label] = english_on(page)
        v.screenshot(f"fr-{label.split()[0].lower()}-{width}")
    assert "lang=fr" in page.url
    assert {page: english for page, english in found.items() if english} == {}
    assert v.errors == []


def test_a_record_reads_in_french(visit):
    """A record opened from a link: title, description, dates, place and the error report in French."""
    v = visit()
    page = v.open("Map?lang=fr&asof=2022-02-17&region=Mali&event=2022-02-17-france-mali-withdrawal-announced")
    main = page.get_by_test_id("stMain")
    main.get_by_text("Signaler une erreur dans cette fiche").click()
    assert "17 févr. 2022" in main.inner_text()
    assert english_on(page) == []
    v.screenshot("fr-record")


def library_english() -> tuple[set[str], list[re.Pattern]]:
    """The libraries' English texts that French replaces: exact texts, and the templates as patterns."""
    exact, templates = set(), []
    for english, french in [
        *STREAMLIT_LABELS["fr"].items(),
        *PLOTLY_LABELS["fr"].items(),
        *LEAFLET_LABELS["fr"].items(),
    ]:
        if english == french:
            continue
        if "{label}" in english:
            templates.append(re.compile("^" + re.escape(english).replace(re.escape("{label}"), ".+") + "$"))
        else:
            exact.add(english)
    return exact, templates


LIBRARY_TEXTS = """() => {
  const texts = [];
  for (const element of document.querySelectorAll("[title], [aria-label], [placeholder], [data-title]")) {
    for (const name of ["title", "aria-label", "placeholder", "data-title"]) {
      if (element.getAttribute(name)) texts.push(element.getAttribute(name));
    }
  }
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) texts.push(walker.currentNode.nodeValue.trim());
  return texts;
}"""


def library_english_on(page) -> list[str]:
    """The libraries' English texts in the page and its frames: tooltips, accessible names, placeholders, text."""
    exact, templates = library_english()
    shown = [text for frame in page.frames for text in frame.evaluate(LIBRARY_TEXTS)]
    return sorted({text for text in shown if text in exact or any(p.match(text) for p in templates)})


def test_the_check_knows_the_libraries_english():
    exact, templates = library_english()
    assert {"Collapse sidebar", "Press Enter to apply", "Reset axes", "Layers", "Past Year"} <= exact
    assert any(p.match("Help for Période") for p in templates)
    assert not any(p.match("Aide\u00a0: Période") for p in templates)


@pytest.mark.parametrize("width", [1400, 390])
def test_the_libraries_own_controls_speak_french_in_an_english_browser(visit, width):
    """Streamlit's tooltips, accessible names, hints and calendar, Plotly's toolbar and Leaflet's buttons, in
    French for a French reader whose browser is in English; back in English when the reader switches."""
    v = visit({"width": width, "height": 1000})
    page = v.open("Map?lang=fr&asof=2022-02-17&region=Mali")
    assert page.evaluate("document.documentElement.lang") == "fr"
    found = {"map": library_english_on(page)}
    if width < 700:
        page.get_by_test_id("stExpandSidebarButton").click()
    sidebar = page.get_by_test_id("stSidebar")
    # the calendar, as a reader opens it: French months and weekdays, Monday first, and its quick select
    sidebar.get_by_test_id("stDateInput").get_by_role("button").last.click()
    calendar = page.get_by_role("dialog")
    calendar.wait_for()
    assert "janvier" in calendar.inner_text() and "L\tM\tM\tJ\tV\tS\tD" in calendar.inner_text()
    calendar.get_by_test_id("stDateInputQuickSelect").get_by_role("button").click()
    page.get_by_text("Année écoulée").wait_for()
    found["calendar"] = library_english_on(page)
    v.screenshot(f"fr-calendar-{width}")
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    # a typed search, before Enter: Streamlit's hint
    search = sidebar.get_by_role("textbox", name="Recherche")
    search.click()
    search.press_sequentially("Gao")
    hint = sidebar.get_by_test_id("InputInstructions")
    assert hint.inner_text() == "Appuyez sur Entrée pour appliquer"
    found["search"] = library_english_on(page)
    search.press("Enter")
    v.wait()
    # the map's buttons and scale: French titles, kilometres only
    frame = v.map_frame()
    assert frame.locator(".leaflet-control-zoom-in").get_attribute("title") == "Zoom avant"
    assert frame.locator(".leaflet-control-layers-toggle").get_attribute("aria-label") == "Couches"
    assert " mi" not in frame.locator(".leaflet-control-scale").inner_text()
    map_document = next(f for f in page.frames if "streamlit_folium" in f.url)
    assert map_document.evaluate("document.documentElement.lang") == "fr"  # read out in French
    # Plotly's toolbar on the overview's chart, shown by pointing at the chart
    page.locator(".st-key-sahel_nav").get_by_role("link", name="Vue d'ensemble").click()
    v.wait()
    if width < 700:  # the open sidebar covers the page on a phone: close it as a reader would
        sidebar.get_by_role("button", name="Replier la barre latérale").click()
    page.locator(".js-plotly-plot").first.hover()
    assert page.locator(".modebar-btn[data-title='Réinitialiser les axes']").count() == 1
    found["overview"] = library_english_on(page)
    # the data table's toolbar: Streamlit's tooltips
    if width < 700:
        page.get_by_role("button", name="Déplier la barre latérale").click()
    page.locator(".st-key-sahel_nav").get_by_role("link", name="Données et téléchargements").click()
    v.wait()
    if width < 700:
        sidebar.get_by_role("button", name="Replier la barre latérale").click()
    page.get_by_test_id("stMain").get_by_test_id("stDataFrame").first.hover()
    page.get_by_test_id("stMain").get_by_role("button", name="Rechercher").first.hover()
    assert page.get_by_test_id("stTooltipContent").last.inner_text() == "Rechercher"
    found["data"] = library_english_on(page)
    assert {where: english for where, english in found.items() if english} == {}
    # back to English: the same controls say what Streamlit wrote
    if width < 700:
        page.get_by_role("button", name="Déplier la barre latérale").click()
    sidebar.get_by_text("English").click()
    sidebar.get_by_role("heading", name="Filters").wait_for()
    v.wait()
    assert page.evaluate("document.documentElement.lang") == "en"
    assert sidebar.get_by_role("button", name="Help for Date range").count() == 1
    assert v.errors == []


def test_a_date_typed_the_french_way_applies_on_enter_and_back_undoes_it(visit):
    """In French the date fields read day/month/year: typed in that order, with Enter, then undone with Back."""
    v = visit()
    page = v.open("Data?lang=fr")
    page.wait_for_selector("#sahel-enter-applies-dates", state="attached")
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_role("spinbutton", name="jour, Période, date de fin").click()
    for part in ("30", "06", "2021"):
        page.keyboard.type(part)
    page.keyboard.press("Enter")
    page.wait_for_function("() => location.search.includes('to=2021-06-30')", timeout=20_000)
    v.wait()
    fields = sidebar.get_by_test_id("stDateInput").get_by_role("group")
    assert [text.replace("\n", "") for text in fields.all_inner_texts()] == ["01/01/2013", "30/06/2021"]
    assert "30 juin 2021" in page.get_by_test_id("stMain").get_by_test_id("stMarkdown").first.inner_text()
    page.go_back()
    page.wait_for_function("() => !location.search.includes('to=2021')", timeout=20_000)
    # the address changes at once; the fields follow with the rerun Back starts
    shown = """() => [...document.querySelectorAll('[data-testid=stSidebar] [data-testid=stDateInput] [role=group]')]
      .map(group => group.innerText.replace(/\\n/g, '')).join(' ')"""
    page.wait_for_function(f"() => ({shown})() === '01/01/2013 31/12/2025'", timeout=20_000)
    v.wait()
    assert [text.replace("\n", "") for text in fields.all_inner_texts()] == ["01/01/2013", "31/12/2025"]
    assert v.errors == []


def test_after_switching_language_the_map_window_is_still_a_number_of_months(visit):
    """Streamlit keeps a select box's choice as its shown text: after a switch to French and back, the next action
    must still read the window as 6 months, not as the English text (which raised an error)."""
    v = visit()
    page = v.open("Map?region=Mali&asof=2022-02-17&window=6")
    sidebar = page.get_by_test_id("stSidebar")
    for language, label, year in (("Français", "À la date du", "2021"), ("English", "As of", "2020")):
        sidebar.get_by_text(language, exact=True).click()
        v.wait()
        field = page.get_by_test_id("stDateInput").filter(has_text=label)
        field.get_by_role("spinbutton", name=re.compile(r"^(year|année),")).focus()
        page.keyboard.type(year)
        page.keyboard.press("Enter")
        page.wait_for_function(f"() => location.search.includes('asof={year}-02-17')", timeout=20_000)
        v.wait()
        assert page.get_by_test_id("stException").count() == 0
        assert "window=6" in page.url
    assert v.errors == []


def test_after_switching_language_the_story_is_still_told(visit):
    v = visit()
    page = v.open("Stories?story=coup-belt&step=2")
    sidebar = page.get_by_test_id("stSidebar")
    for language, button, step in (("Français", "Suivant", 3), ("English", "Next", 4)):
        sidebar.get_by_text(language, exact=True).click()
        v.wait()
        page.get_by_role("button", name=button).click()
        page.wait_for_function(f"() => location.search.includes('step={step}')", timeout=20_000)
        v.wait()
        assert page.get_by_test_id("stException").count() == 0 and "story=coup-belt" in page.url
    assert v.errors == []
