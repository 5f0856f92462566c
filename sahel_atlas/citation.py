"""How to cite a view of the dataset: a sentence in the reader's language, BibTeX and RIS, each carrying the
dataset version, the view's link and the access date. The same text goes into every download bundle.
Formats: BibTeX @misc (biblatex's `urldate`), RIS type DATA (tags as in the RIS specification)."""

from datetime import date
from urllib.parse import quote

from .i18n import format_date, t


def citation_text(metadata: dict, link: str, accessed: date, lang: str) -> str:
    """'Sahel Atlas (2026). Title, version 0.3.0. Link (accessed 1 Dec 2026).' in `lang`; the author is the
    dataset's publisher (data/dataset.json)."""
    link = plain_link(link)
    return t(
        "citation",
        lang,
        author=metadata["publisher"],
        year=metadata["released"][:4],
        title=metadata["title"],
        version=metadata["version"],
        link=link,
        accessed=format_date(accessed, lang),
    )


def plain_link(link: str) -> str:
    """The link with every character outside a URL's own syntax percent-encoded (no brace, quote, space or
    line break can reach a BibTeX or RIS field)."""
    return quote(link, safe=":/?&=%#+,;@-._~!$'()*[]")


def bibtex_value(text: str) -> str:
    """A BibTeX field value: braces and backslashes made harmless, the specials escaped."""
    text = text.replace("\\", "\\textbackslash ").replace("{", "\\{").replace("}", "\\}")
    for special in "&%$#_":
        text = text.replace(special, "\\" + special)
    return text.replace("~", "\\textasciitilde ").replace("^", "\\textasciicircum ")


def bibtex(metadata: dict, link: str, accessed: date) -> str:
    key = "sahelatlas" + metadata["released"][:4]
    fields = {
        "author": f"{{{bibtex_value(metadata['publisher'])}}}",  # braces: a corporate author, not "Atlas, Sahel"
        "title": bibtex_value(metadata["title"]),
        "year": bibtex_value(metadata["released"][:4]),
        "version": bibtex_value(metadata["version"]),
        "url": plain_link(link).replace("%", "\\%").replace("#", "\\#"),
        "urldate": accessed.isoformat(),
        "note": bibtex_value(f"Licence {metadata['licence']}"),
    }
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields.items())
    return f"@misc{{{key},\n{body}\n}}\n"


def ris(metadata: dict, link: str, accessed: date) -> str:
    lines = [
        ("TY", "DATA"),
        ("AU", metadata["publisher"]),
        ("TI", metadata["title"]),
        ("PY", metadata["released"][:4]),
        ("ET", metadata["version"]),
        ("UR", plain_link(link)),
        ("Y2", accessed.isoformat()),
        ("N1", f"Licence {metadata['licence']}"),
        ("ER", ""),
    ]
    # one line per tag: a line break inside a value would start a new (bogus) tag
    return "".join(f"{tag}  - {' '.join(value.split())}\n" for tag, value in lines)


def error_report(event_id: str, title: str, version: str, link: str, lang: str) -> str:
    """The text of an error report about one event, prefilled with what identifies it (event id, title,
    dataset version, the link to the view with the event selected) and the questions a correction needs
    answered (CONTRIBUTING.md)."""
    return t("report_form", lang, event_id=event_id, title=title, version=version, link=plain_link(link))
