// Elemental magnesium calculator on the dose reference page.
// Reads the forms and the adult upper limit that the build embedded from the reference file
// (#calc-data), so no figure lives in this script. The arithmetic and wording match
// plugins/refpage/calculator.py, which works out the table shown without JavaScript.
(function () {
  "use strict";

  var EMPTY = "\u2014"; // em dash: no usable amount yet
  var DASH = "\u2013"; // en dash between the low and high figure

  function start() {
    var form = document.getElementById("mg-calculator");
    var dataBlock = document.getElementById("calc-data");
    if (!form || !dataBlock) {
      return;
    }
    var data;
    try {
      data = JSON.parse(dataBlock.textContent);
    } catch (error) {
      return; // keep the calculator hidden: the table below still gives the figures
    }
    var select = document.getElementById("calc-form");
    var amount = document.getElementById("calc-amount");
    var elemental = document.getElementById("calc-elemental");
    var share = document.getElementById("calc-ul-share");
    var forms = {};
    data.forms.forEach(function (entry) {
      forms[entry.key] = entry;
    });

    function oneDecimal(value) {
      return String(Math.round(value * 10) / 10);
    }

    function clear() {
      elemental.textContent = EMPTY;
      share.textContent = EMPTY;
      elemental.removeAttribute("data-low");
      elemental.removeAttribute("data-high");
    }

    function update() {
      var entry = forms[select.value];
      var text = amount.value.trim();
      var mg = text === "" ? NaN : Number(text);
      if (!entry || !isFinite(mg) || mg < 0 || (amount.validity && amount.validity.badInput)) {
        clear();
        return;
      }
      var low = mg * entry.low;
      var high = mg * entry.high;
      // A range whose ends round to the same whole mg reads as one figure.
      elemental.textContent = Math.round(low) === Math.round(high)
        ? Math.round(high) + " mg"
        : Math.round(low) + DASH + Math.round(high) + " mg";
      elemental.setAttribute("data-low", oneDecimal(low));
      elemental.setAttribute("data-high", oneDecimal(high));
      share.textContent = Math.round((100 * high) / data.adult_ul_mg) +
        "% of the adult supplement upper limit (" + data.adult_ul_mg + " mg a day)";
    }

    select.addEventListener("input", update);
    select.addEventListener("change", update);
    amount.addEventListener("input", update);
    amount.addEventListener("change", update);
    form.addEventListener("submit", function (event) {
      event.preventDefault(); // nothing to send: the result is already on the page
      update();
    });
    form.hidden = false;
    update();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
