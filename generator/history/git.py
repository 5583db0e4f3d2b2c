"""The one way the generator runs git: quietly, never asking for a password, its output as bytes.

Without git, outside a repository, or when a command fails, there is no answer (None), and every
caller reads that as "no history".
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

_ENV = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
TIMEOUT = 120  # seconds: far above one `git log` of a large history, short of a hung credential prompt


def run(root: Path, *args: str, data: bytes | None = None) -> bytes | None:
    """What `git -C root ARGS` prints (data on its standard input), or None if it could not tell."""
    try:
        result = subprocess.run(["git", "-C", str(root), *args], input=data, capture_output=True,
                                timeout=TIMEOUT, env=_ENV)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None
