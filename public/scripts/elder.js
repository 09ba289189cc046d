// Elder-friendly mode (适老化) and read-aloud. Loaded in <head> so the remembered mode applies
// before the first paint; the buttons are wired once the document is parsed.
(function () {
  var KEY = "wgt-elder";
  var root = document.documentElement;
  var stored = null;
  try { stored = localStorage.getItem(KEY); } catch (e) { /* storage may be off */ }
  if (stored === "1") root.classList.add("elder");

  function setElder(on) {
    root.classList.toggle("elder", on);
    try { localStorage.setItem(KEY, on ? "1" : "0"); } catch (e) { /* not remembered */ }
    var b = document.getElementById("elder-toggle");
    if (b) b.setAttribute("aria-pressed", on ? "true" : "false");
  }

  document.addEventListener("DOMContentLoaded", function () {
    var toggle = document.getElementById("elder-toggle");
    if (toggle) {
      toggle.hidden = false;
      toggle.setAttribute("aria-pressed", root.classList.contains("elder") ? "true" : "false");
      toggle.addEventListener("click", function () { setElder(!root.classList.contains("elder")); });
    }
    var speak = document.getElementById("read-aloud");
    if (speak && "speechSynthesis" in window) {
      speak.hidden = false;
      speak.addEventListener("click", function () {
        var synth = window.speechSynthesis;
        if (synth.speaking) {
          synth.cancel();
          speak.setAttribute("aria-pressed", "false");
          return;
        }
        var main = document.getElementById("main");
        var u = new SpeechSynthesisUtterance(main ? main.innerText : document.body.innerText);
        u.lang = "zh-CN";
        u.rate = 0.9;
        u.onend = function () { speak.setAttribute("aria-pressed", "false"); };
        speak.setAttribute("aria-pressed", "true");
        synth.speak(u);
      });
    }
  });
})();
