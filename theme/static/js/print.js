/* Print every FAQ answer: open each closed <details> before printing, close it again after.
   Show the print button (the doctor page) and print when it is pressed. */
(function () {
  "use strict";
  var opened = [];
  window.addEventListener("beforeprint", function () {
    opened = Array.prototype.slice.call(document.querySelectorAll("details:not([open])"));
    opened.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });
  var button = document.querySelector(".print-button");
  if (button && button.closest("[hidden]")) {
    button.addEventListener("click", function () { window.print(); });
    button.closest("[hidden]").hidden = false;
  }
})();
