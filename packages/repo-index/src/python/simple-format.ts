/** PEP 691 JSON media type of the simple API. */
export const SIMPLE_JSON_CONTENT_TYPE = "application/vnd.pypi.simple.v1+json";
/** PEP 691 HTML media type of the simple API (served like text/html). */
export const SIMPLE_HTML_CONTENT_TYPE = "application/vnd.pypi.simple.v1+html";

const OFFERS: ReadonlyArray<{ type: string; format: "json" | "html" }> = [
  { type: SIMPLE_JSON_CONTENT_TYPE, format: "json" },
  { type: "application/vnd.pypi.simple.latest+json", format: "json" },
  { type: SIMPLE_HTML_CONTENT_TYPE, format: "html" },
  { type: "application/vnd.pypi.simple.latest+html", format: "html" },
  { type: "text/html", format: "html" },
];

interface MediaRange {
  type: string;
  subtype: string;
  q: number;
}

function parseAccept(accept: string): MediaRange[] {
  const ranges: MediaRange[] = [];
  for (const item of accept.split(",")) {
    const [media = "", ...params] = item.split(";").map((s) => s.trim().toLowerCase());
    const [type, subtype] = media.split("/");
    if (!type || !subtype) continue;
    let q = 1;
    for (const param of params) {
      const [key, value] = param.split("=").map((s) => s.trim());
      if (key === "q") q = /^(0(\.\d{0,3})?|1(\.0{0,3})?)$/.test(value ?? "") ? Number(value) : 0;
    }
    ranges.push({ type, subtype, q });
  }
  return ranges;
}

/** q and specificity (3 exact, 2 type/*, 1 *\/*) of the most specific range matching `offer`. */
function matchOffer(offer: string, ranges: readonly MediaRange[]): { q: number; specificity: number } {
  const [type, subtype] = offer.split("/");
  let best = { q: 0, specificity: 0 };
  for (const range of ranges) {
    let specificity = 0;
    if (range.type === type && range.subtype === subtype) specificity = 3;
    else if (range.type === type && range.subtype === "*") specificity = 2;
    else if (range.type === "*" && range.subtype === "*") specificity = 1;
    if (specificity > best.specificity) best = { q: range.q, specificity };
  }
  return best;
}

/**
 * Picks the simple API format from an Accept header (PEP 691, with q-values).
 * The best q wins, then the more specific match; ties, a missing header, `*\/*` and unacceptable
 * headers give HTML, the format every installer understands.
 * @example chooseSimpleFormat("application/vnd.pypi.simple.v1+json, text/html;q=0.01") // "json"
 */
export function chooseSimpleFormat(accept: string | undefined): "json" | "html" {
  if (accept === undefined || accept.trim() === "") return "html";
  const ranges = parseAccept(accept);
  const best = { json: { q: 0, specificity: 0 }, html: { q: 0, specificity: 0 } };
  for (const offer of OFFERS) {
    const match = matchOffer(offer.type, ranges);
    const current = best[offer.format];
    if (match.q > current.q || (match.q === current.q && match.specificity > current.specificity)) {
      best[offer.format] = match;
    }
  }
  const { json, html } = best;
  if (json.q > html.q || (json.q === html.q && json.q > 0 && json.specificity > html.specificity)) return "json";
  return "html";
}
