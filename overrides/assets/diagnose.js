// Diagnosis: tick signs, rank client types by matches, keep the choice in the URL (?signs=a,b, ids sorted).
// Works on a full page load and with Material's instant navigation; the plain matrix needs no script.
// Counts use the page's CLDR plural forms (data attributes) through handbook.plural (Intl.PluralRules).
(() => {
  "use strict";
  const { onPage, plural, queryParam, replaceUrl } = window.handbook;

  // Lower case, accents off (Latin only, as the page's data-words are), so "semnal" finds "semnăl".
  function fold(text) {
    return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").normalize("NFC");
  }

  function setup() {
    const root = document.querySelector(".diagnose");
    if (!root || root.dataset.ready) return;
    root.dataset.ready = "1";
    const lang = document.documentElement.lang || "en";
    const forms = { matches: JSON.parse(root.dataset.matches), ticked: JSON.parse(root.dataset.ticked) };
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

    function narrow() {
      const words = fold(filter.value).split(/\s+/).filter(Boolean);
      let shown = 0;
      for (const row of rows) {
        const text = row.dataset.words;
        const match = words.every((w) => text.includes(w));
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
