// Diagnosis: tick signs, rank client types by matches, keep the choice in the URL (?signs=a,b, ids sorted).
// Works on a full page load and with Material's instant navigation; the plain matrix needs no script.
// Counts use the page's CLDR plural forms (data attributes) through handbook.plural (Intl.PluralRules).
// The "find a sign" box matches as search does (assets/matcher.js).
(() => {
  "use strict";
  const { onPage, plural, queryParam, replaceUrl, matcher } = window.handbook;

  function setup() {
    const root = document.querySelector(".diagnose");
    if (!root || root.dataset.ready) return;
    root.dataset.ready = "1";
    const lang = document.documentElement.lang || "en";
    const forms = { matches: JSON.parse(root.dataset.matches), ticked: JSON.parse(root.dataset.ticked) };
    const form = root.querySelector(".diagnose-signs");
    const results = root.querySelector(".diagnose-results");
    const ranking = root.querySelector(".diagnose-ranking");
    const status = root.querySelector(".diagnose-status");
    const bar = root.querySelector(".diagnose-bar");
    const filter = root.querySelector(".diagnose-filter");
    const filterNone = root.querySelector(".diagnose-filter-none");
    const rows = [...root.querySelectorAll(".diagnose-list > li")];
    const boxes = [...form.querySelectorAll("input[name=sign]")];
    const items = [...ranking.children];
    form.hidden = false;
    results.hidden = false;

    const picked = () => boxes.filter((b) => b.checked).map((b) => b.value);

    function update(push) {
      const signs = picked();
      const scored = items.map((li) => {
        const own = li.dataset.symptoms.split(" ").filter(Boolean);
        const n = signs.filter((s) => own.includes(s)).length;
        return { li, n, total: own.length };
      });
      // More matches first; among equals, the type whose signs are more fully matched.
      scored.sort((a, b) => b.n - a.n || (a.total - b.total));
      for (const s of scored) {
        s.li.hidden = s.n === 0;
        s.li.querySelector(".diagnose-count").textContent = plural(forms.matches, { n: s.n, total: s.total }, lang);
        ranking.appendChild(s.li);
      }
      const top = scored[0] && scored[0].n > 0 ? scored[0] : null;
      const ticked = plural(forms.ticked, { n: signs.length }, lang);
      const message = !signs.length ? root.dataset.none : !top ? ticked + ". " + root.dataset.noMatch :
        ticked + ". " + bar.querySelector(".diagnose-bar__top strong").textContent + " " +
        top.li.querySelector(".diagnose-name").textContent + ", " + top.li.querySelector(".diagnose-count").textContent + ".";
      if (status.textContent !== message) status.textContent = message;  // announced (role=status)
      bar.hidden = !signs.length;
      if (signs.length) {
        bar.querySelector(".diagnose-bar__ticked").textContent = ticked;
        const name = bar.querySelector(".diagnose-bar__name");
        const response = bar.querySelector(".diagnose-bar__response");
        name.replaceChildren(top ? top.li.querySelector(".diagnose-name").cloneNode(true) : root.dataset.noMatch);
        bar.querySelector(".diagnose-bar__count").textContent = top ? top.li.querySelector(".diagnose-count").textContent : "";
        const first = top && top.li.querySelector("ul a");
        response.replaceChildren(first ? first.cloneNode(true) : "");
        bar.querySelector(".diagnose-bar__first").hidden = !first;
      }
      root.querySelectorAll("tr[data-symptom]").forEach((tr) => {
        tr.classList.toggle("picked", signs.includes(tr.dataset.symptom));
      });
      if (push) {
        const url = new URL(location.href);
        if (signs.length) url.searchParams.set("signs", signs.slice().sort().join(","));  // same link in every language
        else url.searchParams.delete("signs");
        replaceUrl(url);
      }
    }

    // The signs that match the box's words, as search matches them (word forms, no accents, elision, search
    // terms); null: every sign. Without the search index, the signs whose names hold every word.
    async function matching(query) {
      if (!query.trim()) return null;
      try {
        const {pagefind, stop} = await matcher.load();
        return await matcher.signs(pagefind, matcher.parse(query, lang, stop));
      } catch (error) {
        const words = matcher.parse(query, lang, new Set()).all.map(matcher.fold);
        return new Set(rows.filter((row) => words.every((w) => row.dataset.words.includes(w)))
          .map((row) => row.querySelector("input").value));
      }
    }

    let turn = 0;  // the latest filter: an older one, still searching, drops its answer
    const list = root.querySelector(".diagnose-list");
    async function narrow() {
      const mine = ++turn;
      list.setAttribute("aria-busy", "true");
      const ids = await matching(filter.value);
      if (mine !== turn) return;
      list.setAttribute("aria-busy", "false");
      let shown = 0;
      for (const row of rows) {
        const match = ids === null || ids.has(row.querySelector("input").value);
        // A ticked sign stays in view: hiding it would hide part of the choice.
        row.hidden = !match && !row.querySelector("input").checked;
        if (!row.hidden) shown++;
      }
      filterNone.hidden = shown > 0;
    }

    const fromUrl = (queryParam("signs") || "").split(",");
    for (const b of boxes) {
      b.checked = fromUrl.includes(b.value);
      b.addEventListener("change", () => update(true));
    }
    filter.addEventListener("input", narrow);
    root.querySelector(".diagnose-clear").addEventListener("click", () => {
      for (const b of boxes) b.checked = false;
      update(true);
      narrow();
    });
    update(false);
  }

  onPage(setup);
})();
