// Supplement tally on the dose reference page: the magnesium a day from every product a reader lists,
// set against the adult upper limit for supplements.
// The forms' elemental shares and the limit come from the reference file, embedded by the build
// (#calc-data), so no figure lives in this script. The arithmetic and wording match
// plugins/refpage/calculator.py, which also works out the table shown without JavaScript.
(() => {
  "use strict";

  const EMPTY = "\u2014"; // em dash: no usable amount yet
  const DASH = "\u2013"; // en dash between the low and high figure
  const ROW_MARK = /__N__/g; // stands for the product's number in the template's ids and names
  const NUMBERED = ["id", "for", "name", "aria-describedby"];
  // The total and the alert are live regions: wait for a pause in typing, so a screen reader reads
  // one total rather than every partial number on the way to it (1, 10, 100, 1000).
  const SETTLE_MS = 400;
  const MESSAGES = {
    amount: "Enter the amount as a number, such as 200.",
    count: "Enter how many as a number, such as 1 or 2.",
  };

  /** Read a typed number (1000, 1,000, 1 000, 0.5 or 0,5): null when empty, NaN when not a number. */
  function readNumber(text) {
    const compact = text.replace(/[\s\u00a0\u202f]/g, "");
    if (compact === "") {
      return null;
    }
    // A comma before groups of three digits separates thousands (1,000); any other comma is a decimal point (0,5).
    const plain = /^\d{1,3}(,\d{3})+(\.\d+)?$/.test(compact) ? compact.replace(/,/g, "") : compact.replace(",", ".");
    return /^(\d+\.?\d*|\.\d+)$/.test(plain) ? Number(plain) : NaN;
  }

  /** Elemental mg a day from one product, low and high (they differ only for a compound sold in two forms). */
  function productMg(product, forms) {
    const share = product.unit === "compound" ? forms[product.form] : { low: 1, high: 1 };
    if (!share) {
      return null;
    }
    const mg = product.amount * product.count;
    return { low: mg * share.low, high: mg * share.high };
  }

  /** Add up the products' low and high figures. */
  function sum(parts) {
    return parts.reduce((total, part) => ({ low: total.low + part.low, high: total.high + part.high }), { low: 0, high: 0 });
  }

  /** Print mg: "N mg", or "N–M mg" when the two figures differ in whole mg. */
  function rangeText(low, high) {
    return Math.round(low) === Math.round(high) ? `${Math.round(high)} mg` : `${Math.round(low)}${DASH}${Math.round(high)} mg`;
  }

  /** Tell whether a total reaches the limit as printed: a total shown as "350 mg" must not read as below it. */
  function atOrAbove(high, limit) {
    return Math.round(high) >= limit;
  }

  /** Print the total and its share of the limit; a range is compared by its higher figure. */
  function statusText(total, limit) {
    const range = Math.round(total.low) !== Math.round(total.high);
    const share = `${range ? "up to " : ""}${Math.round((100 * total.high) / limit)}%`;
    return `Total: ${rangeText(total.low, total.high)} of magnesium a day, ${share} of the adult limit for supplements (${limit} mg a day).`;
  }

  function start() {
    const form = document.getElementById("mg-calculator");
    const dataBlock = document.getElementById("calc-data");
    const rowTemplate = document.getElementById("tally-product");
    const alertTemplate = document.getElementById("tally-alert-text");
    if (!form || !dataBlock || !rowTemplate || !alertTemplate) {
      return;
    }
    let data;
    try {
      data = JSON.parse(dataBlock.textContent);
    } catch {
      return; // keep the tally hidden: the steps and table by hand still give the figures
    }
    const forms = Object.fromEntries(data.forms.map((entry) => [entry.key, entry]));
    const limit = data.adult_ul_mg;
    const list = document.getElementById("tally-products");
    const status = document.getElementById("tally-status");
    const alert = document.getElementById("tally-alert");
    const idle = status.textContent;
    let made = 0; // products ever added: ids stay unique after a removal
    let timer = 0;

    const rows = () => Array.from(list.querySelectorAll(".tally-product"));

    /** Add one product from the template, with ids of its own; return its fieldset. */
    function addProduct() {
      made += 1;
      const copy = rowTemplate.content.cloneNode(true);
      copy.querySelectorAll(NUMBERED.map((name) => `[${name}]`).join(",")).forEach((element) => {
        NUMBERED.forEach((name) => {
          const value = element.getAttribute(name);
          if (value) {
            element.setAttribute(name, value.replace(ROW_MARK, String(made)));
          }
        });
      });
      const row = copy.querySelector(".tally-product");
      list.appendChild(copy);
      renumber();
      return row;
    }

    /** Number the products as they now stand, and offer removal only while there is more than one. */
    function renumber() {
      const all = rows();
      all.forEach((row, index) => {
        row.querySelectorAll(".tally-number").forEach((number) => {
          number.textContent = String(index + 1);
        });
        row.querySelector(".tally-remove").parentElement.hidden = all.length === 1;
      });
    }

    /** Read one typed field, marking it invalid (with a message beside it) when it is not a number. */
    function readField(row, field) {
      const input = row.querySelector(`input[id^="calc-${field}-"]`);
      const error = row.querySelector(`[id^="calc-${field}-error-"]`);
      const value = readNumber(input.value);
      const bad = Number.isNaN(value);
      error.textContent = bad ? MESSAGES[field] : "";
      if (bad) {
        input.setAttribute("aria-invalid", "true");
      } else {
        input.removeAttribute("aria-invalid");
      }
      return value;
    }

    /** Show one product's magnesium a day; return it, or null while the product is incomplete. */
    function showRow(row) {
      const amount = readField(row, "amount");
      const count = readField(row, "count");
      const result = row.querySelector(".tally-result");
      const usable = amount !== null && count !== null && !Number.isNaN(amount) && !Number.isNaN(count);
      const product = {
        amount,
        count,
        form: row.querySelector("select").value,
        unit: row.querySelector("input[type=radio]:checked").value,
      };
      const mg = usable ? productMg(product, forms) : null;
      if (!mg) {
        result.textContent = EMPTY;
        result.removeAttribute("data-low");
        result.removeAttribute("data-high");
        return null;
      }
      result.textContent = rangeText(mg.low, mg.high);
      result.setAttribute("data-low", mg.low.toFixed(1));
      result.setAttribute("data-high", mg.high.toFixed(1));
      return mg;
    }

    /** Put the warning in the alert as it appears, and only then, so it is announced once. */
    function showAlert(shown) {
      if (shown && !alert.hasChildNodes()) {
        alert.appendChild(alertTemplate.content.cloneNode(true));
      } else if (!shown) {
        alert.replaceChildren();
      }
    }

    function showTotal(parts) {
      if (parts.length === 0) {
        status.textContent = idle;
        showAlert(false);
        return;
      }
      const total = sum(parts);
      status.textContent = statusText(total, limit);
      showAlert(atOrAbove(total.high, limit));
    }

    /** Update every product at once and the total now (settled) or after a pause in typing. */
    function update(settled) {
      const parts = rows().map(showRow).filter(Boolean);
      window.clearTimeout(timer);
      if (settled) {
        showTotal(parts);
      } else {
        timer = window.setTimeout(() => showTotal(parts), SETTLE_MS);
      }
    }

    list.addEventListener("input", () => update(false));
    list.addEventListener("change", () => update(true));
    list.addEventListener("click", (event) => {
      const button = event.target.closest(".tally-remove");
      if (!button) {
        return;
      }
      const row = button.closest(".tally-product");
      const neighbour = row.nextElementSibling || row.previousElementSibling;
      row.remove();
      renumber();
      update(true);
      // Focus would otherwise fall to the page's start; the neighbour's legend tells a screen reader where it is.
      neighbour.querySelector("select").focus();
    });
    document.getElementById("tally-add").addEventListener("click", () => {
      const row = addProduct();
      update(true);
      row.querySelector("select").focus();
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault(); // nothing to send: the total is already on the page
      update(true);
    });

    addProduct();
    form.hidden = false;
    const byHand = document.getElementById("by-hand");
    if (byHand) {
      byHand.open = false; // the tally does the sums; the steps stay one click away
    }
    update(true);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
