// Follows a background export: asks its state every 2 seconds, moves the progress bar, and
// reloads the page once the file is ready (or the build failed). Without JavaScript the page
// offers an « Actualiser » link.
(function () {
  "use strict";
  var root = document.getElementById("export");
  var bar = document.getElementById("export-progress");
  var status = document.getElementById("export-status");
  if (!root || !bar || !window.fetch) { return; }
  function poll() {
    fetch(root.getAttribute("data-state"), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (state) {
        if (!state) { return; }
        if (state.status !== "running") { window.location.reload(); return; }
        bar.value = state.done;
        status.textContent = "Préparation en cours : " + state.done + " chiffre(s) sur " + state.total + ".";
        window.setTimeout(poll, 2000);
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 2000);
})();
