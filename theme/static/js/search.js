/* The search page: mount Pagefind's search interface on #search and run the query from ?q= (the header's search box). */
(function () {
  "use strict";

  var container = document.getElementById("search");
  if (!container) {
    return;
  }
  if (typeof window.PagefindUI !== "function") {
    // The index is missing or did not load: say so rather than show an empty page.
    container.textContent = "Search is not available right now. Every guide is listed under its topic in the menu above.";
    return;
  }
  // Pagefind finds its index next to pagefind-ui.js and the site root above it, wherever the site is hosted.
  var ui = new window.PagefindUI({ element: "#search", showImages: false, showSubResults: true });
  // Pagefind's field is named only by its placeholder; give it a name that screen readers announce.
  var field = container.querySelector("input.pagefind-ui__search-input");
  if (field) {
    field.setAttribute("aria-label", "Words to search for");
  }
  var query = new URLSearchParams(window.location.search).get("q");
  if (query && query.trim()) {
    ui.triggerSearch(query.trim());
  }
})();
