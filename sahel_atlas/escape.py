"""Escaping per output context. Text from the data or from a link is data, never markup or code.

One function per context the app writes into:

- `html_text` / `html_attr`: HTML text and quoted attribute values. Also safe inside a JavaScript
  template literal (folium wraps tooltips and popups in backticks), because backtick, `$` and
  backslash become character references too.
- `plotly_text`: text Plotly draws, which it reads as a subset of HTML.
- `js_string` / `js_json`: a JavaScript string literal or JSON value placed inside a `<script>`.
- `md_text`: literal text for Streamlit Markdown (no emphasis, links, images, HTML, LaTeX or icons).
- `safe_url` / `html_link`: links built from structured values; only absolute http(s) URLs link.
"""

import html
import json
import re
from urllib.parse import urlsplit

# Characters that end or open something in a JS template literal or break a <script> block.
_HTML_EXTRA = {"`": "&#96;", "$": "&#36;", "\\": "&#92;", "{": "&#123;", "}": "&#125;"}
_HTML_EXTRA_PATTERN = re.compile("[" + re.escape("".join(_HTML_EXTRA)) + "]")
_JS_EXTRA = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "`": "\\u0060", "$": "\\u0024", "\u2028": "\\u2028"}
# "\u2029" too; and "'", which JSON only has inside strings: streamlit-folium rewrites {{'name'}} in map scripts.
_JS_EXTRA.update({"\u2029": "\\u2029", "'": "\\u0027"})
_JS_PATTERN = re.compile("[" + re.escape("".join(_JS_EXTRA)) + "]")
# The characters that open inline Markdown, HTML, an entity or LaTeX anywhere, plus ':' (Streamlit's :icon:
# and :colour[...] directives); and the markers that open a block at the start of a line (any line of the
# value): a list item ("- ", "+ ", "1. "), a thematic break or a setext underline ("---", "===").
_MD_SPECIALS = re.compile(r"""([\\`*_{}\[\]()<>#!|~$:&])""")
_MD_LINE_START = re.compile(r"^(\s*\d*)([-+=.])(?=\s|[-=\s]*$)")
# GFM links bare addresses (http://…, www.…, name@host) and Streamlit draws :material/icon: and :emoji: in the
# parsed text, whatever the escaping: an invisible word joiner after "www", after "@" and after a colon that
# precedes "//" or a letter keeps them text.
_BREAKS = re.compile(r"(?<=:)(?=//|[^\W\d_])|(?<=www)(?=\.)|(?<=@)", re.IGNORECASE)
WORD_JOINER = "\u2060"


def html_text(value: object) -> str:
    """`value` as HTML text (element content or a quoted attribute)."""
    return _HTML_EXTRA_PATTERN.sub(lambda m: _HTML_EXTRA[m.group()], html.escape(str(value), quote=True))


html_attr = html_text  # attributes are always written double-quoted


def plotly_text(value: object) -> str:
    """`value` as Plotly text (tick and lane labels, hover text, trace names, annotations). Plotly reads a
    subset of HTML and decodes numeric references but only a few named ones (no `&quot;`)."""
    return html_text(value).replace("&quot;", "&#34;")


def js_json(value: object) -> str:
    """`value` (str, number, list, dict) as a JavaScript expression, safe inside a <script> block and a
    template literal: `<`, `>`, `&`, backtick, `$`, `'` and the line separators are written as \\u escapes."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return _JS_PATTERN.sub(lambda m: _JS_EXTRA[m.group()], text)


def js_string(value: object) -> str:
    """`value` as a quoted JavaScript string literal."""
    return js_json(str(value))


def md_text(value: object) -> str:
    """`value` shown literally by `st.markdown`: every Markdown, HTML and directive character escaped, bare
    addresses and icon codes kept from becoming links or icons (a WORD_JOINER inserted), line breaks kept as
    breaks (two spaces and a newline)."""
    lines = str(value).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    escaped = (_MD_SPECIALS.sub(r"\\\1", _BREAKS.sub(WORD_JOINER, line)) for line in lines)
    return "  \n".join(_MD_LINE_START.sub(r"\1\\\2", line) for line in escaped)


def safe_url(value: object) -> str | None:
    """The URL if it is an absolute http(s) address with a host and no whitespace or control
    characters, else None (javascript:, data:, relative and protocol-relative links are refused)."""
    text = str(value).strip()
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc or re.search(r"[\s\x00-\x1f\x7f]", text):
        return None
    return text


def html_link(url: object, label: object | None = None) -> str:
    """An anchor opening `url` in a new tab, labelled with `label` (default: the URL itself); plain
    escaped text where the URL is not a safe http(s) address."""
    target = safe_url(url)
    text = html_text(url if label is None else label)
    if target is None:
        return text
    return f'<a href="{html_attr(target)}" target="_blank" rel="noopener noreferrer">{text}</a>'
