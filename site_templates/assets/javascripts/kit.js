/* The facilitator kit: the group note's copy button. The note is plain text already on the
   page; copying sends nothing anywhere. */
(function () {
  "use strict";

  function say(button, text) {
    var status = button.parentNode.querySelector(".copy-status");
    if (status) status.textContent = text;
  }

  function copyBySelection(source) {
    var range = document.createRange();
    range.selectNodeContents(source);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    var done = false;
    try { done = document.execCommand("copy"); } catch (error) { done = false; }
    return done;
  }

  function copy(button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    if (!source) return;
    var text = source.textContent;
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(
        function () { say(button, "Copied. Paste it into your record system."); },
        function () { say(button, copyBySelection(source) ? "Copied." : "Select the text and copy it."); }
      );
    } else {
      say(button, copyBySelection(source) ? "Copied." : "The note is selected: press Ctrl+C (or Cmd+C).");
    }
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".copy-note");
    if (button) copy(button);
  });
})();
