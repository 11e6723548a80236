// clusterpool: progressive enhancement only. Without this file the page works
// with plain form submissions; with it, results update while typing and when a
// filter is ticked, without reloading the page, and the query box offers
// completions (titles and concepts from /api/suggest) in a list under it, by
// mouse or arrow keys (an ARIA combobox).
(function () {
  "use strict";
  var form = document.getElementById("search");
  if (!form || !window.fetch || !window.DOMParser) return;
  var timer = null;
  var pending = null;

  function params() {
    var data = new FormData(form);
    var out = new URLSearchParams();
    data.forEach(function (value, key) {
      if (value !== "") out.append(key, value);
    });
    return out;
  }

  // `typing`: a refresh while the reader types, which the server does not count
  // as a search (the query log counts what people finished asking).
  function refresh(typing) {
    var query = params().toString();
    var url = query ? "/?" + query : "/";
    if (pending) pending.abort();
    pending = new AbortController();
    fetch(url, { signal: pending.signal, headers: typing ? { "Accept": "text/html", "X-Clusterpool-Live": "1" } : { "Accept": "text/html" } })
      .then(function (r) { return r.text(); })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        // The language switch and the feed link follow the search too.
        ["results", "facets", "languages"].forEach(function (id) {
          var fresh = doc.getElementById(id);
          var old = document.getElementById(id);
          if (fresh && old) old.replaceWith(fresh);
        });
        var feed = doc.getElementById("feed");
        var oldFeed = document.getElementById("feed");
        if (feed && oldFeed) oldFeed.setAttribute("href", feed.getAttribute("href"));
        history.replaceState(null, "", url);
        document.title = doc.title;
      })
      .catch(function () { /* offline or aborted: the form still works */ });
  }

  var list = document.getElementById("suggestions");
  var q = document.getElementById("q");
  var suggestTimer = null;
  var suggesting = null;
  var active = -1;

  function options() {
    return list ? Array.prototype.slice.call(list.querySelectorAll("[role=option]")) : [];
  }

  function close() {
    if (!list) return;
    // A reply still on its way must not reopen the list.
    clearTimeout(suggestTimer);
    if (suggesting) suggesting.abort();
    list.hidden = true;
    list.replaceChildren();
    q.setAttribute("aria-expanded", "false");
    q.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function highlight(i) {
    var all = options();
    all.forEach(function (o, j) { o.setAttribute("aria-selected", j === i ? "true" : "false"); });
    active = i;
    if (i >= 0 && all[i]) q.setAttribute("aria-activedescendant", all[i].id);
    else q.removeAttribute("aria-activedescendant");
  }

  // A title opens its document (in the page's language); a concept becomes the
  // query and is searched.
  function choose(s) {
    if (s.kind === "title") {
      var ui = form.querySelector("input[name=ui]");
      var path = s.id.split("/").map(encodeURIComponent).join("/");
      window.location.href = "/doc/" + path + (ui ? "?ui=" + encodeURIComponent(ui.value) : "");
    } else {
      q.value = s.text;
      close();
      form.requestSubmit ? form.requestSubmit() : form.submit();
    }
  }

  // Completions of what is typed (two letters or more), in the one language
  // ticked if there is one.
  function suggest(text) {
    if (!list) return;
    if (suggesting) suggesting.abort();
    if (text.trim().length < 2 || text.length > 100) { close(); return; }
    suggesting = new AbortController();
    var asked = new URLSearchParams({ q: text });
    var langs = new FormData(form).getAll("lang").filter(function (l) { return l !== ""; });
    if (langs.length === 1) asked.set("lang", langs[0]);
    fetch("/api/suggest?" + asked.toString(), { signal: suggesting.signal })
      .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
      .then(function (answer) {
        var items = answer.suggestions.map(function (s, i) {
          var li = document.createElement("li");
          li.id = "suggestion-" + i;
          li.setAttribute("role", "option");
          li.setAttribute("aria-selected", "false");
          li.dataset.kind = s.kind;
          li.textContent = s.text;
          // Pressing keeps the focus in the box; the choice is made on release.
          li.addEventListener("mousedown", function (e) { e.preventDefault(); });
          li.addEventListener("click", function () { choose(s); });
          li.suggestion = s;
          return li;
        });
        if (items.length === 0) { close(); return; }
        list.replaceChildren.apply(list, items);
        list.hidden = false;
        q.setAttribute("aria-expanded", "true");
        highlight(-1);
      })
      .catch(function () { /* offline or aborted: typing still works */ });
  }

  if (q) {
    q.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { refresh(true); }, 300);
      clearTimeout(suggestTimer);
      var text = q.value;
      suggestTimer = setTimeout(function () { suggest(text); }, 120);
    });
    q.addEventListener("keydown", function (e) {
      // Keys that compose a character (an input method) are not ours.
      if (e.isComposing) return;
      var all = options();
      if (!list || list.hidden || all.length === 0) return;
      if (e.key === "ArrowDown") { e.preventDefault(); highlight((active + 1) % all.length); }
      else if (e.key === "ArrowUp") { e.preventDefault(); highlight(active <= 0 ? all.length - 1 : active - 1); }
      // (Escape would also empty a search box.)
      else if (e.key === "Escape") { e.preventDefault(); close(); }
      else if (e.key === "Enter" && active >= 0) { e.preventDefault(); choose(all[active].suggestion); }
    });
    // (Choosing with the mouse does not blur the box: mousedown is cancelled.)
    q.addEventListener("blur", close);
  }
  form.addEventListener("change", function (e) {
    var t = e.target;
    if (t && (t.type === "checkbox" || t.tagName === "SELECT")) refresh(false);
  });
})();
