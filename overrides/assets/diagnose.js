// Diagnosis: tick signs, rank client types by matches, keep the choice in the URL (?signs=a,b, ids sorted).
// Works on a full page load and with Material's instant navigation; the plain matrix needs no script.
// Counts use the page's CLDR plural forms (data attributes) through Intl.PluralRules.
(function () {
  var handbook = window.handbook = window.handbook || {};

  // A plural UI string: forms by CLDR category, {by: "total"} naming the number that picks the form.
  handbook.plural = function (forms, values, lang) {
    var n = values[forms.by || "n"];
    var text = forms[new Intl.PluralRules(lang).select(n)] || forms.other;
    return text.replace(/\{(\w+)\}/g, function (m, key) { return values[key].toLocaleString(lang); });
  };

  // Lower case, accents off (Latin only, as the page's data-words are), so "semnal" finds "semnăl".
  function fold(text) {
    return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").normalize("NFC");
  }

  function setup() {
    var root = document.querySelector(".diagnose");
    if (!root || root.dataset.ready) return;
    root.dataset.ready = "1";
    var lang = document.documentElement.lang || "en";
    var forms = { matches: JSON.parse(root.dataset.matches), ticked: JSON.parse(root.dataset.ticked) };
    var form = root.querySelector(".diagnose-signs");
    var results = root.querySelector(".diagnose-results");
    var ranking = root.querySelector(".diagnose-ranking");
    var status = root.querySelector(".diagnose-status");
    var bar = root.querySelector(".diagnose-bar");
    var filter = root.querySelector(".diagnose-filter");
    var filterNone = root.querySelector(".diagnose-filter-none");
    var rows = Array.prototype.slice.call(root.querySelectorAll(".diagnose-list > li"));
    var boxes = Array.prototype.slice.call(form.querySelectorAll("input[name=sign]"));
    var items = Array.prototype.slice.call(ranking.children);
    form.hidden = false;
    results.hidden = false;

    function picked() {
      return boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
    }

    function update(push) {
      var signs = picked();
      var scored = items.map(function (li) {
        var own = li.dataset.symptoms.split(" ").filter(Boolean);
        var n = signs.filter(function (s) { return own.indexOf(s) >= 0; }).length;
        return { li: li, n: n, total: own.length };
      });
      // More matches first; among equals, the type whose signs are more fully matched.
      scored.sort(function (a, b) { return b.n - a.n || (a.total - b.total); });
      scored.forEach(function (s) {
        s.li.hidden = s.n === 0;
        s.li.querySelector(".diagnose-count").textContent =
          handbook.plural(forms.matches, { n: s.n, total: s.total }, lang);
        ranking.appendChild(s.li);
      });
      var top = scored[0] && scored[0].n > 0 ? scored[0] : null;
      var ticked = handbook.plural(forms.ticked, { n: signs.length }, lang);
      var message = !signs.length ? root.dataset.none : !top ? ticked + ". " + root.dataset.noMatch :
        ticked + ". " + bar.querySelector(".diagnose-bar__top strong").textContent + " " +
        top.li.querySelector(".diagnose-name").textContent + ", " + top.li.querySelector(".diagnose-count").textContent + ".";
      if (status.textContent !== message) status.textContent = message;  // announced (role=status)
      bar.hidden = !signs.length;
      if (signs.length) {
        bar.querySelector(".diagnose-bar__ticked").textContent = ticked;
        var name = bar.querySelector(".diagnose-bar__name");
        var response = bar.querySelector(".diagnose-bar__response");
        name.replaceChildren(top ? top.li.querySelector(".diagnose-name").cloneNode(true) : root.dataset.noMatch);
        bar.querySelector(".diagnose-bar__count").textContent = top ? top.li.querySelector(".diagnose-count").textContent : "";
        var first = top && top.li.querySelector("ul a");
        response.replaceChildren(first ? first.cloneNode(true) : "");
        bar.querySelector(".diagnose-bar__first").hidden = !first;
      }
      root.querySelectorAll("tr[data-symptom]").forEach(function (tr) {
        tr.classList.toggle("picked", signs.indexOf(tr.dataset.symptom) >= 0);
      });
      if (push) {
        var url = new URL(location.href);
        if (signs.length) url.searchParams.set("signs", signs.slice().sort().join(","));  // same link in every language
        else url.searchParams.delete("signs");
        history.replaceState(history.state, "", url);
      }
    }

    function narrow() {
      var words = fold(filter.value).split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row) {
        var text = row.dataset.words;
        var match = words.every(function (w) { return text.indexOf(w) >= 0; });
        // A ticked sign stays in view: hiding it would hide part of the choice.
        row.hidden = !match && !row.querySelector("input").checked;
        if (!row.hidden) shown++;
      });
      filterNone.hidden = shown > 0;
    }

    var fromUrl = (new URL(location.href).searchParams.get("signs") || "").split(",");
    boxes.forEach(function (b) {
      b.checked = fromUrl.indexOf(b.value) >= 0;
      b.addEventListener("change", function () { update(true); });
    });
    filter.addEventListener("input", narrow);
    root.querySelector(".diagnose-clear").addEventListener("click", function () {
      boxes.forEach(function (b) { b.checked = false; });
      update(true);
      narrow();
    });
    update(false);
  }

  if (typeof document$ !== "undefined") document$.subscribe(setup);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
