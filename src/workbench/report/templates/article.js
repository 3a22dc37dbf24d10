// Filters and ordering of an article page; without scripts the page reads in article order, unfiltered.
(function () {
  "use strict";
  var list = document.getElementById("sentences");
  var rows = Array.prototype.slice.call(list.children);
  var errorsOnly = document.getElementById("errors-only");
  var unreviewedOnly = document.getElementById("unreviewed-only");
  var order = document.getElementById("order");
  var shown = document.getElementById("shown-count");

  function score(row) {
    var value = row.getAttribute("data-score");
    return value === null ? Infinity : parseFloat(value);
  }

  function place(row) {
    return parseInt(row.getAttribute("data-order"), 10);
  }

  function apply() {
    var visible = 0;
    rows.forEach(function (row) {
      var hide = (errorsOnly.checked && row.getAttribute("data-errors") === "0") ||
        (unreviewedOnly.checked && row.getAttribute("data-state") === "reviewed");
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

  [errorsOnly, unreviewedOnly, order].forEach(function (control) {
    control.addEventListener("change", apply);
  });
  document.getElementById("controls").hidden = false;
  apply();
})();
