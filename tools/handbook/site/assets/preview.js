/* The live preview only (handbook serve): when the last check of the edited handbook failed, a
   banner on every page lists the problems, above the last good version of the page. The problems
   come from preview-status.json next to this file and are shown as text. */
(function () {
  "use strict";
  var script = document.currentScript;
  var status = script ? script.src.replace(/[^/]*$/, "preview-status.json") : null;

  function show(problems) {
    var old = document.getElementById("kpro-preview-problems");
    if (old) { old.remove(); }
    if (!problems.length) { return; }
    var box = document.createElement("div");
    box.id = "kpro-preview-problems";
    box.className = "kpro-preview-problems";
    box.setAttribute("role", "alert");
    var title = document.createElement("p");
    title.className = "kpro-preview-title";
    title.textContent = "Kontrollen fandt " + problems.length + " problem" + (problems.length === 1 ? "" : "er") +
      " i den seneste ændring. Forhåndsvisningen viser den sidste gyldige udgave, indtil de er rettet:";
    box.appendChild(title);
    var list = document.createElement("ul");
    problems.forEach(function (text) {
      var item = document.createElement("li");
      item.textContent = text;
      list.appendChild(item);
    });
    box.appendChild(list);
    document.body.insertBefore(box, document.body.firstChild);
  }

  function check() {
    if (!status) { return; }
    fetch(status, { cache: "no-store" })
      .then(function (response) { return response.ok ? response.json() : { problems: [] }; })
      .then(function (data) { show(Array.isArray(data.problems) ? data.problems.map(String) : []); })
      .catch(function () { /* no status: nothing to show */ });
  }

  check();
  // A failed check changes no page, only the status file: look again now and then.
  setInterval(check, 2000);
})();
