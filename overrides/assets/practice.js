// Practice trainer: seeded sessions of situations to answer, progress kept in localStorage; its print sheet.
// A session (?seed=42&types=talker,non-payer&n=10) is shuffled from the seed, so a shared link gives everyone
// the same questions in the same order. The page works without this script (a list with the answers in
// <details>); the script upgrades it. Every text comes from questions.json and goes into the page through
// textContent, never as markup.
(() => {
  "use strict";
  const { onRoot, own, format, pluralForm, element: el, replaceUrl } = window.handbook;
  const STORE = "handbook-practice-v1";
  const DEFAULT_N = 10;
  const MAX_SESSIONS = 20;  // saved sessions kept per language; the oldest go first
  const LENGTHS = [5, 10];  // the session lengths offered on the page, besides all of the questions
  const PATH = /^(archetypes|symptoms|responses|sources)\/[a-z0-9-]+\/(#[a-z0-9-]+)?$/;

  // mulberry32: a small, well-known seeded generator; the same seed gives the same numbers everywhere.
  function generator(seed) {
    let a = seed >>> 0;
    return () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  // FNV-1a: turns any text (a question id, a seed that is not a number) into a 32-bit number.
  function hash(text) {
    let h = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h;
  }

  function shuffled(items, seed) {
    const out = items.slice(), next = generator(seed);
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }

  // The session a URL asks for, with a message for every part of it that had to be corrected.
  function session(data, search) {
    const ui = data.ui, params = new URLSearchParams(search), notes = [];
    const all = data.questions;
    let pool = all;
    const raw = params.get("types");
    let types = [];
    if (raw !== null && raw.trim() !== "") {
      const asked = raw.split(",").map((t) => t.trim()).filter(Boolean);
      const unknown = asked.filter((t) => !own(data.types, t));
      types = [...new Set(asked.filter((t) => own(data.types, t)))].sort();
      if (unknown.length) notes.push(format(ui.bad_types, { value: unknown.join(", ").slice(0, 200) }));
      pool = all.filter((q) => q.accepted.some((t) => types.includes(t)));
      if (!pool.length) {
        if (types.length) notes.push(ui.no_types);
        pool = all;
        types = [];
      }
    }
    const seedText = params.get("seed");
    let seed;
    if (seedText !== null && /^\d{1,15}$/.test(seedText.trim())) {
      seed = Number(seedText.trim()) % 4294967296;
    } else if (seedText !== null && seedText.trim() !== "") {
      seed = hash(seedText);  // the same wrong link still gives everyone the same session
      notes.push(format(ui.bad_seed, { value: seedText.slice(0, 40), seed }));
    } else {
      seed = Math.floor(Math.random() * 1000000);
    }
    let n = Math.min(DEFAULT_N, pool.length);
    const nText = params.get("n");
    if (nText !== null) {
      const wanted = /^\d{1,9}$/.test(nText.trim()) ? Number(nText.trim()) : NaN;
      if (wanted >= 1 && wanted <= pool.length) n = wanted;
      else {
        if (wanted > pool.length) n = pool.length;
        notes.push(format(ui.bad_n, { max: pool.length, n }));
      }
    }
    const order = shuffled(pool.map((q) => q.id), seed).slice(0, n);
    const query = new URLSearchParams();
    query.set("seed", String(seed));
    if (types.length) query.set("types", types.join(","));
    if (nText !== null || n !== Math.min(DEFAULT_N, pool.length)) query.set("n", String(n));
    return { ids: order, seed, types, n, notes, pool: pool.length,
             key: data.lang + "|" + seed + "|" + types.join(",") + "|" + n, query: "?" + query.toString() };
  }

  function byId(data) {
    const map = {};
    for (const q of data.questions) map[q.id] = q;
    return map;
  }

  // localStorage may be off, full or edited by hand: every read is checked, every failure is survivable.
  function readStore() {
    try {
      const text = window.localStorage.getItem(STORE);
      if (text === null) return { store: { sessions: {}, order: [] }, ok: true };
      const store = JSON.parse(text);
      if (!store || typeof store !== "object" || !store.sessions || typeof store.sessions !== "object" ||
          Array.isArray(store.sessions) || !Array.isArray(store.order)) throw new Error("shape");
      return { store, ok: true };
    } catch (error) {
      return { store: { sessions: {}, order: [] }, ok: false };
    }
  }

  function writeStore(store) {
    try {
      window.localStorage.setItem(STORE, JSON.stringify(store));
      return true;
    } catch (error) {
      return false;
    }
  }

  // Answers saved for this session, if every one of them still fits the questions; else nothing.
  function validAnswers(saved, questions, ids) {
    if (saved === undefined) return {};
    if (!saved || typeof saved !== "object" || Array.isArray(saved)) return null;
    const answers = {};
    for (const qid in saved) {
      if (!own(saved, qid)) continue;
      const q = questions[qid], a = saved[qid];
      if (!q || !ids.includes(qid) || !a || typeof a !== "object") return null;
      if (typeof a.t !== "string" || !q.options.includes(a.t)) return null;
      const step = q.responses[q.accepted.includes(a.t) ? a.t : q.accepted[0]];
      if (a.r !== undefined && a.r !== null && (!step || typeof a.r !== "string" || !step.options.includes(a.r))) {
        return null;
      }
      answers[qid] = { t: a.t, r: typeof a.r === "string" ? a.r : null, done: a.done === true };
    }
    return answers;
  }

  // A text from questions.json: a string in the page's language, or English marked with lang="en".
  function put(node, value) {
    if (value && typeof value === "object") {
      node.textContent = value.text;
      node.lang = value.lang;
    } else {
      node.textContent = value === undefined || value === null ? "" : value;
    }
    return node;
  }

  function link(base, entry, label) {
    const a = el("a");
    if (entry && PATH.test(entry.url)) a.href = new URL(entry.url, base).href;
    return put(a, label !== undefined ? label : entry.name);
  }

  function plural(ui, key, lang, n, values) {
    return format(pluralForm(ui[key], n, lang), { n, ...values });
  }

  function showNotes(box, notes) {
    box.textContent = "";
    for (const text of notes) box.appendChild(el("p", "practice-note", text));
  }

  function load(root, done) {
    const url = new URL(root.dataset.practice, location.href);
    fetch(url.href, { credentials: "same-origin" })
      .then((response) => {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then((data) => {
        if (!data || !Array.isArray(data.questions) || !data.ui || !data.types) throw new Error("questions.json");
        done(data, new URL("../", url).href);  // entry paths are relative to the language's root
      })
      .catch(() => {
        const error = root.querySelector(".practice-error");
        if (error) error.hidden = false;
        root.dataset.failed = "1";  // the list with the answers, drawn as without JavaScript (practice.css)
      });
  }

  // The interactive trainer on /practice/.
  function trainer(root) {
    const app = root.querySelector(".practice-app");
    const list = root.querySelector(".practice-list");
    const messages = root.querySelector(".practice-messages");
    load(root, (data, base) => {
      const ui = data.ui, lang = data.lang, questions = byId(data);
      let current, answers, store, storable = true;
      const live = el("p", "practice-live visually-hidden");
      live.setAttribute("aria-live", "polite");
      live.setAttribute("role", "status");

      function start(search, extraNotes) {
        current = session(data, search);
        replaceUrl(location.pathname + current.query + location.hash);
        const read = readStore();
        store = read.store;
        const notes = current.notes.concat(extraNotes || []);
        if (!read.ok) {
          notes.push(ui.bad_storage);
          writeStore(store);
        }
        answers = validAnswers(store.sessions[current.key], questions, current.ids);
        if (answers === null) {
          notes.push(ui.bad_storage);
          delete store.sessions[current.key];
          answers = {};
          save();
        } else if (Object.keys(answers).length && !extraNotes) {
          notes.push(ui.restored);
        }
        showNotes(messages, notes);
        render(false);
      }

      function save() {
        store.sessions[current.key] = answers;
        store.order = store.order.filter((k) => k !== current.key && own(store.sessions, k));
        store.order.push(current.key);
        while (store.order.length > MAX_SESSIONS) delete store.sessions[store.order.shift()];
        if (!writeStore(store) && storable) {
          storable = false;
          showNotes(messages, [ui.no_storage]);
        }
      }

      function stepFor(q, a) {
        return q.responses[q.accepted.includes(a.t) ? a.t : q.accepted[0]] || null;
      }

      function finished(qid) {
        const a = answers[qid];
        if (!a) return false;
        return !stepFor(questions[qid], a) || a.r !== null;
      }

      function names(ids, dictionary) {
        const span = el("span");
        ids.forEach((id, i) => {
          if (i) span.appendChild(document.createTextNode(", "));
          span.appendChild(link(base, dictionary[id]));
        });
        return span;
      }

      function sourceLine(source) {
        if (!source) return null;
        const p = el("p", "practice-source");
        p.appendChild(el("strong", "", ui.source));
        p.appendChild(document.createTextNode(" "));
        const a = link(base, source, "");
        put(a, source.name);
        a.appendChild(document.createTextNode(" — "));
        const heading = a.appendChild(el("span", "", source.section));
        if (source.section_lang) heading.lang = source.section_lang;  // quoted in the article's language
        p.appendChild(a);
        return p;
      }

      function labelled(label, content) {
        const p = el("p");
        p.appendChild(el("strong", "", label));
        p.appendChild(document.createTextNode(" "));
        p.appendChild(content);
        return p;
      }

      // The offered choices: buttons before an answer, a marked list after it.
      function choices(heading, ids, dictionary, chosen, isRight, onPick) {
        const group = el("div", "practice-choices");
        const id = "practice-h-" + Math.random().toString(36).slice(2);
        const title = el("h3", "", heading);
        title.id = id;
        group.appendChild(title);
        if (chosen === null) {
          group.setAttribute("role", "group");
          group.setAttribute("aria-labelledby", id);
          for (const option of ids) {
            const button = el("button", "md-button practice-option");
            button.type = "button";
            button.dataset.option = option;
            put(button, dictionary[option].name);
            button.addEventListener("click", () => onPick(option));
            group.appendChild(button);
          }
          return group;
        }
        const ul = el("ul", "practice-answered");
        for (const option of ids) {
          const li = el("li", "practice-option");
          li.dataset.option = option;
          put(li.appendChild(el("span")), dictionary[option].name);
          const marks = [];
          if (isRight(option)) { li.classList.add("practice-option--right"); marks.push(ui.right_answer); }
          if (option === chosen) { li.classList.add("practice-option--chosen"); marks.push(ui.your_answer); }
          if (marks.length) li.appendChild(el("span", "practice-mark", " (" + marks.join(", ") + ")"));
          ul.appendChild(li);
        }
        group.appendChild(ul);
        return group;
      }

      function verdict(right, answerNodes) {
        const p = el("p", right ? "practice-verdict practice-verdict--right" : "practice-verdict practice-verdict--wrong");
        p.appendChild(el("strong", "", right ? ui.right : ui.wrong));
        p.appendChild(document.createTextNode(" " + ui.it_is + " "));
        p.appendChild(answerNodes);
        return p;
      }

      function announce(right, q, answerNames) {
        live.textContent = (right ? ui.right : ui.wrong) + " " + ui.it_is + " " + answerNames;
      }

      function plain(value) {
        return value && typeof value === "object" ? value.text : value;
      }

      function card(qid, index) {
        const q = questions[qid], a = answers[qid] || null;
        const box = el("section", "practice-card");
        box.dataset.question = qid;
        const heading = el("h2", "practice-progress", format(ui.question_of, { i: index + 1, n: current.ids.length }));
        heading.tabIndex = -1;
        box.appendChild(heading);
        put(box.appendChild(el("blockquote", "practice-situation")).appendChild(el("p")), q.situation);
        // The options' order comes from the seed too: the same link shows the same letters to everyone.
        box.appendChild(choices(ui.who, shuffled(q.options, (current.seed ^ hash(qid)) >>> 0), data.types, a ? a.t : null,
          (t) => q.accepted.includes(t),
          (t) => {
            answers[qid] = { t, r: null };
            save();
            const right = q.accepted.includes(t);
            announce(right, q, q.accepted.map((id) => plain(data.types[id].name)).join(", "));
            render(true);
          }));
        if (!a) return box;
        const right = q.accepted.includes(a.t);
        const explain = el("div", "practice-explain");
        explain.appendChild(verdict(right, names(q.accepted, data.types)));
        if (q.accepted.length > 1) explain.appendChild(el("p", "", ui.several));
        put(explain.appendChild(el("p")), q.notes[right ? a.t : q.accepted[0]]);
        const sign = labelled(ui.sign, link(base, data.signs[q.sign]));
        if (q.also.length) {
          sign.appendChild(document.createTextNode(". " + ui.also + " "));
          sign.appendChild(names(q.also, data.types));
        }
        explain.appendChild(sign);
        const source = sourceLine(q.source);
        if (source) explain.appendChild(source);
        box.appendChild(explain);
        const step = stepFor(q, a);
        if (step) {
          box.appendChild(choices(ui.first, shuffled(step.options, (current.seed ^ hash(qid + "/first")) >>> 0),
            data.responses, a.r,
            (r) => r === step.answer,
            (r) => {
              answers[qid].r = r;
              save();
              announce(r === step.answer, q, plain(data.responses[step.answer].name));
              render(true);
            }));
          if (a.r !== null) {
            const then = el("div", "practice-explain");
            then.appendChild(verdict(a.r === step.answer, names([step.answer], data.responses)));
            put(then.appendChild(el("p")), step.note);
            const stepSource = sourceLine(step.source);
            if (stepSource) then.appendChild(stepSource);
            box.appendChild(then);
          }
        }
        if (finished(qid)) {
          const last = index === current.ids.length - 1;
          const next = el("button", "md-button md-button--primary practice-next", last ? ui.see_score : ui.next);
          next.type = "button";
          next.addEventListener("click", () => {
            answers[qid].done = true;
            save();
            render(false, true);
          });
          box.appendChild(next);
        }
        return box;
      }

      function score() {
        const box = el("section", "practice-card practice-score");
        const heading = el("h2", "", ui.score_title);
        heading.tabIndex = -1;
        box.appendChild(heading);
        let types = 0, steps = 0, stepTotal = 0, missed = [];
        for (const qid of current.ids) {
          const q = questions[qid], a = answers[qid];
          const right = q.accepted.includes(a.t);
          if (right) types++;
          else missed.push(data.types[q.accepted[0]]);
          const step = stepFor(q, a);
          if (step) {
            stepTotal++;
            if (a.r === step.answer) steps++;
            else missed.push(data.responses[step.answer]);
          }
        }
        const total = current.ids.length + stepTotal;
        box.appendChild(el("p", "practice-points", plural(ui, "score", lang, types + steps, { total })));
        const detail = el("ul");
        detail.appendChild(el("li", "", format(ui.score_types, { right: types, total: current.ids.length })));
        if (stepTotal) detail.appendChild(el("li", "", format(ui.score_responses, { right: steps, total: stepTotal })));
        box.appendChild(detail);
        missed = [...new Set(missed)];
        if (missed.length) {
          box.appendChild(el("h3", "", plural(ui, "reread", lang, missed.length)));
          const reread = el("ul", "practice-reread");
          for (const entry of missed) reread.appendChild(el("li")).appendChild(link(base, entry));
          box.appendChild(reread);
        } else {
          box.appendChild(el("p", "", ui.perfect));
        }
        live.textContent = plural(ui, "score", lang, types + steps, { total });
        return box;
      }

      function tools() {
        const bar = el("div", "practice-tools");
        const again = el("button", "md-button practice-again", ui.again);
        again.type = "button";
        again.addEventListener("click", () => {
          const params = new URLSearchParams();
          params.set("seed", String(Math.floor(Math.random() * 1000000)));
          if (current.types.length) params.set("types", current.types.join(","));
          const asked = new URLSearchParams(current.query);
          if (asked.has("n")) params.set("n", asked.get("n"));  // the same size of session, other questions
          start("?" + params.toString(), []);
        });
        const clear = el("button", "md-button practice-clear", ui.clear);
        clear.type = "button";
        clear.addEventListener("click", () => {
          try { window.localStorage.removeItem(STORE); } catch (error) { /* storage off: nothing saved */ }
          start(current.query, [ui.cleared]);
        });
        const share = el("a", "practice-share", ui.share);
        share.href = location.pathname + current.query;
        const print = el("a", "practice-print", ui.print_session);
        print.href = "print/" + current.query;
        const meta = el("p", "practice-meta");
        bar.appendChild(lengths());
        meta.appendChild(document.createTextNode(format(ui.session, { seed: current.seed }) + " · " +
          plural(ui, "count", lang, current.ids.length) + " · "));
        meta.appendChild(share);
        meta.appendChild(document.createTextNode(" · "));
        meta.appendChild(print);
        bar.appendChild(meta);
        bar.appendChild(again);
        bar.appendChild(clear);
        return bar;
      }

      // The session's length, chosen on the page: the same session number and types, more or fewer questions.
      function lengths() {
        const group = el("p", "practice-length");
        group.setAttribute("role", "group");
        const label = group.appendChild(el("span", "practice-length-label", ui.length));
        label.id = "practice-length-label";
        group.setAttribute("aria-labelledby", label.id);
        for (const n of LENGTHS.filter((n) => n < current.pool).concat([current.pool])) {
          const button = el("button", "md-button practice-length-option",
            n === current.pool ? ui.length_all + " (" + n + ")" : String(n));
          button.type = "button";
          button.dataset.n = String(n);
          button.setAttribute("aria-pressed", String(n === current.n));
          button.addEventListener("click", () => {
            if (n === current.n) return;
            const params = new URLSearchParams();
            params.set("seed", String(current.seed));
            if (current.types.length) params.set("types", current.types.join(","));
            params.set("n", String(n));
            start("?" + params.toString(), []);
            app.querySelector('.practice-length-option[data-n="' + n + '"]').focus();
          });
          group.appendChild(button);
        }
        return group;
      }

      function render(answered, moved) {
        app.textContent = "";
        const at = current.ids.findIndex((qid) => {
          const a = answers[qid];
          return !a || !a.done || !finished(qid);
        });
        const view = at < 0 ? score() : card(current.ids[at], at);
        app.appendChild(view);
        app.appendChild(tools());
        if (answered) {
          // Keep the keyboard where the next step is: the next choice, or the button that moves on.
          const target = view.querySelector("button.practice-option, .practice-next");
          if (target) target.focus();
        } else if (moved) {
          view.querySelector("h2").focus();
        }
      }

      root.appendChild(live);  // one live region for the page's life: answers are announced from it
      list.hidden = true;
      app.hidden = false;
      start(location.search);
    });
  }

  // The printable page: the URL's session (or every question), numbered in session order.
  function sheet(root) {
    const params = new URLSearchParams(location.search);
    if (!params.has("seed") && !params.has("types") && !params.has("n")) return;
    load(root, (data) => {
      const current = session(data, location.search);
      showNotes(root.querySelector(".practice-messages"), current.notes);
      root.querySelectorAll(".practice-sheet-questions, .practice-sheet-answers").forEach((ol) => {
        const items = {};
        for (const li of ol.children) {
          items[li.dataset.question] = li;
          li.hidden = true;
        }
        for (const qid of current.ids) {
          if (items[qid]) {
            items[qid].hidden = false;
            ol.appendChild(items[qid]);
          }
        }
      });
      const count = root.querySelector(".practice-sheet-count");
      if (count) count.textContent = format(data.ui.session, { seed: current.seed }) + " · " +
        plural(data.ui, "count", data.lang, current.ids.length);
    });
  }

  function setup(root) {
    if (root.classList.contains("practice")) trainer(root);
    else sheet(root);
  }

  window.handbook.practiceSession = session;  // the trainers' print pack picks the same questions
  onRoot(".practice, .practice-sheet", setup);
})();
