"""Contributor text never becomes markup: no script, handler, javascript: URL or iframe survives."""

from __future__ import annotations

import re

import pytest
from conftest import mkdocs_build

from generator.render.sanitize import clean

ATTACKS = [
    "<script>alert(1)</script>",
    '<img src="x" onerror="alert(1)">',
    "[click](javascript:alert(1))",
    '<iframe src="https://example.org"></iframe>',
    '<a href="javascript:alert(1)" onclick="alert(1)">x</a>',
    "<div markdown>**raw** <svg onload=alert(1)></svg></div>",
    "{: onclick=alert(1) }",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
]


@pytest.mark.build
def test_attacks_written_in_yaml_do_not_reach_the_site(project, tmp_path):
    talker = project / "content/archetypes/talker.yml"
    text = talker.read_text("utf-8")
    for i, attack in enumerate(ATTACKS):
        quoted = attack.replace("\\", "\\\\").replace('"', '\\"')
        text = text.replace('summary: {en: "', f'summary: {{en: "{quoted} ', 1) if i == 0 else text
    text += "avoid:\n" + "".join(f'  - {{en: "{a.replace(chr(34), chr(92) + chr(34))}"}}\n' for a in ATTACKS)
    talker.write_text(text, "utf-8")
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    for lang in ("", "fr/", "ru/"):
        html = (site / lang / "archetypes/talker/index.html").read_text("utf-8")
        article = html.split("<article", 1)[1].split("</article>", 1)[0]
        assert "<script" not in article and "<iframe" not in article and "<svg onload" not in article
        assert not re.search(r"<[^>]*\son\w+\s*=", article), "an event handler attribute survived"
        assert not re.search(r"<a\s[^>]*href=\"?javascript", article), "a javascript: link survived"
        # the text is still there for the reader, as text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in article


@pytest.mark.parametrize("html", [
    '<p>ok</p><script>alert(1)</script>',
    '<a href="javascript:alert(1)">x</a>',
    '<p onclick="alert(1)">x</p>',
    '<iframe src="x"></iframe>',
    '<img src=x onerror=alert(1)>',
])
def test_the_sanitizer_is_a_second_gate(html):
    out = clean(html)
    assert "<script" not in out and "javascript:" not in out and "onclick" not in out
    assert "<iframe" not in out and "onerror" not in out
