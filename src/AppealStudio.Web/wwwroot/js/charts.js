// Report charts: Chart.js 4 (copied from npm into wwwroot/lib by the build) drawn from a plain spec that the page
// sends over the circuit (Features/Reports/ReportCharts.cs). No inline script and no eval: the CSP holds. Colours come
// from MudBlazor's palette variables, so the charts follow the light and dark themes.
import "../lib/chartjs/chart.umd.js";

const Chart = globalThis.Chart;
const charts = new WeakMap();

function palette() {
  const style = getComputedStyle(document.documentElement);
  const read = (name, fallback) => (style.getPropertyValue(name) || "").trim() || fallback;
  return {
    primary: read("--mud-palette-primary", "#1565c0"),
    secondary: read("--mud-palette-secondary", "#6d4c41"),
    tertiary: read("--mud-palette-tertiary", "#00897b"),
    info: read("--mud-palette-info", "#0277bd"),
    success: read("--mud-palette-success", "#2e7d32"),
    warning: read("--mud-palette-warning", "#b26a00"),
    error: read("--mud-palette-error", "#c62828"),
    text: read("--mud-palette-text-primary", "#1d1f23"),
    muted: read("--mud-palette-text-secondary", "#5f6368"),
    lines: read("--mud-palette-lines-default", "rgba(0,0,0,0.12)"),
  };
}

const money = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 });
const moneyCents = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: 2 });
const count = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const percent = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });

function tick(format) {
  return (value) => format === "money" ? money.format(value) : format === "percent" ? percent.format(value) + "%" : count.format(value);
}

function full(format, value) {
  return format === "money" ? moneyCents.format(value) : format === "percent" ? percent.format(value) + "%" : count.format(value);
}

function axisTitle(text, colors) {
  return text ? { display: true, text, color: colors.muted, font: { weight: "500" } } : { display: false };
}

function scale(format, title, colors, extra) {
  return Object.assign({
    beginAtZero: true,
    title: axisTitle(title, colors),
    ticks: { color: colors.muted, precision: format === "count" ? 0 : undefined, callback: format ? tick(format) : undefined },
    grid: { color: colors.lines },
  }, extra || {});
}

function bars(spec, colors) {
  const valueAxis = spec.horizontal ? "x" : "y";
  const categoryAxis = spec.horizontal ? "y" : "x";
  const hasSecond = spec.series.some((s) => s.axis === "y2");
  const datasets = spec.series.map((s) => ({
    type: s.line ? "line" : "bar",
    label: s.label,
    data: s.data,
    backgroundColor: colors[s.color] || colors.primary,
    borderColor: colors[s.color] || colors.primary,
    pointRadius: s.line ? 3 : undefined,
    yAxisID: spec.horizontal ? undefined : (s.axis === "y2" ? "y2" : "y"),
    xAxisID: spec.horizontal ? "x" : undefined,
    order: s.line ? 0 : 1,
  }));
  const scales = {};
  scales[categoryAxis] = { title: axisTitle(spec.horizontal ? spec.yTitle : spec.xTitle, colors), ticks: { color: colors.muted, autoSkip: !spec.horizontal }, grid: { display: false } };
  scales[valueAxis] = scale(spec.yFormat, spec.horizontal ? spec.xTitle : spec.yTitle, colors);
  if (hasSecond && !spec.horizontal) {
    scales.y2 = scale(spec.y2Format, spec.y2Title, colors, { position: "right", grid: { drawOnChartArea: false } });
  }
  const formatOf = (dataset) => dataset.yAxisID === "y2" ? spec.y2Format : spec.yFormat;
  return {
    type: "bar",
    data: { labels: spec.labels, datasets },
    options: {
      indexAxis: spec.horizontal ? "y" : "x",
      maintainAspectRatio: false,
      animation: false,
      scales,
      plugins: {
        legend: { display: datasets.length > 1, labels: { color: colors.text, sort: (a, b) => a.datasetIndex - b.datasetIndex } },
        tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${full(formatOf(c.dataset), c.parsed[valueAxis])}` } },
      },
    },
  };
}

function interval(spec, colors) {
  return {
    type: "bar",
    data: {
      labels: spec.labels,
      datasets: [
        {
          type: "scatter",
          label: "Win rate",
          data: spec.rates.map((r, i) => ({ x: r, y: spec.labels[i] })),
          backgroundColor: colors.warning,
          borderColor: colors.text,
          pointRadius: 6,
          pointStyle: "rectRot",
          order: 0,
        },
        {
          type: "bar",
          label: "95% range",
          data: spec.lower.map((lo, i) => [lo, spec.upper[i]]),
          pointStyle: "rect",
          backgroundColor: colors.primary,
          borderRadius: 3,
          barPercentage: 0.5,
          order: 1,
        },
      ],
    },
    options: {
      indexAxis: "y",
      maintainAspectRatio: false,
      animation: false,
      scales: {
        x: scale("percent", spec.xTitle, colors, { min: 0, max: 100 }),
        y: { type: "category", ticks: { color: colors.text }, grid: { display: false } },
      },
      plugins: {
        legend: { labels: { color: colors.text, usePointStyle: true } },
        tooltip: {
          callbacks: {
            label: (c) => {
              const i = c.dataIndex;
              return `Win rate ${percent.format(spec.rates[i])}% (95% range ${percent.format(spec.lower[i])}–${percent.format(spec.upper[i])}%), ${count.format(spec.decided[i])} decided`;
            },
          },
        },
      },
    },
  };
}

function config(spec) {
  const colors = palette();
  return spec.kind === "interval" ? interval(spec, colors) : bars(spec, colors);
}

// Draws the chart of a canvas, or replaces the data of the one already drawn there (a new filter re-draws in place).
export function draw(canvas, spec) {
  if (!canvas || typeof Chart === "undefined") {
    return false;
  }
  const existing = charts.get(canvas);
  if (existing) {
    existing.destroy();
  }
  charts.set(canvas, new Chart(canvas, config(spec)));
  return true;
}

export function destroy(canvas) {
  const chart = canvas && charts.get(canvas);
  if (chart) {
    chart.destroy();
    charts.delete(canvas);
  }
}

// Charts redraw at the printed width, and back after printing.
if (!globalThis.__appealStudioChartPrint) {
  globalThis.__appealStudioChartPrint = true;
  const resizeAll = () => Object.values(Chart?.instances || {}).forEach((c) => c.resize());
  window.addEventListener("beforeprint", resizeAll);
  window.addEventListener("afterprint", resizeAll);
}
