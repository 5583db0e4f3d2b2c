"""Where the handbook lives: its public address (site_url) and the repository its edit links open."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

# The repository named in mkdocs.yml until a fork sets its own: its edit links lead nowhere useful.
PLACEHOLDER_REPOSITORY = "https://github.com/example/"
_REPOSITORY = re.compile(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")


class AddressError(ValueError):
    """An address in the configuration or the environment that the handbook cannot publish under."""


def check_site_url(site_url: str | None) -> str:
    """The public address of the site as an absolute folder URL ('https://host/path/'), or AddressError."""
    example = "site_url: https://<owner>.github.io/<repository>/"
    if not site_url:
        raise AddressError("site_url is not set in mkdocs.yml: link previews (og:url), hreflang alternates and "
                           f"sitemaps need the site's public address. Add a line like `{example}`")
    parts = urlsplit(site_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise AddressError(f"site_url '{site_url}' is not a web address: it must start with https:// (or http://) "
                           f"and name a host, e.g. `{example}`")
    return site_url if site_url.endswith("/") else site_url + "/"


@dataclass(frozen=True)
class Repository:
    """The repository that "Edit this page" opens, and the branch its edits go to (None: keep edit_uri)."""

    url: str
    branch: str | None = None

    @property
    def edit_uri(self) -> str | None:
        """MkDocs's edit_uri for this branch: 'edit/<branch>/' (the entry's YAML path is appended)."""
        return f"edit/{quote(self.branch)}/" if self.branch else None


def repository_from_environment(env: Mapping[str, str]) -> Repository | None:
    """The repository a GitHub Actions job runs in (GITHUB_SERVER_URL, GITHUB_REPOSITORY, DEFAULT_BRANCH).

    None when GITHUB_REPOSITORY is unset (a local build keeps mkdocs.yml's repo_url).
    """
    name = env.get("GITHUB_REPOSITORY", "").strip()
    if not name:
        return None
    if not _REPOSITORY.fullmatch(name):
        raise AddressError(f"GITHUB_REPOSITORY is '{name}'; expected owner/name")
    server = (env.get("GITHUB_SERVER_URL") or "https://github.com").strip().rstrip("/")
    if urlsplit(server).scheme not in ("http", "https"):
        raise AddressError(f"GITHUB_SERVER_URL is '{server}'; expected a web address like https://github.com")
    branch = env.get("DEFAULT_BRANCH", "").strip() or None
    return Repository(f"{server}/{name}", branch)


def is_placeholder(repo_url: str | None) -> bool:
    """Whether repo_url is still the example repository of mkdocs.yml."""
    return not repo_url or repo_url.startswith(PLACEHOLDER_REPOSITORY)


PLACEHOLDER_HINT = ("'Edit this page' links open the placeholder repository {url}: set repo_url in mkdocs.yml, or "
                    "build with GITHUB_REPOSITORY=<owner>/<name> (and DEFAULT_BRANCH=<branch>) as GitHub Actions does")
