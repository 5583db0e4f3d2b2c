"""What readers see does not change behind their back: the fixture site against its snapshot (tests/visible.py).

The snapshot was taken while Python-Markdown still converted every page; the generator now writes the pages'
HTML itself, and every title, word, link, anchor and table of contents must be as it was.
"""

from __future__ import annotations

import json

import pytest
from visible import SNAPSHOT, visible

EXPECTED = json.loads(SNAPSHOT.read_text("utf-8"))


@pytest.fixture(scope="module")
def seen(built_site):
    return visible(built_site)


def test_the_site_has_the_same_pages(seen):
    assert sorted(seen) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_page_shows_what_it_showed(seen, name):
    page, expected = seen.get(name), EXPECTED[name]
    assert page is not None, f"{name} is no longer built"
    for field in ("title", "text", "links", "anchors", "toc"):
        assert page[field] == expected[field], f"{name}: {field} changed"
