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

// The online form: a button per field copies that field's text. Without a clipboard the
// text is selected, to copy by hand; without the script the buttons stay hidden.
(function () {
  function select(node) {
    var range = document.createRange();
    range.selectNodeContents(node);
    var chosen = window.getSelection();
    chosen.removeAllRanges();
    chosen.addRange(range);
  }
  function say(button, text) {
    var label = button.textContent;
    button.textContent = text;
    setTimeout(function () { button.textContent = label; }, 1800);
  }
  document.querySelectorAll("button.copy[data-copy]").forEach(function (button) {
    var source = document.getElementById(button.dataset.copy);
    if (!source) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = source.textContent;
      var copied = function () { say(button, button.dataset.copied); };
      var failed = function () { select(source); say(button, button.dataset.failed); };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(copied, failed);
      } else {
        select(source);
        try { if (document.execCommand("copy")) { copied(); return; } } catch (e) { /* no */ }
        failed();
      }
    });
  });
})();
