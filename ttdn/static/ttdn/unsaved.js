// A warning before leaving a page whose form holds typed, unsaved text, and the line
// that says where a draft of it stands.
//
// <form data-unsaved="message">: once something is typed in it (or the page was
// rendered with data-dirty, say after a refused save), following a link, switching
// the period (<select data-navigate>), submitting another form of the page, reloading
// or closing the tab asks first. Submitting the form itself does not. The question for
// links, selects and other forms is a confirm() so it can say why; the browser's own
// beforeunload dialog covers the rest.
(function () {
  "use strict";
  var leaving = false;

  function guarded() {
    return Array.prototype.filter.call(
      document.querySelectorAll("form[data-unsaved]"),
      function (form) {
        return form.hasAttribute("data-dirty");
      }
    );
  }

  function mayLeave() {
    var forms = guarded();
    if (!forms.length || leaving) {
      return true;
    }
    if (window.confirm(forms[0].dataset.unsaved)) {
      leaving = true;
      return true;
    }
    return false;
  }

  document.addEventListener("input", function (event) {
    var form = event.target.form;
    if (form && form.hasAttribute("data-unsaved")) {
      form.setAttribute("data-dirty", "");
    }
  }, true);

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.hasAttribute("data-unsaved")) {
      leaving = true;
      return;
    }
    if (!mayLeave()) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[href]");
    if (!link || link.target === "_blank" || link.hasAttribute("download")) {
      return;
    }
    if (link.getAttribute("href").charAt(0) === "#") {
      return;
    }
    if (!mayLeave()) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

  // Runs before site.js's navigation (capture phase), and puts the period back when
  // the person chooses to stay.
  document.addEventListener("change", function (event) {
    var select = event.target.closest && event.target.closest("select[data-navigate]");
    if (!select || mayLeave()) {
      return;
    }
    event.stopImmediatePropagation();
    var chosen = Array.prototype.find.call(select.options, function (option) {
      return option.defaultSelected;
    });
    select.value = (chosen || select.options[0]).value;
  }, true);

  window.addEventListener("beforeunload", function (event) {
    if (leaving || !guarded().length) {
      return;
    }
    event.preventDefault();
    event.returnValue = "";
  });

  // Drafts kept as the person types (htmx posts the form to its draft address and puts
  // the answer in an element marked data-draft-state): say "saving" while it goes, and
  // show a refusal's reason (a locked period, text no field may hold) instead of
  // dropping it as an htmx error.
  document.addEventListener("htmx:beforeRequest", function (event) {
    var target = event.detail.target;
    if (target && target.hasAttribute("data-draft-state")) {
      target.textContent = target.dataset.draftingText || "";
    }
  });
  document.addEventListener("htmx:beforeSwap", function (event) {
    var target = event.detail.target;
    var status = event.detail.xhr.status;
    if (target && target.hasAttribute("data-draft-state") && (status === 400 || status === 409)) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  // A page shown again from the back/forward cache starts over.
  window.addEventListener("pageshow", function () {
    leaving = false;
  });
})();
