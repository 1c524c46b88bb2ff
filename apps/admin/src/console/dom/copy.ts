/**
 * Copies an element's text; without the Clipboard API (plain HTTP) it selects the text so Ctrl+C finishes the job.
 * @example await copyElementText(pre)
 */
export async function copyElementText(element: HTMLElement): Promise<boolean> {
  const text = element.textContent ?? "";
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const range = document.createRange();
    range.selectNodeContents(element);
    const selection = window.getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range);
    // Clipboard API needs a secure context; over plain HTTP the legacy command still works.
    return document.execCommand("copy");
  }
}
