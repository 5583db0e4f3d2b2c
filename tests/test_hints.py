"""Hints for the mistakes contributors make most: one problem, at the right line, that says what to do.

Each case breaks a private copy of the fixture project and compares the whole output of
`python -m generator check`, so it also proves that nothing else is reported.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import ENV

KNOW_IT_ALL = "archetypes/know-it-all.yml"
TALKER = "archetypes/talker.yml"
STORIES = "symptoms/long-stories.yml"
# The first response of know-it-all.yml (lines 12-13), rewritten in block style by each case.
RESPONSE = ('  - id: convince-with-facts\n'
            '    note: {en: "First choice.", fr: "Premier choix.", ro: "Prima alegere.", ru: "Первый выбор."}\n')
NOTE = '{0}note:\n{1}en: "First choice."\n{1}fr: "Premier choix."\n{1}ro: "Prima alegere."\n{1}ru: "Первый выбор."\n'
FIVE_SPACES = "     "

CASES = [
    ("languages not indented under note",  # was five problems: note is empty, and four unknown fields
     KNOW_IT_ALL, RESPONSE, "  - id: convince-with-facts\n" + NOTE.format("    ", "    "),
     ["content/archetypes/know-it-all.yml:13:5: responses[0].note: 'note:' is empty, and en:, fr:, ro:, ru: "
      "below it are not indented under it (indent lines 14-17 by 6 spaces, two more than 'note:')"]),
    ("top-level text not indented under its field",
     TALKER, 'summary: {en: "Long stories instead of answers.", fr: "De longues histoires au lieu de réponses.", '
             'ro: "Povești lungi în loc de răspunsuri.", ru: "Длинные истории вместо ответов."}\n',
     'summary:\nen: "Long stories instead of answers."\n',
     ["content/archetypes/talker.yml:2:1: summary: 'summary:' is empty, and en: below it is not indented "
      "under it (indent line 3 by 2 spaces, two more than 'summary:')"]),
    ("note at the level of the list's dash",
     KNOW_IT_ALL, RESPONSE, "  - id: convince-with-facts\n" + NOTE.format("  ", "    "),
     ["content/archetypes/know-it-all.yml:13:3: YAML syntax error: 'note:' is indented by 2 spaces, which lines "
      "it up with no field above (indent it by 4 spaces, like 'id:' on line 12, or start a new list item "
      "with '- ')"]),
    ("note between two levels",
     KNOW_IT_ALL, RESPONSE, "  - id: convince-with-facts\n" + NOTE.format("   ", FIVE_SPACES),
     ["content/archetypes/know-it-all.yml:13:4: YAML syntax error: 'note:' is indented by 3 spaces, which lines "
      "it up with no field above (indent it by 4 spaces, like 'id:' on line 12)"]),
    ("note indented more than id",
     KNOW_IT_ALL, RESPONSE, "  - id: convince-with-facts\n" + NOTE.format("      ", "        "),
     ["content/archetypes/know-it-all.yml:13:7: YAML syntax error: 'note:' is indented more than 'id:' on "
      "line 12 (indent it by 4 spaces, like 'id:')"]),
    ("one language indented less than the others",
     KNOW_IT_ALL, RESPONSE, "  - id: convince-with-facts\n" + NOTE.format("    ", "      ").replace(
         '      fr: "Premier', FIVE_SPACES + 'fr: "Premier'),
     ["content/archetypes/know-it-all.yml:15:6: YAML syntax error: 'fr:' is indented by 5 spaces, which lines "
      "it up with no field above (indent it by 6 spaces, like 'en:' on line 14)"]),
    ("a top-level field indented",
     TALKER, "citations: [", " citations: [",
     ["content/archetypes/talker.yml:5:2: YAML syntax error: 'citations:' is indented by 1 space, which lines "
      "it up with no field above (start it at the beginning of the line, like 'responses:' on line 4)"]),
    ("a list item indented less than the one before",
     KNOW_IT_ALL, "  - time-box\n", "  - id: time-box\n    note: {en: x}\n - id: charge-for-changes\n",
     ["content/archetypes/know-it-all.yml:16:2: YAML syntax error: this list item is indented by 1 space, the one "
      "on line 14 by 2 spaces (indent its '- ' by 2 spaces, like line 14)"]),
    # Reported once, not once per rule that the value breaks (minLength and pattern).
    ("empty quoted text",
     STORIES, 'fr: "Résumé de long-stories."', 'fr: ""',
     ["content/symptoms/long-stories.yml:2:47: summary.fr: text is empty (write the text or remove the field)"]),
]


@pytest.mark.parametrize("name,rel,old,new,expected", CASES, ids=[case[0] for case in CASES])
def test_hint(project, name, rel, old, new, expected):
    path = project / "content" / rel
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} is not in {rel}"
    path.write_text(text.replace(old, new, 1), "utf-8")
    result = subprocess.run([sys.executable, "-m", "generator", "check"], cwd=project, capture_output=True,
                            text=True, env={**ENV, "GITHUB_ACTIONS": "false"}, timeout=60)
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    assert result.returncode == 1
    assert result.stdout.splitlines() == expected
