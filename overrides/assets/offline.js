// The handbook offline. Once the page has loaded, registers this language's service worker (sw.js at the
// language's root, written by generator/build/offline.py), which stores the language in the background, and
// fills the indicator in the footer: saving with counts, available offline with its size (or what is kept when
// the language is over the budget), and a button to remove the copy or to save it. With the browser's data
// saver on, nothing is stored until the reader asks. Offline, the language switcher says when the other
// language is not saved, instead of leading to the browser's error page. Where the site has no worker (under
// `mkdocs serve`, or a site that stopped offering it) nothing is registered, and a worker left on the same
// address by a built site is removed with its copy.
(() => {
  "use strict";
  const { onPage, readJSON, format, plural } = window.handbook;
  const script = document.getElementById("handbook-offline");
  if (!script) return;
  const data = readJSON(script);
  const strings = data.strings;
  const lang = data.lang;
  // Resolved once, on the first page: Material keeps this script across instant navigation.
  const worker = new URL(data.worker, location.href);
  const scope = new URL("./", worker);  // the language's root
  const site = new URL(lang === "en" ? "./" : "../", scope);  // the handbook's root
  const CHOICE = `handbook-offline ${scope.pathname}`;  // localStorage: "off" (removed) or "on" (asked for)
  const supported = "serviceWorker" in navigator && "caches" in window && window.isSecureContext;
  let state = {name: supported ? "waiting" : "unsupported"};

  function remembered() {
    try { return localStorage.getItem(CHOICE); } catch (error) { return null; }
  }

  function remember(choice) {
    try { localStorage.setItem(CHOICE, choice); } catch (error) { /* private mode: for this page only */ }
  }

  function saveData() {
    return Boolean(navigator.connection && navigator.connection.saveData);
  }

  function size(bytes) {
    const megabytes = bytes / 1e6;
    try {
      const unit = {style: "unit", unit: "megabyte", minimumFractionDigits: 1, maximumFractionDigits: 1};
      return new Intl.NumberFormat(lang, unit).format(megabytes);
    } catch (error) {
      return `${megabytes.toFixed(1)} MB`;
    }
  }

  // What the indicator says, and which button it shows.
  function describe() {
    switch (state.name) {
      case "unsupported": return {text: strings.unsupported, action: null};
      case "saving":
        if (!state.total) return {text: "", action: null};  // until the worker has read its list
        return {text: plural(strings.saving, {done: state.done, n: state.total}, lang), action: null};
      case "ready": {
        const said = state.mode === "essential" ? strings.ready_partial : strings.ready;
        const text = format(said, {size: size(state.bytes)});
        return {text: state.updated ? `${text} ${strings.updated}` : text, action: "remove"};
      }
      case "off":
        if (state.removed) return {text: strings.removed, action: "save"};
        return {text: saveData() ? `${strings.off} ${strings.data_saver}` : strings.off, action: "save"};
      case "failed": return {text: strings.failed, action: null};
      default: return {text: "", action: null};
    }
  }

  function render() {
    const box = document.querySelector(".handbook-offline");
    if (!box) return;
    const {text, action} = describe();
    box.dataset.state = state.name;
    const status = box.querySelector(".handbook-offline__text");
    // Counts change every moment while saving: screen readers hear the state, not every count.
    status.setAttribute("aria-busy", String(state.name === "saving"));
    if (status.textContent !== text) status.textContent = text;
    const button = box.querySelector(".handbook-offline__action");
    button.hidden = !action;
    if (action) {
      button.dataset.action = action;
      button.textContent = strings[action];
    }
  }

  function set(next) {
    state = next;
    render();
  }

  function onMessage(event) {
    const message = event.data;
    if (!message || message.scope !== scope.href) return;  // another language's worker
    if (message.type === "progress" || message.type === "saving") {
      if (state.name !== "ready") set({name: "saving", done: message.done || 0, total: message.total || 0});
    } else if (message.type === "ready") {
      set({name: "ready", bytes: message.bytes, mode: message.mode, updated: message.updated || state.updated});
    } else if (message.type === "failed" && state.name !== "ready") {  // a failed update keeps the stored copy
      set({name: "failed"});
    }
  }

  async function register() {
    const stored = await navigator.serviceWorker.getRegistration(scope.href);
    if (!(stored && stored.scope === scope.href)) {  // a first visit: is there a worker to register?
      const answer = await fetch(worker.href, {method: "HEAD", cache: "no-store"});
      if (answer.status === 404) {
        await retire(scope.href);
        set({name: "none"});
        return;
      }
    }
    let registration;
    try {
      registration = await navigator.serviceWorker.register(worker.href, {scope: scope.href});
    } catch (error) {
      await noWorker();
      return;
    }
    if (!registration) {
      set({name: "unsupported"});  // workers blocked (a browser setting, an automated test)
    } else if (registration.active) {
      registration.active.postMessage({type: "status"});
      // A stored worker is not fetched again by register(): ask, so that one gone from the site is noticed.
      registration.update().catch(() => noWorker().catch(() => {}));
    } else if (state.name !== "ready") {
      set({name: "saving", done: 0, total: 0});
    }
  }

  // The worker could not be registered or updated: removed from the site (404: remove the copy, as under
  // `serve`), or the network is gone (say what is stored, if anything).
  async function noWorker() {
    try {
      const response = await fetch(worker.href, {cache: "no-store"});
      if (response.status === 404) {
        await retire(scope.href);
        set({name: "none"});
        return;
      }
    } catch (error) { /* offline */ }
    const registration = await navigator.serviceWorker.getRegistration(scope.href);
    if (registration && registration.active && registration.scope === scope.href) {
      registration.active.postMessage({type: "status"});
    } else {
      set({name: "failed"});
    }
  }

  // Remove the workers and the copies of every language under within; reload once if this page was served by one.
  async function retire(within) {
    let removed = false;
    for (const registration of await navigator.serviceWorker.getRegistrations()) {
      if (registration.scope.startsWith(within)) removed = (await registration.unregister()) || removed;
    }
    for (const name of await caches.keys()) {
      if (name.startsWith(`handbook ${within}`)) await caches.delete(name);
    }
    if (removed && navigator.serviceWorker.controller && !sessionStorage.getItem(CHOICE)) {
      sessionStorage.setItem(CHOICE, "reloaded");
      location.reload();
    }
  }

  async function remove() {
    remember("off");
    const registration = await navigator.serviceWorker.getRegistration(scope.href);
    if (registration && registration.scope === scope.href) await registration.unregister();
    for (const name of await caches.keys()) {
      if (name.startsWith(`handbook ${scope.href} `)) await caches.delete(name);
    }
    set({name: "off", removed: true});
  }

  function save() {
    remember("on");
    set({name: "saving", done: 0, total: 0});
    register().catch(() => set({name: "failed"}));
  }

  // Register after the page has loaded, when the browser is idle: the first page comes first.
  function afterLoad(callback) {
    const idle = () => ("requestIdleCallback" in window ? requestIdleCallback(callback, {timeout: 3000})
      : setTimeout(callback, 500));
    if (document.readyState === "complete") idle();
    else window.addEventListener("load", idle, {once: true});
  }

  async function start() {
    navigator.serviceWorker.addEventListener("message", onMessage);
    const choice = remembered();
    if (choice === "off" || (saveData() && choice !== "on")) {
      const registration = await navigator.serviceWorker.getRegistration(scope.href);
      if (choice !== "off" && registration && registration.active && registration.scope === scope.href) {
        registration.active.postMessage({type: "status"});  // stored before data saver was on: it stays
      } else {
        set({name: "off"});
      }
      return;
    }
    afterLoad(() => register().catch(() => set({name: "failed"})));
  }

  // A message for sighted readers (Material's toast) and for screen readers (a polite live region).
  function say(message) {
    let live = document.querySelector(".handbook-offline-live");
    if (!live) {
      live = document.createElement("div");
      live.className = "handbook-offline-live visually-hidden";
      live.setAttribute("role", "status");
      document.body.appendChild(live);
    }
    live.textContent = message;
    if (typeof alert$ !== "undefined") alert$.next(message);
  }

  // The language switcher, to a language not saved on this device: if the network is gone, say so here rather
  // than lead to the browser's error page (the English worker answers for its scope; nothing does for English).
  document.addEventListener("click", (event) => {
    const link = event.target.closest && event.target.closest(".md-select__link[data-prefix]");
    if (!link || !supported) return;
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    const target = new URL(link.href);
    const home = new URL(link.getAttribute("data-prefix"), site);
    event.preventDefault();
    (async () => {
      const registration = await navigator.serviceWorker.getRegistration(target.href);
      if (!(registration && registration.active && registration.scope === home.href)) {
        const away = () => say(format(strings.away_text, {language: data.names[link.getAttribute("hreflang")] || ""}));
        if (!navigator.onLine) {  // surely offline: no request to fail
          away();
          return;
        }
        try {  // online as far as the browser knows: is the network really there?
          await fetch(target.href, {method: "HEAD", cache: "no-store"});
        } catch (error) {
          away();
          return;
        }
      }
      location.href = target.href;
    })().catch(() => { location.href = target.href; });
  }, true);

  document.addEventListener("click", (event) => {
    const button = event.target.closest && event.target.closest(".handbook-offline__action");
    if (!button) return;
    if (button.dataset.action === "remove") remove().catch(() => set({name: "failed"}));
    else if (button.dataset.action === "save") save();
  });

  onPage(render);
  if (supported) start().catch(() => set({name: "unsupported"}));
  else render();
})();
