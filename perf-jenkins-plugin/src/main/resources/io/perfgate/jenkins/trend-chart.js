/* Draws perfgate's job trend with the ECharts of echarts-api: fetches perf-core's chart model (builds,
   build names, one line per statistic with its limits and change points) from the element's
   data-trend-url. No data is written into the page as script; ECharts draws text, it does not parse it. */
(function () {
  /** The y range of a line with its limits, so a limit above or below every value is still drawn. */
  function range(line) {
    var values = line.values.filter(function (value) { return value !== null; })
      .concat(line.limits.map(function (limit) { return limit.value; }));
    if (values.length === 0) {
      return { min: null, max: null };
    }
    var low = Math.min.apply(null, values);
    var high = Math.max.apply(null, values);
    var margin = (high - low) * 0.1 || Math.abs(high) * 0.1 || 1;
    return { min: low - margin, max: high + margin };
  }

  function option(model) {
    var series = model.lines.map(function (line) {
      var name = line.unit ? line.name + " (" + line.unit + ")" : line.name;
      return {
        name: name,
        type: "line",
        connectNulls: false,
        symbol: "circle",
        data: line.values,
        markLine: {
          silent: true,
          symbol: "none",
          lineStyle: { type: "dashed" },
          label: { position: "insideEndTop", formatter: function (mark) { return mark.name; } },
          data: line.limits.map(function (limit) { return { name: limit.expression, yAxis: limit.value }; })
        },
        markPoint: {
          symbol: "pin",
          symbolSize: 30,
          data: line.changePointBuilds.map(function (build) {
            var index = model.builds.indexOf(build);
            return { name: "change point", coord: [index, line.values[index]] };
          })
        }
      };
    });
    var selected = {};
    series.forEach(function (line, index) { selected[line.name] = index === 0; });
    return {
      tooltip: { trigger: "axis" },
      // Statistics differ in unit and scale: one at a time, chosen in the legend.
      legend: { type: "scroll", bottom: 0, selectedMode: "single", selected: selected },
      grid: { left: 10, right: 10, top: 20, bottom: 40, containLabel: true },
      xAxis: { type: "category", data: model.buildNames },
      yAxis: { type: "value", scale: true, min: range(model.lines[0]).min, max: range(model.lines[0]).max,
               axisLabel: { showMinLabel: false, showMaxLabel: false } },
      series: series
    };
  }

  function render(element) {
    fetch(element.getAttribute("data-trend-url"), { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (model) {
        if (!model || !model.lines || model.lines.length === 0) {
          return;
        }
        var chart = echarts.init(element);
        chart.setOption(option(model));
        chart.on("legendselectchanged", function (event) {
          var index = chart.getOption().series.findIndex(function (line) { return line.name === event.name; });
          var shown = range(model.lines[index]);
          chart.setOption({ yAxis: { min: shown.min, max: shown.max } });
        });
        chart.on("click", function (params) {
          var build = model.builds[params.dataIndex];
          if (params.componentType === "series" && build !== undefined) {
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
