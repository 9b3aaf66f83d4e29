/* Published editions: show a banner when this edition is superseded or withdrawn.
   The data comes from ../versions.js, which `handbook publish` writes next to the editions; a
   script element loads it from file:// as well as over http(s) (a fetch would be refused on
   file://). Text from the data is set with textContent, never as markup. */
(function () {
  "use strict";
  var holder = document.getElementById("kpro-edition-banner");
  if (!holder || !holder.getAttribute("data-edition")) { return; }
  var edition = holder.getAttribute("data-edition");
  var root = holder.getAttribute("data-root") || "";
  var page = holder.getAttribute("data-page") || "index.html";
  var script = document.createElement("script");
  script.src = root + "../versions.js";
  script.onload = function () {
    var data = window.kproEditions;
    if (!data || !data.current) { return; }
    var withdrawn = (data.withdrawn || {})[edition];
    if (!withdrawn && data.current === edition) { return; }
    var box = document.createElement("div");
    box.className = "admonition " + (withdrawn ? "danger" : "warning") + " kpro-edition-status";
    var title = document.createElement("p");
    title.className = "admonition-title";
    title.textContent = withdrawn ? "Tilbagetrukket" : "Afløst af en nyere udgave";
    var text = document.createElement("p");
    text.textContent = withdrawn
      ? "Udgave " + edition + " er trukket tilbage: " + withdrawn.reason + " Brug den gældende udgave " + data.current + ": "
      : "Du læser udgave " + edition + ". Den gældende udgave er " + data.current + ": ";
    var link = document.createElement("a");
    link.href = root + "../" + data.alias + "/" + page;
    link.textContent = "samme side i udgave " + data.current;
    text.appendChild(link);
    box.appendChild(title);
    box.appendChild(text);
    holder.appendChild(box);
  };
  document.head.appendChild(script);
})();
