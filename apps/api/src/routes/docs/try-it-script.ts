/**
 * The docs page's only script, inline (its CSP allows exactly this text by hash). It sends a
 * try-it form with fetch. The token is read from the page's token field at the moment of sending
 * and travels only in the Authorization header: never in a URL, never stored, never in a form
 * (the field sits outside every form, so no submission can carry it).
 *
 * Each form carries `data-method`, `data-path` (an OpenAPI template, `{name}`), `data-body`
 * (`json`, `raw` or `none`) and `data-content-type`; its fields are named `path.<name>`,
 * `query.<name>`, `header.<name>`, `body` (JSON text) and `file` (a raw upload).
 */
export const TRY_IT_SCRIPT = `"use strict";
(function () {
  var MAX_SHOWN = 100000;
  function fieldsOf(form, prefix) {
    var out = [];
    for (var i = 0; i < form.elements.length; i++) {
      var el = form.elements[i];
      if (el.name && el.name.indexOf(prefix) === 0) out.push({ name: el.name.slice(prefix.length), value: el.value, element: el });
    }
    return out;
  }
  function buildRequest(form, token) {
    var missing = [];
    var path = form.dataset.path.replace(/\\{([A-Za-z][A-Za-z0-9]*)\\}/g, function (_, name) {
      var field = fieldsOf(form, "path.").filter(function (f) { return f.name === name; })[0];
      var value = field ? field.value : "";
      if (value === "") missing.push(name);
      return encodeURIComponent(value);
    });
    if (missing.length > 0) return { error: "fill in " + missing.join(", ") };
    var search = new URLSearchParams();
    fieldsOf(form, "query.").forEach(function (f) { if (f.value !== "") search.append(f.name, f.value); });
    var query = search.toString();
    var headers = { accept: "application/json" };
    fieldsOf(form, "header.").forEach(function (f) {
      if (f.value !== "" && f.name.toLowerCase() !== "authorization") headers[f.name] = f.value;
    });
    if (token !== "") headers.authorization = "Bearer " + token;
    var init = { method: form.dataset.method, headers: headers, credentials: "omit", cache: "no-store", referrerPolicy: "no-referrer" };
    var kind = form.dataset.body;
    if (kind === "json") {
      var text = fieldsOf(form, "body").map(function (f) { return f.value; }).join("");
      if (text.trim() !== "") {
        headers["content-type"] = "application/json";
        init.body = text;
      }
    } else if (kind === "raw") {
      var file = fieldsOf(form, "file").map(function (f) { return f.element.files && f.element.files[0]; })[0];
      if (!file) return { error: "choose a file to send" };
      headers["content-type"] = form.dataset.contentType || "application/octet-stream";
      init.body = file;
    }
    return { url: query === "" ? path : path + "?" + query, init: init };
  }
  function isText(type) {
    return /json|^text\\/|yaml|xml/i.test(type);
  }
  function show(form, text) {
    var out = form.querySelector("output");
    if (out) out.textContent = text;
  }
  async function send(form) {
    var tokenField = document.getElementById("gh-token");
    var built = buildRequest(form, tokenField ? tokenField.value : "");
    if (built.error) return show(form, built.error);
    show(form, "sending " + built.init.method + " " + built.url + " …");
    try {
      var res = await fetch(built.url, built.init);
      var type = res.headers.get("content-type") || "";
      var head = "HTTP " + res.status + " " + res.statusText + "\\ncontent-type: " + type + "\\n\\n";
      if (!isText(type)) {
        var bytes = await res.arrayBuffer();
        return show(form, head + "(" + bytes.byteLength + " bytes)");
      }
      var body = await res.text();
      if (/json/i.test(type)) {
        try { body = JSON.stringify(JSON.parse(body), null, 2); } catch (e) { /* shown as sent */ }
      }
      show(form, head + (body.length > MAX_SHOWN ? body.slice(0, MAX_SHOWN) + "\\n… (cut)" : body));
    } catch (err) {
      show(form, "the request failed: " + (err && err.message ? err.message : String(err)));
    }
  }
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form || !form.dataset || !form.dataset.path) return;
    event.preventDefault();
    return send(form);
  });
})();
`;
