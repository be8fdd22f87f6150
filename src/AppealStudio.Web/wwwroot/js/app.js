// AppealStudio's only script file; no inline scripts (Content-Security-Policy script-src 'self').
// htmx error responses: show the server's message instead of swapping nothing silently.
document.addEventListener("htmx:responseError", function (event) {
  var target = document.getElementById("htmx-error");
  if (target) {
    target.textContent = event.detail.xhr.responseText || "The request failed. Reload the page and try again.";
    target.classList.remove("d-none");
  }
});
