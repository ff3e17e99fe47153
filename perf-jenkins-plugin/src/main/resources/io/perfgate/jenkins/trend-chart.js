/* Draws perfgate's job trend: fetches the chart model (echarts-api's LinesChartModel JSON) from the
   element's data-trend-url and renders it with ECharts. No data is written into the page as script. */
(function () {
  function render(element) {
    fetch(element.getAttribute("data-trend-url"), { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (model) {
        if (!model || !model.series || model.series.length === 0) {
          return;
        }
        var chart = echarts.init(element);
        chart.setOption({
          tooltip: { trigger: "axis" },
          legend: { type: "scroll", bottom: 0 },
          grid: { left: 10, right: 10, top: 10, bottom: 40, containLabel: true },
          xAxis: { type: "category", data: model.domainAxisLabels },
          yAxis: { type: "value", scale: true },
          series: model.series.map(function (series) {
            return { name: series.name, type: "line", connectNulls: false, data: series.data,
                     itemStyle: series.itemStyle, symbol: "circle" };
          })
        });
        chart.on("click", function (params) {
          var build = model.buildNumbers ? model.buildNumbers[params.dataIndex] : null;
          if (build !== null && build !== undefined) {
            window.location.assign(build + "/perfgate/");
          }
        });
        window.addEventListener("resize", function () { chart.resize(); });
      });
  }
  function renderAll() {
    document.querySelectorAll(".perfgate-trend").forEach(render);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", renderAll);
  } else {
    renderAll();
  }
})();
