import string
from datetime import date

import pytest

from sahel_atlas.codebook import CATEGORIES, DATE_PRECISIONS, GEO_PRECISIONS, REGIMES, REGIONS
from sahel_atlas.i18n import (
    CATEGORY_LABELS,
    LANGUAGES,
    PRECISION_LABELS,
    REGIME_LABELS,
    REGION_LABELS,
    TEXT,
    format_date,
    pick_language,
    t,
)


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(TEXT))
def test_every_text_exists_in_every_language_with_the_same_placeholders(key):
    assert set(TEXT[key]) == set(LANGUAGES)
    assert all(TEXT[key][lang].strip() for lang in LANGUAGES)
    assert placeholders(TEXT[key]["en"]) == placeholders(TEXT[key]["fr"])


@pytest.mark.parametrize(
    ("labels", "keys"),
    [
        (CATEGORY_LABELS, CATEGORIES),
        (REGIME_LABELS, REGIMES),
        (REGION_LABELS, REGIONS),
        (PRECISION_LABELS, DATE_PRECISIONS + GEO_PRECISIONS),
    ],
)
def test_every_vocabulary_is_labelled_in_every_language(labels, keys):
    for lang in LANGUAGES:
        assert set(labels[lang]) == set(keys)


def test_dates_and_language_choice():
    assert format_date(date(2022, 2, 17), "en") == "17 Feb 2022"
    assert format_date(date(2022, 2, 17), "fr") == "17 févr. 2022"
    assert pick_language("fr", "en-US") == "fr"
    assert pick_language(None, "fr-FR") == "fr"
    assert pick_language(None, "de-DE") == "en"
    assert pick_language("xx", None) == "en"
    assert t("m_bases", "fr", day="17 févr. 2022") == "Bases actives le 17 févr. 2022"
