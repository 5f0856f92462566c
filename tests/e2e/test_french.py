"""A francophone reader walks every page in French: no text of the interface may show in English."""

import re

import pytest

from sahel_atlas.i18n import CATEGORY_LABELS, HOLDER_LABELS, REGIME_LABELS, TEXT

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
    for label in ("Carte", "Chronologie", "Données et téléchargements", "À propos des données"):
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
