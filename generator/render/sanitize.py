"""The last gate for contributor text: page HTML keeps only the tags and attributes the templates use."""

from __future__ import annotations

import nh3

TAGS = {
    "a", "abbr", "blockquote", "br", "button", "code", "dd", "details", "div", "dl", "dt", "em", "fieldset",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "input", "label", "legend", "li", "mark", "nav", "noscript",
    "ol", "p", "pre", "section", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody",
    "td", "tfoot", "th", "thead", "time", "tr", "ul",
    "svg", "path",  # QR codes of printed cheat sheets (segno, made at build time)
}
COMMON = {"class", "id", "lang", "title", "role", "hidden", "aria-label", "aria-hidden", "aria-current",
          "aria-describedby", "aria-live", "data-symptom", "data-archetype", "data-symptoms",
          "data-responses", "data-matches", "data-none",
          "aria-controls", "aria-labelledby", "tabindex", "data-ticked", "data-no-match", "data-words",
          "data-question", "data-practice", "data-each", "data-top", "data-tie",
          # A trainer's session and a reader's marks (assets/trainers.js, assets/reading.js).
          "data-print", "data-count", "data-session", "data-bad-types", "data-qr", "data-questions", "data-sheet",
          "data-cheatsheets", "data-trainers", "data-failed", "data-types", "data-read", "data-version",
          "data-progress", "data-read-label", "data-updated-label", "data-clear",
          # Search (generator/features/search.py): names and aliases weigh more than body text; citations are left out.
          "data-pagefind-weight", "data-pagefind-ignore"}
ATTRIBUTES = {
    "*": COMMON,
    "a": {"href", "hreflang", "rel"},
    "input": {"type", "name", "value", "checked", "disabled", "autocomplete", "spellcheck"},
    "button": {"type"},
    "time": {"datetime"},
    "svg": {"viewBox"},
    "path": {"d", "stroke", "fill", "transform"},
    "label": {"for"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
    "details": {"open"},
}


def clean(html: str) -> str:
    """Drop scripts, event handlers, javascript: URLs, iframes and any tag the templates don't write."""
    return nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes={"http", "https", "mailto"},
                     link_rel=None, strip_comments=True)
