// The QR code page (/qr/…): the print button prints the code card alone (see the print rules in site.css).
(function () {
  "use strict";
  document.addEventListener("click", function (e) {
    var el = e.target instanceof Element ? e.target.closest("[data-print]") : null;
    if (!el) return;
    e.preventDefault();
    window.print();
  });
})();
