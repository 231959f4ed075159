// The unit picker (ttdn/orgunits/forms.py): as the person types a name, the units they
// may choose are suggested (orgunits:suggest, JSON); a choice becomes a ticked box.
// Without this script the box still takes names or codes separated by ";".
(function () {
  if (window.ttdnUnitPicker) {
    return;
  }
  window.ttdnUnitPicker = true;

  function setUp(picker) {
    if (picker.dataset.ready) {
      return;
    }
    picker.dataset.ready = "1";
    var input = picker.querySelector("input[type=text]");
    var list = picker.querySelector(".unit-suggestions");
    var chips = picker.querySelector(".unit-chips");
    var multiple = picker.hasAttribute("data-multiple");
    var timer = null;
    var asked = 0;
    var active = -1;
    // A required picker needs a unit: a ticked box is one, so the box itself is required
    // only while nothing is ticked.
    var required = picker.hasAttribute("data-required");

    function settle() {
      if (required) {
        input.required = !chips.querySelector("input:checked");
      }
    }
    chips.addEventListener("change", settle);

    function options() {
      return Array.prototype.slice.call(list.querySelectorAll("button"));
    }

    function close() {
      list.hidden = true;
      list.textContent = "";
      active = -1;
      input.setAttribute("aria-expanded", "false");
    }

    function mark(index) {
      var all = options();
      active = all.length ? (index + all.length) % all.length : -1;
      all.forEach(function (button, i) {
        button.setAttribute("aria-selected", i === active ? "true" : "false");
        if (i === active) {
          button.scrollIntoView({ block: "nearest" });
        }
      });
    }

    function choose(unit) {
      if (!multiple) {
        chips.textContent = "";
      }
      var existing = chips.querySelector('input[value="' + CSS.escape(unit.code) + '"]');
      if (existing) {
        existing.checked = true;
      } else {
        var chip = document.createElement("label");
        chip.className = "unit-chip";
        var box = document.createElement("input");
        box.type = "checkbox";
        box.name = input.name;
        box.value = unit.code;
        box.checked = true;
        chip.appendChild(box);
        chip.appendChild(document.createTextNode(" "));
        var name = document.createElement("span");
        name.textContent = unit.label;
        if (unit.lang) {
          name.lang = unit.lang;
        }
        chip.appendChild(name);
        chips.appendChild(chip);
      }
      var before = input.value.split(";");
      before.pop();
      input.value = before.length ? before.join(";") + "; " : "";
      settle();
      close();
      input.focus();
    }

    function show(units) {
      list.textContent = "";
      active = -1;
      if (!units.length) {
        var none = document.createElement("span");
        none.className = "none";
        none.textContent = picker.dataset.none || "—";
        list.appendChild(none);
      }
      units.forEach(function (unit) {
        var button = document.createElement("button");
        button.type = "button";
        button.setAttribute("role", "option");
        button.dataset.code = unit.code;
        var name = document.createElement("span");
        name.textContent = unit.name;
        if (unit.lang) {
          name.lang = unit.lang;
        }
        button.appendChild(name);
        button.appendChild(document.createTextNode(" "));
        if (unit.parent) {
          var parent = document.createElement("small");
          parent.textContent = "(" + unit.parent + ")";
          button.appendChild(parent);
        }
        button.addEventListener("mousedown", function (event) {
          event.preventDefault(); // keep the focus in the box
        });
        button.addEventListener("click", function () {
          choose(unit);
        });
        list.appendChild(button);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function ask() {
      var query = input.value.split(";").pop().trim();
      if (!query) {
        close();
        return;
      }
      var mine = ++asked;
      var url = picker.dataset.suggest + (picker.dataset.suggest.indexOf("?") < 0 ? "?" : "&") +
        "q=" + encodeURIComponent(query);
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) {
          return response.ok ? response.json() : { units: [] };
        })
        .then(function (data) {
          if (mine === asked) {
            show(data.units || []);
          }
        })
        .catch(close);
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(ask, 200);
    });
    input.addEventListener("keydown", function (event) {
      if (list.hidden) {
        return;
      }
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        mark(active + (event.key === "ArrowDown" ? 1 : -1));
      } else if (event.key === "Enter") {
        var all = options();
        var pick = all[active >= 0 ? active : 0];
        if (pick) {
          event.preventDefault();
          pick.click();
        }
      } else if (event.key === "Escape") {
        close();
      }
    });
    input.addEventListener("blur", function () {
      setTimeout(close, 150);
    });
  }

  function setUpAll(root) {
    (root || document).querySelectorAll("[data-unit-picker]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      setUpAll();
    });
  } else {
    setUpAll();
  }
  document.addEventListener("htmx:load", function (event) {
    setUpAll(event.target);
  });
})();
