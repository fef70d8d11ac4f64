// Draws the inlined figures and wires the document picker to the network and the timeline.
(function () {
  "use strict";
  var figures = JSON.parse(document.getElementById("figures").textContent);
  var config = { displaylogo: false, responsive: true, modeBarButtonsToRemove: ["select2d", "lasso2d"] };
  var picker = document.getElementById("doc-picker");
  var filterNote = document.getElementById("doc-filter");

  function showDocument(index) {
    var target = document.getElementById("doc-" + index);
    if (!target) { return false; }
    document.querySelectorAll("article.doc").forEach(function (doc) { doc.hidden = doc !== target; });
    if (picker) { picker.value = String(index); }
    target.parentElement.scrollTop = 0;
    return true;
  }

  function filterByParty(party) {
    if (!picker) { return; }
    var first = null, shown = 0;
    Array.prototype.forEach.call(picker.options, function (option) {
      var match = (option.dataset.parties || "").split(" ").indexOf(party) >= 0;
      option.hidden = !match;
      if (match) { shown += 1; if (first === null) { first = option.value; } }
    });
    document.getElementById("doc-filter-text").textContent = shown + " documents shown with " + party + ".";
    filterNote.hidden = false;
    if (first !== null) { showDocument(first); }
  }

  function clearFilter() {
    Array.prototype.forEach.call(picker.options, function (option) { option.hidden = false; });
    filterNote.hidden = true;
  }

  if (picker) {
    picker.addEventListener("change", function () { showDocument(picker.value); });
    document.getElementById("doc-filter-reset").addEventListener("click", clearFilter);
  }

  Object.keys(figures).forEach(function (key) {
    var element = document.getElementById("fig-" + key);
    if (!element) { return; }
    Plotly.newPlot(element, figures[key].data, figures[key].layout, config).then(function (plot) {
      plot.on("plotly_click", function (event) {
        var point = event.points && event.points[0];
        if (!point || point.customdata === undefined) { return; }
        if (key === "network" && typeof point.customdata === "string") {
          filterByParty(point.customdata);
        } else if (key === "timeline" && point.customdata >= 0 && showDocument(point.customdata)) {
          document.getElementById("document-panel").scrollIntoView({ behavior: "smooth" });
        }
      });
    });
  });
})();
