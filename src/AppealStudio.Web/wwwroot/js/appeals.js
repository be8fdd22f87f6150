// Appeal workspace. No inline scripts (CSP): behaviour is attached here by element ids and data attributes.
(function () {
  "use strict";
  // Unsaved letter text: warn before leaving the page. Saves and autosaves clear the flag once the text the
  // server stored is the text in the editor.
  var dirty = false;
  var pending = null;

  function editor() { return document.getElementById("letter-markdown"); }

  document.addEventListener("input", function (event) {
    if (event.target && event.target.id === "letter-markdown") { dirty = true; }
  });

  document.addEventListener("htmx:configRequest", function (event) {
    var path = event.detail.path || "";
    if (/\/save$/.test(path)) { pending = event.detail.parameters["Letter.Markdown"]; }
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    if (!event.detail.target || event.detail.target.id !== "save-status") { return; }
    var status = event.detail.target.querySelector("[data-state]");
    var version = status ? status.getAttribute("data-version") : null;
    if (version) {
      ["letter-version", "signoff-version"].forEach(function (id) {
        var field = document.getElementById(id);
        if (field) { field.value = version; }
      });
    }
    var box = editor();
    if (status && status.getAttribute("data-state") === "saved" && box && pending !== null) {
      dirty = box.value !== pending;
    }
    pending = null;
  });

  // A plain (non-htmx) submit of the editor navigates away on purpose.
  document.addEventListener("submit", function (event) {
    if (event.target && event.target.id === "letter-form") {
      setTimeout(function () { if (!event.defaultPrevented) { dirty = false; } }, 0);
    }
  }, true);

  window.addEventListener("beforeunload", function (event) {
    if (dirty) { event.preventDefault(); event.returnValue = ""; }
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-print]") : null;
    if (button) { window.print(); }
  });
})();
