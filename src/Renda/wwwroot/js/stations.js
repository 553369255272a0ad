// Station pages: show only the fields of the chosen schedule-rule kind. Served as a file (CSP).
(function () {
  "use strict";
  function sync(select) {
    var form = select.form;
    form.querySelectorAll("[data-for-kind]").forEach(function (el) {
      var kinds = el.getAttribute("data-for-kind").split(" ");
      el.hidden = kinds.indexOf(select.value) < 0;
    });
  }
  document.querySelectorAll("select[data-schedule-kind]").forEach(function (select) {
    sync(select);
    select.addEventListener("change", function () { sync(select); });
  });
})();
