// A trainer's session (/trainers/) and its print pack (/trainers/print/). The choice of client types, length and
// session number stays in the URL (?types=a,b&n=10&seed=123); the page gives the practice link for exactly those
// types, its QR code (vendor/qrcode.js, loaded when first needed), the pack's link and the pages to read. The pack
// is put together from the chosen types' cheat sheets and the practice sheet, filtered to the session.
(() => {
  "use strict";
  const { onRoot, format, plural, element: el, replaceUrl } = window.handbook;
  const SEEDS = 1000000;  // session numbers run below this, as practice.js draws them
  const DEFAULT_N = 10;
  const QR_SCRIPT = document.currentScript ? new URL("vendor/qrcode.js", document.currentScript.src).href : "";
  const SVG = "http://www.w3.org/2000/svg";

  // A trainer's choice read from a query string: the known types asked for (sorted, once each), the unknown
  // ones (to be said and left out), the length ("all", a number, or null for the default) and the session
  // number (null when the link has none or a malformed one).
  function trainerChoice(search, known) {
    const params = new URLSearchParams(search);
    const asked = (params.get("types") || "").split(",").map((t) => t.trim()).filter(Boolean);
    const types = [...new Set(asked.filter((t) => known.includes(t)))].sort();
    const unknown = [...new Set(asked.filter((t) => !known.includes(t)))];
    const nText = (params.get("n") || "").trim().toLowerCase();
    const n = nText === "all" ? "all" : /^\d{1,6}$/.test(nText) && Number(nText) > 0 ? Number(nText) : null;
    const seedText = (params.get("seed") || "").trim();
    const seed = /^\d{1,15}$/.test(seedText) ? Number(seedText) % 4294967296 : null;
    return { types, unknown, n, seed };
  }

  // The practice page's query for a session: its number, the types and how many of the pool's questions.
  function sessionQuery(seed, types, n, pool) {
    const count = n === "all" ? pool : Math.min(n === null ? DEFAULT_N : n, pool);
    return "seed=" + seed + "&types=" + types.join(",") + "&n=" + count;  // ids need no escaping: [a-z0-9-]
  }

  function freshSeed() {
    return Math.floor(Math.random() * SEEDS);
  }

  // A QR code as inline SVG, named for screen readers; dark modules on white whatever the colour scheme.
  function qrSvg(text, label) {
    const code = window.qrcode(0, "M");
    code.addData(text);
    code.make();
    const size = code.getModuleCount(), border = 2;
    let d = "";
    for (let r = 0; r < size; r++) {
      for (let c = 0; c < size; c++) if (code.isDark(r, c)) d += "M" + (c + border) + " " + (r + border) + "h1v1h-1z";
    }
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 " + (size + 2 * border) + " " + (size + 2 * border));
    svg.setAttribute("class", "qr");
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", label);
    const path = svg.appendChild(document.createElementNS(SVG, "path"));
    path.setAttribute("d", d);
    return svg;
  }

  let qrLoaded = null;
  function withQr(done) {
    if (typeof window.qrcode === "function") return done();
    qrLoaded = qrLoaded || new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = QR_SCRIPT;
      script.onload = resolve;
      script.onerror = reject;
      document.head.appendChild(script);
    });
    qrLoaded.then(done, () => { qrLoaded = null; });  // offline and never stored: the link is still there
  }

  function showQr(box, url, label) {
    withQr(() => {
      if (box.dataset.url !== url) return;  // a newer link was asked for meanwhile
      box.replaceChildren(qrSvg(url, label));
    });
    box.dataset.url = url;
  }

  function say(box, notes) {
    box.replaceChildren(...notes.map((text) => el("p", "trainers-note", text)));
  }

  // /trainers/: tick, choose, get the link.
  function chooser(root) {
    const lang = document.documentElement.lang || "en";
    const form = root.querySelector(".trainers-form");
    const boxes = [...form.querySelectorAll("input[name=type]")];
    const known = boxes.filter((b) => !b.disabled).map((b) => b.value);
    const lengthBox = form.querySelector(".trainers-length");
    const out = root.querySelector(".trainers-out");
    const link = root.querySelector(".trainers-practice");
    const printLink = root.querySelector(".trainers-print");
    const choice = trainerChoice(location.search, known);
    let seed = choice.seed === null ? freshSeed() : choice.seed;
    for (const b of boxes) b.checked = choice.types.includes(b.value);
    const wanted = choice.n === null ? String(DEFAULT_N) : String(choice.n);
    let radio = lengthBox.querySelector('input[value="' + wanted + '"]');
    if (!radio) {  // a length from the link that the page does not offer: offered for this session
      const label = lengthBox.insertBefore(el("label"), lengthBox.querySelector('input[value="all"]').parentNode);
      radio = label.appendChild(el("input"));
      radio.type = "radio";
      radio.name = "n";
      radio.value = wanted;
      label.appendChild(document.createTextNode(" " + wanted));
    }
    radio.checked = true;
    if (choice.unknown.length) say(root.querySelector(".trainers-messages"),
      [format(root.dataset.badTypes, { value: choice.unknown.join(", ").slice(0, 200) })]);

    function update() {
      const ticked = boxes.filter((b) => b.checked);
      const types = ticked.map((b) => b.value).sort();
      const pool = new Set(ticked.flatMap((b) => b.dataset.questions.split(" ").filter(Boolean))).size;
      const nValue = form.querySelector("input[name=n]:checked").value;
      const n = nValue === "all" ? "all" : Number(nValue);
      replaceUrl(location.pathname + "?types=" + types.join(",") + "&n=" + nValue + "&seed=" + seed + location.hash);
      root.querySelector(".trainers-none").hidden = types.length > 0;
      out.hidden = types.length === 0;
      if (!types.length) return;
      const query = sessionQuery(seed, types, n, pool);
      const practice = new URL(root.dataset.practice + "?" + query, location.href).href;
      link.href = practice;
      link.textContent = practice;
      printLink.href = root.dataset.print + "?" + query;
      const count = Number(new URLSearchParams(query).get("n"));
      root.querySelector(".trainers-summary").textContent = format(root.dataset.session, { seed }) + " · " +
        plural(JSON.parse(root.dataset.count), { n: count }, lang);
      for (const li of root.querySelectorAll(".trainers-reading > li")) {
        li.hidden = !li.dataset.types.split(" ").some((t) => types.includes(t));
      }
      showQr(root.querySelector(".trainers-qr"), practice, root.dataset.qr);
    }

    form.addEventListener("change", update);
    root.querySelector(".trainers-new").addEventListener("click", () => {
      seed = freshSeed();
      update();
    });
    update();
  }

  function fetchPage(url) {
    return fetch(url, { credentials: "same-origin" }).then((response) => {
      if (!response.ok) throw new Error("HTTP " + response.status + " " + url);
      return response.text();
    }).then((text) => new DOMParser().parseFromString(text, "text/html"));
  }

  // A cheat sheet taken into the pack: its own page, its title a section heading, ids made unique per type.
  function sheetSection(doc, type) {
    const sheet = doc.querySelector(".cheatsheet-page");
    if (!sheet) throw new Error("no cheat sheet: " + type);
    const section = el("section", "trainers-sheet");
    const copy = document.importNode(sheet, true);
    copy.querySelectorAll(".headerlink, .cheatsheet-back").forEach((node) => node.remove());
    copy.querySelectorAll("[id]").forEach((node) => { node.id = type + "-" + node.id; });
    const title = copy.querySelector("h1");
    if (title) {
      const heading = el("h2");
      heading.id = title.id;
      heading.append(...title.childNodes);
      title.replaceWith(heading);
    }
    section.appendChild(copy);
    return section;
  }

  // The session's items of a list of the practice sheet, in session order.
  function sessionItems(doc, selector, ids) {
    const list = doc.querySelector(selector);
    if (!list) throw new Error("no " + selector);
    const copy = document.importNode(list, true);
    const items = {};
    for (const li of [...copy.children]) {
      items[li.dataset.question] = li;
      li.remove();
    }
    for (const id of ids) if (items[id]) copy.appendChild(items[id]);
    return copy;
  }

  function text(value) {
    return value && typeof value === "object" ? value.text : value;
  }

  // /trainers/print/: the pack of the link's session.
  function pack(root) {
    const lang = document.documentElement.lang || "en";
    const messages = root.querySelector(".trainers-messages");
    const session = window.handbook.practiceSession;
    const failed = () => say(messages, [root.dataset.failed]);
    fetch(new URL(root.dataset.questions, location.href).href, { credentials: "same-origin" })
      .then((response) => { if (!response.ok) throw new Error("HTTP " + response.status); return response.json(); })
      .then((data) => {
        const choice = trainerChoice(location.search, Object.keys(data.types));
        const notes = choice.unknown.length ? [format(data.ui.bad_types, { value: choice.unknown.join(", ").slice(0, 200) })] : [];
        if (!choice.types.length) return say(messages, notes);  // no pack: the links to print one by one stay
        const seed = choice.seed === null ? freshSeed() : choice.seed;
        const pool = data.questions.filter((q) => q.accepted.some((t) => choice.types.includes(t))).length;
        const query = sessionQuery(seed, choice.types, choice.n, pool);
        const current = session(data, "?" + query);
        say(messages, notes);
        root.querySelector(".trainers-fallback").hidden = true;
        const practice = new URL(root.dataset.practice + "?" + query, location.href).href;
        const cover = root.querySelector(".trainers-cover");
        cover.querySelector(".trainers-cover-date").textContent =
          new Intl.DateTimeFormat(lang, { dateStyle: "long" }).format(new Date());
        cover.querySelector(".trainers-cover-types").textContent = choice.types.map((t) => text(data.types[t].name)).join(", ");
        cover.querySelector(".trainers-cover-session").textContent = format(data.ui.session, { seed }) + " · " +
          plural(data.ui.count, { n: current.ids.length }, lang);
        const link = cover.querySelector(".trainers-practice");
        link.href = practice;
        link.textContent = practice;
        cover.querySelector(".trainers-back").href = root.dataset.trainers + "?types=" + choice.types.join(",") +
          "&n=" + (choice.n === null ? DEFAULT_N : choice.n) + "&seed=" + seed;
        cover.querySelector(".trainers-print-now").addEventListener("click", () => window.print());
        showQr(cover.querySelector(".trainers-qr"), practice, root.dataset.qr);
        cover.hidden = false;
        replaceUrl(location.pathname + "?" + query + location.hash);
        const sheets = Promise.all(choice.types.map((t) =>
          fetchPage(new URL(root.dataset.cheatsheets + t + "/", location.href).href).then((doc) => sheetSection(doc, t))))
          .then((sections) => root.querySelector(".trainers-sheets").replaceChildren(...sections));
        const questions = fetchPage(new URL(root.dataset.sheet, location.href).href).then((doc) => {
          const asked = root.querySelector(".trainers-questions");
          asked.appendChild(sessionItems(doc, ".practice-sheet-questions", current.ids));
          const key = root.querySelector(".trainers-key");
          key.appendChild(sessionItems(doc, ".practice-sheet-answers", current.ids));
          asked.hidden = false;
          key.hidden = false;
        });
        return Promise.all([sheets, questions]).then(() => { root.dataset.done = "1"; });
      })
      .catch(failed);
  }

  function setup(root) {
    if (root.classList.contains("trainers")) chooser(root);
    else pack(root);
  }

  window.handbook.trainerChoice = trainerChoice;  // the URL's reading alone, for tests
  window.handbook.sessionQuery = sessionQuery;
  onRoot(".trainers, .trainers-pack", setup);
})();
