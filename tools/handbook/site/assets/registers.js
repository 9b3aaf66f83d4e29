/* Sort and filter the register tables (table.kpro-filtered): the gap register and the overview of
   the municipalities. Every column header sorts; a header with data-kpro-filter gets a list of the
   values in its column to filter by, and one text box filters on any text in the row. Local
   file, no dependencies. Without JavaScript the tables are complete, and every value the lists
   offer is written in the table as text. */
(function () {
  "use strict";

  var cellText = window.kproTables.cellText;  // sortable.js, loaded first
  var makeSortable = window.kproTables.makeSortable;
  var collator = window.kproTables.collator;

  function addLabelled(box, id, text, control) {
    var label = document.createElement("label");
    label.setAttribute("for", id);
    label.textContent = text;
    control.id = id;
    box.appendChild(label);
    box.appendChild(control);
  }

  function makeFilters(table, number) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var noun = table.getAttribute("data-kpro-noun") || "rækker";
    var box = document.createElement("div");
    box.className = "kpro-filter";
    var text = document.createElement("input");
    text.type = "search";
    addLabelled(box, "kpro-register-text-" + number, "Filtrér", text);
    var selects = [];
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      if (!th.hasAttribute("data-kpro-filter")) { return; }
      var values = {};
      rows.forEach(function (row) { values[cellText(row, index)] = true; });
      var select = document.createElement("select");
      select.setAttribute("data-column", String(index));
      var all = document.createElement("option");
      all.value = "";
      all.textContent = "Alle";
      select.appendChild(all);
      Object.keys(values).sort(collator.compare).forEach(function (value) {
        var option = document.createElement("option");
        option.value = value;
        option.textContent = value || "–";
        select.appendChild(option);
      });
      addLabelled(box, "kpro-register-" + number + "-" + index, th.textContent.trim(), select);
      selects.push(select);
    });
    var count = document.createElement("span");
    count.className = "kpro-count";
    count.setAttribute("aria-live", "polite");
    box.appendChild(count);

    function apply() {
      var needle = text.value.toLowerCase();
      var shown = 0;
      rows.forEach(function (row) {
        var visible = row.textContent.toLowerCase().indexOf(needle) !== -1;
        selects.forEach(function (select) {
          var column = Number(select.getAttribute("data-column"));
          if (select.value && cellText(row, column) !== select.value) { visible = false; }
        });
        row.hidden = !visible;
        if (visible) { shown += 1; }
      });
      count.textContent = shown + " af " + rows.length + " " + noun + " vist";
    }
    text.addEventListener("input", apply);
    selects.forEach(function (select) { select.addEventListener("change", apply); });
    var anchor = table.closest(".kpro-scroll, .md-typeset__scrollwrap") || table;  // the filters stay outside the scrolling box
    anchor.parentNode.insertBefore(box, anchor);
    apply();
  }

  function setup() {
    Array.prototype.forEach.call(document.querySelectorAll("table.kpro-filtered"), function (table, number) {
      if (table.getAttribute("data-kpro-ready") || !table.tHead || !table.tBodies.length) { return; }
      table.setAttribute("data-kpro-ready", "1");
      makeSortable(table);
      makeFilters(table, number);
    });
  }

  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(setup);
  } else {
    document.addEventListener("DOMContentLoaded", setup);
  }
})();
