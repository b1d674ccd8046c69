// Progressive enhancement for every page. Everything works without it.
(function () {
  "use strict";
  // Exit this page: leave at once and take this page out of the back-button history.
  var exit = document.querySelector("[data-exit-this-page]");
  function leave(event) {
    if (event) event.preventDefault();
    document.body.hidden = true;
    document.title = "";
    window.location.replace(exit.href);
  }
  if (exit) {
    exit.addEventListener("click", leave);
    var hint = document.querySelector("[data-exit-hint]");
    if (hint) hint.hidden = false;
    var presses = 0;
    var timer;
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Shift" || event.repeat) return;
      presses += 1;
      clearTimeout(timer);
      timer = setTimeout(function () {
        presses = 0;
      }, 5000);
      if (presses >= 3) leave();
    });
  }
  // Move focus to the error summary so screen readers and keyboard users start there.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) summary.focus();
  // Staff pages: warn 2 minutes before the idle sign-out, and sign out at the deadline.
  var dialog = document.querySelector("[data-timeout-warning]");
  if (dialog && dialog.showModal) {
    var warnBefore = 120;
    var timers = [];
    var schedule = function (secondsLeft) {
      timers.forEach(clearTimeout);
      timers = [
        setTimeout(
          function () {
            if (!dialog.open) dialog.showModal();
          },
          Math.max(0, secondsLeft - warnBefore) * 1000,
        ),
        setTimeout(signOutNow, secondsLeft * 1000),
      ];
    };
    var form = dialog.querySelector("form");
    // At the deadline, sign out on the server too, and say why.
    var signOutNow = function () {
      var reason = document.createElement("input");
      reason.type = "hidden";
      reason.name = "reason";
      reason.value = "timeout";
      form.appendChild(reason);
      form.action = "/staff/sign-out";
      form.submit();
    };
    schedule(Number(dialog.getAttribute("data-idle-seconds-left")) || 0);
    form.addEventListener("submit", function (event) {
      var submitter = event.submitter;
      if (!submitter || !submitter.hasAttribute("data-timeout-extend") || !window.fetch) return;
      event.preventDefault();
      var body = new FormData(form);
      fetch(form.action, {
        method: "POST",
        body: body,
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      })
        .then(function (response) {
          return response.ok ? response.json() : Promise.reject();
        })
        .then(function (result) {
          dialog.close();
          schedule(result.idleSecondsLeft);
        })
        .catch(function () {
          form.submit();
        });
    });
  }
  // Read aloud: only where the browser can speak the page's language; otherwise no button at all.
  var speech = window.speechSynthesis;
  var reading = document.querySelector("[data-read-aloud-label]");
  if (reading && speech && window.SpeechSynthesisUtterance) {
    var lang = document.documentElement.lang;
    var label = reading.getAttribute("data-read-aloud-label");
    var stopLabel = reading.getAttribute("data-read-aloud-stop");
    var words = function (block) {
      return Array.prototype.map
        .call(block.querySelectorAll("[data-speak]"), function (element) {
          var copy = element.cloneNode(true);
          copy.querySelectorAll("[aria-hidden]").forEach(function (hidden) {
            hidden.remove();
          });
          return copy.textContent.trim();
        })
        .join(". ");
    };
    var addButtons = function () {
      var canSpeak = speech.getVoices().some(function (voice) {
        return voice.lang.toLowerCase().indexOf(lang) === 0;
      });
      if (!canSpeak || reading.querySelector(".read-aloud")) return;
      reading.querySelectorAll("[data-read-aloud]").forEach(function (block) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "button button--secondary read-aloud";
        button.textContent = label;
        button.addEventListener("click", function () {
          var wasMine = button.textContent === stopLabel;
          speech.cancel();
          reading.querySelectorAll(".read-aloud").forEach(function (other) {
            other.textContent = label;
          });
          if (wasMine) return;
          var utterance = new SpeechSynthesisUtterance(words(block));
          utterance.lang = lang;
          utterance.onend = function () {
            button.textContent = label;
          };
          button.textContent = stopLabel;
          speech.speak(utterance);
        });
        block.insertBefore(button, block.firstChild);
      });
    };
    addButtons();
    speech.addEventListener("voiceschanged", addButtons);
  }
})();
