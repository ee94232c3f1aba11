// The portal's own (classic, non-module) script: it reacts to the element's "pingan-result" events the
// way jQuery code would, and shows what a GET submission carried. Data goes in with textContent only.
(function () {
  "use strict";
  var count = 0;
  document.addEventListener("pingan-result", function (e) {
    count++;
    var d = e.detail || {};
    var log = document.getElementById("eventlog");
    if (!log) return;
    log.setAttribute("data-count", String(count));
    log.setAttribute("data-last-ok", String(!!d.ok));
    log.setAttribute("data-last-phase", String(d.phase || ""));
    log.textContent = "pingan-result #" + count + " (" + (d.phase || "") + "): " + (d.ok ? "通过" : (d.result && d.result.errors ? d.result.errors.length : 0) + " 处错误");
  });
  document.addEventListener("DOMContentLoaded", function () {
    var q = new URLSearchParams(location.search);
    if (q.has("id")) {
      var p = document.getElementById("submitted");
      p.textContent = "已提交：" + q.get("id") + " " + (q.get("date") || "");
      p.setAttribute("data-submitted", q.get("id"));
    }
  });
})();
