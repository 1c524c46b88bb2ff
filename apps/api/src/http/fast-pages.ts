import type { IncomingMessage, ServerResponse } from "node:http";
import { ANONYMOUS_ACTOR, type Actor, type Domain, type RepoReader, type TokenVerifier } from "@gatehouse/domain";
import type { Logger } from "pino";
import { type CachedPage, type PageAnswer, type PageOptions, answerPage } from "../protocols/cached-page.js";
import type { IndexCache } from "../protocols/index-cache.js";
import { pageOptionsOf, projectPageKey } from "../protocols/python/simple-pages.js";
import { TOKEN_EXPIRES_HEADER, expiryWarning } from "../middleware/authenticate.js";
import { REQUEST_ID_HEADER, requestIdOf } from "../middleware/request-id.js";
import { type FastPageRequest, parseFastPageRequest } from "./fast-page-request.js";
import type { Metrics } from "./metrics.js";
import { redactTokens } from "./path-token.js";

/** A node:http request handler. */
export type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

/** What the fast path reads: the same verifier, catalog, page cache, metrics and log as the routes. */
export interface FastPagesDeps {
  domain: Domain;
  verifier: TokenVerifier;
  cache: IndexCache;
  metrics: Metrics;
  logger: Logger;
}

/** A read decision the routes would make again for this viewer and repo until the next change. */
interface KnownReader {
  reader: RepoReader;
  repoId: string;
  options: PageOptions;
  /** False for repos with remote sources: their routes may ask the upstream before answering (unless it was asked within the TTL). */
  servable: boolean;
}

const MAX_READERS = 10_000;
const NO_TOKEN = "";

/** A page answer's headers as the flat [name, value, …] list writeHead takes without enumerating an object. */
const flatHeaders = new WeakMap<PageAnswer, string[]>();
function flatHeadersOf(answer: PageAnswer): string[] {
  let flat = flatHeaders.get(answer);
  if (!flat) {
    flat = Object.entries(answer.headers).flat();
    flatHeaders.set(answer, flat);
  }
  return flat;
}

/**
 * Answers GET/HEAD of project pages already in the IndexCache below the
 * framework: the credential is looked up in the token verifier's cache, the
 * read decision (a RepoReader, exactly what the routes ask the catalog for) is
 * kept per viewer and repo until the next change of any kind, and the answer
 * is the routes' own (`answerPage`: same status, headers and bytes). Anything
 * else — a miss, a token not verified yet, a refusal, a redirect, an odd
 * header — goes to `fallback` (the Hono app), which decides and audits as it
 * always does. A revocation clears the verifier's cache and these decisions
 * on the change bus, so the fast path refuses the token from that moment.
 *
 * @example http.on("request", new FastPages(deps).listener(getRequestListener(app.fetch)))
 */
export class FastPages {
  /** By token id ("" for anonymous), then repo name: no key string is built per request. */
  private readonly readers = new Map<string, Map<string, KnownReader>>();
  private readerCount = 0;
  /** Pages whose render has finished, by the promise the IndexCache holds (dropped with it). */
  private readonly settled = new WeakMap<Promise<CachedPage>, CachedPage>();
  private generation = 0;
  private readonly unsubscribe: () => void;
  private readonly served: Record<200 | 304, () => void>;

  constructor(private readonly deps: FastPagesDeps) {
    this.unsubscribe = deps.domain.bus.subscribe(() => {
      this.generation++;
      this.clearReaders();
    });
    this.served = {
      // The labels the routes would have given these pages (the access log's), so the counts add up.
      200: deps.metrics.counter("gatehouse_http_requests_total", { family: "repo", route: "/:repo/*", method: "GET", status: "2xx" }),
      304: deps.metrics.counter("gatehouse_http_requests_total", { family: "repo", route: "/:repo/*", method: "GET", status: "3xx" }),
    };
  }

  /** A request listener that tries the fast path first. */
  listener(fallback: RequestListener): RequestListener {
    return (req, res) => this.handle(req, res, fallback);
  }

  /** Answers from memory when it can, else hands the request to `fallback`. */
  handle(req: IncomingMessage, res: ServerResponse, fallback: RequestListener): void {
    const start = performance.now();
    const page = parseFastPageRequest(req);
    const actor = page && this.actorOf(page);
    if (!page || !actor) {
      fallback(req, res);
      return;
    }
    const viewer = actor.kind === "token" ? actor.tokenId : NO_TOKEN;
    const known = this.readers.get(viewer)?.get(page.repo);
    if (known) {
      if (!this.answer(known, page, actor, req, res, start)) fallback(req, res);
      return;
    }
    const generation = this.generation;
    this.deps.domain.catalog.reader(actor, page.repo).then(
      (reader) => {
        // A change while deciding (a revocation, a new grant): the routes decide afresh.
        if (generation !== this.generation) {
          fallback(req, res);
          return;
        }
        const decided = knownReader(reader);
        this.remember(viewer, page.repo, decided);
        if (!this.answer(decided, page, actor, req, res, start)) fallback(req, res);
      },
      // Refused or unknown: the routes answer with the error (and audit it).
      () => fallback(req, res),
    );
  }

  /** Stops listening for changes. */
  close(): void {
    this.unsubscribe();
    this.clearReaders();
  }

  private remember(viewer: string, repo: string, decided: KnownReader): void {
    if (this.readerCount >= MAX_READERS) this.clearReaders();
    let byRepo = this.readers.get(viewer);
    if (!byRepo) {
      byRepo = new Map();
      this.readers.set(viewer, byRepo);
    }
    if (!byRepo.has(repo)) this.readerCount++;
    byRepo.set(repo, decided);
  }

  private clearReaders(): void {
    this.readers.clear();
    this.readerCount = 0;
  }

  /** Anonymous, a token the verifier has in its cache, or undefined for a token it must check first. */
  private actorOf(page: FastPageRequest): Actor | undefined {
    return page.token === null ? ANONYMOUS_ACTOR : this.deps.verifier.cachedActor(page.token);
  }

  private answer(known: KnownReader, page: FastPageRequest, actor: Actor, req: IncomingMessage, res: ServerResponse, start: number): boolean {
    if (!(known.servable || known.reader.mirrorsFresh(page.project)) || !known.reader.sees(page.project)) return false;
    const promise = this.deps.cache.peek(known.repoId, projectPageKey("latest", known.reader.viewerKey, page.contentType, page.project));
    if (!promise) return false;
    const cached = this.settled.get(promise);
    if (!cached) {
      // Still rendering (or failed): the routes wait for it; later requests find it settled.
      promise.then(
        (p) => this.settled.set(promise, p),
        () => undefined,
      );
      return false;
    }
    const answer = answerPage(cached, { ifNoneMatch: req.headers["if-none-match"], acceptEncoding: req.headers["accept-encoding"], head: page.head }, known.options);
    // The same request id and expiry warning the routes' middleware adds.
    const requestId = requestIdOf(req.headers["x-request-id"] as string | undefined);
    const headers = [...flatHeadersOf(answer), REQUEST_ID_HEADER, requestId];
    // Only a token with an expiry can be expiring: no clock read for the others.
    const expires = actor.kind === "token" && actor.expiresAt ? expiryWarning(actor, this.deps.domain.now()) : undefined;
    if (expires) headers.push(TOKEN_EXPIRES_HEADER, expires);
    res.writeHead(answer.status, headers);
    res.end(answer.body ?? undefined);
    this.served[answer.status]();
    if (this.deps.logger.isLevelEnabled("info")) this.log(req, answer.status, actor, start, requestId);
    return true;
  }

  /** The line the access log middleware writes for a request. */
  private log(req: IncomingMessage, status: number, actor: Actor, start: number, requestId: string): void {
    this.deps.logger.info({
      method: req.method,
      path: redactTokens(req.url ?? ""),
      status,
      ms: Math.round((performance.now() - start) * 10) / 10,
      actor: actor.kind === "token" ? `${actor.userName} ${actor.display}` : actor.kind,
      address: req.socket.remoteAddress ?? "unknown",
      requestId,
    });
  }
}

function knownReader(reader: RepoReader): KnownReader {
  return { reader, repoId: reader.repo.id, options: pageOptionsOf(reader), servable: reader.sources.every((s) => s.type !== "remote") };
}
