"""Hostile strings x output contexts: text from the data or a link never becomes markup or code."""

import json
import re

import pytest

from sahel_atlas.escape import WORD_JOINER, html_link, html_text, js_json, js_string, md_text, plotly_text, safe_url

HOSTILE = [
    "Attack on the `MOC` camp",
    "${alert(1)}",
    "`;alert(1);`",
    "</script><script>alert(1)</script>",
    "Kidal <i>camp</i> \"quoted\" & 'single'",
    "back\\slash \\` \\${x}",
    "line\u2028separator\u2029paragraph",
    "![t](http://evil.invalid/t.png) [official correction](http://evil.invalid/t)",
    "[Download the corrected dataset](https://example.invalid/x.csv)",
    "<https://evil.invalid> www.evil.invalid :red[alert] :material/warning: $x^2$ *bold* _it_ # h",
    "&lt;b&gt; entity &amp;",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_html_text_has_no_markup_and_no_template_literal_syntax(text):
    out = html_text(text)
    assert not re.search(r"[<>`$\\{}\"']", out)
    assert "&" not in re.sub(r"&(#x?[0-9a-f]+|[a-z]+);", "", out)  # every & starts a character reference


def plotly_shows(text: str) -> str:
    """What Plotly displays for `text` (its convertEntities: numeric references and eight named ones)."""
    named = {"amp": "&", "lt": "<", "gt": ">", "nbsp": "\xa0", "mu": "μ", "times": "×", "plusmn": "±", "deg": "°"}

    def decode(match):
        ref = match.group(1)
        if ref.startswith("#"):
            return chr(int(ref[2:], 16) if ref[1] == "x" else int(ref[1:]))
        return named.get(ref, match.group())

    return re.sub(r"&(#\d+|#x[\da-fA-F]+|[a-z]+);", decode, text)


@pytest.mark.parametrize("text", [*HOSTILE, 'say "no" &quot; &deg; <br>'])
def test_plotly_text_shows_the_text_as_typed_and_no_markup(text):
    escaped = plotly_text(text)
    assert not set(escaped) & set("<>\"'`$") and plotly_shows(escaped) == text


@pytest.mark.parametrize("text", HOSTILE)
def test_js_string_round_trips_and_cannot_close_a_script_or_template(text):
    out = js_string(text)
    assert json.loads(out) == text
    assert not re.search(r"[<>`$&\u2028\u2029]", out)
    assert out.startswith('"') and out.endswith('"')


def test_js_json_keeps_structure():
    value = {"t": HOSTILE[0], "n": [1, 2.5], "none": None}
    assert json.loads(js_json(value)) == value


@pytest.mark.parametrize("text", HOSTILE)
def test_md_text_escapes_every_markdown_character(text):
    out = md_text(text)
    unescaped = re.sub(r"\\.", "", out.replace("  \n", ""))
    assert not re.search(r"[\\`*_\[\]()<>#!|~$:&]", unescaped)
    assert re.sub(r"\\(.)", r"\1", out).replace(WORD_JOINER, "") == text


@pytest.mark.parametrize(
    "text",
    [
        "https://evil.invalid/t.png",
        "see HTTP://evil.invalid, or www.evil.invalid",
        "WWW.evil.invalid/path",
        "write to fix@evil.invalid",
        "mailto:fix@evil.invalid xmpp:bot@evil.invalid",
        ":material/warning: :smile: :red[alert] :streamlit:",
    ],
)
def test_md_text_keeps_bare_addresses_and_icon_codes_from_becoming_links_or_icons(text):
    """GFM and Streamlit find these in the parsed text whatever the escaping: it must not match their patterns."""
    parsed = re.sub(r"\\(.)", r"\1", md_text(text))
    assert not re.search(r"https?://|www\.|[\w.+-]@[\w-]|:[a-z]", parsed, re.IGNORECASE)
    assert parsed.replace(WORD_JOINER, "") == text


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1. item", "1\\. item"),
        ("- item\n+ item", "\\- item  \n\\+ item"),
        ("Title\n===\nSub\n  ---", "Title  \n\\===  \nSub  \n  \\---"),
        ("1.\n+\n= = =", "1\\.  \n\\+  \n\\= = ="),
        ("version 0.2.0 - a + b = c", "version 0.2.0 - a + b = c"),  # inline, these open nothing
        ("0.2.0\n1.5 million\n2025-01-01 -x +y", "0.2.0  \n1.5 million  \n2025-01-01 -x +y"),  # no marker
    ],
)
def test_md_text_escapes_block_markers_at_the_start_of_every_line(text, expected):
    assert md_text(text) == expected


def test_md_text_keeps_line_breaks_as_breaks():
    assert md_text("a\nb") == "a  \nb"
    assert md_text("a\r\nb") == "a  \nb"


@pytest.mark.parametrize(
    "url, expected",
    [
        (
            "https://en.wikipedia.org/wiki/Algiers_Accords_(2015)",
            "https://en.wikipedia.org/wiki/Algiers_Accords_(2015)",
        ),
        ("http://example.org/a?b=1&c=2", "http://example.org/a?b=1&c=2"),
        ("javascript:alert(1)", None),
        ("JaVaScRiPt:alert(1)", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("//evil.invalid/x", None),
        ("/relative/path", None),
        ("https://", None),
        ("https://exa mple.org", None),
        ("https://example.org/\nx", None),
    ],
)
def test_safe_url_allows_only_absolute_http_links(url, expected):
    assert safe_url(url) == expected


def test_html_link_builds_a_quoted_escaped_anchor():
    url = 'https://example.org/a_(b)?q="x"&y=`1`'
    link = html_link(url, "<b>Source</b>")
    assert link.startswith('<a href="https://example.org/a_(b)?q=&quot;x&quot;&amp;y=&#96;1&#96;"')
    assert ">&lt;b&gt;Source&lt;/b&gt;</a>" in link
    assert 'rel="noopener noreferrer"' in link


def test_html_link_refuses_unsafe_urls_as_plain_text():
    assert html_link("javascript:alert(1)") == "javascript:alert(1)"
    assert "<a" not in html_link("data:text/html,x", "label")


def test_js_json_hides_quotes_from_script_rewriters():
    """streamlit-folium turns {{'name'}} in a map script into a bare name: data must never spell it."""
    value = ["{{'alert'}}", "{{ 'x' }} O'Brien"]
    out = js_json(value)
    assert "'" not in out and json.loads(out) == value
