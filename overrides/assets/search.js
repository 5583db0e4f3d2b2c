// The handbook's search: Pagefind's API (pagefind.js, through matcher.js) behind Material's search dialog and markup.
// Pagefind picks the index of the page's language from <html lang>; this script opens the dialog with
// "/", "s" or "f" as Material does, runs the query, and renders results with their kind, an excerpt
// with the matched words marked, and links to the matching sections; a filter narrows them by kind. A query of
// common words only says so; one that finds nothing suggests the closest known words.
(() => {
  "use strict";
  const { onPage, readJSON, element, queryParam, replaceUrl, matcher } = window.handbook;
  const root = document.querySelector("[data-md-component=handbook-search]");
  const toggle = document.getElementById("__search");
  if (!root || !toggle || !matcher) return;

  const input = root.querySelector(".md-search__input");
  const output = root.querySelector(".md-search-result");
  const meta = root.querySelector(".md-search-result__meta");
  const list = root.querySelector(".md-search-result__list");
  const filterBar = root.querySelector(".handbook-search__filters");
  const filters = [...filterBar.querySelectorAll("button")];
  const KINDS = filters.map((button) => button.dataset.kind).filter(Boolean);
  const more = root.querySelector(".handbook-search__more");
  const hint = root.querySelector(".handbook-search__hint");
  const browse = root.querySelector(".handbook-search__browse");
  const opener = document.querySelector(".handbook-search__button");
  const strings = readJSON(root.querySelector(".handbook-search__strings"));
  const material = readJSON(document.getElementById("__config")).translations;
  const BATCH = 8;  // results whose excerpts are fetched at a time
  const SECTIONS = 2;  // section links under one result, the best matches
  const DEBOUNCE = 80;  // ms after the last key before a query runs
  const FEW = 4;  // results under which a word the handbook does not know gets a "Did you mean"

  let kind = "";  // the kind filter; "" for every kind
  let matches = [];  // the query's pages, best first, every kind
  let shown = 0;
  let run = 0;  // the latest query: an older one drops its results
  let timer = 0;
  let entered = false;  // Enter was pressed before the query's results were shown

  // Pagefind and the stop words of the page's language; "updating" while `mkdocs serve` builds the index.
  function load() {
    return matcher.load(() => { meta.textContent = strings.search_waiting; });
  }

  // A page found by several words takes its excerpt from a search of those words together, so that
  // Pagefind marks each of them; not when the query found very many pages (words on most pages of a large
  // handbook), where that search would delay the first result by as much again as the query itself.
  const TOGETHER_MOST = 1000;
  async function details(pagefind, pages) {
    const together = new Map();
    if (matches.length <= TOGETHER_MOST) {
      for (const page of pages) if (page.words.length > 1) together.set(page.words.join(" "), null);
    }
    await Promise.all([...together.keys()].map(async (words) => {
      together.set(words, new Map((await pagefind.search(words)).results.map((result) => [result.id, result])));
    }));
    return Promise.all(pages.map((page) => (together.get(page.words.join(" "))?.get(page.id) || page.best).data()));
  }

  // Pagefind's excerpts are the page's text with <mark> around the matches and only "<" and ">" escaped
  // (checked on Pagefind 1.5.2): the marks become elements, everything else stays text, never markup.
  function excerpt(html) {
    const paragraph = element("p", "md-search-result__teaser");
    let marked = false;
    for (const part of html.split(/(<\/?mark>)/)) {
      if (part === "<mark>" || part === "</mark>") {
        marked = part === "<mark>";
      } else if (part) {
        const text = part.replace(/&lt;/g, "<").replace(/&gt;/g, ">");
        paragraph.append(marked ? element("mark", "", text) : text);
      }
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
    const value = (data.filters.kind || [])[0];
    const weight = (sub) => sub.weighted_locations.reduce((sum, word) => sum + word.balanced_score, 0);
    const sections = (data.sub_results || [])
      .filter((sub) => sub.url.includes("#") && sub.title !== data.meta.title)
      .sort((a, b) => weight(b) - weight(a))
      .slice(0, SECTIONS);
    const head = [element("div", "md-search-result__icon md-icon")];
    if (value) head.push(element("span", "handbook-search__kind", strings[`search_kind_${value}`] || value));
    head.push(element("h1", "", data.meta.title));
    // As Material does: the page's own excerpt only where no section below shows the same words.
    if (!sections.some((sub) => data.plain_excerpt.includes(sub.title))) head.push(excerpt(data.excerpt));
    item.append(link(data.url, head));
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
    hint.hidden = true;
    output.setAttribute("aria-busy", "false");
  }

  function visible() {
    return kind ? matches.filter((page) => page.kind === kind) : matches;
  }

  async function showMore(mine) {
    const {pagefind} = await load();
    const batch = visible().slice(shown, shown + BATCH);
    const data = await details(pagefind, batch);
    if (mine !== run) return;
    shown += batch.length;
    list.append(...data.map(render));
    more.hidden = shown >= visible().length;
  }

  // Shows the current matches under the kind filter; counts each kind for the filter's buttons.
  async function show(mine) {
    const counts = {"": matches.length};
    for (const page of matches) counts[page.kind] = (counts[page.kind] || 0) + 1;
    for (const button of filters) {
      const value = button.dataset.kind;
      const label = button.querySelector(".handbook-search__count");
      if (label) label.textContent = `${counts[value] || 0}`;
      button.setAttribute("aria-pressed", String(value === kind));
      button.disabled = value !== kind && !counts[value];
    }
    filterBar.hidden = matches.length === 0;
    meta.textContent = count(visible().length);
    shown = 0;
    list.replaceChildren();
    await showMore(mine);
  }

  // A message in place of results (common words only, no words), or nothing.
  function say(message) {
    matches = [];
    list.replaceChildren();
    meta.textContent = message;
    filterBar.hidden = more.hidden = true;
  }

  // "Did you mean: <the query with the closest known words>?", which searches it when chosen.
  function offer(query) {
    const button = element("button", "handbook-search__suggestion", query);
    button.type = "button";
    button.addEventListener("click", () => {
      input.value = query;
      input.focus();
      search();
    });
    hint.replaceChildren(`${strings.search_did_you_mean} `, button);
    hint.hidden = false;
  }

  async function search() {
    const mine = ++run;
    output.setAttribute("aria-busy", "true");
    hint.hidden = true;
    try {
      if (!input.value.trim()) {
        say(material["search.result.placeholder"]);
      } else {
        const engine = await load();
        const lang = document.documentElement.lang;
        const parsed = matcher.parse(input.value, lang, engine.stop);
        if (mine !== run) return;
        if (!parsed.all.length) {
          say(strings.search_no_words);
        } else if (!parsed.content.length) {
          say(strings.search_common_only);
        } else {
          const answer = await matcher.find(engine, parsed, KINDS, () => mine !== run);
          if (!answer || mine !== run) return;
          const {pages} = answer;
          matches = pages;
          await show(mine);
          if (parsed.cut && mine === run) meta.textContent += ` ${strings.search_first_words}`;
          if (pages.length < FEW) {
            const better = await matcher.suggest(input.value, lang, parsed.content);
            if (better && mine === run) offer(better);
          }
        }
      }
    } catch (error) {
      if (mine === run) fail(error);
    }
    if (mine === run) {
      output.setAttribute("aria-busy", "false");
      if (entered) list.querySelector("a")?.click();  // Enter came before the results: go to the best one
      entered = false;
    }
  }

  function schedule() {
    entered = false;
    run++;  // a query still running is outdated now: it must neither show its results nor end the wait
    output.setAttribute("aria-busy", "true");  // until this query's results are shown
    clearTimeout(timer);
    timer = setTimeout(search, DEBOUNCE);
  }

  async function filter(value) {
    kind = value;
    const mine = ++run;
    output.setAttribute("aria-busy", "true");
    await show(mine).catch(fail);
    if (mine === run) output.setAttribute("aria-busy", "false");
  }

  function open() {
    if (!toggle.checked) toggle.click();
    input.focus();
    input.select();
  }

  function close() {
    if (toggle.checked) toggle.click();
    input.blur();
    const url = new URL(location.href);
    if (url.searchParams.has("q")) {  // the words of a search link are spent once the search is closed
      url.searchParams.delete("q");
      replaceUrl(url);
    }
  }

  input.addEventListener("input", schedule);
  input.addEventListener("focus", () => {
    // After the current click: a tap in the box opens the dialog, as Material's own search does.
    setTimeout(() => toggle.checked || toggle.click());
    load().catch(() => {});  // start loading while the reader types; a failure shows with the query
  });
  input.form.addEventListener("submit", (event) => event.preventDefault());
  input.form.addEventListener("reset", () => setTimeout(() => {
    input.focus();
    search();
  }));
  // The header's search button opens the dialog; focusing the input in the tap itself shows phones' keyboard.
  opener?.addEventListener("click", open);
  more.addEventListener("click", () => showMore(run));
  filterBar.addEventListener("click", (event) => {
    const button = event.target.closest("button");
    if (button) filter(button.dataset.kind);
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
      }
      return;
    }
    if (event.key === "Escape") {
      event.preventDefault();
      close();
      if (opener?.offsetParent) opener.focus();  // back to the search button, where it is shown
    } else if (event.key === "Enter" && active === input) {
      event.preventDefault();
      if (output.getAttribute("aria-busy") === "true") entered = true;
      else list.querySelector("a")?.click();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      const items = [input, ...list.querySelectorAll("a"), ...(more.hidden ? [] : [more])];
      const at = Math.max(0, items.indexOf(active));
      items[(at + items.length + (event.key === "ArrowUp" ? -1 : 1)) % items.length].focus();
      event.preventDefault();
    } else if (event.key.length === 1 && event.key !== " " && active !== input) {
      input.focus();  // as in Material: typing on a result goes on in the search box
    }
  });

  // A link with ?q= (the "page not found" page has one) opens the search with those words, as Material's did.
  const asked = queryParam("q");
  if (asked) {
    input.value = asked;
    open();
    search();
  }

  // Instant navigation swaps the page under the dialog; a page in another language needs its own index.
  let shownLang = document.documentElement.lang;
  onPage(() => {
    if (shownLang !== document.documentElement.lang) {
      shownLang = document.documentElement.lang;
      input.value = "";
      search();
    }
  });
})();
