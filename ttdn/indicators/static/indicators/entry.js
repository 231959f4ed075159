// The entry form: the save bar's state line (the draft kept as the person types is
// htmx's, see entry.html and ttdn/static/ttdn/unsaved.js), and the live check that
// the parts of an additive breakdown do not exceed its total — the rule
// ttdn.indicators.services applies on save.
(function () {
  "use strict";
  var form = document.getElementById("values-form");
  if (!form) {
    return;
  }
  var state = document.getElementById("save-state");
  var language = form.dataset.lang || "vi";
  var english = language.indexOf("en") === 0;
  var viNumber = /^[+-]?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$/;
  var plainNumber = /^[+-]?\d+(\.\d+)?$/;

  // As ttdn.lib.vnformat.parse_number reads it; null for anything else (the server
  // names the mistake on save).
  function parse(text) {
    var raw = (text || "").replace(/[\s\u00a0]/g, "");
    if (!raw) {
      return null;
    }
    if (english) {
      raw = raw.replace(/,/g, "");
      return plainNumber.test(raw) ? parseFloat(raw) : null;
    }
    return viNumber.test(raw) ? parseFloat(raw.replace(/\./g, "").replace(",", ".")) : null;
  }

  var formatter = new Intl.NumberFormat(english ? "en-US" : "vi-VN", {maximumFractionDigits: 4});

  function cellValue(row) {
    var input = row.querySelector("input[type=text]");
    if (input) {
      return parse(input.value);
    }
    var output = row.querySelector("output[data-number]");
    return output ? parse(output.dataset.number) : null;
  }

  function checkParts(code, initial) {
    var rows = form.querySelectorAll("tr[data-parts-of='" + code + "']");
    var total = null;
    var parts = 0;
    var note = null;
    Array.prototype.forEach.call(rows, function (row) {
      var value = cellValue(row);
      if (row.dataset.option === "") {
        total = value;
        note = row.querySelector("output.parts-check");
      } else if (value !== null) {
        parts += value;
      }
    });
    if (!note || (initial && note.parentNode.querySelector("[data-testid=cell-error]"))) {
      return;  // on a refused save the server's message already says it
    }
    // Compared in ten-thousandths, as the values are stored, so 0,1 + 0,2 is 0,3.
    var over = total !== null && Math.round(parts * 10000) > Math.round(total * 10000);
    note.hidden = !over;
    note.textContent = over
      ? form.dataset.partsMessage
          .replace("{total}", formatter.format(total))
          .replace("{parts}", formatter.format(parts))
      : "";
  }

  function markDirty() {
    if (state) {
      state.textContent = state.dataset.dirtyText;
      state.classList.add("dirty");
    }
  }

  form.addEventListener("input", function (event) {
    markDirty();
    var row = event.target.closest("tr[data-parts-of]");
    if (row) {
      checkParts(row.dataset.partsOf);
    }
  });

  form.addEventListener("submit", function () {
    if (state) {
      state.textContent = state.dataset.savingText;
    }
  });

  // A link in the error banner opens the group its cell is in and puts the cursor there.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("#entry-errors a[href^='#']");
    if (!link) {
      return;
    }
    var cell = document.getElementById(link.getAttribute("href").slice(1));
    if (!cell) {
      return;
    }
    var group = cell.closest("details");
    if (group) {
      group.open = true;
    }
    event.preventDefault();
    cell.scrollIntoView({block: "center"});
    if (cell.focus) {
      cell.focus();
    }
  });

  var checked = {};
  Array.prototype.forEach.call(form.querySelectorAll("tr[data-parts-of]"), function (row) {
    var code = row.dataset.partsOf;
    if (!checked[code]) {
      checked[code] = true;
      checkParts(code, true);
    }
  });
  if (form.hasAttribute("data-dirty")) {
    markDirty();
  }
  var banner = document.getElementById("entry-errors");
  if (banner) {
    banner.focus();
  }
})();
