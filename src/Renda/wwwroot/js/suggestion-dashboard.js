// Suggestions dashboard: draws the charts from the JSON data block the page renders (#suggestion-stats-data),
// with ECharts from npm (/lib/echarts.min.js). Served as a file: the CSP allows no inline script.
// Tooltips are drawn on the canvas (renderMode "richText"): HTML tooltips carry inline styles the CSP refuses.
(function () {
  "use strict";
  var block = document.getElementById("suggestion-stats-data");
  if (!block || !window.echarts) return;
  var data = JSON.parse(block.textContent || "{}");
  var l = data.labels || {};
  var palette = ["#1a7f37", "#b3121b", "#1f6feb", "#9a6700"];
  var tooltip = { trigger: "axis", renderMode: "richText" };
  var charts = [];
  function pct(v) { return v == null ? null : Math.round(v * 1000) / 10; }
  function rateSeries(rows) {
    return [
      { name: l.solvedRate, type: "bar", barMaxWidth: 18, data: rows.map(function (x) { return pct(x.solvedRate); }) },
      { name: l.satisfactionRate, type: "bar", barMaxWidth: 18, data: rows.map(function (x) { return pct(x.satisfactionRate); }) },
      { name: l.onTimeRate, type: "bar", barMaxWidth: 18, data: rows.map(function (x) { return pct(x.onTimeRate); }) }
    ];
  }

  // Rates as horizontal grouped bars (one group per row: unit, category, kind).
  function horizontal(rows) {
    return {
      color: palette, tooltip: tooltip, legend: { top: 0 },
      grid: { left: 10, right: 30, top: 40, bottom: 10, containLabel: true },
      xAxis: { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value}%" } },
      yAxis: { type: "category", inverse: true, data: rows.map(function (x) { return x.name; }) },
      series: rateSeries(rows)
    };
  }

  var builders = {
    // Registered per session as bars, the rates as lines on a percent axis.
    sessions: function () {
      var rows = data.sessions || [];
      return {
        color: ["#6e7781"].concat(palette), tooltip: tooltip, legend: { top: 0 },
        grid: { left: 40, right: 50, top: 40, bottom: 30 },
        xAxis: { type: "category", data: rows.map(function (x) { return x.name; }) },
        yAxis: [{ type: "value", minInterval: 1 }, { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value}%" } }],
        series: [{ name: l.registered, type: "bar", barMaxWidth: 36, data: rows.map(function (x) { return x.registered; }) }]
          .concat(rateSeries(rows).map(function (s) { s.type = "line"; s.yAxisIndex = 1; return s; }))
      };
    },
    units: function () { return horizontal(data.units || []); },
    categories: function () { return horizontal(data.categories || []); },
    kinds: function () { return horizontal(data.kinds || []); }
  };

  document.querySelectorAll("[data-chart]").forEach(function (el) {
    var build = builders[el.getAttribute("data-chart")];
    if (!build) return;
    var chart = window.echarts.init(el, null, { renderer: "canvas" });
    chart.setOption(build());
    el.setAttribute("data-chart-ready", "true");
    charts.push(chart);
  });
  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
})();
