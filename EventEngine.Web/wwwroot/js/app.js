// Behaviour shared by every page. Loaded with defer; the CSP allows no inline script, so pages talk to this
// file through data attributes and meta tags.
(function () {
  "use strict";

  // Antiforgery on every HTMX request: the token is in a meta tag, the server reads the header.
  document.addEventListener("htmx:configRequest", function (e) {
    var meta = document.querySelector('meta[name="csrf-token"]');
    if (meta) e.detail.headers["RequestVerificationToken"] = meta.content;
  });

  function showToast(message, kind) {
    var template = document.getElementById("toast-template");
    var container = document.getElementById("toasts");
    if (!template || !container || !window.bootstrap) return;
    var toast = template.content.firstElementChild.cloneNode(true);
    toast.classList.add("app-toast-" + (kind || "success"));
    toast.querySelector(".toast-body").textContent = message;
    container.appendChild(toast);
    new bootstrap.Toast(toast, { delay: 5000 }).show();
    toast.addEventListener("hidden.bs.toast", function () { toast.remove(); });
  }

  document.addEventListener("htmx:responseError", function (e) {
    var status = e.detail.xhr.status;
    var message = status === 403 ? "You don't have permission to do that."
      : status === 404 ? "That no longer exists, or you no longer have access to it."
      : status === 429 ? "Too many requests. Please wait a moment and try again."
      : "Something went wrong. Please try again.";
    showToast(message, "error");
  });
  document.addEventListener("htmx:sendError", function () { showToast("Could not reach the server. Check your connection.", "error"); });

  // Plain (non-HTMX) forms: show the button's spinner and stop double submits.
  document.addEventListener("submit", function (e) {
    var form = e.target;
    if (form.hasAttribute("hx-post") || e.defaultPrevented) return;
    var button = e.submitter || form.querySelector("button[type=submit]");
    if (!button) return;
    setTimeout(function () { button.classList.add("is-loading"); button.setAttribute("aria-busy", "true"); }, 0);
  });

  function init(root) {
    root.querySelectorAll(".toast[data-autoshow]").forEach(function (t) {
      if (window.bootstrap) new bootstrap.Toast(t, { delay: 5000 }).show();
    });
    // A new event starts in the browser's own time zone and country; the person can change both.
    root.querySelectorAll("select[data-browser-zone]").forEach(function (select) {
      if (select.value) return;
      var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
      if (zone && select.querySelector('option[value="' + CSS.escape(zone) + '"]')) select.value = zone;
    });
    root.querySelectorAll("select[data-browser-country]").forEach(function (select) {
      if (select.value) return;
      var parts = (navigator.language || "").split("-");
      var country = parts.length > 1 ? parts[parts.length - 1].toUpperCase() : "";
      if (country && select.querySelector('option[value="' + CSS.escape(country) + '"]')) select.value = country;
    });
  }

  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:afterSwap", function (e) { init(e.detail.elt); });
})();
