// The handbook's service worker for one language, at the language's root (its scope): generator/build/offline.py
// writes it as sw.js, with OFFLINE (above: this build's version, the language, the other languages' folders
// and the strings of the page shown for them) in front of this file.
//
// Install: store every file of offline.json (the precache list of pages and assets: address, content hash,
// size) and of the language's list of search files it names (pagefind/offline-<lang>.json) into a cache named by
// the version; a file whose hash is unchanged is copied from the stored version, any other is fetched and its
// hash checked. The install fails, and the stored version keeps serving, unless every file is stored.
// Activate: the other versions of this language are deleted (pages of removed entries with them), and the
// pages are told. Fetch: stored files first, the network for the rest; offline, a missing page gets the
// language's 404 page, and (the English worker, whose scope holds the other languages' folders) a page of a
// language that is not saved gets a short page saying so.
"use strict";

const HOME = new URL("./", self.location.href);  // the language's root
const SITE = new URL(OFFLINE.root, HOME);  // the handbook's root (the English one)
const PREFIX = `handbook ${HOME.href} `;  // every cache of this language, whatever its version
const CACHE = PREFIX + OFFLINE.version;
const PAGES = `${CACHE} pages`;  // over the budget: pages kept as the reader opens them
const LIST = new URL("offline.json", HOME).href;
const TOGETHER = 6;  // files fetched at a time while storing
let replaced = false;  // this worker took the place of a stored version: pages may say the handbook was updated

self.addEventListener("install", (event) => {
  event.waitUntil(store().then(() => self.skipWaiting(), (error) => {
    tell({type: "failed", reason: String(error && error.message || error)});
    throw error;
  }));
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const names = (await caches.keys()).filter((name) => name.startsWith(PREFIX) && name !== CACHE && name !== PAGES);
    for (const name of names) {
      if (await (await caches.open(name)).match(LIST)) replaced = true;  // a whole earlier version
      await caches.delete(name);
    }
    await self.clients.claim();
    tell({type: "ready", ...(await summary())});
  })());
});

self.addEventListener("message", (event) => {
  if (!event.data || event.data.type !== "status") return;
  event.waitUntil((async () => {
    const stored = await summary();
    if (event.source) event.source.postMessage({type: stored ? "ready" : "saving", scope: HOME.href, ...stored});
    if (!stored) {  // the browser cleared the storage: store it again
      try {
        await store();
        tell({type: "ready", ...(await summary())});
      } catch (error) {
        tell({type: "failed", reason: String(error && error.message || error)});
      }
    }
  })());
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== SITE.origin || !url.pathname.startsWith(SITE.pathname)) return;
  const rest = url.pathname.slice(SITE.pathname.length);
  // Material asks for a sitemap.xml beside each alternate language's page (for its own language selector,
  // which the handbook does not use: assets/links.js): answered here, with no request.
  const sitemap = rest === "sitemap.xml" || rest.endsWith("/sitemap.xml");
  if (sitemap && url.origin + url.pathname !== `${HOME.href}sitemap.xml`) {
    event.respondWith(new Response('<?xml version="1.0" encoding="UTF-8"?>\n' +
      '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>\n',
      {headers: {"Content-Type": "application/xml; charset=utf-8"}}));
    return;
  }
  const other = OFFLINE.others.find((folder) => rest.startsWith(folder));
  if (other !== undefined) {  // another language's page, when that language has no worker of its own yet
    if (request.mode === "navigate") event.respondWith(fetch(request).catch(() => away(other, url)));
    return;
  }
  event.respondWith(answer(request, url));
});

// A stored file, else the network; offline, a page that is not stored gets the language's 404 page.
async function answer(request, url) {
  const key = address(url);
  const cache = await caches.open(CACHE);
  const stored = await cache.match(key);
  if (stored) return stored;
  const page = key.startsWith(HOME.href) && key.endsWith("/");
  try {
    const response = await fetch(request);
    if (page && OFFLINE.mode === "essential" && response.ok) {
      const copy = response.clone();
      await (await caches.open(PAGES)).put(key, new Response(await copy.arrayBuffer(), {headers: copy.headers}));
    }
    return response;
  } catch (error) {
    if (page && OFFLINE.mode === "essential") {  // over the budget: kept once opened, or not yet
      const kept = await (await caches.open(PAGES)).match(key);
      if (kept) return kept;
      const listed = await cache.match(LIST);
      if (listed && (await listed.json()).later.includes(key)) {
        const s = OFFLINE.away;
        return notice(s.title, s.page, HOME.href, s.home);
      }
    }
    if (!page && request.mode !== "navigate") throw error;
    const missing = await cache.match(new URL("404.html", HOME).href);
    if (!missing) throw error;
    return new Response(await missing.arrayBuffer(), {status: 404, headers: missing.headers});
  }
}

// The key a file is stored under: no query or anchor; a page by its folder.
function address(url) {
  const path = url.pathname.replace(/\/index\.html$/, "/");
  const last = path.slice(path.lastIndexOf("/") + 1);
  return url.origin + (last && !last.includes(".") ? `${path}/` : path);
}

// What is stored: the list's size and mode, or null while nothing is (or no whole version).
async function summary() {
  const listed = await (await caches.open(CACHE)).match(LIST);
  if (!listed) return null;
  const list = await listed.json();
  return {version: list.version, bytes: list.bytes, files: list.files.length, mode: list.mode,
          later: list.later.length, updated: replaced};
}

// Store every listed file: copied from an earlier version when its hash is the same, else fetched and checked.
async function store() {
  const pages = await json(`${LIST}?v=${OFFLINE.version}`);
  if (pages.version !== OFFLINE.version) throw new Error("offline.json is of another build than sw.js");
  const where = new URL(pages.search, HOME).href;
  const search = await json(where);
  const files = [...pages.files.map(([url, revision, size]) => [new URL(url, HOME).href, revision, size]),
                 ...search.files.map(([url, revision, size]) => [new URL(url, where).href, revision, size])];
  const later = pages.later.map((url) => new URL(url, HOME).href);
  const list = {...pages, files, later, bytes: files.reduce((sum, [, , size]) => sum + size, 0)};
  const cache = await caches.open(CACHE);
  const earlier = await earlierVersions();
  const queue = files.slice();
  const total = queue.length;
  let done = 0;
  let told = 0;
  tell({type: "progress", done, total});
  async function next() {
    while (queue.length) {
      const [key, revision] = queue.shift();
      if (!(await cache.match(key))) await cache.put(key, await obtain(key, revision, earlier));
      done++;
      if (done === total || Date.now() - told > 250) {
        told = Date.now();
        tell({type: "progress", done, total});
      }
    }
  }
  await Promise.all(Array.from({length: TOGETHER}, next));
  // Last: a cache holding its list (every file by its full address) is whole; summary() and the next versions
  // rely on it.
  await cache.put(LIST, new Response(JSON.stringify(list), {headers: {"Content-Type": "application/json"}}));
}

async function json(url) {
  const response = await fetch(url, {cache: "no-cache"});
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.json();
}

async function obtain(key, revision, earlier) {
  for (const {cache, revisions} of earlier) {
    if (revisions.get(key) === revision) {
      const kept = await cache.match(key);
      if (kept) return kept;
    }
  }
  // Past the HTTP cache: the file is stored here, not twice (and a stale copy there cannot pass for this build's).
  const response = await fetch(key, {cache: "no-store"});
  if (!response.ok) throw new Error(`${key}: ${response.status}`);
  const body = await response.arrayBuffer();
  if (await digest(body) !== revision) throw new Error(`${key} is not the file of this build`);
  return new Response(body, {headers: {"Content-Type": response.headers.get("Content-Type") || ""}});
}

// The whole earlier versions of this language, with each file's hash.
async function earlierVersions() {
  const found = [];
  for (const name of await caches.keys()) {
    if (!name.startsWith(PREFIX) || name === CACHE || name.endsWith(" pages")) continue;
    const cache = await caches.open(name);
    const listed = await cache.match(LIST);
    if (!listed) continue;
    const list = await listed.json();
    found.push({cache, revisions: new Map(list.files.map(([url, revision]) => [url, revision]))});
  }
  return found;
}

async function digest(body) {
  const hash = new Uint8Array(await crypto.subtle.digest("SHA-256", body));
  return Array.from(hash.slice(0, 8), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

// Tell every page of the site (the pages filter by scope), open or being opened.
async function tell(message) {
  for (const client of await self.clients.matchAll({type: "window", includeUncontrolled: true})) {
    client.postMessage({scope: HOME.href, ...message});
  }
}

// The page for another language's page, offline, when that language is not saved on this device.
function away(folder, url) {
  const lang = folder.replace(/\/$/, "");
  const s = OFFLINE.away;
  const here = new URL(url.pathname.slice(SITE.pathname.length + folder.length) + url.search + url.hash, HOME);
  return notice(s.title, s.text.replace("{language}", OFFLINE.names[lang] || lang), here.href, s.back);
}

// A short page in the worker's language: what is not available offline, and a link to what is.
function notice(title, said, href, label) {
  const entities = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"};
  const text = (value) => String(value).replace(/[&<>"]/g, (c) => entities[c]);
  const html = `<!doctype html><html lang="${text(OFFLINE.lang)}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>${text(title)}</title>
<style>body{font:1rem/1.5 system-ui,sans-serif;margin:0;color:#000000de}
header{background:${OFFLINE.colour};color:#fff;padding:1rem}main{max-width:40rem;margin:2rem auto;padding:0 1rem}
a{color:${OFFLINE.colour}}</style></head>
<body><header>${text(OFFLINE.site)}</header><main><h1>${text(title)}</h1>
<p>${text(said)}</p>
<p><a href="${text(href)}">${text(label)}</a></p></main></body></html>`;
  return new Response(html, {status: 503, headers: {"Content-Type": "text/html; charset=utf-8"}});
}
