import { describe, expect, it } from "vitest";
import { escapeHtml, html, SafeHtml } from "./html.js";

describe("escapeHtml", () => {
  it.each([
    ["<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"],
    [`" onmouseover="x`, "&quot; onmouseover=&quot;x"],
    ["Tom & Jerry's", "Tom &amp; Jerry&#39;s"],
    ["plain", "plain"],
  ])("escapes %j", (input, expected) => {
    expect(escapeHtml(input)).toBe(expected);
  });
});

describe("html", () => {
  it("escapes interpolated text in content and attributes", () => {
    const user = `<img src=x onerror="alert(1)">`;
    expect(html`<td title="${user}">${user}</td>`.value).toBe(
      '<td title="&lt;img src=x onerror=&quot;alert(1)&quot;&gt;">&lt;img src=x onerror=&quot;alert(1)&quot;&gt;</td>',
    );
  });

  it("keeps nested SafeHtml and flattens lists", () => {
    const items = ["a<", "b"].map((x) => html`<li>${x}</li>`);
    expect(html`<ul>${items}</ul>`.value).toBe("<ul><li>a&lt;</li><li>b</li></ul>");
  });

  it("renders null, undefined and booleans as nothing and numbers as text", () => {
    expect(html`[${null}${undefined}${false}${true}${0}${42}]`.value).toBe("[042]");
  });

  it("never trusts a string that merely looks like markup", () => {
    expect(html`${"<b>bold</b>"}`.value).toBe("&lt;b&gt;bold&lt;/b&gt;");
    expect(html`${new SafeHtml("<b>bold</b>")}`.value).toBe("<b>bold</b>");
  });
});
