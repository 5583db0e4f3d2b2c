// Diagnosis: tick signs, rank client types by how well they fit (a tie said as one), keep the choice in the URL
// (?signs=a,b, ids sorted).
// Works on a full page load and with Material's instant navigation; the plain matrix needs no script.
// Counts use the page's CLDR plural forms (data attributes) through handbook.plural (Intl.PluralRules).
// The "find a sign" box matches as search does (assets/matcher.js).
(() => {
  "use strict";
  const { onRoot, plural, queryParam, replaceUrl, matcher } = window.handbook;

  // Client types ranked by how well the ticked signs fit each: first the share of the ticked signs it explains,
  // then the share of its own signs ticked, then the page's order. The leaders are the types that explain the
  // most ticked signs: more than one is a tie, whatever their own number of signs (a type listing one sign is
  // not likelier for it). types: [{signs: [...ids], ...}]; returns each with n and total, and the leaders.
  function rankByFit(types, ticked) {
    const scored = types.map((type, place) => {
      const own = type.signs.filter(Boolean);
      const n = ticked.filter((s) => own.includes(s)).length;
      return { ...type, n, total: own.length, place };
    });
    scored.sort((a, b) => b.n - a.n || b.n / (b.total || 1) - a.n / (a.total || 1) || a.place - b.place);
    const best = scored.length ? scored[0].n : 0;
    return { ranked: scored, leaders: best > 0 ? scored.filter((s) => s.n === best) : [] };
  }

  function setup(root) {
    const lang = document.documentElement.lang || "en";
    const forms = { matches: JSON.parse(root.dataset.matches), ticked: JSON.parse(root.dataset.ticked),
                    each: JSON.parse(root.dataset.each) };
    const form = root.querySelector(".diagnose-signs");
    const ranking = root.querySelector(".diagnose-ranking");
    const status = root.querySelector(".diagnose-status");
    const bar = root.querySelector(".diagnose-bar");
    const filter = root.querySelector(".diagnose-filter");
    const filterNone = root.querySelector(".diagnose-filter-none");
    const rows = [...root.querySelectorAll(".diagnose-list > li")];
    const boxes = [...form.querySelectorAll("input[name=sign]")];
    const items = [...ranking.children];

    const picked = () => boxes.filter((b) => b.checked).map((b) => b.value);

    function update(push) {
      const signs = picked();
      const { ranked, leaders } = rankByFit(items.map((li) => ({ li, signs: li.dataset.symptoms.split(" ") })), signs);
      for (const s of ranked) {
        s.li.hidden = s.n === 0;
        s.li.querySelector(".diagnose-count").textContent = plural(forms.matches, { n: s.n, total: s.total }, lang);
        ranking.appendChild(s.li);
      }
      const tie = leaders.length > 1;
      const label = tie ? root.dataset.tie : root.dataset.top;
      const nameOf = (s) => s.li.querySelector(".diagnose-name").textContent;
      const ticked = plural(forms.ticked, { n: signs.length }, lang);
      const fit = !leaders.length ? "" : tie ? plural(forms.each, { n: leaders[0].n, total: signs.length }, lang) :
        leaders[0].li.querySelector(".diagnose-count").textContent;
      const message = !signs.length ? root.dataset.none : !leaders.length ? ticked + ". " + root.dataset.noMatch :
        ticked + ". " + label + " " + leaders.map(nameOf).join(", ") + ", " + fit + ".";
      if (status.textContent !== message) status.textContent = message;  // announced (role=status)
      bar.hidden = !signs.length;
      if (signs.length) {
        bar.querySelector(".diagnose-bar__ticked").textContent = ticked;
        bar.querySelector(".diagnose-bar__top strong").textContent = label;
        const name = bar.querySelector(".diagnose-bar__name");
        const response = bar.querySelector(".diagnose-bar__response");
        const names = leaders.flatMap((s, i) => [...(i ? [", "] : []), s.li.querySelector(".diagnose-name").cloneNode(true)]);
        name.replaceChildren(...(names.length ? names : [root.dataset.noMatch]));
        bar.querySelector(".diagnose-bar__count").textContent = fit;
        const first = leaders.length === 1 && leaders[0].li.querySelector("ul a");  // a tie has no one first step
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

  window.handbook.rankByFit = rankByFit;  // the ranking alone, for tests
  onRoot(".diagnose", setup);
})();
