/* The search page: load Pagefind's index when the reader first searches (or arrives with ?q=), then list the
   results as links with their excerpts. US spellings find the site's UK ones ("diarrhea" finds "diarrhoea"). */
(function () {
  "use strict";

  var results = document.getElementById("search");
  var form = document.querySelector("form.search-form");
  var field = document.getElementById("search-q");
  if (!results || !form || !field) {
    return;
  }
  // The site writes UK English; a reader may not.
  var SPELLINGS = {
    diarrhea: "diarrhoea", anemia: "anaemia", edema: "oedema", behavior: "behaviour", color: "colour",
    center: "centre", pediatric: "paediatric", fiber: "fibre", labeled: "labelled", esophagus: "oesophagus",
    hemorrhage: "haemorrhage", tumor: "tumour", counseling: "counselling", program: "programme"
  };
  var bundle = new URL(results.getAttribute("data-bundle"), document.baseURI);
  var loading = null;
  var latest = 0;

  function pagefind() {
    // Loaded once, on first use: the page itself carries none of the index.
    if (!loading) {
      loading = import(bundle.href).then(function (module) {
        // Results are addressed from the site's root, the folder above pagefind/, wherever the site is hosted.
        return module.options({ baseUrl: new URL("../", bundle).pathname }).then(function () { return module; });
      });
    }
    return loading;
  }

  function ukSpelling(query) {
    return query.replace(/[A-Za-z]+/g, function (word) {
      var uk = SPELLINGS[word.toLowerCase()];
      return uk ? uk : word;
    });
  }

  function say(text) {
    results.replaceChildren();
    var p = document.createElement("p");
    p.textContent = text;
    results.appendChild(p);
  }

  function excerpt(html) {
    // Pagefind marks the words found with <mark>; keep those and the text, nothing else.
    var parsed = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html").body.firstChild;
    var p = document.createElement("p");
    parsed.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        p.appendChild(mark);
      } else {
        p.appendChild(document.createTextNode(node.textContent));
      }
    });
    return p;
  }

  function show(query, found) {
    results.replaceChildren();
    var count = document.createElement("p");
    count.textContent = found.length === 0 ? "No guide matches \u201c" + query + "\u201d. Try another word, or browse the topics."
      : found.length + (found.length === 1 ? " result" : " results") + " for \u201c" + query + "\u201d";
    results.appendChild(count);
    if (found.length === 0) {
      return;
    }
    var list = document.createElement("ol");
    list.className = "search-list";
    found.forEach(function (item) {
      var li = document.createElement("li");
      var link = document.createElement("a");
      link.href = item.url;
      link.textContent = (item.meta && item.meta.title) || item.url;
      li.appendChild(link);
      li.appendChild(excerpt(item.excerpt || ""));
      list.appendChild(li);
    });
    results.appendChild(list);
  }

  function run(query) {
    var asked = ++latest;
    query = query.trim();
    if (!query) {
      results.replaceChildren();
      return;
    }
    say("Searching\u2026");
    pagefind().then(function (module) {
      return module.search(ukSpelling(query));
    }).then(function (search) {
      return Promise.all(search.results.slice(0, 20).map(function (r) { return r.data(); }));
    }).then(function (found) {
      if (asked === latest) {
        show(query, found);
      }
    }).catch(function () {
      say("Search is not available right now. Every guide is listed under its topic on the Topics page.");
    });
  }

  var timer = null;
  field.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { run(field.value); }, 250);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    var address = new URL(window.location.href);
    address.searchParams.set("q", field.value.trim());
    window.history.replaceState(null, "", address);
    run(field.value);
  });
  var query = new URLSearchParams(window.location.search).get("q");
  if (query && query.trim()) {
    field.value = query.trim();
    run(query);
  }
})();
