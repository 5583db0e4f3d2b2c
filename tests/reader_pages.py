"""Browser helpers for the reader's pages: sideways overflow, what is in view, screenshots for CI."""

from __future__ import annotations

from pathlib import Path

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"  # uploaded by CI (gitignored)
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}

# Elements wider than the viewport that no scrolling box of their own contains.
_OVERFLOWING = """() => {
  const width = document.documentElement.clientWidth, found = [];
  for (const el of document.querySelectorAll("body *")) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.right <= width + 1) continue;
    let up = el.parentElement, contained = false;
    for (; up; up = up.parentElement) {
      const style = getComputedStyle(up);
      if (style.overflowX !== "visible" && up.getBoundingClientRect().right <= width + 1) { contained = true; break; }
    }
    if (!contained && getComputedStyle(el).visibility !== "hidden")
      found.push(el.tagName.toLowerCase() + "." + el.className + " right=" + Math.round(box.right));
  }
  return found.slice(0, 8);
}"""


def sideways(page) -> tuple[int, list[str]]:
    """How far the page scrolls sideways (0 when it fits), and the elements sticking out."""
    extra = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    return extra, (page.evaluate(_OVERFLOWING) if extra > 0 else [])


def in_view(page, selector: str) -> bool:
    """Whether an element is shown and lies wholly inside the viewport."""
    return page.locator(selector).first.evaluate(
        "e => { const r = e.getBoundingClientRect(); return r.height > 0 && r.top >= 0 && "
        "r.bottom <= window.innerHeight && r.left >= 0 && r.right <= window.innerWidth; }")


def screenshot(page, name: str, full_page: bool = True) -> None:
    """Save a screenshot under tests/artifacts/screenshots/ for reviewers (and CI's artifact)."""
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=full_page)


def tick(page, *values: str) -> None:
    """Tick signs on the diagnosis page the way a reader does: scroll to each and click it."""
    for value in values:
        box = page.locator(f'input[name="sign"][value="{value}"]')
        box.scroll_into_view_if_needed()
        box.check()
