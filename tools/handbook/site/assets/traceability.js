/* Sort and filter the traceability tables (table.kpro-trace). Local file, no dependencies.
   Without JavaScript the tables are complete and gaps are marked with ⚠ in the text. */
(function () {
  "use strict";

  var cellText = window.kproTables.cellText;  // sortable.js, loaded first
  var makeSortable = window.kproTables.makeSortable;

  function makeFilter(table, number) {
    var statuses = {};
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
      statuses[row.getAttribute("data-status")] = cellText(row, 2).replace(/^⚠\s*/, "");
    });
    var box = document.createElement("div");
    box.className = "kpro-filter";
    var textId = "kpro-filter-text-" + number;
    var statusId = "kpro-filter-status-" + number;
    box.innerHTML =
      '<label for="' + textId + '">Filtrér</label><input type="search" id="' + textId + '">' +
      '<label for="' + statusId + '">Status</label><select id="' + statusId + '"><option value="">Alle</option>' +
      '<option value="gap">Kun huller</option></select><span class="kpro-count" aria-live="polite"></span>';
    var select = box.querySelector("select");
    Object.keys(statuses).sort().forEach(function (key) {
      var option = document.createElement("option");
      option.value = key;
      option.textContent = statuses[key];
      select.appendChild(option);
    });
    var input = box.querySelector("input");
    var count = box.querySelector(".kpro-count");
    function apply() {
      var needle = input.value.toLowerCase();
      var wanted = select.value;
      var shown = 0;
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        var statusOk = !wanted || (wanted === "gap" ? row.classList.contains("kpro-gap") : row.getAttribute("data-status") === wanted);
        var visible = statusOk && row.textContent.toLowerCase().indexOf(needle) !== -1;
        row.hidden = !visible;
        if (visible) { shown += 1; }
      });
      count.textContent = shown + " af " + table.tBodies[0].rows.length + " krav vist";
    }
    input.addEventListener("input", apply);
    select.addEventListener("change", apply);
    var anchor = table.closest(".kpro-scroll") || table;
    anchor.parentNode.insertBefore(box, anchor);
    apply();
  }

  function setup() {
    Array.prototype.forEach.call(document.querySelectorAll("table.kpro-trace"), function (table, number) {
      if (table.getAttribute("data-kpro-ready")) { return; }
      table.setAttribute("data-kpro-ready", "1");
      makeSortable(table);
      makeFilter(table, number);
    });
  }

  // mkdocs-material may swap pages without reload (instant navigation); document$ covers both.
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(setup);
  } else {
    document.addEventListener("DOMContentLoaded", setup);
  }
})();
