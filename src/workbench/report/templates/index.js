// Search, filters, order and pages of the index, over every article's row kept as data in this page. The
// state lives in the address (#q=...&status=...&sort=...&page=2), so a link to it can be shared. Without
// scripts the index reads as pages of rows in folder order.
(function () {
  "use strict";
  var PAGE = {{ page_size }};
  var body = document.getElementById("rows");
  var q = document.getElementById("q");
  var status = document.getElementById("status");
  var sort = document.getElementById("sort");
  var shown = document.getElementById("shown");
  var pager = document.getElementById("pager");
  var previous = document.getElementById("previous");
  var next = document.getElementById("next");
  var pageOf = document.getElementById("page-of");
  var items = JSON.parse(document.getElementById("index-data").textContent).map(function (d, place) {
    return { place: place, status: d.s, errors: d.e, unreviewed: d.u, progress: d.p, text: d.q, html: d.h };
  });
  var orders = {
    errors: function (a, b) { return b.errors - a.errors || a.place - b.place; },
    unreviewed: function (a, b) { return b.unreviewed - a.unreviewed || a.place - b.place; },
    progress: function (a, b) { return a.progress - b.progress || a.place - b.place; },
    "progress-desc": function (a, b) { return b.progress - a.progress || a.place - b.place; }
  };
  var page = 1;
  var drawn = "";

  function read() {
    var params = new URLSearchParams(location.hash.replace(/^#/, ""));
    q.value = params.get("q") || "";
    status.value = params.get("status") || "";
    if (status.selectedIndex < 0) { status.value = ""; }
    sort.value = params.get("sort") || "";
    if (sort.selectedIndex < 0) { sort.value = ""; }
    page = Math.max(1, parseInt(params.get("page"), 10) || 1);
  }

  function write() {
    var params = new URLSearchParams();
    if (q.value.trim()) { params.set("q", q.value.trim()); }
    if (status.value) { params.set("status", status.value); }
    if (sort.value) { params.set("sort", sort.value); }
    if (page > 1) { params.set("page", String(page)); }
    var hash = params.toString();
    try {
      history.replaceState(null, "", location.pathname + location.search + (hash ? "#" + hash : ""));
    } catch (e) {
      location.hash = hash;
    }
  }

  function apply() {
    var words = q.value.toLowerCase().split(/\s+/).filter(Boolean);
    var wanted = status.value;
    var matching = items.filter(function (item) {
      if (wanted && item.status !== wanted) { return false; }
      for (var i = 0; i < words.length; i += 1) {
        if (item.text.indexOf(words[i]) < 0) { return false; }
      }
      return true;
    });
    if (orders[sort.value]) { matching.sort(orders[sort.value]); }
    var pages = Math.max(1, Math.ceil(matching.length / PAGE));
    page = Math.min(page, pages);
    var start = (page - 1) * PAGE;
    var now = matching.slice(start, start + PAGE);
    var key = now.map(function (item) { return item.place; }).join(",");
    if (key !== drawn) {
      body.innerHTML = now.map(function (item) { return item.html; }).join("");
      drawn = key;
    }
    shown.textContent = matching.length + " of " + items.length + " articles" +
      (pages > 1 ? ", " + (start + 1) + " to " + (start + now.length) + " shown" : "");
    pager.hidden = pages < 2;
    pageOf.textContent = "page " + page + " of " + pages;
    previous.disabled = page <= 1;
    next.disabled = page >= pages;
  }

  function changed() { page = 1; apply(); write(); }

  var typing = 0;
  q.addEventListener("input", function () {
    clearTimeout(typing);
    typing = setTimeout(changed, 120);
  });
  status.addEventListener("change", changed);
  sort.addEventListener("change", changed);
  previous.addEventListener("click", function () { page -= 1; apply(); write(); });
  next.addEventListener("click", function () { page += 1; apply(); write(); });
  window.addEventListener("hashchange", function () { read(); apply(); });
  document.getElementById("triage").addEventListener("submit", function (event) { event.preventDefault(); });

  drawn = items.slice(0, PAGE).map(function (item) { return item.place; }).join(",");  // the rows already there
  read();
  apply();
  var pages = document.getElementById("pages");
  if (pages) { pages.hidden = true; }
  document.getElementById("triage").hidden = false;
  document.documentElement.setAttribute("data-ready", "1");
  if (window.performance && performance.mark) { performance.mark("index-ready"); }
})();
