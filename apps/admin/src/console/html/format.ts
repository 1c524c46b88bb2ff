/**
 * Formats an ISO timestamp as `YYYY-MM-DD HH:MM UTC` (admins compare times across zones); null → "—".
 * @example formatDateTime("2025-01-02T03:04:05.000Z") // "2025-01-02 03:04 UTC"
 */
export function formatDateTime(iso: string | null): string {
  if (iso === null) return "—";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/**
 * Formats a byte count with binary units.
 * @example formatBytes(1536) // "1.5 KiB"
 */
export function formatBytes(size: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let value = size;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${value.toFixed(digits)} ${units[unit]}`;
}

/**
 * Describes a token's repos/sources list for people: `*` → "all", [] → "—" (the scopes do not use it).
 * @example formatResourceList(["a", "b"]) // "a, b"
 */
export function formatResourceList(list: "*" | readonly string[]): string {
  if (list === "*") return "all";
  return list.length === 0 ? "—" : list.join(", ");
}
