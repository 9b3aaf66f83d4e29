/* Sortable tables, shared by traceability.js and registers.js: every column header becomes a
   button that sorts the rows in natural Danish order (GSPR-2 before GSPR-10), by a cell's
   data-value when it has one, else its text. Local file, no dependencies; loaded before both. */
(function () {
  "use strict";

  var collator = new Intl.Collator("da", { numeric: true, sensitivity: "base" });

  function cellText(row, index) {
    var cell = row.cells[index];
    if (!cell) { return ""; }
    return (cell.getAttribute("data-value") || cell.textContent).trim();
  }

  function makeSortable(table) {
    var headers = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(headers, function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      th.setAttribute("aria-sort", "none");
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headers, function (h) { h.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var order = collator.compare(cellText(a, index), cellText(b, index));
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  window.kproTables = { collator: collator, cellText: cellText, makeSortable: makeSortable };
})();
