"""Contributor commands: check content, start a new entry, see what needs translating."""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
from pathlib import Path

from generator.cli import scaffold, status
from generator.content.handbook import load_handbook
from generator.content.problems import ContentError, shown
from generator.features import practice, vocabulary
from generator.history import staleness, versions


def cmd_check(args: argparse.Namespace) -> int:
    """Validate every entry exactly as the build does, without building."""
    github = _github(args)
    try:
        book = load_handbook(Path(args.content), args.root)
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
    for warning in [*practice.warnings(book), *vocabulary.warnings(book)]:  # worth fixing, not failing
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
    print(f"Wrote {path.relative_to(args.root) if path.is_relative_to(args.root) else path}.\n"
          "Fill in every 'TODO', then run `python -m generator check`.")
    return 0


def _github(args: argparse.Namespace) -> bool:
    """Whether to add GitHub annotations: asked for, or running on GitHub Actions."""
    return args.format == "github" or (args.format is None and os.environ.get("GITHUB_ACTIONS") == "true")


def _content_folder(args: argparse.Namespace) -> str | None:
    """The content folder relative to the project root, where git history is read; None if outside it."""
    folder = (args.root / args.content).resolve()
    return folder.relative_to(args.root.resolve()).as_posix() if folder.is_relative_to(args.root.resolve()) else None


def cmd_status(args: argparse.Namespace) -> int:
    """Print translation coverage, missing texts and outdated translations; or record translations."""
    try:
        book = load_handbook(Path(args.content), args.root)
    except ContentError as error:
        print(error)
        print("\nFix these problems first (see `python -m generator check`).", file=sys.stderr)
        return 1
    if args.mark:
        lang, targets = args.mark[0], args.mark[1:]
        try:
            changed = status.mark(book, args.root, lang, targets)
        except status.StatusError as error:
            print(f"error: {error}", file=sys.stderr)
            return 1
        print(f"Recorded the current English text as the base of {len(changed)} {lang} translation(s).")
        return 0
    folder = _content_folder(args)
    if args.since:
        if versions.resolve(args.root, args.since) is None:
            print(f"error: '{shown(args.since)}' is not a commit of this repository", file=sys.stderr)
            return 1
        fresh = staleness.newly_outdated(args.root, args.since, folder) if folder else {}
        print("\n".join(status.outdated_lines(fresh, f"Translations outdated by the changes since {args.since}")))
        if _github(args):
            print("\n".join(status.annotations(args.root, fresh)))
        return 0  # a warning for translators, never a failure
    outdated = staleness.outdated(args.root, folder) if folder else {}
    print(status.report(book, outdated, verbose=args.verbose))
    print("\n" + practice.coverage_report(book))
    return 0


def _site_base(args: argparse.Namespace) -> str:
    """The URL path the built site is served under: --base, else the path of mkdocs.yml's site_url."""
    from urllib.parse import urlsplit

    base = getattr(args, "base", None)
    if base is None:
        from mkdocs.config import load_config

        base = urlsplit(load_config("mkdocs.yml").site_url or "/").path
    return "/" + base.strip("/") + "/" if base.strip("/") else "/"


def cmd_links(args: argparse.Namespace) -> int:
    """Check every internal link and anchor of a built site."""
    from generator.cli.links import check_site

    site = Path(args.site)
    if not (site / "index.html").is_file():
        print(f"error: {site} holds no built site; run `mkdocs build` first", file=sys.stderr)
        return 1
    count, broken = check_site(site, _site_base(args))
    for link in broken:
        print(link)
    print(f"{count} pages checked, {len(broken)} broken link(s).")
    return 1 if broken else 0


def _message(problem) -> str:
    """A problem without its position: 'field: message (hint)'."""
    field = f"{problem.field}: " if problem.field else ""
    return field + problem.message + (f" ({problem.hint})" if problem.hint else "")


def cmd_report(args: argparse.Namespace) -> int:
    """Write the data of a CI run's report (problems, changes, outdated translations) for the pull request."""
    from generator import prreport
    from generator.cli.links import check_site
    from generator.history import changes

    steps = [dict(zip(("name", "outcome"), step.split("=", 1), strict=True)) for step in args.step if "=" in step]
    data: dict = {"version": 1, "pr": args.pr, "steps": steps, "problems": [], "warnings": [],
                  "changes": {}, "outdated": []}
    try:
        load_handbook(Path(args.content), args.root)
    except ContentError as error:
        data["problems"] = [{"path": p.path, "line": p.line, "column": p.column, "message": _message(p)}
                            for p in error.problems]
    site = Path(args.site)
    if (site / "index.html").is_file() and dict(s.values() for s in steps).get("build", "success") == "success":
        data["problems"] += [{"path": f"{site.name}/{link.page}", "message": f"{link.href}: {link.reason}"}
                             for link in check_site(site, _site_base(args))[1]]
    folder = _content_folder(args)
    if args.since and folder and versions.resolve(args.root, args.since):
        outdated = staleness.newly_outdated(args.root, args.since, folder)
        data["outdated"] = [{"path": path, "lang": lang, "field": c.field, "before": c.before, "after": c.after}
                            for (path, lang), found in sorted(outdated.items()) for c in found]
        found, warnings = changes.since(args.root, args.since, folder)
        data["changes"] = changes.as_data(found)
        data["warnings"] = [{"path": w.path, "message": w.message} for w in warnings]
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(data, ensure_ascii=False, indent=1), "utf-8")
    if args.summary:
        with open(args.summary, "a", encoding="utf-8") as summary:
            summary.write(prreport.render(data, limit=None, size=prreport.SUMMARY_LIMIT))
    print(f"Wrote {out}: {len(data['problems'])} problem(s), {len(data['outdated'])} outdated translation(s).")
    return 0


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
                                      "and the translations written against an older English text (from git "
                                      "history), with the English before and after.")
    stat.add_argument("-v", "--verbose", action="store_true", help="list every missing field")
    stat.add_argument("--mark", nargs="+", metavar=("LANG", "FILE"),
                      help="record that the LANG translations of these entries still fit the current English "
                           "text: give the files as status prints them (or kind/id, or 'all')")
    stat.add_argument("--since", metavar="COMMIT",
                      help="list only the translations outdated by the changes since COMMIT (CI: the base branch)")
    stat.add_argument("--format", choices=["text", "github"],
                      help="'github' adds ::warning annotations (automatic when GITHUB_ACTIONS=true)")
    stat.set_defaults(run=cmd_status)

    _register_synth(sub)
    links = sub.add_parser("links", help="check every internal link and #anchor of a built site",
                           description="Check that every internal link and #anchor in a built site resolves, "
                                       "in all languages.")
    links.add_argument("site", nargs="?", default="site", help="the built site (default: site)")
    links.add_argument("--base", help="URL path the site is served under (default: from mkdocs.yml site_url)")
    links.set_defaults(run=cmd_links)

    report = sub.add_parser("report", help="write a CI run's report for its pull request (used by CI)",
                            description="Write the data of a pull request's report: every problem, the entries "
                                        "added, changed and removed per language, and the translations the "
                                        "change outdated; python -m generator.prreport turns it into Markdown.")
    report.add_argument("--out", required=True, help="the JSON file to write")
    report.add_argument("--since", metavar="COMMIT", help="the commit the changes are compared with (the base branch)")
    report.add_argument("--pr", type=int, help="the pull request's number")
    report.add_argument("--step", action="append", default=[], metavar="NAME=OUTCOME",
                        help="a CI step's outcome, e.g. build=success (repeat for each step)")
    report.add_argument("--site", default="site", help="the built site, to check its links (default: site)")
    report.add_argument("--summary", metavar="FILE", help="also append the whole report as Markdown to FILE "
                                                          "(on GitHub: $GITHUB_STEP_SUMMARY)")
    report.set_defaults(run=cmd_report)
    return main


def _register_synth(sub) -> None:
    """`synth` (benchmarks and scale tests) lives beside the benchmarks, in a checkout's benchmarks/synth.py."""
    path = Path(__file__).resolve().parents[2] / "benchmarks" / "synth.py"
    if not path.is_file():  # an installed generator without its checkout: no benchmarks, no synth
        return
    spec = importlib.util.spec_from_file_location("handbook_synth", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.register_command(sub)


def main(argv: list[str] | None = None) -> int:
    """Run one command and return its exit code."""
    args = parser().parse_args(argv)
    args.root = Path.cwd()  # the repository the command works on: the folder it runs in
    return args.run(args)
