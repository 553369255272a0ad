// Renda workbench behaviour. Served as a file: the CSP allows no inline script.
(function () {
  "use strict";
  // Ask before a destructive action: <button data-confirm="…">.
  document.addEventListener("click", function (e) {
    var el = e.target instanceof Element ? e.target.closest("[data-confirm]") : null;
    if (el && !window.confirm(el.getAttribute("data-confirm"))) e.preventDefault();
  });
})();
