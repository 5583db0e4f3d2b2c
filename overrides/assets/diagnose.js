// Diagnosis filter: tick signs, rank client types by matches, keep the choice in the URL (?signs=a,b).
// Works on a full page load and with Material's instant navigation; the plain matrix needs no script.
(function () {
  function setup() {
    var root = document.querySelector(".diagnose");
    if (!root || root.dataset.ready) return;
    root.dataset.ready = "1";
    var form = root.querySelector(".diagnose-signs");
    var results = root.querySelector(".diagnose-results");
    var ranking = root.querySelector(".diagnose-ranking");
    var empty = root.querySelector(".diagnose-empty");
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
      scored.sort(function (a, b) { return b.n - a.n || (a.total - b.total); });
      scored.forEach(function (s) {
        s.li.hidden = s.n === 0;
        s.li.querySelector(".diagnose-count").textContent =
          root.dataset.matches.replace("{n}", s.n).replace("{total}", s.total);
        ranking.appendChild(s.li);
      });
      empty.hidden = signs.length > 0;
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

    var fromUrl = (new URL(location.href).searchParams.get("signs") || "").split(",");
    boxes.forEach(function (b) {
      b.checked = fromUrl.indexOf(b.value) >= 0;
      b.addEventListener("change", function () { update(true); });
    });
    update(false);
  }

  if (typeof document$ !== "undefined") document$.subscribe(setup);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
