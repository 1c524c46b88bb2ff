import { describeIssue } from "./client.js";
import type { OperationSpec } from "./operation.js";

/**
 * A field of `sent` that the schema's output dropped: an answer carrying more than its contract
 * declares (the contract has fallen behind the server). Walked with a stack, not recursion.
 */
export function undeclaredField(sent: unknown, declared: unknown): string | undefined {
  const pending: { sent: unknown; declared: unknown; at: string }[] = [{ sent, declared, at: "" }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { sent: a, declared: b, at } = next;
    if (Array.isArray(a) && Array.isArray(b)) {
      for (const [i, item] of a.entries()) pending.push({ sent: item, declared: b[i], at: `${at}[${i}]` });
    } else if (isRecord(a) && isRecord(b)) {
      for (const [key, value] of Object.entries(a)) {
        const where = at ? `${at}.${key}` : key;
        if (value === undefined) continue;
        if (!Object.hasOwn(b, key)) return where;
        pending.push({ sent: value, declared: b[key], at: where });
      }
    }
  }
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/**
 * Why an answer is off its operation's contract (a schema mismatch, or a field the schema does not
 * declare), or null when it conforms. The server runs this on every answer under test.
 * @example conformance(ops.tokens.delete, { guid: 1 }) // "guid: Invalid input: expected string, received number"
 */
export function conformance(op: OperationSpec, reply: unknown): string | null {
  const checked = op.response.safeParse(reply);
  if (!checked.success) return describeIssue(checked.error.issues);
  const extra = undeclaredField(JSON.parse(JSON.stringify(reply ?? null)), checked.data);
  return extra === undefined ? null : `${extra}: not declared in the response schema`;
}
