/* Tables on a narrow screen and the RACI filter. Local file, no dependencies. Without JavaScript
   every table is complete and scrolls in its own container; this script adds:
   - the column name to each cell of document tables (table.kpro-stack), so below 600 px a row
     can be shown as a block of "Name: value" lines (handbook.css);
   - on the RACI matrix (table[data-kpro-raci-filter]), a filter by actor and by role. */
(function () {
  "use strict";

  function headers(table) {
    var row = table.tHead ? table.tHead.rows[0] : null;
    return row ? Array.prototype.map.call(row.cells, function (th) { return th.textContent.trim(); }) : [];
  }

  function labelCells(table) {
    var names = headers(table);
    Array.prototype.forEach.call(table.tBodies, function (body) {
      Array.prototype.forEach.call(body.rows, function (row) {
        Array.prototype.forEach.call(row.cells, function (cell, index) {
          if (names[index]) { cell.setAttribute("data-label", names[index]); }
        });
      });
    });
    table.classList.add("kpro-labelled");
  }

  function option(value, text) {
    var element = document.createElement("option");
    element.value = value;
    element.textContent = text;
    return element;
  }

  function labelled(text, control, id) {
    var label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = text;
    control.id = id;
    return [label, control];
  }

  function raciFilter(table, number) {
    var head = table.tHead.rows[0].cells;
    var actorColumns = [];
    var actorSelect = document.createElement("select");
    actorSelect.appendChild(option("", "Alle aktører"));
    Array.prototype.forEach.call(head, function (th, index) {
      if (th.hasAttribute("data-actor")) {
        actorColumns.push(index);
        actorSelect.appendChild(option(String(index), th.textContent.trim()));
      }
    });
    var roleSelect = document.createElement("select");
    [["", "Alle roller"], ["R", "Udfører (R)"], ["A", "Ansvarlig (A)"], ["C", "Høres (C)"], ["I", "Informeres (I)"]]
      .forEach(function (pair) { roleSelect.appendChild(option(pair[0], pair[1])); });
    var count = document.createElement("span");
    count.className = "kpro-count";
    count.setAttribute("aria-live", "polite");
    var box = document.createElement("div");
    box.className = "kpro-filter";
    labelled("Aktør", actorSelect, "kpro-raci-actor-" + number)
      .concat(labelled("Rolle", roleSelect, "kpro-raci-role-" + number), [count])
      .forEach(function (element) { box.appendChild(element); });
    var rows = table.tBodies[0].rows;

    function letters(row, index) {
      return row.cells[index] ? row.cells[index].textContent.trim() : "";
    }

    function apply() {
      var actor = actorSelect.value === "" ? null : Number(actorSelect.value);
      var role = roleSelect.value;
      var columns = actor === null ? actorColumns : [actor];
      var shown = 0;
      Array.prototype.forEach.call(rows, function (row) {
        var visible = columns.some(function (index) {
          var text = letters(row, index);
          return role ? text.indexOf(role) !== -1 : /[RACI]/.test(text);
        });
        row.hidden = !visible;
        if (visible) { shown += 1; }
      });
      // With one actor chosen, only its column is shown: the matrix then fits a phone.
      actorColumns.forEach(function (index) {
        var hide = actor !== null && index !== actor;
        Array.prototype.forEach.call(table.rows, function (row) {
          if (row.cells[index]) { row.cells[index].hidden = hide; }
        });
      });
      count.textContent = shown + " af " + rows.length + " aktiviteter vist";
    }
    actorSelect.addEventListener("change", apply);
    roleSelect.addEventListener("change", apply);
    var anchor = table.closest(".kpro-scroll") || table;
    anchor.parentNode.insertBefore(box, anchor);
    apply();
  }

  function setup() {
    Array.prototype.forEach.call(document.querySelectorAll("table.kpro-stack:not(.kpro-labelled)"), labelCells);
    Array.prototype.forEach.call(document.querySelectorAll("table[data-kpro-raci-filter]"), function (table, number) {
      if (table.getAttribute("data-kpro-ready")) { return; }
      table.setAttribute("data-kpro-ready", "1");
      raciFilter(table, number);
    });
  }

  // mkdocs-material may swap pages without reload (instant navigation); document$ covers both.
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(setup);
  } else {
    document.addEventListener("DOMContentLoaded", setup);
  }
})();
