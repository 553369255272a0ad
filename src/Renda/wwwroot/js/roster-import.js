// Roster import page: uploads with a progress bar, shows the check's result in place, and offers the
// import only after a check without errors of the file now chosen. Without this script the form still
// works: each button posts the file and the server answers with the whole page.
(function () {
  "use strict";
  var form = document.getElementById("import-form");
  if (!form) return;
  var input = document.getElementById("file");
  var commit = document.getElementById("commit-button");
  var progressBox = document.getElementById("import-progress");
  var progress = document.getElementById("upload-progress");
  var label = document.getElementById("import-progress-label");
  var result = document.getElementById("import-result");
  var texts = document.getElementById("import-texts").dataset;
  var maxBytes = Number(form.dataset.maxBytes);
  var checkedFile = null;

  function allowCommit(ok) {
    commit.disabled = !ok;
  }

  function showError(text) {
    result.textContent = "";
    var p = document.createElement("p");
    p.className = "error";
    p.setAttribute("role", "alert");
    p.textContent = text;
    result.appendChild(p);
  }

  allowCommit(false);
  input.addEventListener("change", function () {
    checkedFile = null;
    allowCommit(false);
    result.textContent = "";
  });

  form.addEventListener("submit", function (e) {
    var button = e.submitter;
    var file = input.files && input.files[0];
    if (!file || !button) return;   // let the browser say the file is required
    e.preventDefault();
    if (file.size > maxBytes) {
      showError(texts.tooLarge);
      return;
    }
    var isCommit = button === commit;
    var data = new FormData(form);
    var xhr = new XMLHttpRequest();
    xhr.open("POST", button.getAttribute("formaction") || form.action);
    xhr.setRequestHeader("X-Requested-With", "XMLHttpRequest");
    progressBox.hidden = false;
    progress.value = 0;
    progress.max = 100;
    label.textContent = texts.uploading;
    form.setAttribute("aria-busy", "true");
    xhr.upload.addEventListener("progress", function (ev) {
      if (ev.lengthComputable) progress.value = Math.round((ev.loaded / ev.total) * 100);
    });
    xhr.upload.addEventListener("load", function () {
      // Uploaded: the server now reads and checks the file; an indeterminate bar says so.
      progress.removeAttribute("value");
      label.textContent = texts.reading;
    });
    xhr.addEventListener("load", function () {
      progressBox.hidden = true;
      form.removeAttribute("aria-busy");
      if (xhr.getResponseHeader("Content-Type") && xhr.getResponseHeader("Content-Type").indexOf("text/html") === 0 && xhr.responseText) {
        result.innerHTML = xhr.responseText;   // the server's own, encoded fragment
        var section = result.querySelector(".import-result");
        var clean = section && section.dataset.errorCount === "0";
        var committed = section && section.dataset.committed === "true";
        checkedFile = clean && !committed ? file : null;
        allowCommit(clean && !committed && !isCommit);
        var focus = result.querySelector("[role=alert], [role=status]");
        if (focus) { focus.setAttribute("tabindex", "-1"); focus.focus(); }
      } else {
        showError(texts.failed);
        allowCommit(false);
      }
    });
    xhr.addEventListener("error", function () {
      progressBox.hidden = true;
      form.removeAttribute("aria-busy");
      showError(texts.failed);
    });
    xhr.send(data);
  });
})();
