/* Sahel Atlas: Streamlit's own controls in the reader's language (sahel_atlas/chrome.py).
   Streamlit writes its tooltips, accessible names, placeholders and a few hints in English. Run in the
   app's page, this gives the page its language (the html element's lang, and navigator.language, from which
   Streamlit's calendar takes its month and day names and its first day of the week) and rewrites those
   texts from the catalogue's "streamlit:" entries: exact texts, and templates with one {label} whose
   value is itself looked up ("year, {label}" over "{label} start date"). Text is set as text, never HTML. */
(function () {
  "use strict";

  var ATTRIBUTES = ["title", "aria-label", "placeholder", "data-title"];
  // Text the app writes (Markdown, HTML, code, charts) is data or already translated: never rewritten.
  var OURS = '[data-testid="stMarkdownContainer"], [data-testid="stHtml"], [data-testid="stCode"], .js-plotly-plot';
  // element or text node -> {attribute or "text": [Streamlit's text, the text written over it]}: a change of
  // language translates from Streamlit's text again, and a text Streamlit changes is translated anew.
  var written = new WeakMap();

  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  function compile(texts) {
    var exact = new Map();
    var templates = [];
    Object.keys(texts).forEach(function (english) {
      if (english.indexOf("{label}") < 0) {
        exact.set(english, texts[english]);
      } else {
        var parts = english.split("{label}").map(escapeRegExp);
        templates.push({ pattern: new RegExp("^" + parts.join("(.+)") + "$"), text: texts[english] });
      }
    });
    return { exact: exact, templates: templates };
  }

  function translate(table, text, depth) {
    if (table.exact.has(text)) return table.exact.get(text);
    if (depth > 3) return text;
    for (var i = 0; i < table.templates.length; i++) {
      var match = table.templates[i].pattern.exec(text);
      if (match) return table.templates[i].text.split("{label}").join(translate(table, match[1], depth + 1));
    }
    return text;
  }

  function put(table, element, slot, current, write) {
    var mine = (written.get(element) || {})[slot];
    var source = mine && mine[1] === current ? mine[0] : current;
    var text = translate(table, source, 0);
    if (text === current) return;
    var slots = written.get(element) || {};
    slots[slot] = [source, text];
    written.set(element, slots);
    write(text);
  }

  function rewrite(table, element) {
    ATTRIBUTES.forEach(function (name) {
      var value = element.getAttribute(name);
      if (value) {
        put(table, element, name, value, function (text) {
          element.setAttribute(name, text);
        });
      }
    });
  }

  // Streamlit's own words in text (hints, the calendar's quick select and heading, an empty dropdown): a text
  // node that is one of the listed texts, outside the app's own content. Changed in place, so that React's
  // later updates of the same node still show.
  function rewriteText(table, node) {
    var value = node.nodeValue.trim();
    if (!value || !node.parentElement) return;
    var ours = node.parentElement.closest(OURS);
    // a tooltip is Markdown too, but Streamlit's own buttons have theirs ("Search", "Fullscreen")
    if (ours && !ours.closest('[data-testid="stTooltipContent"]')) return;
    put(table, node, "text", value, function (text) {
      node.nodeValue = text;
    });
  }

  function sweep(root) {
    var table = window.SahelChrome.table;
    if (!table) return;
    if (root.nodeType === 3) return rewriteText(table, root);
    if (root.nodeType !== 1) return;
    rewrite(table, root);
    root.querySelectorAll("[title], [aria-label], [placeholder], [data-title]").forEach(function (element) {
      rewrite(table, element);
    });
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) rewriteText(table, walker.currentNode);
  }

  // The browser's own locale, kept where the reader's language is the browser's (en-US stays en-US).
  var browserLocale = window.navigator.language;

  function setLanguage(interfaceLocale) {
    var language = interfaceLocale.split("-")[0];
    var locale = browserLocale.split("-")[0].toLowerCase() === language ? browserLocale : interfaceLocale;
    document.documentElement.lang = language;
    var navigator = window.navigator;
    var before = navigator.language;
    Object.defineProperty(navigator, "language", { configurable: true, get: function () { return locale; } });
    Object.defineProperty(navigator, "languages", { configurable: true, get: function () { return [locale]; } });
    // Streamlit reads navigator.language when its app component draws, which may have been for the last time
    // in this run. Its theme hook redraws the app on "afterprint" (Streamlit 1.67; without a script run):
    // so the calendar takes the new locale now. tests/e2e/test_french.py opens it at once to check.
    if (before !== locale) window.dispatchEvent(new Event("afterprint"));
  }

  if (!window.SahelChrome) {
    window.SahelChrome = {
      table: null,
      /* locale: the interface's ("fr-FR"), used where the browser's is in another language;
         texts: {English text or template: the text in the reader's language}. */
      apply: function (locale, texts) {
        setLanguage(locale);
        window.SahelChrome.table = compile(texts);
        sweep(document.body);
      },
    };
    // A guided story's Previous and Next buttons answer the arrow keys too, unless the reader is typing or moving
    // in a control that uses them (a field, a list, a slider, the map).
    document.addEventListener("keydown", function (event) {
      var step = { ArrowLeft: "story_prev", ArrowRight: "story_next" }[event.key];
      if (!step || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      var target = event.target;
      var busy = "input, textarea, select, [contenteditable], [role=spinbutton], [role=combobox], [role=slider]";
      if (target && target.closest && target.closest(busy)) return;
      var button = document.querySelector(".st-key-" + step + " button");
      if (button && !button.disabled) {
        event.preventDefault();
        button.click();
      }
    });
    new MutationObserver(function (mutations) {
      var table = window.SahelChrome.table;
      if (!table) return;
      mutations.forEach(function (mutation) {
        if (mutation.type === "childList") {
          mutation.addedNodes.forEach(sweep);
        } else if (mutation.type === "characterData") {
          rewriteText(table, mutation.target);
        } else {
          rewrite(table, mutation.target);
        }
      });
    }).observe(document.body, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
      attributeFilter: ATTRIBUTES,
    });
  }
})();
