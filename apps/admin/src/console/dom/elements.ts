import type { SafeHtml } from "../html/html.js";

/**
 * Finds an element the view itself rendered; a missing one is a bug in the template, so it throws.
 * @example const form = pick(root, "form.create-token", HTMLFormElement);
 */
export function pick<T extends Element>(root: ParentNode, selector: string, type: abstract new () => T): T {
  const found = root.querySelector(selector);
  if (!(found instanceof type)) throw new Error(`console template is missing ${selector}`);
  return found;
}

/** Replaces an element's content with escaped-by-construction markup. */
export function setHtml(element: Element, content: SafeHtml): void {
  element.innerHTML = content.value;
}

/**
 * Delegated click handling: calls `handler` for clicks on (or inside) elements with `data-action="<action>"`.
 * @example onAction(list, "revoke", (button) => revoke(button.dataset.guid));
 */
export function onAction(root: HTMLElement, action: string, handler: (target: HTMLElement, event: Event) => void): void {
  root.addEventListener("click", (event) => {
    const origin = event.target;
    if (!(origin instanceof Element)) return;
    const target = origin.closest(`[data-action="${action}"]`);
    if (target instanceof HTMLElement && root.contains(target)) {
      event.preventDefault();
      handler(target, event);
    }
  });
}
