// Opinions dashboard: draws the charts from the JSON data block the page renders (#opinion-stats-data),
// with ECharts from npm (/lib/echarts.min.js). Served as a file: the CSP allows no inline script.
// Tooltips are drawn on the canvas (renderMode "richText"): HTML tooltips carry inline styles the CSP refuses.
(function () {
  "use strict";
  var block = document.getElementById("opinion-stats-data");
  if (!block || !window.echarts) return;
  var data = JSON.parse(block.textContent || "{}");
  var red = "#b3121b", palette = [red, "#1f6feb", "#1a7f37", "#9a6700", "#8250df", "#cf222e", "#0a7ea4", "#bf8700", "#6e7781", "#d1242f", "#116329", "#953800"];
  var charts = [];
  var tooltip = { trigger: "axis", renderMode: "richText" };
  function pct(v) { return v == null ? null : Math.round(v * 1000) / 10; }
  function pctLabel(v) { return v == null ? "—" : v + "%"; }

  var builders = {
    months: function () {
      var m = data.months || [], l = data.labels || {};
      return {
        color: palette, tooltip: tooltip, legend: { top: 0 },
        grid: { left: 40, right: 50, top: 40, bottom: 30 },
        xAxis: { type: "category", data: m.map(function (x) { return x.key; }) },
        yAxis: [{ type: "value", minInterval: 1 }, { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value}%" } }],
        series: [
          { name: l.received, type: "bar", barMaxWidth: 36, data: m.map(function (x) { return x.received; }) },
          { name: l.completionRate, type: "line", yAxisIndex: 1, connectNulls: false, data: m.map(function (x) { return pct(x.completionRate); }) },
          { name: l.onTimeRate, type: "line", yAxisIndex: 1, data: m.map(function (x) { return pct(x.onTimeRate); }) },
          { name: l.satisfactionRate, type: "line", yAxisIndex: 1, data: m.map(function (x) { return pct(x.satisfactionRate); }) }
        ]
      };
    },
    states: function () {
      return {
        color: palette, tooltip: { trigger: "item", renderMode: "richText" },
        series: [{ type: "pie", radius: ["40%", "70%"], data: data.states || [], label: { formatter: "{b}: {c}" } }]
      };
    },
    categories: function () { return bars(data.categories || []); },
    townships: function () { return bars(data.townships || []); },
    units: function () {
      var u = data.units || [], l = data.labels || {};
      return {
        color: palette, tooltip: tooltip, legend: { top: 0 },
        grid: { left: 10, right: 20, top: 40, bottom: 10, containLabel: true },
        xAxis: { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value}%" } },
        yAxis: { type: "category", inverse: true, data: u.map(function (x) { return x.name; }) },
        series: [
          { name: l.completionRate, type: "bar", barMaxWidth: 20, data: u.map(function (x) { return pct(x.completionRate); }),
            label: { show: true, position: "right", formatter: function (p) { return pctLabel(p.value); } } },
          { name: l.onTimeRate, type: "bar", barMaxWidth: 20, data: u.map(function (x) { return pct(x.onTimeRate); }) }
        ]
      };
    }
  };

  function bars(items) {
    return {
      color: [red], tooltip: tooltip,
      grid: { left: 10, right: 30, top: 10, bottom: 10, containLabel: true },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", inverse: true, data: items.map(function (x) { return x.name; }) },
      series: [{ type: "bar", barMaxWidth: 28, data: items.map(function (x) { return x.value; }), label: { show: true, position: "right" } }]
    };
  }

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
