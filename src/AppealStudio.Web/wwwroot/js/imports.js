// Upload progress for the Imports page: htmx reports XHR upload progress; the bar fills with the bytes sent, then
// says "Importing" while the server reads and classifies the file.
document.addEventListener("htmx:xhr:progress", function (event) {
  var bar = document.getElementById("import-progress-bar");
  var text = document.getElementById("import-progress-text");
  if (!bar || !event.detail.lengthComputable) { return; }
  var percent = Math.round((event.detail.loaded / event.detail.total) * 100);
  bar.style.width = percent + "%";
  text.textContent = percent < 100 ? "Uploading... " + percent + "%" : "Importing and classifying...";
});
