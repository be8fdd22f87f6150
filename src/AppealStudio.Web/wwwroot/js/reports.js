// Report charts and the print button. Chart data comes from the data-chart JSON of each <canvas> (no inline
// script: the Content-Security-Policy allows only files from this site). Pages without charts are untouched.
(function () {
  "use strict";

  function drawCharts(root) {
    if (typeof window.Chart === "undefined") {
      return;
    }
    root.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      if (canvas.dataset.chartDrawn) {
        return;
      }
      try {
        new window.Chart(canvas, JSON.parse(canvas.dataset.chart));
        canvas.dataset.chartDrawn = "true";
      } catch (error) {
        // A chart that cannot be drawn leaves its table (the same numbers) as the view.
        canvas.closest(".chart-box")?.classList.add("d-none");
      }
    });
  }

  function wirePrint(root) {
    root.querySelectorAll("[data-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }

  function init() {
    drawCharts(document);
    wirePrint(document);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }

  // Charts in content swapped in by htmx are drawn too.
  document.addEventListener("htmx:afterSettle", function (event) { drawCharts(event.target); });

  // Charts redraw at the printed width.
  window.addEventListener("beforeprint", function () {
    if (typeof window.Chart === "undefined") {
      return;
    }
    Object.values(window.Chart.instances || {}).forEach(function (chart) { chart.resize(); });
  });
})();
