import { Readable } from "node:stream";
import type { ReadableStream as NodeWebStream } from "node:stream/web";
import { type Actor, type DomainContext, type PackageFileInfo, type RepoView, type SourceRow, decideSourceWrite, publishFile } from "@gatehouse/domain";
import type { Context } from "hono";
import type { AppEnv } from "../../app-env.js";
import { ApiError } from "../../http/api-error.js";
import type { ProtocolDeps } from "../protocol-deps.js";
import { readMultipartStream } from "./multipart-stream.js";
import { checkUploadForm } from "./upload-form.js";

// Refusals sent before the body is read close the connection: reading an
// unwanted (possibly huge) body just to answer politely is not worth it.
const CLOSE = { Connection: "close" } as const;

/**
 * `POST /<repo>/legacy/`: twine-compatible upload into the repo's first
 * source. The file part is streamed to `publishFile` (never buffered); the
 * text fields twine sends first are checked against the file, and the
 * digests it sends are verified after staging (even if they arrive late).
 */
export async function uploadLegacy(deps: ProtocolDeps, c: Context<AppEnv>, view: RepoView): Promise<Response> {
  const source = uploadSourceOf(view);
  const actor = c.get("actor");
  await requireUploader(deps.domain, actor, view, source);
  const contentType = c.req.header("content-type") ?? "";
  const body = c.req.raw.body;
  if (!/^multipart\/form-data\s*;/i.test(contentType) || !body) {
    throw new ApiError("BAD_REQUEST", "an upload is a multipart/form-data POST with :action=file_upload and the file in a 'content' part (what twine sends)", CLOSE);
  }
  const form = await readMultipartStream<PackageFileInfo>(
    Readable.fromWeb(body as NodeWebStream<Uint8Array>),
    contentType,
    "content",
    async (file, fields, formRead) => {
      checkUploadForm(fields, file.filename);
      return publishFile(
        deps.domain,
        actor,
        {
          source: source.name,
          filename: file.filename,
          body: fileThenRestOfForm(file.stream, formRead),
          // publishFile reads the digests only once the body is consumed, so
          // digests sent after the file part (unlike twine does) still count.
          get sha256() {
            return fields.get("sha256_digest") || undefined;
          },
          get md5() {
            return fields.get("md5_digest") || undefined;
          },
        },
        { address: c.env?.address ?? null },
      );
    },
    { maxUploadBytes: deps.domain.settings.maxUploadBytes },
  );
  if (!form.outcome) {
    throw new ApiError("INVALID_INPUT", "the form has no 'content' file part: send the package file as 'content' (twine does)", {}, "content");
  }
  if (!form.outcome.ok) throw form.outcome.error;
  return c.json({ file: form.outcome.value }, 200);
}

/** The file's bytes, then a wait for the rest of the form, so a truncated form fails the upload before anything is stored. */
async function* fileThenRestOfForm(stream: Readable, formRead: Promise<void>): AsyncGenerator<Uint8Array> {
  for await (const chunk of stream) yield chunk as Uint8Array;
  await formRead;
}

function uploadSourceOf(view: RepoView): SourceRow {
  const source = view.sources[0];
  const name = view.repo.name;
  if (!source) {
    throw new ApiError("INVALID_INPUT", `repo '${name}' has no source to upload into: subscribe one first (gatehouse subscribe --repo ${name} --source <source>)`, CLOSE, "repo");
  }
  if (source.type !== "local") {
    throw new ApiError("INVALID_INPUT", `repo '${name}' uploads go to its first source '${source.name}', which is a remote (read-only) source: subscribe a local source first`, CLOSE, "repo");
  }
  return source;
}

async function requireUploader(ctx: DomainContext, actor: Actor, view: RepoView, source: SourceRow): Promise<void> {
  const decision = await decideSourceWrite(ctx, actor, source);
  if (decision.allowed) return;
  if (actor.kind === "anonymous") {
    throw new ApiError("UNAUTHENTICATED", `uploading to repo '${view.repo.name}' requires a token: twine upload -u __token__ -p <token>`, {
      ...CLOSE,
      "WWW-Authenticate": `Basic realm="${view.repo.name}"`,
    });
  }
  throw new ApiError(
    "FORBIDDEN",
    `this token may not upload to repo '${view.repo.name}': it needs sources:write with '${source.name}' in its --sources list, pypi:upload, or its user a write grant on the repo (${decision.explanation})`,
    CLOSE,
  );
}
