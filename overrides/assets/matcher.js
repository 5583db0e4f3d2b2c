// The one matcher of the search box (search.js) and the diagnosis filter (diagnose.js), on Pagefind's index of the
// page's language: a reader's words as the index holds them (elided articles and Romanian clitics split off, stop
// words set apart), the pages that match the other words best first, and the closest known words for a typo.
// generator/language/words.py splits words the same way at build time.
(() => {
  "use strict";
  const root = document.querySelector("[data-md-component=handbook-search]");
  if (!root) return;
  // Resolved once, against the first page: the header that holds these stays across instant navigation.
  const bundle = new URL(root.dataset.pagefind, location.href).href;
  const siteRoot = new URL("../", bundle).href;
  const prefixes = JSON.parse(root.dataset.prefixes || "{}");

  const LETTER = "[\\p{L}\\p{N}]";
  const ELIDED = {
    fr: new RegExp(`(?<!${LETTER})(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|quoiqu)'(?=${LETTER})`, "gu"),
    ro: new RegExp(`(?<!${LETTER})(?:[imnlsv]|ne|te|ți|îi|într|dintr|printr)-(?=${LETTER})` +
                   `|(?<=${LETTER})-(?:mi|ți|i|l|o|ne|vă|le|se|și|am|a|ai|au)(?!${LETTER})`, "gu"),
  };
  const WORD = new RegExp(`${LETTER}+(?:['-]${LETTER}+)*`, "gu");
  const LONGEST = 200;  // characters of a query read: a pasted page is cut there
  const WORDS = 8;  // content words searched at most
  const SHORTEST = 3;  // letters of the word being typed at the end of a sentence, at least, for it to be searched
  // The words for "client" in each language (as prefixes of their forms): a query that names the client asks for a
  // client type, and the word itself, on every page, says nothing of which.
  const CLIENT = {en: ["client", "customer"], fr: ["client"], ro: ["client"], ru: ["клиент", "заказчик"]};
  // What a reader types to ask what to do (word sequences, lower case): a query that asks it wants a response, and
  // these words say nothing of which.
  const ASK = {
    en: [["how"], ["what", "to", "do"], ["what", "should", "i", "do"], ["what", "do", "i", "do"]],
    fr: [["comment"], ["que", "faire"], ["quoi", "faire"]],
    ro: [["cum"], ["ce", "să", "fac"], ["ce", "fac"]],
    ru: [["как"], ["что", "делать"]],
  };
  const COVERAGE = 2;  // a page's rank times (its share of the query's content words) to this power
  const FIRST = 3;  // how much the kind a query asks for moves up: a response when it asks what to do, else a client
                   // type when it names the client
  const PHRASE = 1.6;  // how much a page holding the query as typed, in order, moves up
  // Pages found above which the phrase is not looked for: its search costs as much again as the words' (at 5,000
  // entries, 0.2-0.5 s for words on most pages), and among so many pages the words' scores rank well enough.
  const PHRASE_MOST = 1000;

  let engine = null;  // {lang, ready: Promise of {pagefind, stop: Set, kindOf: Map of page id -> kind}}
  const CACHED = 256;  // searches of one word kept: while a sentence is typed, its earlier words are
  let cache = new Map();  // searched again at every key (at 5,000 entries a common word takes 0.1-0.3 s)
  const vocabularies = new Map();  // lang -> Promise of [[folded, written], ...], most frequent first

  // Lower case, Latin letters without accents, ё as е: as generator/language/words.fold.
  function fold(word) {
    return word.toLowerCase().replace(/ё/g, "е").normalize("NFD").replace(/([a-z])[\u0300-\u036f]+/g, "$1").normalize("NFC");
  }

  // A query's words: {all: as typed, lower case; content: those that are not stop words, at most WORDS; cut: more
  // words were typed than are searched; client: a content word names the client; ask: the query asks what to do}.
  function parse(query, lang, stop) {
    let text = query.slice(0, LONGEST).toLowerCase().replace(/[\u2019\u2018\u02bc`]/g, "'");
    if (ELIDED[lang]) text = text.replace(ELIDED[lang], " ");
    const typed = text.match(WORD) || [];
    const asking = new Set();
    for (const words of ASK[lang] || []) {
      typed.forEach((_, i) => {
        if (words.every((word, j) => typed[i + j] === word)) words.forEach((word) => asking.add(word));
      });
    }
    const all = [...new Set(typed)];
    // The word still being typed after other words (the query ends in it, and it was not typed before), under
    // SHORTEST letters, waits for the next key: Pagefind matches every word it begins, at 5,000 entries on most
    // pages, and that search would hold up the next key's.
    const end = typed[typed.length - 1];
    const typing = typed.length > 1 && /[\p{L}\p{N}]$/u.test(text) && end.length < SHORTEST &&
                   typed.indexOf(end) === typed.length - 1 ? end : null;
    const meaningful = all.filter((word) => word.length > 1 && !stop.has(fold(word)) && !asking.has(word) &&
                                            word !== typing);
    const named = (word) => (CLIENT[lang] || []).some((stem) => fold(word).startsWith(stem));
    const client = meaningful.some(named);
    // "client" counts only when it is all there is ("clients" alone lists client types).
    const content = meaningful.length > 1 && client ? meaningful.filter((word) => !named(word)) : meaningful;
    return {all, content: content.slice(0, WORDS), cut: content.length > WORDS || query.length > LONGEST, client,
            ask: asking.size > 0};
  }

  async function json(url) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    return response.json();
  }

  function languageFile(lang, name) {
    return new URL(`${prefixes[lang] ?? ""}assets/search/${name}`, siteRoot).href;
  }

  // Under `mkdocs serve` the index is built after the page reloads (data-pagefind-wait, in seconds): until it is
  // there, pagefind.js is missing, so it is asked for again (anew: a failed import is remembered).
  async function importBundle(waiting) {
    const until = Date.now() + 1000 * Number(root.dataset.pagefindWait || 0);
    for (let attempt = 0; ; attempt++) {
      try {
        return await import(attempt ? `${bundle}?attempt=${attempt}` : bundle);
      } catch (error) {
        if (Date.now() >= until) throw error;
        if (waiting) waiting();
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  }

  // Each page's kind, from the file the build writes beside the index (generator/features/search.py): a word is
  // searched once, not once per kind, and each result's kind read here.
  async function pageKinds(lang) {
    const kindOf = new Map();
    for (const [kind, ids] of Object.entries(await json(new URL(`kinds-${lang}.json`, bundle).href))) {
      for (const id of ids.split(" ")) kindOf.set(`${lang}_${id}`, kind);
    }
    return kindOf;
  }

  // Pagefind, the stop words and the pages' kinds of the page's language (one index at a time: another
  // language's is let go).
  function load(waiting) {
    const lang = document.documentElement.lang;
    if (!engine || engine.lang !== lang) {
      const previous = engine;
      engine = {lang, ready: (async () => {
        const stopWords = json(languageFile(lang, "stop.json"));
        stopWords.catch(() => {});  // awaited below
        const pagefind = await importBundle(waiting);  // under `mkdocs serve`, waits for the index and its kinds
        const [stop, kindOf] = await Promise.all([stopWords, pageKinds(lang)]);
        if (previous) await pagefind.destroy();
        cache = new Map();
        // On the main thread: a search takes milliseconds here, and the worker would cost another 41 KB.
        await pagefind.options({excerptLength: 24, noWorker: true});
        await pagefind.init();
        return {pagefind, stop: new Set(stop), kindOf};
      })()};
      engine.ready.catch(() => { engine = null; });  // the next query tries again
    }
    return engine.ready;
  }

  // One word's results, kept for the next queries.
  function searchWord(pagefind, word) {
    let results = cache.get(word);
    if (!results) {
      results = pagefind.search(word).then((search) => search.results);
      results.catch(() => cache.delete(word));
      if (cache.size >= CACHED) cache.delete(cache.keys().next().value);
    } else {
      cache.delete(word);  // most recently used last
    }
    cache.set(word, results);
    return results;
  }

  // Pages of the given kinds matching a parsed query, best first: [{id, kind, rank, words, best}]. Pagefind wants
  // every word of a query on a page, but readers type sentences: each content word is searched alone (kindOf
  // tells each page's kind, from load()), and a page ranks by the sum of its words' scores (which weigh rare
  // words, names and aliases above the rest) times its share of the content words squared, so a page holding
  // all of them comes first. found: the content words some page holds. Words are searched one after another, and
  // a query that stale() says is outdated stops between them (null): Pagefind cannot be interrupted, and the
  // reader's last key should not wait behind the searches of the keys before it.
  async function find({pagefind, kindOf}, parsed, kinds, stale = () => false) {
    const searches = [];
    for (const word of parsed.content) {
      if (stale()) return null;
      const results = (await searchWord(pagefind, word))
        .map((result) => ({result, kind: kindOf.get(result.id)}))
        .filter(({kind}) => kinds.includes(kind));
      searches.push({word, results});
    }
    const found = searches.filter((search) => search.results.length);
    const pages = new Map();
    for (const {word, results} of found) {
      for (const {result, kind} of results) {
        const page = pages.get(result.id) || {id: result.id, kind, score: 0, words: [], best: result};
        page.score += result.score;
        page.words.push(word);
        if (result.score > page.best.score) page.best = result;
        pages.set(result.id, page);
      }
    }
    // A response moves up when the query asks what to do, else a client type when it names the client: if no page
    // holds more of its words.
    const first = parsed.ask ? "responses" : parsed.client ? "archetypes" : null;
    const most = Math.max(0, ...[...pages.values()].map((page) => page.words.length));
    for (const page of pages.values()) {
      page.rank = page.score * (page.words.length / found.length) ** COVERAGE;
      if (page.kind === first && page.words.length === most) page.rank *= FIRST;
    }
    // A page that holds the reader's words as typed, in that order ("client qui ne paie pas", a name of the
    // non-payer), moves up (Pagefind's exact-phrase search, on index chunks already loaded).
    if (parsed.all.length > 1 && found.length && pages.size <= PHRASE_MOST && !stale()) {
      const phrase = await pagefind.search(`"${parsed.all.join(" ").replace(/"/g, "")}"`);
      for (const result of phrase.results) {
        const page = pages.get(result.id);
        if (page) page.rank *= PHRASE;
      }
    }
    return {pages: [...pages.values()].sort((a, b) => b.rank - a.rank), found: found.map((search) => search.word)};
  }

  // The signs (ids) of the diagnosis page that match every content word, as search matches them; null when
  // the query has no content word (nothing to narrow by).
  async function signs(pagefind, parsed) {
    if (!parsed.content.length) return null;
    await pagefind.filters();  // loads the filter of sign ids, which searches then count
    let matched = null;
    for (const word of parsed.content) {
      const search = await pagefind.search(word, {filters: {kind: "symptoms"}});
      const ids = new Set(Object.entries((search.filters || {}).sign || {}).filter(([, n]) => n > 0).map(([id]) => id));
      matched = matched ? new Set([...matched].filter((id) => ids.has(id))) : ids;
    }
    return matched;
  }

  // Optimal string alignment distance (Levenshtein with swapped neighbours), given up past limit.
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    let before = null;
    let row = Array.from({length: b.length + 1}, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const next = [i];
      let least = i;
      for (let j = 1; j <= b.length; j++) {
        const cost = a[i - 1] === b[j - 1] ? 0 : 1;
        let value = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + cost);
        if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          value = Math.min(value, before[j - 2] + 1);
        }
        next.push(value);
        least = Math.min(least, value);
      }
      if (least > limit) return limit + 1;
      [before, row] = [row, next];
    }
    return row[b.length];
  }

  // The query with each word the language's vocabulary does not know (written at build time from the entries'
  // texts, most frequent first) replaced by its closest known word (the first of the closest wins); null if none is
  // close. Pagefind, given an unknown word, may still match a short prefix of it ("bavrad": the letter "B").
  async function suggest(query, lang, words) {
    if (!vocabularies.has(lang)) {
      const words = json(languageFile(lang, "words.json")).then((list) => list.map((word) => [fold(word), word]));
      words.catch(() => vocabularies.delete(lang));
      vocabularies.set(lang, words);
    }
    const vocabulary = await vocabularies.get(lang);
    const known = vocabulary.known || (vocabulary.known = new Set(vocabulary.map(([folded]) => folded)));
    let changed = false;
    let text = query.slice(0, LONGEST);
    for (const word of words) {
      const folded = fold(word);
      if (known.has(folded) || /\d/.test(word)) continue;
      const limit = folded.length < 5 ? 1 : 2;
      let best = null;
      let bestDistance = limit + 1;
      for (const [candidate, written] of vocabulary) {
        const d = distance(folded, candidate, Math.min(limit, bestDistance - 1));
        if (d < bestDistance) [best, bestDistance] = [written, d];
        if (d === 1 && bestDistance === 1) break;
      }
      if (best && fold(best) !== folded) {
        text = text.replace(new RegExp(word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "i"), best);
        changed = true;
      }
    }
    return changed ? text : null;
  }

  window.handbook.matcher = {fold, parse, load, find, signs, suggest};
})();
