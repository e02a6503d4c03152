// Passkeys: a form with data-passkey="create" or "get" asks its options URL (the server, through Identity) for the
// WebAuthn options, lets the browser make or use a passkey, and submits what comes back in its CredentialJson field.
// The server checks everything; this file only carries it.
(function () {
  "use strict";

  var supported = window.PublicKeyCredential && PublicKeyCredential.parseCreationOptionsFromJSON && PublicKeyCredential.parseRequestOptionsFromJSON;

  function fail(form, message) {
    var error = form.querySelector("[data-passkey-error]");
    error.textContent = message;
    error.hidden = false;
    var button = form.querySelector("button[type=submit]");
    button.classList.remove("is-loading");
    button.removeAttribute("aria-busy");
  }

  async function ceremony(form) {
    var token = document.querySelector('meta[name="csrf-token"]').content;
    var response = await fetch(form.dataset.passkeyOptions, { method: "POST", headers: { RequestVerificationToken: token } });
    var type = response.headers.get("Content-Type") || "";
    // A redirect to "confirm it's you" comes back as a page, not options: go there.
    if (!response.ok || type.indexOf("application/json") !== 0) { window.location.reload(); return; }
    var options = await response.json();
    var credential = form.dataset.passkey === "create"
      ? await navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options) })
      : await navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options) });
    form.querySelector("[name=CredentialJson]").value = JSON.stringify(credential);
    form.submit();
  }

  document.querySelectorAll("form[data-passkey]").forEach(function (form) {
    if (!supported) {
      fail(form, "This browser can't use passkeys. Try an up-to-date Chrome, Edge, Safari or Firefox.");
      form.querySelector("button[type=submit]").disabled = true;
      return;
    }
    form.addEventListener("submit", function (e) {
      if (form.querySelector("[name=CredentialJson]").value) return;
      e.preventDefault();
      form.querySelector("[data-passkey-error]").hidden = true;
      var button = form.querySelector("button[type=submit]");
      button.classList.add("is-loading");
      button.setAttribute("aria-busy", "true");
      ceremony(form).catch(function (error) {
        fail(form, error && error.name === "NotAllowedError"
          ? "No passkey was used: it was cancelled, or timed out. Try again when you're ready."
          : "Something went wrong with the passkey. Try again.");
      });
    });
  });
})();
