// Helpers shared by the handbook's scripts (window.handbook); main.html loads it before them.
(() => {
  "use strict";

  // Runs setup on every page: on each of Material's instant navigations, or once the page is loaded.
  function onPage(setup) {
    if (typeof document$ !== "undefined") document$.subscribe(setup);
    else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
    else setup();
  }

  // Runs setup(root) on every page that has an element matching selector, once per element (Material keeps
  // scripts across instant navigation, and a page may be shown again): the element is marked data-ready.
  function onRoot(selector, setup) {
    onPage(() => {
      const root = document.querySelector(selector);
      if (!root || root.dataset.ready) return;
      root.dataset.ready = "1";
      setup(root);
    });
  }

  // Whether key is the object's own (a JSON object from the page or localStorage, not its prototype's).
  function own(object, key) {
    return object !== null && typeof object === "object" && Object.prototype.hasOwnProperty.call(object, key);
  }

  // The JSON data of a <script type="application/json"> element.
  function readJSON(node) {
    return JSON.parse(node.textContent);
  }

  // A UI string with its {name} parts filled from values; a name without a value stays as written.
  function format(template, values) {
    return String(template).replace(/\{(\w+)\}/g, (all, key) => (own(values, key) ? String(values[key]) : all));
  }

  // The form of a plural UI string for n (forms by CLDR category, or one string for every number).
  function pluralForm(forms, n, lang) {
    if (typeof forms === "string") return forms;
    let category = "other";
    try { category = new Intl.PluralRules(lang).select(n); } catch (error) { /* old browser: 'other' */ }
    return forms[category] || forms.other;
  }

  // A plural UI string: forms by CLDR category, {by: "total"} naming the number that picks the form; the
  // numbers are written the language's way.
  function plural(forms, values, lang) {
    const local = {};
    for (const key of Object.keys(values)) local[key] = values[key].toLocaleString(lang);
    return format(pluralForm(forms, values[forms.by || "n"], lang), local);
  }

  // A new element with an optional class and text (set as text, never as markup).
  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  // One parameter of the page's query string, or null.
  function queryParam(name) {
    return new URL(location.href).searchParams.get(name);
  }

  // Puts url in the address bar without a new history entry (Material's state kept).
  function replaceUrl(url) {
    history.replaceState(history.state, "", url);
  }

  // Material's bundle asks for a sitemap.xml beside each <link rel="alternate"> of the page, to map its own
  // language selector, which the handbook does not use (links.js switches languages): beside the same page in
  // another language (/fr/archetypes/talker/sitemap.xml) it is a 404 on every page. Those requests get an
  // empty sitemap without leaving the page; the language's own sitemap.xml, which instant navigation reads,
  // is asked for as usual. Set before the bundle runs (main.html loads this file first).
  const config = document.getElementById("__config");
  if (config) {
    const ownSitemap = new URL("sitemap.xml", new URL(readJSON(config).base, location.href)).href;
    const EMPTY_SITEMAP = "data:application/xml,<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'/>";
    const open = XMLHttpRequest.prototype.open;
    XMLHttpRequest.prototype.open = function (method, url, ...rest) {
      const target = new URL(url, location.href);
      const other = target.pathname.endsWith("/sitemap.xml") && target.href !== ownSitemap;
      return open.call(this, method, other ? EMPTY_SITEMAP : url, ...rest);
    };
  }

  window.handbook = { onPage, onRoot, own, readJSON, format, pluralForm, plural, element, queryParam, replaceUrl };
})();
