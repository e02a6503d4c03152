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

  // Servers raise toasts through HX-Trigger: {"toast": {"message": "...", "kind": "success"}}.
  document.addEventListener("toast", function (e) { showToast(e.detail.message, e.detail.kind); });

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

  // The guest table's inline row editor: Enter saves, Escape cancels (the row has no <form> to do it natively).
  document.addEventListener("keydown", function (e) {
    var row = e.target.closest && e.target.closest("[data-row-editor]");
    if (row && !e.isComposing) {
      if (e.key === "Enter" && e.target.tagName !== "TEXTAREA" && e.target.tagName !== "BUTTON" && e.target.tagName !== "A") {
        e.preventDefault();
        row.querySelector("[data-save]").click();
      } else if (e.key === "Escape") {
        e.preventDefault();
        row.querySelector("[data-cancel]").click();
      }
      return;
    }
    // "/" jumps to the search box, as in most tools with a list to search.
    var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName) || e.target.isContentEditable;
    if (e.key === "/" && !typing) {
      var search = document.querySelector("[data-search-shortcut]");
      if (search) { e.preventDefault(); search.focus(); }
    }
  });

  // The bulk bar shows once guests are selected (without JavaScript it is always there).
  function updateSelection() {
    var count = document.querySelectorAll("[data-row-select]:checked").length;
    document.querySelectorAll("[data-selected-count]").forEach(function (el) {
      el.textContent = count === 0 ? "" : count + " selected";
    });
    var bulk = document.getElementById("bulk-form");
    if (bulk) bulk.hidden = count === 0;
  }

  // The guest table's one row menu: filled for the row's guest from a template, wired by htmx, opened by the row's
  // button (as a sheet at the bottom of a phone's screen). A click elsewhere, Escape, scrolling or a choice closes it.
  var menuButton = null;
  function closeRowMenu(refocus) {
    var menu = document.getElementById("row-menu");
    if (!menu || menu.hidden) return;
    menu.hidden = true;
    menu.innerHTML = "";
    if (menuButton) {
      menuButton.setAttribute("aria-expanded", "false");
      if (refocus) menuButton.focus();
    }
    menuButton = null;
  }
  function openRowMenu(button) {
    var menu = document.getElementById("row-menu");
    var template = document.getElementById("row-menu-template");
    var row = button.closest("tr");
    if (!menu || !template || !row) return false;
    var id = row.id.replace("guest-", "");
    menu.innerHTML = template.innerHTML.split(template.dataset.placeholder).join(id);
    var title = document.createElement("div");
    title.className = "row-menu-title";
    title.textContent = row.querySelector("[data-field=name]").textContent;
    menu.prepend(title);
    if (window.htmx) htmx.process(menu);
    menu.hidden = false;
    menuButton = button;
    button.setAttribute("aria-expanded", "true");
    if (window.matchMedia("(min-width: 768px)").matches) {
      var box = button.getBoundingClientRect();
      var below = box.bottom + 4 + menu.offsetHeight <= window.innerHeight;
      menu.style.top = (below ? box.bottom + 4 : box.top - 4 - menu.offsetHeight) + "px";
      menu.style.left = Math.max(8, box.right - menu.offsetWidth) + "px";
    } else {
      menu.style.top = menu.style.left = "";
    }
    visibleItems(menu)[0].focus();
    return true;
  }
  document.addEventListener("click", function (e) {
    var button = e.target.closest && e.target.closest("[data-row-menu]");
    if (button) {
      var reopen = button !== menuButton;
      closeRowMenu(false);
      if (reopen && openRowMenu(button)) e.preventDefault();
      else if (!reopen) e.preventDefault();
      return;
    }
    if (!e.target.closest || !e.target.closest("#row-menu")) closeRowMenu(false);
    else if (e.target.closest("a")) setTimeout(function () { closeRowMenu(false); }, 0);
  });
  function visibleItems(menu) {
    return Array.prototype.filter.call(menu.querySelectorAll("a"), function (a) { return a.getClientRects().length > 0; });
  }
  document.addEventListener("keydown", function (e) {
    var menu = document.getElementById("row-menu");
    if (!menu || menu.hidden) return;
    var items = visibleItems(menu);
    var at = items.indexOf(document.activeElement);
    if (e.key === "Escape") { e.preventDefault(); closeRowMenu(true); }
    else if (e.key === "ArrowDown") { e.preventDefault(); items[(at + 1) % items.length].focus(); }
    else if (e.key === "ArrowUp") { e.preventDefault(); items[(at - 1 + items.length) % items.length].focus(); }
    else if (e.key === "Tab") closeRowMenu(false);
  });
  window.addEventListener("scroll", function () { if (window.matchMedia("(min-width: 768px)").matches) closeRowMenu(false); }, { passive: true });

  // On a phone the filters fold behind one button.
  document.addEventListener("click", function (e) {
    var toggle = e.target.closest && e.target.closest("[data-filter-toggle]");
    if (!toggle) return;
    var fields = document.getElementById(toggle.getAttribute("aria-controls"));
    var open = fields.classList.toggle("open");
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
  });

  document.addEventListener("change", function (e) {
    if (e.target.matches("[data-select-all]")) {
      document.querySelectorAll("[data-row-select]").forEach(function (box) { box.checked = e.target.checked; });
    }
    if (e.target.matches("[data-select-all], [data-row-select]")) updateSelection();
    // The catalog's date fields show when "Choose dates" is picked (without JavaScript, once the form is sent).
    if (e.target.matches("[data-shows-dates]")) {
      document.querySelectorAll("[data-dates]").forEach(function (group) { group.hidden = e.target.value !== "Dates"; });
    }
    // Parts of a fieldset that show for some values of a choice (a public event's repeat fields), and the unit it names.
    if (e.target.matches("[data-reveal]")) {
      var fieldset = e.target.closest("fieldset, form");
      fieldset.querySelectorAll('[data-when="' + e.target.dataset.reveal + '"]').forEach(function (part) {
        part.hidden = part.dataset.values.split(" ").indexOf(e.target.value) < 0;
      });
      var unit = e.target.selectedOptions[0] && e.target.selectedOptions[0].dataset.unit;
      if (unit) fieldset.querySelectorAll("[data-repeat-unit]").forEach(function (label) { label.textContent = unit; });
    }
  });

  document.addEventListener("click", function (e) {
    var dismiss = e.target.closest("[data-dismiss-dialog]");
    if (dismiss) {
      e.preventDefault();
      document.getElementById("bulk-dialog").innerHTML = "";
    }
    // Copy buttons: the link goes to the clipboard; where that is refused, the text is selected to copy by hand.
    var copy = e.target.closest("[data-copy]");
    if (copy) {
      var field = document.querySelector(copy.dataset.copy);
      field.select();
      if (navigator.clipboard) {
        navigator.clipboard.writeText(field.value).then(function () { showToast(copy.dataset.copied || "Link copied.", "success"); }, function () {});
      }
    }
    var add = e.target.closest("[data-open-add]");
    var panel = document.getElementById("add-guest-panel");
    if (add && panel) {
      e.preventDefault();
      panel.open = true;
      panel.querySelector("input").focus();
    }
    // Exports follow the guest table's filter in the address bar, which htmx changes without reloading the page.
    var exportMenu = e.target.closest(".dropdown");
    if (exportMenu && exportMenu.querySelector("[data-export-link]")) {
      exportMenu.querySelectorAll("[data-export-link]").forEach(function (link) {
        var extra = link.dataset.exportExtra;
        link.href = link.dataset.exportLink + location.search + (extra ? (location.search ? "&" : "?") + extra : "");
      });
      var scope = exportMenu.querySelector("[data-export-scope]");
      if (scope) scope.textContent = location.search ? "Guests in the current filter" : "All guests";
    }
    var exportLink = e.target.closest("[data-export-link]");
    if (exportLink) showToast("Preparing " + exportLink.firstChild.textContent.trim().toLowerCase() + "…", "info");
  });

  // A new event's guest list hides its filters until the first guest arrives; the counts show when it does.
  document.addEventListener("htmx:afterSettle", function () {
    var counts = document.getElementById("guest-counts");
    var filters = document.getElementById("guest-filter");
    if (counts && filters && filters.hidden && !counts.hidden) filters.hidden = false;
  });

  // Uploads: refuse an oversized file before sending it, and show how far a large one has got.
  document.addEventListener("change", function (e) {
    var input = e.target;
    if (!input.matches || !input.matches("input[type=file][data-max-bytes]") || !input.files.length) return;
    var tooBig = input.files[0].size > Number(input.dataset.maxBytes);
    input.setCustomValidity(tooBig ? input.dataset.tooBig || "This file is larger than " + Math.round(input.dataset.maxBytes / 1048576) + " MB. Split it into smaller files." : "");
    if (tooBig) input.reportValidity();
  });
  document.addEventListener("htmx:xhr:progress", function (e) {
    var progress = e.target.querySelector && e.target.querySelector("progress.upload-progress");
    if (progress && e.detail.lengthComputable) progress.value = Math.round(100 * e.detail.loaded / e.detail.total);
  });

  function init(root) {
    root.querySelectorAll(".toast[data-autoshow]").forEach(function (t) {
      if (window.bootstrap) new bootstrap.Toast(t, { delay: 5000 }).show();
    });
    // On a phone the event's tabs scroll sideways: bring the current one into view, without moving the page.
    root.querySelectorAll(".event-nav a.active").forEach(function (a) {
      var nav = a.parentElement;
      nav.scrollLeft = a.offsetLeft - nav.offsetLeft - (nav.clientWidth - a.offsetWidth) / 2;
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

  document.addEventListener("DOMContentLoaded", function () { init(document); updateSelection(); });
  document.addEventListener("htmx:afterSwap", function (e) { init(e.detail.elt); updateSelection(); });
  document.addEventListener("htmx:historyRestore", function () { init(document); updateSelection(); });
})();
