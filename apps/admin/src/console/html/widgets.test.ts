import { describe, expect, it } from "vitest";
import { html } from "./html.js";
import { renderBadge, renderChips, renderFailure, renderField, renderOptions } from "./widgets.js";

describe("widgets escape what the server or the admin typed", () => {
  it("renderFailure", () => {
    const out = renderFailure({ status: 400, code: "INVALID_INPUT", message: "no repo named '<img src=x>'" }).value;
    expect(out).toContain("no repo named &#39;&lt;img src=x&gt;&#39;");
    expect(out).not.toContain("<img");
  });

  it("renderFailure names an unreachable server as offline", () => {
    expect(renderFailure({ status: 0, code: "NETWORK_ERROR", message: "could not reach" }).value).toContain("<strong>Offline</strong>");
  });

  it("renderChips", () => {
    expect(renderChips(["a<b"]).value).toBe('<span class="chips"><code class="chip">a&lt;b</code></span>');
    expect(renderChips([], "all").value).toBe('<span class="muted">all</span>');
  });

  it("renderBadge", () => {
    expect(renderBadge("<x>", "danger").value).toBe('<span class="badge badge-danger">&lt;x&gt;</span>');
  });

  it("renderOptions marks the selected value and escapes labels", () => {
    const out = renderOptions([{ value: "a", label: "A&B" }, { value: "b", label: "B" }], "b").value;
    expect(out).toBe('<option value="a" >A&amp;B</option><option value="b" selected>B</option>');
  });

  it("renderField carries the API field names for error placement", () => {
    const out = renderField({ id: "f", label: "Scopes", fields: "scopes scope", control: html`<input id="f">`, hint: "pick <one>" }).value;
    expect(out).toContain('data-fields="scopes scope"');
    expect(out).toContain("pick &lt;one&gt;");
    expect(out).toContain('<p class="field-error" role="alert" hidden></p>');
  });
});
