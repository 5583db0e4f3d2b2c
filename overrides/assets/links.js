// Links that keep the reader's place: language switcher, "copy link" buttons, the 404 page's way back.
// The language switcher follows the page, #anchor and ?query; each section heading of entry and source pages
// gets a "copy link" button; the 404 page links the kind index that the missed address names. Works on a
// full load and after Material's instant navigation.
(() => {
  "use strict";
  const { onPage, readJSON, replaceUrl } = window.handbook;
  const script = document.getElementById("handbook-links");
  if (!script) return;
  const data = readJSON(script);
  const strings = data.strings;
  // Resolved once, on the first page: Material keeps the header and this script across instant navigation.
  const englishRoot = new URL(data.root, location.href);
  const languageRoot = new URL(data.prefix, englishRoot);
  const LINK_ICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true"><path d="M10.59 13.41c.41.39.41 1.03 0 1.42-.39.39-1.03.39-1.42 0a5 5 0 0 1 0-7.07l3.54-3.54a5 5 0 0 1 7.07 0 5 5 0 0 1 0 7.07l-1.49 1.49c.01-.82-.12-1.64-.4-2.42l.47-.48a2.98 2.98 0 0 0 0-4.24 2.98 2.98 0 0 0-4.24 0l-3.53 3.53a2.98 2.98 0 0 0 0 4.24m2.82-4.24c.39-.39 1.03-.39 1.42 0a5 5 0 0 1 0 7.07l-3.54 3.54a5 5 0 0 1-7.07 0 5 5 0 0 1 0-7.07l1.49-1.49c-.01.82.12 1.64.4 2.43l-.47.47a2.98 2.98 0 0 0 0 4.24 2.98 2.98 0 0 0 4.24 0l3.53-3.53a2.98 2.98 0 0 0 0-4.24.97.97 0 0 1 0-1.42"/></svg>';
  const DONE_ICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true"><path d="M21 7 9 19l-5.5-5.5 1.41-1.41L9 16.17 19.59 5.59z"/></svg>';

  // The path of the current page inside this language's site ("archetypes/talker/"), or null outside it.
  function pathInSite() {
    const path = location.pathname;
    return path.startsWith(languageRoot.pathname) ? path.slice(languageRoot.pathname.length) : null;
  }

  // Language switcher: the same page in each language, with this page's ?query and #anchor.
  function updateSwitcher() {
    const rest = pathInSite();
    if (rest === null) return;
    document.querySelectorAll(".md-select__link[data-prefix]").forEach((link) => {
      link.href = new URL(link.getAttribute("data-prefix") + rest, englishRoot).href + location.search + location.hash;
    });
  }

  // The query and anchor change without any event (diagnose.js uses replaceState): refresh before each use.
  for (const type of ["pointerdown", "mouseover", "focusin", "contextmenu", "auxclick"]) {
    document.addEventListener(type, (event) => {
      if (event.target.closest && event.target.closest(".md-select")) updateSwitcher();
    }, true);
  }
  document.addEventListener("click", (event) => {
    if (!(event.target.closest && event.target.closest(".md-select__link[data-prefix]"))) return;
    updateSwitcher();
    // Material's own handlers would send the reader to the other language's home page (its switcher)
    // or swap the page in place (instant navigation): a language is a separate site, load it whole.
    event.stopPropagation();
  }, true);
  window.addEventListener("hashchange", updateSwitcher);
  window.addEventListener("popstate", updateSwitcher);

  // A polite live region, shared by every button: screen readers hear that the link was copied.
  const status = document.createElement("div");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  document.body.appendChild(status);

  function announce(message) {
    status.textContent = "";
    setTimeout(() => { status.textContent = message; }, 50);  // the same message twice is read twice
    if (typeof alert$ !== "undefined") alert$.next(message);  // Material's toast, for sighted readers
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    return new Promise((resolve, reject) => {  // plain http: the older way, where the browser allows it
      const area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      let done = false;
      try { done = document.execCommand("copy"); } catch (error) { done = false; }
      area.remove();
      if (done) resolve(); else reject(new Error("copy refused"));
    });
  }

  function headingText(heading) {
    const clone = heading.cloneNode(true);
    clone.querySelectorAll(".headerlink, .copy-link").forEach((node) => node.remove());
    return clone.textContent.replace(/\s+/g, " ").trim();
  }

  function addCopyButtons() {
    const rest = pathInSite();
    const kind = rest === null ? "" : rest.split("/")[0];
    if (!data.kinds.includes(kind) || !/^[^/]+\/[^/]+\/$/.test(rest)) return;  // entry and source pages only
    document.querySelectorAll(".md-content article h2[id], .md-content article h3[id]").forEach((heading) => {
      if (heading.querySelector(".copy-link")) return;
      const button = document.createElement("button");
      button.type = "button";
      button.className = "copy-link";
      button.title = strings.copy_link;
      button.setAttribute("aria-label", strings.copy_link + ": " + headingText(heading));
      button.innerHTML = LINK_ICON;
      button.addEventListener("click", () => {
        const url = new URL(location.href);
        url.search = "";
        url.hash = heading.id;
        replaceUrl(url.href);  // the section's address in the address bar too, as the permalink put it
        updateSwitcher();
        copy(url.href).then(() => {
          button.innerHTML = DONE_ICON;
          button.classList.add("copy-link--done");
          setTimeout(() => { button.innerHTML = LINK_ICON; button.classList.remove("copy-link--done"); }, 2000);
          announce(strings.link_copied);
        }, () => {
          announce(strings.copy_failed);  // the reader can copy it from the address bar
        });
      });
      // One link marker per heading: the button replaces the permalink's "¶" (which shows on hover and on a
      // heading reached by its #anchor, beside the button); without this script the "¶" stays.
      heading.querySelectorAll(".headerlink").forEach((permalink) => permalink.remove());
      heading.appendChild(button);
    });
  }

  // Page not found: point to the index of the kind the missed address names, and search for its last word.
  function helpNotFound() {
    const box = document.querySelector(".not-found");
    const rest = pathInSite();
    if (!box || rest === null) return;
    const parts = rest.split("/").filter(Boolean);
    const kind = parts[0] === "cheatsheets" ? "archetypes" : parts[0];
    const index = kind && box.querySelector('a[data-kind="' + CSS.escape(kind) + '"]');
    if (index) {
      const link = box.querySelector("[data-kind-link]");
      link.href = index.href;
      link.textContent = index.textContent;
      link.parentNode.hidden = false;
    }
    let last = parts[parts.length - 1] || "";
    try { last = decodeURIComponent(last); } catch (error) { /* a malformed %-escape: search for it as typed */ }
    const words = last.replace(/\.html$/, "").replace(/[-_+]+/g, " ").trim();
    const search = box.querySelector(".not-found-search");
    if (words && parts.length > 1 && search) {
      const url = new URL(search.href);
      url.searchParams.set("q", words);
      search.href = url.href;
    }
  }

  function setup() {
    updateSwitcher();
    addCopyButtons();
    helpNotFound();
  }

  onPage(setup);
})();
