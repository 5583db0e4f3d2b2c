"""How the generator reads YAML: PyYAML's safe loader, in C (libyaml, about 4x faster) when it is installed.

Every reading of YAML goes through here: a trusted file (load), a content file from git history that may
be anything (mapping), and the events the strict content reader builds its data from (events, in
content/yamlfile.py). Imports nothing of the generator, so every package may use it.
"""

from __future__ import annotations

import yaml

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load(text: str) -> object:
    """The data of a YAML text; raises yaml.YAMLError if it is not YAML."""
    return yaml.load(text, Loader=Loader)


def mapping(text: str | None) -> dict | None:
    """The mapping a YAML text holds, or None: no text, not YAML, or not a mapping (an old or broken file)."""
    if text is None:
        return None
    try:
        data = load(text)
    except yaml.YAMLError:
        return None
    return data if isinstance(data, dict) else None


def events(text: str):
    """The parser's events of a YAML text, in order, each with its position; nothing is built."""
    return yaml.parse(text, Loader=Loader)
