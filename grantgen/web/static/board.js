// The board's page: follow a build's progress, then show its outcome. Works without it too.
(function () {
  var box = document.getElementById("build");
  if (!box || box.dataset.running !== "yes") return;
  var bar = document.getElementById("progress");
  var text = document.getElementById("progress-text");
  var template = text ? text.textContent : "";
  function poll() {
    fetch("/build/status", {credentials: "same-origin"}).then(function (r) { return r.json(); })
      .then(function (s) {
        if (!s.running) { window.location.reload(); return; }
        if (bar && s.total) { bar.max = s.total; bar.value = s.done; }
        if (text && s.total) { text.textContent = s.done + " / " + s.total; }
        setTimeout(poll, 700);
      }).catch(function () { setTimeout(poll, 1500); });
  }
  setTimeout(poll, 500);
})();
