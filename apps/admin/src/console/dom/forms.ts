import type { ApiFailure } from "../api/client.js";
import type { FormValues } from "../forms/form-values.js";

/** Reads every named control of a form, keeping all values of repeated names. */
export function readForm(form: HTMLFormElement): FormValues {
  const values: Record<string, string[]> = {};
  for (const [name, value] of new FormData(form)) {
    if (typeof value !== "string") continue;
    const list = values[name] ?? [];
    list.push(value);
    values[name] = list;
  }
  return values;
}

/** Removes every message a previous submission left on the form. */
export function clearFormErrors(form: HTMLFormElement): void {
  for (const slot of form.querySelectorAll<HTMLElement>(".field-error, .form-error")) {
    slot.textContent = "";
    slot.hidden = true;
  }
  for (const field of form.querySelectorAll(".field.invalid")) field.classList.remove("invalid");
  for (const control of form.querySelectorAll("[aria-invalid]")) control.removeAttribute("aria-invalid");
}

/**
 * Shows the API's message next to the field it names (`data-fields` lists the API names a field answers to),
 * or at the top of the form when it names none the form has.
 */
export function showFormError(form: HTMLFormElement, failure: ApiFailure): void {
  const field = failure.field ? form.querySelector<HTMLElement>(`.field[data-fields~="${CSS.escape(failure.field)}"]`) : null;
  const slot = field?.querySelector<HTMLElement>(".field-error") ?? form.querySelector<HTMLElement>(".form-error");
  if (!slot) return;
  slot.textContent = failure.message;
  slot.hidden = false;
  if (field) {
    field.classList.add("invalid");
    const control = field.querySelector<HTMLElement>("input, select, textarea");
    control?.setAttribute("aria-invalid", "true");
    control?.focus();
  }
}

/**
 * Runs a submission with the form's buttons disabled, so a slow server cannot get the request twice.
 * @example await whileSubmitting(form, () => createToken(api, request));
 */
export async function whileSubmitting<T>(form: HTMLFormElement, work: () => Promise<T>): Promise<T> {
  const buttons = [...form.querySelectorAll<HTMLButtonElement>("button")];
  for (const b of buttons) b.disabled = true;
  form.setAttribute("aria-busy", "true");
  try {
    return await work();
  } finally {
    for (const b of buttons) b.disabled = false;
    form.removeAttribute("aria-busy");
  }
}
