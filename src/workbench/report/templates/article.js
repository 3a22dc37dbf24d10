// Which sentences an article page shows, and in what order; the choice lives in the address (#show=errors,
// #show=machine&order=score) so the index's count cells link straight to the matching sentences. An address
// naming a sentence (#s1a2b3c4d5e6f, its permalink) shows every sentence and goes to that one. Without
// scripts the page reads in article order, unfiltered.
(function () {
  "use strict";
  var list = document.getElementById("sentences");
  var rows = Array.prototype.slice.call(list.children);
  var show = document.getElementById("show");
  var order = document.getElementById("order");
  var shown = document.getElementById("shown-count");
  var states = ["reviewed", "machine", "memory", "fuzzy", "empty"];

  function score(row) {
    var value = row.getAttribute("data-score");
    return value === null ? Infinity : parseFloat(value);
  }

  function place(row) {
    return parseInt(row.getAttribute("data-order"), 10);
  }

  function wanted(row, what) {
    var d = row.dataset;
    if (what === "errors") { return d.errors !== "0"; }
    if (what === "warnings") { return d.warnings !== "0"; }
    if (what === "unreviewed") { return d.state !== "reviewed"; }
    if (what === "zh-unreviewed") { return d.zh !== "reviewed"; }
    if (what === "zh-reviewed") { return d.zh === "reviewed"; }
    if (states.indexOf(what) >= 0) { return d.state === what; }
    return true;
  }

  function apply() {
    var visible = 0;
    rows.forEach(function (row) {
      var hide = !wanted(row, show.value);
      row.hidden = hide;
      if (!hide) { visible += 1; }
    });
    var sorted = rows.slice().sort(order.value === "score" ?
      function (a, b) { return score(a) - score(b) || place(a) - place(b); } :
      function (a, b) { return place(a) - place(b); });
    list.classList.toggle("by-score", order.value === "score");
    sorted.forEach(function (row) { list.appendChild(row); });
    shown.textContent = visible + " of " + rows.length + " sentences shown";
  }

  function read() {
    var hash = location.hash.replace(/^#/, "");
    if (hash.indexOf("=") < 0) {
      show.value = "";
      order.value = "article";
      return;  // a permalink, or nothing: every sentence, in article order
    }
    var params = new URLSearchParams(hash);
    show.value = params.get("show") || "";
    if (show.selectedIndex < 0) { show.value = ""; }
    order.value = params.get("order") === "score" ? "score" : "article";
  }

  function write() {
    var params = new URLSearchParams();
    if (show.value) { params.set("show", show.value); }
    if (order.value === "score") { params.set("order", "score"); }
    var hash = params.toString();
    try {
      history.replaceState(null, "", location.pathname + location.search + (hash ? "#" + hash : ""));
    } catch (e) {
      location.hash = hash;
    }
  }

  [show, order].forEach(function (control) {
    control.addEventListener("change", function () { apply(); write(); });
  });
  function arrive() {
    // A permalink to a sentence a filter had hidden: every sentence shows again, and this one comes into view.
    var hash = location.hash.replace(/^#/, "");
    var target = hash && hash.indexOf("=") < 0 ? document.getElementById(hash) : null;
    if (target) { target.scrollIntoView(); }
  }

  window.addEventListener("hashchange", function () { read(); apply(); arrive(); });
  document.getElementById("controls").addEventListener("submit", function (event) { event.preventDefault(); });
  read();
  apply();
  document.getElementById("controls").hidden = false;
})();
