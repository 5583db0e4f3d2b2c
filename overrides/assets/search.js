// The handbook's search: Pagefind's API (pagefind.js) behind Material's search dialog and markup.
// Pagefind picks the index of the page's language from <html lang>; this script opens the dialog with
// "/", "s" or "f" as Material does, runs the query, and renders results with their kind, an excerpt
// with the matched words marked, and links to the matching sections; a filter narrows them by kind.
(() => {
  "use strict";
  const root = document.querySelector("[data-md-component=handbook-search]");
  const output = root?.querySelector(".md-search-result");
  const toggle = document.getElementById("__search");
  if (!root || !toggle) return;

  const input = root.querySelector(".md-search__input");
  const meta = root.querySelector(".md-search-result__meta");
  const list = root.querySelector(".md-search-result__list");
  const filterBar = root.querySelector(".handbook-search__filters");
  const filters = [...filterBar.querySelectorAll("button")];
  const more = root.querySelector(".handbook-search__more");
  const browse = root.querySelector(".handbook-search__browse");
  const opener = document.querySelector(".handbook-search__button");
  const strings = JSON.parse(root.querySelector(".handbook-search__strings").textContent);
  const material = JSON.parse(document.getElementById("__config").textContent).translations;
  // Resolved once, against the first page: the header, and this dialog, stay across instant navigation.
  const bundle = new URL(root.dataset.pagefind, location.href).href;
  const BATCH = 8;  // results whose excerpts are fetched at a time
  const SECTIONS = 3;  // section links under one result
  const DEBOUNCE = 60;  // ms after the last key before a query runs

  let engine = null;  // {lang, ready: Promise of the pagefind module}
  let kind = "";  // the kind filter; "" for every kind
  let results = [];
  let shown = 0;
  let run = 0;  // the latest query: an older one drops its results
  let timer = 0;

  function pagefind() {
    const lang = document.documentElement.lang;
    if (!engine || engine.lang !== lang) {
      const previous = engine;
      engine = {lang, ready: (async () => {
        const module = await import(bundle);
        if (previous) await module.destroy();
        await module.options({excerptLength: 24});
        await module.init();
        await module.filters();  // loaded once, so that each search reports its count per kind
        return module;
      })()};
      engine.ready.catch(fail);
    }
    return engine.ready;
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // Pagefind's excerpts are HTML with <mark> around matches: keep the marks, turn everything else into text.
  function excerpt(html) {
    const paragraph = element("p", "md-search-result__teaser");
    const parsed = new DOMParser().parseFromString(html, "text/html");  // inert: runs and loads nothing
    for (const node of parsed.body.childNodes) {
      paragraph.append(node.nodeName === "MARK" ? element("mark", "", node.textContent) : node.textContent);
    }
    return paragraph;
  }

  function link(url, children) {
    const anchor = element("a", "md-search-result__link");
    anchor.href = url;
    const article = element("article", "md-search-result__article md-typeset");
    article.append(...children);
    anchor.append(article);
    return anchor;
  }

  function render(data) {
    const item = element("li", "md-search-result__item");
    const kindName = (data.filters.kind || [])[0];
    const head = [element("div", "md-search-result__icon md-icon")];
    if (kindName) head.push(element("span", "handbook-search__kind", strings[`search_kind_${kindName}`] || kindName));
    head.push(element("h1", "", data.meta.title), excerpt(data.excerpt));
    item.append(link(data.url, head));
    const sections = (data.sub_results || [])
      .filter((sub) => sub.url.includes("#") && sub.title !== data.meta.title)
      .sort((a, b) => b.locations.length - a.locations.length)
      .slice(0, SECTIONS);
    for (const sub of sections) item.append(link(sub.url, [element("h2", "", sub.title), excerpt(sub.excerpt)]));
    return item;
  }

  function count(n) {
    if (n === 0) return material["search.result.none"];
    return n === 1 ? material["search.result.one"] : material["search.result.other"].replace("#", n);
  }

  function fail(error) {
    console.warn("search:", error);
    meta.textContent = "";
    list.replaceChildren();
    filterBar.hidden = more.hidden = true;
    browse.hidden = false;
  }

  async function showMore(mine) {
    const batch = results.slice(shown, shown + BATCH);
    const data = await Promise.all(batch.map((result) => result.data()));
    if (mine !== run) return;
    shown += batch.length;
    list.append(...data.map(render));
    more.hidden = shown >= results.length;
  }

  async function search() {
    const mine = ++run;
    output.setAttribute("aria-busy", "true");
    const term = input.value.trim();
    if (!term) {
      results = [];
      list.replaceChildren();
      meta.textContent = material["search.result.placeholder"];
      filterBar.hidden = more.hidden = true;
      output.setAttribute("aria-busy", "false");
      return;
    }
    let module;
    try {
      module = await pagefind();
      const response = await module.search(term, kind ? {filters: {kind}} : {});
      if (mine !== run) return;
      results = response.results;
      shown = 0;
      list.replaceChildren();
      meta.textContent = count(results.length);
      const totals = (response.totalFilters || {}).kind || {};
      for (const button of filters) {
        const value = button.dataset.kind;
        const label = button.querySelector(".handbook-search__count");
        if (label) label.textContent = `${totals[value] || 0}`;
        button.disabled = value !== kind && value !== "" && !totals[value];
      }
      filterBar.hidden = response.unfilteredResultCount === 0;
      await showMore(mine);
    } catch (error) {
      if (mine === run) fail(error);
    }
    if (mine === run) output.setAttribute("aria-busy", "false");
  }

  function schedule() {
    output.setAttribute("aria-busy", "true");  // until this query's results are shown
    clearTimeout(timer);
    timer = setTimeout(search, DEBOUNCE);
  }

  function open() {
    if (!toggle.checked) toggle.click();
    input.focus();
    input.select();
  }

  function close() {
    if (toggle.checked) toggle.click();
    input.blur();
  }

  function focusable() {
    return [input, ...list.querySelectorAll("a"), ...(more.hidden ? [] : [more])];
  }

  input.addEventListener("input", schedule);
  input.addEventListener("focus", () => {
    if (!toggle.checked) toggle.click();
    pagefind();  // start loading while the reader types
  });
  input.form.addEventListener("submit", (event) => event.preventDefault());
  input.form.addEventListener("reset", () => setTimeout(() => {
    input.focus();
    search();
  }));
  // A tap on the header's search icon must focus the input itself, or phones show no keyboard.
  opener?.addEventListener("click", () => input.focus());
  more.addEventListener("click", () => showMore(run));
  filterBar.addEventListener("click", (event) => {
    const button = event.target.closest("button");
    if (!button) return;
    kind = button.dataset.kind;
    for (const other of filters) other.setAttribute("aria-pressed", String(other === button));
    search();
  });
  list.addEventListener("click", (event) => {
    if (event.target.closest("a")) close();
  });
  // Leaving the dialog by keyboard closes it, as clicking outside it does.
  root.addEventListener("focusout", (event) => {
    if (event.relatedTarget && !root.contains(event.relatedTarget)) close();
  });

  window.addEventListener("keydown", (event) => {
    if (event.metaKey || event.ctrlKey || event.altKey || event.isComposing) return;
    const active = document.activeElement;
    if (!toggle.checked) {
      const typing = active && (active.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName));
      if (!typing && ["/", "s", "f"].includes(event.key)) {
        event.preventDefault();
        open();
      } else if (active === opener && event.key === " ") {
        event.preventDefault();
        open();
      }
      return;
    }
    if (event.key === "Escape") {
      event.preventDefault();
      close();
      if (opener?.offsetParent) opener.focus();  // back to the search button, where it is shown
    } else if (event.key === "Enter" && active === input) {
      event.preventDefault();
      list.querySelector("a")?.click();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      const items = focusable();
      const at = Math.max(0, items.indexOf(active));
      items[(at + items.length + (event.key === "ArrowUp" ? -1 : 1)) % items.length].focus();
      event.preventDefault();
    }
  });

  // Instant navigation swaps the page under the dialog; a page in another language needs its own index.
  window.document$?.subscribe(() => {
    if (engine && engine.lang !== document.documentElement.lang) {
      input.value = "";
      search();
    }
  });
})();
