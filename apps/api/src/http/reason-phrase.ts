import { STATUS_CODES } from "node:http";

/**
 * The HTTP reason phrase for an error: the standard phrase plus our message, so
 * clients that print only the status line (twine, pip) still tell the user why.
 */
export function reasonPhraseOf(status: number, message: string): string {
  const standard = STATUS_CODES[status] ?? "Error";
  const safe = message.replace(/[^\x20-\x7e]/g, " ").slice(0, 300);
  return `${standard}: ${safe}`;
}
