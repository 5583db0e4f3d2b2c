"""Contributor commands: check content, start a new entry, see what needs translating."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import practice, scaffold, status
from .content import load_handbook
from .problems import ContentError

ROOT = Path.cwd()


def cmd_check(args: argparse.Namespace) -> int:
    """Validate every entry exactly as the build does, without building."""
    github = args.format == "github" or (args.format is None and os.environ.get("GITHUB_ACTIONS") == "true")
    try:
        book = load_handbook(Path(args.content), ROOT)
    except ContentError as error:
        for problem in error.problems:
            print(problem)
            if github:
                print(problem.github())
        count = len(error.problems)
        print(f"\n{count} problem{'s' if count != 1 else ''} found. Fix them and run "
              f"`python -m generator check` again.", file=sys.stderr)
        return 1
    counts = ", ".join(f"{len(book[kind])} {kind}" for kind in book.kinds)
    print(f"All content is valid: {counts}.")
    for warning in practice.warnings(book):  # content that practice cannot use: worth fixing, not failing
        print(f"warning: {warning}")
        if github:
            print(warning.github("warning"))
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    """Write a skeleton entry with every field, in all four languages."""
    try:
        path = scaffold.new_entry(Path(args.content), args.kind, args.id)
    except scaffold.ScaffoldError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"Wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}.\n"
          "Fill in every 'TODO', then run `python -m generator check`.")
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    """Print translation coverage, missing texts and stale translations; or record translations."""
    try:
        book = load_handbook(Path(args.content), ROOT)
    except ContentError as error:
        print(error)
        print("\nFix these problems first (see `python -m generator check`).", file=sys.stderr)
        return 1
    if args.mark:
        lang, targets = args.mark[0], args.mark[1:]
        try:
            changed = status.mark(book, ROOT, lang, targets)
        except status.StatusError as error:
            print(f"error: {error}", file=sys.stderr)
            return 1
        print(f"Recorded the current English text as the base of {len(changed)} {lang} translation(s).")
        return 0
    print(status.report(book, verbose=args.verbose))
    print("\n" + practice.coverage_report(book))
    return 0


def cmd_links(args: argparse.Namespace) -> int:
    """Check every internal link and anchor of a built site."""
    from urllib.parse import urlsplit

    from .links import check_site

    site = Path(args.site)
    if not (site / "index.html").is_file():
        print(f"error: {site} holds no built site; run `mkdocs build` first", file=sys.stderr)
        return 1
    base = args.base
    if base is None:
        from mkdocs.config import load_config

        base = urlsplit(load_config("mkdocs.yml").site_url or "/").path
    base = "/" + base.strip("/") + "/" if base.strip("/") else "/"
    count, broken = check_site(site, base)
    for link in broken:
        print(link)
    print(f"{count} pages checked, {len(broken)} broken link(s).")
    return 1 if broken else 0


def parser() -> argparse.ArgumentParser:
    """The command line of `python -m generator`."""
    main = argparse.ArgumentParser(prog="python -m generator", description=__doc__)
    main.add_argument("--content", default="content", help="the content folder (default: content)")
    sub = main.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = sub.add_parser("check", help="check every content file, as the build does",
                           description="Check every YAML entry: syntax, fields, ids and references. "
                                       "Prints each problem as path:line:col: field: message (hint).")
    check.add_argument("--format", choices=["text", "github"],
                       help="'github' adds ::error annotations (automatic when GITHUB_ACTIONS=true)")
    check.set_defaults(run=cmd_check)

    new = sub.add_parser("new", help="write a skeleton entry to fill in",
                         description="Write content/<kind>/<id>.yml with every field and a comment on each.")
    new.add_argument("kind", choices=["archetype", "symptom", "response", "source"], help="the kind of entry")
    new.add_argument("id", help="the new id: lowercase words joined by hyphens, like 'fix-scope'")
    new.set_defaults(run=cmd_new)

    stat = sub.add_parser("status", help="translation coverage, missing and outdated translations",
                          description="Show translation coverage per language and kind, what is missing, "
                                      "and translations made from an older English text.")
    stat.add_argument("-v", "--verbose", action="store_true", help="list every missing field")
    stat.add_argument("--mark", nargs="+", metavar=("LANG", "ID"),
                      help="record that LANG translations of these entries (kind/id, or 'all') "
                           "follow the current English text")
    stat.set_defaults(run=cmd_status)

    from .synth import register_command as register_synth  # benchmarks and scale tests
    register_synth(sub)
    links = sub.add_parser("links", help="check every internal link and #anchor of a built site",
                           description="Check that every internal link and #anchor in a built site resolves, "
                                       "in all languages.")
    links.add_argument("site", nargs="?", default="site", help="the built site (default: site)")
    links.add_argument("--base", help="URL path the site is served under (default: from mkdocs.yml site_url)")
    links.set_defaults(run=cmd_links)
    return main


def main(argv: list[str] | None = None) -> int:
    """Run one command and return its exit code."""
    args = parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
