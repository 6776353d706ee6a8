// Shows the progress of each piece's upload, then reloads the page with the server's answer.
// Without JavaScript the forms post normally.
(function () {
  "use strict";
  document.querySelectorAll("form[data-upload]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.XMLHttpRequest || !window.FormData) { return; }
      event.preventDefault();
      var progress = form.querySelector("progress");
      var status = form.querySelector(".upload-status");
      var button = form.querySelector("button[type=submit]");
      var request = new XMLHttpRequest();
      request.open("POST", form.action);
      request.upload.addEventListener("progress", function (e) {
        if (!e.lengthComputable) { return; }
        var percent = Math.round((e.loaded / e.total) * 100);
        progress.hidden = false;
        progress.value = percent;
        status.textContent = "Envoi en cours : " + percent + " %";
      });
      request.addEventListener("load", function () {
        if (request.status >= 200 && request.status < 400) {
          // The redirect's #piece-… is not in responseURL: put it back so the page opens on this row.
          var piece = form.querySelector("input[name=piece]").value;
          var target = (request.responseURL || "/mon-espace/pieces?message=deposee") + "#piece-" + piece;
          if (new URL(target, window.location.href).href === window.location.href) {
            window.location.reload();
          } else {
            window.location.assign(target);
          }
        } else {
          var page = new DOMParser().parseFromString(request.responseText, "text/html");
          var alert = page.querySelector(".alert-error");
          button.disabled = false;
          progress.hidden = true;
          status.textContent = alert ? alert.textContent.trim() : "L’envoi a été refusé.";
          status.classList.add("field-error");
        }
      });
      request.addEventListener("error", function () {
        button.disabled = false;
        status.textContent = "L’envoi a échoué. Vérifiez votre connexion et réessayez.";
      });
      button.disabled = true;
      status.textContent = "Envoi en cours…";
      request.send(new FormData(form));
    });
  });
})();
