// The home dashboard's charts, drawn with the vendored Chart.js from the JSON API.
// Each <figure data-chart data-src> holds its figures as a table too: the table is
// what shows without JavaScript, and stays one click away (details) once the chart
// is drawn, for screen readers and for copying the numbers.
(function () {
  "use strict";
  if (!window.Chart) {
    return;
  }
  var lang = document.documentElement.lang || "vi";
  var locale = lang.indexOf("en") === 0 ? "en-GB" : "vi-VN"; // vi-VN writes 1.234,5
  var number = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  var COLOURS = ["#b3261e", "#1f4e79", "#1b6e3a", "#a05a00", "#5b3a8c"];
  var RANKED = 15;

  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = "#1d2433";

  function tick(value) {
    return number.format(value);
  }

  function tooltip(context) {
    var value = context.parsed.y !== undefined && context.chart.options.indexAxis !== "y"
      ? context.parsed.y
      : context.parsed.x;
    var label = context.dataset.label ? context.dataset.label + ": " : "";
    var suffix = context.dataset.suffix || "";
    return label + (value === null ? "—" : number.format(value)) + suffix;
  }

  // "6 tháng đầu năm 2024" on two lines under the axis: ["6 tháng đầu", "năm 2024"].
  function twoLines(label) {
    var words = label.split(" ");
    var half = Math.ceil(words.length / 2);
    return words.length > 2 ? [words.slice(0, half).join(" "), words.slice(half).join(" ")] : label;
  }

  // Unit names cut to what the axis has room for; the tooltip and the table keep them whole.
  function shortName(chart, label) {
    var room = chart.width < 520 ? 16 : 34;
    return label.length > room ? label.slice(0, room - 1) + "…" : label;
  }

  function base(indexAxis) {
    var valueAxis = { beginAtZero: true, ticks: { callback: tick } };
    var options = {
      locale: locale,
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      indexAxis: indexAxis || "x",
      plugins: { tooltip: { callbacks: { label: tooltip } } },
      scales: {},
    };
    options.scales[indexAxis === "y" ? "x" : "y"] = valueAxis;
    return options;
  }

  var BUILD = {
    trend: function (data) {
      return {
        type: "line",
        data: {
          labels: data.periods.map(function (p) { return twoLines(p.label); }),
          datasets: data.series.map(function (s, i) {
            return {
              label: s.name + " (" + s.measureUnit + ")",
              data: s.values,
              borderColor: COLOURS[i % COLOURS.length],
              backgroundColor: COLOURS[i % COLOURS.length],
              spanGaps: false,
              tension: 0.2,
            };
          }),
        },
        options: base(),
      };
    },
    ranking: function (data) {
      var units = data.units.slice(0, RANKED);
      return {
        type: "bar",
        data: {
          labels: units.map(function (u) { return u.name; }),
          datasets: [{
            label: data.name + " (" + data.measureUnit + ")",
            data: units.map(function (u) { return u.value; }),
            backgroundColor: COLOURS[1],
          }],
        },
        options: (function () {
          var options = base("y");
          options.plugins.legend = { display: false };
          options.scales.y = {
            ticks: {
              autoSkip: false,
              callback: function (value) { return shortName(this.chart, this.getLabelForValue(value)); },
            },
          };
          return options;
        })(),
      };
    },
    completeness: function (data, figure) {
      var options = base();
      options.scales.y.max = 100;
      options.scales.y.ticks.callback = function (value) { return number.format(value) + "%"; };
      return {
        type: "bar",
        data: {
          labels: data.map(function (r) { return r.number; }),
          datasets: [
            { label: figure.dataset.labelSubmitted, suffix: "%", data: data.map(function (r) { return r.completeness; }), backgroundColor: COLOURS[2] },
            { label: figure.dataset.labelOnTime, suffix: "%", data: data.map(function (r) { return r.timeliness; }), backgroundColor: COLOURS[1] },
          ],
        },
        options: options,
      };
    },
  };

  function draw(figure) {
    var build = BUILD[figure.dataset.chart];
    var box = figure.querySelector(".chart-box");
    var canvas = box && box.querySelector("canvas");
    if (!build || !canvas) {
      return;
    }
    fetch(figure.dataset.src, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status + " " + figure.dataset.src);
        }
        return response.json();
      })
      .then(function (data) {
        box.hidden = false;
        new Chart(canvas, build(data, figure));
        figure.dataset.drawn = "true";
        var details = figure.querySelector("details.chart-data");
        if (details) {
          details.open = false;
        }
      })
      .catch(function (error) {
        // The table stays open: the figures are still there to read.
        figure.dataset.drawn = "failed";
        console.warn("chart not drawn:", error.message);
      });
  }

  document.querySelectorAll("figure.chart[data-chart]").forEach(draw);
})();
