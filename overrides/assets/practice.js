// Practice: a session of situations (?seed=42&types=talker,non-payer&n=10) shuffled from the seed, so a
// shared link gives everyone the same questions in the same order; progress stays in localStorage.
// The page works without this script (a list with the answers in <details>); the script upgrades it.
// Every text comes from questions.json and goes into the page through textContent, never as markup.
(function () {
  "use strict";
  var STORE = "handbook-practice-v1";
  var DEFAULT_N = 10;
  var MAX_SESSIONS = 20;  // saved sessions kept per language; the oldest go first
  var PATH = /^(archetypes|symptoms|responses|sources)\/[a-z0-9-]+\/(#[a-z0-9-]+)?$/;

  // mulberry32: a small, well-known seeded generator; the same seed gives the same numbers everywhere.
  function generator(seed) {
    var a = seed >>> 0;
    return function () {
      a = (a + 0x6d2b79f5) >>> 0;
      var t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  // FNV-1a: turns any text (a question id, a seed that is not a number) into a 32-bit number.
  function hash(text) {
    var h = 0x811c9dc5;
    for (var i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h;
  }

  function shuffled(items, seed) {
    var out = items.slice(), next = generator(seed);
    for (var i = out.length - 1; i > 0; i--) {
      var j = Math.floor(next() * (i + 1));
      var tmp = out[i]; out[i] = out[j]; out[j] = tmp;
    }
    return out;
  }

  function format(template, values) {
    return String(template).replace(/\{(\w+)\}/g, function (all, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : all;
    });
  }

  function own(object, key) {
    return object !== null && typeof object === "object" && Object.prototype.hasOwnProperty.call(object, key);
  }

  // The session a URL asks for, with a message for every part of it that had to be corrected.
  function session(data, search) {
    var ui = data.ui, params = new URLSearchParams(search), notes = [];
    var all = data.questions, pool = all;
    var raw = params.get("types");
    var types = [];
    if (raw !== null && raw.trim() !== "") {
      var asked = raw.split(",").map(function (t) { return t.trim(); }).filter(Boolean);
      var unknown = asked.filter(function (t) { return !own(data.types, t); });
      types = asked.filter(function (t) { return own(data.types, t); })
        .filter(function (t, i, list) { return list.indexOf(t) === i; }).sort();
      if (unknown.length) notes.push(format(ui.bad_types, { value: unknown.join(", ").slice(0, 200) }));
      pool = all.filter(function (q) { return q.accepted.some(function (t) { return types.indexOf(t) >= 0; }); });
      if (!pool.length) {
        if (types.length) notes.push(ui.no_types);
        pool = all;
        types = [];
      }
    }
    var seedText = params.get("seed"), seed;
    if (seedText !== null && /^\d{1,15}$/.test(seedText.trim())) {
      seed = Number(seedText.trim()) % 4294967296;
    } else if (seedText !== null && seedText.trim() !== "") {
      seed = hash(seedText);  // the same wrong link still gives everyone the same session
      notes.push(format(ui.bad_seed, { value: seedText.slice(0, 40), seed: seed }));
    } else {
      seed = Math.floor(Math.random() * 1000000);
    }
    var n = Math.min(DEFAULT_N, pool.length), nText = params.get("n");
    if (nText !== null) {
      var wanted = /^\d{1,9}$/.test(nText.trim()) ? Number(nText.trim()) : NaN;
      if (wanted >= 1 && wanted <= pool.length) n = wanted;
      else {
        if (wanted > pool.length) n = pool.length;
        notes.push(format(ui.bad_n, { max: pool.length, n: n }));
      }
    }
    var order = shuffled(pool.map(function (q) { return q.id; }), seed).slice(0, n);
    var query = new URLSearchParams();
    query.set("seed", String(seed));
    if (types.length) query.set("types", types.join(","));
    if (nText !== null || n !== Math.min(DEFAULT_N, pool.length)) query.set("n", String(n));
    return { ids: order, seed: seed, types: types, n: n, notes: notes,
             key: data.lang + "|" + seed + "|" + types.join(",") + "|" + n, query: "?" + query.toString() };
  }

  function byId(data) {
    var map = {};
    data.questions.forEach(function (q) { map[q.id] = q; });
    return map;
  }

  // localStorage may be off, full or edited by hand: every read is checked, every failure is survivable.
  function readStore() {
    try {
      var text = window.localStorage.getItem(STORE);
      if (text === null) return { store: { sessions: {}, order: [] }, ok: true };
      var store = JSON.parse(text);
      if (!store || typeof store !== "object" || !store.sessions || typeof store.sessions !== "object" ||
          Array.isArray(store.sessions) || !Array.isArray(store.order)) throw new Error("shape");
      return { store: store, ok: true };
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
    var answers = {};
    for (var qid in saved) {
      if (!own(saved, qid)) continue;
      var q = questions[qid], a = saved[qid];
      if (!q || ids.indexOf(qid) < 0 || !a || typeof a !== "object") return null;
      if (typeof a.t !== "string" || q.options.indexOf(a.t) < 0) return null;
      var step = q.responses[q.accepted.indexOf(a.t) >= 0 ? a.t : q.accepted[0]];
      if (a.r !== undefined && a.r !== null && (!step || typeof a.r !== "string" || step.options.indexOf(a.r) < 0)) {
        return null;
      }
      answers[qid] = { t: a.t, r: typeof a.r === "string" ? a.r : null, done: a.done === true };
    }
    return answers;
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
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
    var a = el("a");
    if (entry && PATH.test(entry.url)) a.href = new URL(entry.url, base).href;
    return put(a, label !== undefined ? label : entry.name);
  }

  function plural(ui, key, lang, n, values) {
    var forms = ui[key], category = "other";
    try { category = new Intl.PluralRules(lang).select(n); } catch (error) { /* old browser: 'other' */ }
    var template = typeof forms === "string" ? forms : (forms[category] || forms.other);
    return format(template, Object.assign({ n: n }, values || {}));
  }

  function showNotes(box, notes) {
    box.textContent = "";
    notes.forEach(function (text) { box.appendChild(el("p", "practice-note", text)); });
  }

  function load(root, done) {
    var url = new URL(root.dataset.practice, location.href);
    fetch(url.href, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (data) {
        if (!data || !Array.isArray(data.questions) || !data.ui || !data.types) throw new Error("questions.json");
        done(data, new URL("../", url).href);  // entry paths are relative to the language's root
      })
      .catch(function () {
        var error = root.querySelector(".practice-error");
        if (error) error.hidden = false;
      });
  }

  // The interactive trainer on /practice/.
  function trainer(root) {
    var app = root.querySelector(".practice-app");
    var list = root.querySelector(".practice-list");
    var messages = root.querySelector(".practice-messages");
    load(root, function (data, base) {
      var ui = data.ui, lang = data.lang, questions = byId(data);
      var current, answers, store, storable = true;
      var live = el("p", "practice-live visually-hidden");
      live.setAttribute("aria-live", "polite");
      live.setAttribute("role", "status");

      function start(search, extraNotes) {
        current = session(data, search);
        history.replaceState(history.state, "", location.pathname + current.query + location.hash);
        var read = readStore();
        store = read.store;
        var notes = current.notes.concat(extraNotes || []);
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
        store.order = store.order.filter(function (k) { return k !== current.key && own(store.sessions, k); });
        store.order.push(current.key);
        while (store.order.length > MAX_SESSIONS) delete store.sessions[store.order.shift()];
        if (!writeStore(store) && storable) {
          storable = false;
          showNotes(messages, [ui.no_storage]);
        }
      }

      function stepFor(q, a) {
        return q.responses[q.accepted.indexOf(a.t) >= 0 ? a.t : q.accepted[0]] || null;
      }

      function finished(qid) {
        var a = answers[qid];
        if (!a) return false;
        return !stepFor(questions[qid], a) || a.r !== null;
      }

      function names(ids, dictionary) {
        var span = el("span");
        ids.forEach(function (id, i) {
          if (i) span.appendChild(document.createTextNode(", "));
          span.appendChild(link(base, dictionary[id]));
        });
        return span;
      }

      function sourceLine(source) {
        if (!source) return null;
        var p = el("p", "practice-source");
        p.appendChild(el("strong", "", ui.source));
        p.appendChild(document.createTextNode(" "));
        var a = link(base, source, "");
        put(a, source.name);
        a.appendChild(document.createTextNode(" — "));
        var heading = a.appendChild(el("span", "", source.section));
        if (source.section_lang) heading.lang = source.section_lang;  // quoted in the article's language
        p.appendChild(a);
        return p;
      }

      function labelled(label, content) {
        var p = el("p");
        p.appendChild(el("strong", "", label));
        p.appendChild(document.createTextNode(" "));
        p.appendChild(content);
        return p;
      }

      // The offered choices: buttons before an answer, a marked list after it.
      function choices(heading, ids, dictionary, chosen, isRight, onPick) {
        var group = el("div", "practice-choices");
        var id = "practice-h-" + Math.random().toString(36).slice(2);
        var title = el("h3", "", heading);
        title.id = id;
        group.appendChild(title);
        if (chosen === null) {
          group.setAttribute("role", "group");
          group.setAttribute("aria-labelledby", id);
          ids.forEach(function (option) {
            var button = el("button", "md-button practice-option");
            button.type = "button";
            button.dataset.option = option;
            put(button, dictionary[option].name);
            button.addEventListener("click", function () { onPick(option); });
            group.appendChild(button);
          });
          return group;
        }
        var ul = el("ul", "practice-answered");
        ids.forEach(function (option) {
          var li = el("li", "practice-option");
          li.dataset.option = option;
          put(li.appendChild(el("span")), dictionary[option].name);
          var marks = [];
          if (isRight(option)) { li.classList.add("practice-option--right"); marks.push(ui.right_answer); }
          if (option === chosen) { li.classList.add("practice-option--chosen"); marks.push(ui.your_answer); }
          if (marks.length) li.appendChild(el("span", "practice-mark", " (" + marks.join(", ") + ")"));
          ul.appendChild(li);
        });
        group.appendChild(ul);
        return group;
      }

      function verdict(right, answerNodes) {
        var p = el("p", right ? "practice-verdict practice-verdict--right" : "practice-verdict practice-verdict--wrong");
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
        var q = questions[qid], a = answers[qid] || null;
        var box = el("section", "practice-card");
        box.dataset.question = qid;
        var heading = el("h2", "practice-progress", format(ui.question_of, { i: index + 1, n: current.ids.length }));
        heading.tabIndex = -1;
        box.appendChild(heading);
        put(box.appendChild(el("blockquote", "practice-situation")).appendChild(el("p")), q.situation);
        // The options' order comes from the seed too: the same link shows the same letters to everyone.
        box.appendChild(choices(ui.who, shuffled(q.options, (current.seed ^ hash(qid)) >>> 0), data.types, a ? a.t : null,
          function (t) { return q.accepted.indexOf(t) >= 0; },
          function (t) {
            answers[qid] = { t: t, r: null };
            save();
            var right = q.accepted.indexOf(t) >= 0;
            announce(right, q, q.accepted.map(function (id) { return plain(data.types[id].name); }).join(", "));
            render(true);
          }));
        if (!a) return box;
        var right = q.accepted.indexOf(a.t) >= 0;
        var explain = el("div", "practice-explain");
        explain.appendChild(verdict(right, names(q.accepted, data.types)));
        if (q.accepted.length > 1) explain.appendChild(el("p", "", ui.several));
        put(explain.appendChild(el("p")), q.notes[right ? a.t : q.accepted[0]]);
        var sign = labelled(ui.sign, link(base, data.signs[q.sign]));
        if (q.also.length) {
          sign.appendChild(document.createTextNode(". " + ui.also + " "));
          sign.appendChild(names(q.also, data.types));
        }
        explain.appendChild(sign);
        var source = sourceLine(q.source);
        if (source) explain.appendChild(source);
        box.appendChild(explain);
        var step = stepFor(q, a);
        if (step) {
          box.appendChild(choices(ui.first, shuffled(step.options, (current.seed ^ hash(qid + "/first")) >>> 0),
            data.responses, a.r,
            function (r) { return r === step.answer; },
            function (r) {
              answers[qid].r = r;
              save();
              announce(r === step.answer, q, plain(data.responses[step.answer].name));
              render(true);
            }));
          if (a.r !== null) {
            var then = el("div", "practice-explain");
            then.appendChild(verdict(a.r === step.answer, names([step.answer], data.responses)));
            put(then.appendChild(el("p")), step.note);
            var stepSource = sourceLine(step.source);
            if (stepSource) then.appendChild(stepSource);
            box.appendChild(then);
          }
        }
        if (finished(qid)) {
          var last = index === current.ids.length - 1;
          var next = el("button", "md-button md-button--primary practice-next", last ? ui.see_score : ui.next);
          next.type = "button";
          next.addEventListener("click", function () {
            answers[qid].done = true;
            save();
            render(false, true);
          });
          box.appendChild(next);
        }
        return box;
      }

      function score() {
        var box = el("section", "practice-card practice-score");
        var heading = el("h2", "", ui.score_title);
        heading.tabIndex = -1;
        box.appendChild(heading);
        var types = 0, steps = 0, stepTotal = 0, missed = [];
        current.ids.forEach(function (qid) {
          var q = questions[qid], a = answers[qid];
          var right = q.accepted.indexOf(a.t) >= 0;
          if (right) types++;
          else missed.push(data.types[q.accepted[0]]);
          var step = stepFor(q, a);
          if (step) {
            stepTotal++;
            if (a.r === step.answer) steps++;
            else missed.push(data.responses[step.answer]);
          }
        });
        var total = current.ids.length + stepTotal;
        box.appendChild(el("p", "practice-points", plural(ui, "score", lang, types + steps, { total: total })));
        var detail = el("ul");
        detail.appendChild(el("li", "", format(ui.score_types, { right: types, total: current.ids.length })));
        if (stepTotal) detail.appendChild(el("li", "", format(ui.score_responses, { right: steps, total: stepTotal })));
        box.appendChild(detail);
        missed = missed.filter(function (entry, i) { return missed.indexOf(entry) === i; });
        if (missed.length) {
          box.appendChild(el("h3", "", plural(ui, "reread", lang, missed.length)));
          var reread = el("ul", "practice-reread");
          missed.forEach(function (entry) { reread.appendChild(el("li")).appendChild(link(base, entry)); });
          box.appendChild(reread);
        } else {
          box.appendChild(el("p", "", ui.perfect));
        }
        live.textContent = plural(ui, "score", lang, types + steps, { total: total });
        return box;
      }

      function tools() {
        var bar = el("div", "practice-tools");
        var again = el("button", "md-button practice-again", ui.again);
        again.type = "button";
        again.addEventListener("click", function () {
          var params = new URLSearchParams();
          params.set("seed", String(Math.floor(Math.random() * 1000000)));
          if (current.types.length) params.set("types", current.types.join(","));
          var asked = new URLSearchParams(current.query);
          if (asked.has("n")) params.set("n", asked.get("n"));  // the same size of session, other questions
          start("?" + params.toString(), []);
        });
        var clear = el("button", "md-button practice-clear", ui.clear);
        clear.type = "button";
        clear.addEventListener("click", function () {
          try { window.localStorage.removeItem(STORE); } catch (error) { /* storage off: nothing saved */ }
          start(current.query, [ui.cleared]);
        });
        var share = el("a", "practice-share", ui.share);
        share.href = location.pathname + current.query;
        var print = el("a", "practice-print", ui.print_session);
        print.href = "print/" + current.query;
        var meta = el("p", "practice-meta");
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

      function render(answered, moved) {
        app.textContent = "";
        var at = -1;
        for (var i = 0; i < current.ids.length; i++) {
          var a = answers[current.ids[i]];
          if (!a || !a.done || !finished(current.ids[i])) { at = i; break; }
        }
        var view = at < 0 ? score() : card(current.ids[at], at);
        app.appendChild(view);
        app.appendChild(tools());
        if (answered) {
          // Keep the keyboard where the next step is: the next choice, or the button that moves on.
          var target = view.querySelector("button.practice-option, .practice-next");
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
    var params = new URLSearchParams(location.search);
    if (!params.has("seed") && !params.has("types") && !params.has("n")) return;
    load(root, function (data) {
      var current = session(data, location.search);
      showNotes(root.querySelector(".practice-messages"), current.notes);
      root.querySelectorAll(".practice-sheet-questions, .practice-sheet-answers").forEach(function (ol) {
        var items = {};
        Array.prototype.forEach.call(ol.children, function (li) {
          items[li.dataset.question] = li;
          li.hidden = true;
        });
        current.ids.forEach(function (qid) {
          if (items[qid]) {
            items[qid].hidden = false;
            ol.appendChild(items[qid]);
          }
        });
      });
      var count = root.querySelector(".practice-sheet-count");
      if (count) count.textContent = format(data.ui.session, { seed: current.seed }) + " · " +
        plural(data.ui, "count", data.lang, current.ids.length);
    });
  }

  function setup() {
    var root = document.querySelector(".practice, .practice-sheet");
    if (!root || root.dataset.ready) return;
    root.dataset.ready = "1";
    if (root.classList.contains("practice")) trainer(root);
    else sheet(root);
  }

  if (typeof document$ !== "undefined") document$.subscribe(setup);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
