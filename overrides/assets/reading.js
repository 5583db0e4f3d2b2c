// What a reader has read, kept in this browser only (localStorage, no account): each entry page opened is
// remembered with the fingerprint of its texts that the build wrote (data-version); kind indexes and the home
// page say how many of their entries were read ("5 of 16 read") and mark each one read, or updated when its
// texts changed since; an entry page says so too. One button forgets it all. Without this script: nothing.
(() => {
  "use strict";
  const { onPage, own, format, element: el } = window.handbook;
  const STORE = "handbook-read-v1";  // {language: {"archetypes/talker": fingerprint}}

  function readAll() {
    try {
      const store = JSON.parse(window.localStorage.getItem(STORE) || "{}");
      return store && typeof store === "object" && !Array.isArray(store) ? store : {};
    } catch (error) {
      return {};  // storage off or edited by hand: nothing read
    }
  }

  function writeAll(store) {
    try { window.localStorage.setItem(STORE, JSON.stringify(store)); } catch (error) { /* storage off or full */ }
  }

  // The entries read in one language: address -> fingerprint, only well-formed pairs.
  function readIn(store, lang) {
    const seen = own(store, lang) && store[lang] && typeof store[lang] === "object" ? store[lang] : {};
    const out = {};
    for (const key of Object.keys(seen)) if (typeof seen[key] === "string") out[key] = seen[key];
    return out;
  }

  // How a listed entry stands for the reader: "" (not read), "read", or "updated" (read, texts changed since).
  function standing(seen, key, version) {
    if (!own(seen, key)) return "";
    return seen[key] === version ? "read" : "updated";
  }

  // The count and the marks of a page's list of entries (li[data-read]).
  function markList(root, progress, seen) {
    const keys = new Set();
    let read = 0;
    for (const item of root.querySelectorAll("li[data-read]")) {
      const state = standing(seen, item.dataset.read, item.dataset.version);
      const holder = item.querySelector(":scope > p") || item;
      holder.querySelectorAll(":scope > .reading-badge").forEach((node) => node.remove());
      if (state) {
        const label = state === "read" ? progress.dataset.readLabel : progress.dataset.updatedLabel;
        holder.appendChild(el("span", "reading-badge reading-badge--" + state, label));
      }
      if (!keys.has(item.dataset.read)) {
        keys.add(item.dataset.read);
        if (state) read++;
      }
    }
    progress.querySelector(".reading-count").textContent = format(progress.dataset.progress, { n: read, total: keys.size });
    progress.querySelector(".reading-clear").hidden = read === 0;
    progress.hidden = keys.size === 0;
  }

  function setup() {
    const root = document.querySelector(".md-content article") || document.body;
    const lang = document.documentElement.lang || "en";
    const store = readAll();
    const seen = readIn(store, lang);
    const page = root.querySelector(".reading-page[data-read]");
    if (page) {
      const updated = standing(seen, page.dataset.read, page.dataset.version) === "updated";
      page.textContent = updated ? page.dataset.updatedLabel : "";
      page.hidden = !updated;
      seen[page.dataset.read] = page.dataset.version;
      store[lang] = seen;
      writeAll(store);
    }
    const progress = root.querySelector(".reading-progress");
    if (!progress || progress.dataset.ready) return;
    progress.dataset.ready = "1";
    const count = progress.appendChild(el("span", "reading-count"));
    count.tabIndex = -1;  // where the keyboard goes once the button is gone
    progress.appendChild(document.createTextNode(" "));
    const clear = progress.appendChild(el("button", "md-button reading-clear", progress.dataset.clear));
    clear.type = "button";
    clear.addEventListener("click", () => {
      const all = readAll();
      delete all[lang];
      writeAll(all);
      markList(root, progress, {});
      count.focus();
    });
    markList(root, progress, seen);
  }

  window.handbook.readingStanding = standing;  // the rule alone, for tests
  onPage(setup);
})();
