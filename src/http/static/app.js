// clusterpool: progressive enhancement only. Without this file the page works
// with plain form submissions; with it, results update while typing and when a
// filter is ticked, without reloading the page, and the query box offers
// completions (titles and concepts from /api/suggest) in its list.
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
  var suggestTimer = null;
  var suggesting = null;

  // Completions of what is typed, in the one language ticked if there is one.
  function suggest(text) {
    if (!list) return;
    if (suggesting) suggesting.abort();
    if (text.trim() === "") { list.replaceChildren(); return; }
    suggesting = new AbortController();
    var asked = new URLSearchParams({ q: text, limit: "8" });
    var langs = new FormData(form).getAll("lang").filter(function (l) { return l !== ""; });
    if (langs.length === 1) asked.set("lang", langs[0]);
    fetch("/api/suggest?" + asked.toString(), { signal: suggesting.signal })
      .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
      .then(function (answer) {
        list.replaceChildren.apply(list, answer.suggestions.map(function (s) {
          var option = document.createElement("option");
          option.value = s.text;
          return option;
        }));
      })
      .catch(function () { /* offline or aborted: typing still works */ });
  }

  var q = document.getElementById("q");
  if (q) {
    q.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { refresh(true); }, 300);
      clearTimeout(suggestTimer);
      var text = q.value;
      suggestTimer = setTimeout(function () { suggest(text); }, 120);
    });
  }
  form.addEventListener("change", function (e) {
    var t = e.target;
    if (t && (t.type === "checkbox" || t.tagName === "SELECT")) refresh(false);
  });
})();
