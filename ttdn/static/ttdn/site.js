// Behaviour the pages share. It lives here, not in the markup, because the
// Content-Security-Policy allows no inline script or event-handler attributes.

// <select data-navigate>: choosing an option opens the address in its value.
document.addEventListener("change", function (event) {
  var select = event.target.closest && event.target.closest("select[data-navigate]");
  if (select && select.value) {
    window.location.href = select.value;
  }
});

// <form data-upload-progress="#bar">: htmx's upload progress fills the <progress> named.
document.addEventListener("htmx:xhr:progress", function (event) {
  var form = event.target.closest && event.target.closest("form[data-upload-progress]");
  if (!form || !event.detail.lengthComputable) {
    return;
  }
  var bar = document.querySelector(form.dataset.uploadProgress);
  if (bar) {
    bar.setAttribute("value", (event.detail.loaded / event.detail.total) * 100);
  }
});
