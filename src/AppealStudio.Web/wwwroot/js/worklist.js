// Worklist: the "select all on this page" box. Delegated from document because htmx swaps the table.
document.addEventListener("change", function (event) {
  var box = event.target;
  if (!box || box.id !== "wl-select-all") {
    return;
  }
  var form = box.closest("form");
  if (!form) {
    return;
  }
  form.querySelectorAll("input[name=ids]").forEach(function (row) {
    row.checked = box.checked;
  });
});
