/* The line a printed sheet carries (div.kpro-print-footer, shown only in print): the page's full
   address and the date it was printed, written when the page loads and again just before
   printing. Without JavaScript the line keeps the site-relative address and the edition's date. */
(function () {
  "use strict";

  function today() {
    var now = new Date();
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return now.getFullYear() + "-" + two(now.getMonth() + 1) + "-" + two(now.getDate());
  }

  function fill() {
    var address = location.href.split("#")[0].split("?")[0];
    Array.prototype.forEach.call(document.querySelectorAll(".kpro-print-address"), function (span) {
      span.textContent = address;
    });
    Array.prototype.forEach.call(document.querySelectorAll(".kpro-print-date"), function (span) {
      if (!span.getAttribute("data-edition-date")) { span.setAttribute("data-edition-date", span.textContent); }
      span.textContent = "Udskrevet " + today() + " · " + span.getAttribute("data-edition-date");
    });
  }

  window.addEventListener("beforeprint", fill);
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(fill);
  } else {
    document.addEventListener("DOMContentLoaded", fill);
  }
})();
