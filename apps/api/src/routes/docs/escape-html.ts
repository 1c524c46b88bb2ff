/** Text made safe for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/**
 * Prose from the contract as HTML: escaped first, then `code` spans marked up (so nothing in the
 * text can open a tag).
 * @example renderProse("use `pip`") // "use <code>pip</code>"
 */
export function renderProse(text: string): string {
  return escapeHtml(text).replace(/`([^`]+)`/g, "<code>$1</code>");
}
