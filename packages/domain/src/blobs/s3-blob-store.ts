import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { rm } from "node:fs/promises";
import { Readable } from "node:stream";
import {
  AbortMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { DomainError } from "../errors/index.js";
import type { BlobStore, ByteRange, StagedBlob, StagingCleanup, StoredBlob } from "./blob-store.js";
import { exactRange } from "./exact-range.js";
import { type BlobInput, checkSha256, stageToFile } from "./stage-to-file.js";
import { type StagingSweepPolicy, sweepStaging } from "./sweep-staging.js";

/** Where an S3BlobStore keeps objects, and how it hands out downloads. */
export interface S3BlobStoreOptions {
  bucket: string;
  /** Empty, or ends with `/`. */
  prefix: string;
  /** Local folder for staging uploads (needed only while a request runs). */
  tmpDir: string;
  /** Answer downloadUrl with presigned GETs valid this long; absent, downloads stream. */
  presignSeconds?: number;
  /** Multipart part size (default: the SDK's, 5 MiB up to 48 GiB); memory per upload is about partSize × 2. */
  partSize?: number;
}

// Two parts in flight. Without a part size the SDK takes S3's smallest, 5 MiB, growing it only
// past 10,000 parts (48 GiB): ~10–15 MiB of buffers per upload whatever the file's size.
const QUEUE_SIZE = 2;

function isNotFound(err: unknown): boolean {
  return err instanceof S3ServiceException && (err.$metadata.httpStatusCode === 404 || err.name === "NotFound" || err.name === "NoSuchKey");
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** A store without the call (s3rver has no ListMultipartUploads): there is nothing to list there. */
function isNotImplemented(err: unknown): boolean {
  return err instanceof S3ServiceException && (err.name === "NotImplemented" || err.$metadata.httpStatusCode === 501);
}

/**
 * Blob storage in an S3-compatible bucket: objects at `<prefix>blobs/<sha256>`.
 *
 * Uploads stage to a local temp file first (hashing while streaming; the inspectors read the
 * package from that path), and `commit` uploads that file under its digest (multipart past one
 * part). The content-addressed key is known only after hashing, so staging locally saves a
 * server-side copy; `commit` returns only after S3 acknowledged the whole object (PutObject or
 * CompleteMultipartUpload) and its size was checked, and only then is the file recorded.
 *
 * @example
 * const store = new S3BlobStore(client, { bucket: "packages", prefix: "gatehouse/", tmpDir: "/tmp/gatehouse" });
 * await store.commit(await store.stage(request.body, { maxBytes: 1 << 30 }));
 */
export class S3BlobStore implements BlobStore {
  constructor(
    private readonly client: S3Client,
    private readonly options: S3BlobStoreOptions,
  ) {}

  /** The object key of a digest (validated, so a digest never names another key). */
  keyOf(sha256: string): string {
    return `${this.options.prefix}blobs/${checkSha256(sha256)}`;
  }

  async stage(input: BlobInput, options: { maxBytes: number }): Promise<StagedBlob> {
    return stageToFile(this.options.tmpDir, input, options);
  }

  async commit(staged: StagedBlob): Promise<void> {
    try {
      // Content-addressed: bytes already there are these bytes, so an upload would only cost time.
      if (await this.stat(staged.sha256)) return;
      const upload = new Upload({
        client: this.client,
        params: { Bucket: this.options.bucket, Key: this.keyOf(staged.sha256), Body: createReadStream(staged.path), ContentLength: staged.size },
        ...(this.options.partSize ? { partSize: this.options.partSize } : {}),
        queueSize: QUEUE_SIZE,
        // A failed multipart upload is aborted, so no orphaned parts are billed.
        leavePartsOnError: false,
      });
      await upload.done();
      const stored = await this.stat(staged.sha256);
      if (stored?.size !== staged.size) {
        throw new DomainError("INTERNAL", `the object store kept ${stored?.size ?? "no"} bytes of ${staged.size} for ${staged.sha256}; retry the upload`);
      }
    } finally {
      await rm(staged.path, { force: true });
    }
  }

  async discard(staged: StagedBlob): Promise<void> {
    await rm(staged.path, { force: true });
  }

  async putBytes(bytes: Uint8Array): Promise<string> {
    // Small (extracted metadata): hashed in memory, put in one request.
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    if (!(await this.stat(sha256))) {
      await this.client.send(new PutObjectCommand({ Bucket: this.options.bucket, Key: this.keyOf(sha256), Body: bytes, ContentLength: bytes.byteLength }));
    }
    return sha256;
  }

  async readBytes(sha256: string): Promise<Buffer> {
    try {
      const res = await this.client.send(new GetObjectCommand({ Bucket: this.options.bucket, Key: this.keyOf(sha256) }));
      if (!res.Body) throw new DomainError("INTERNAL", `the object store sent no body for ${sha256}`);
      return Buffer.from(await res.Body.transformToByteArray());
    } catch (err) {
      if (isNotFound(err)) throw new DomainError("NOT_FOUND", `no stored bytes with sha256 ${sha256}`);
      throw err;
    }
  }

  open(sha256: string, range?: ByteRange): Readable {
    const command = new GetObjectCommand({
      Bucket: this.options.bucket,
      Key: this.keyOf(sha256),
      ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}),
    });
    const client = this.client;
    // Lazy: the request goes out when the stream is first read, and destroying the stream
    // (a client that hung up) ends the generator, whose for-await destroys the response body.
    async function* read(): AsyncGenerator<Uint8Array> {
      const res = await client.send(command);
      if (!(res.Body instanceof Readable)) throw new DomainError("INTERNAL", `the object store sent no stream for ${sha256}`);
      if (range) yield* exactRange(res.Body, res.ContentRange, range);
      else yield* res.Body;
    }
    return Readable.from(read(), { objectMode: false });
  }

  async *list(): AsyncGenerator<StoredBlob> {
    const prefix = `${this.options.prefix}blobs/`;
    let token: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.options.bucket, Prefix: prefix, ...(token ? { ContinuationToken: token } : {}) }));
      for (const object of page.Contents ?? []) {
        const sha256 = object.Key?.slice(prefix.length) ?? "";
        if (SHA256_HEX.test(sha256)) yield { sha256, size: object.Size ?? 0, modifiedAt: object.LastModified ?? new Date(0) };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  async delete(sha256: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.options.bucket, Key: this.keyOf(sha256) }));
  }

  /**
   * Sweeps this node's staging folder, then aborts multipart uploads under this store's prefix
   * begun longer ago than the bound: a node killed while committing leaves its parts stored (and
   * billed) with no owner to finish them. An upload id names no node, so only age tells a dead one
   * from one another node is still sending; the bound is far beyond any live upload's life.
   */
  async cleanStaging(policy: StagingSweepPolicy): Promise<StagingCleanup> {
    const swept = await sweepStaging(this.options.tmpDir, policy);
    let multipartUploads = 0;
    let keyMarker: string | undefined;
    let uploadIdMarker: string | undefined;
    try {
      do {
        const page = await this.client.send(
          new ListMultipartUploadsCommand({
            Bucket: this.options.bucket,
            Prefix: `${this.options.prefix}blobs/`,
            ...(keyMarker ? { KeyMarker: keyMarker } : {}),
            ...(uploadIdMarker ? { UploadIdMarker: uploadIdMarker } : {}),
          }),
        );
        for (const upload of page.Uploads ?? []) {
          const started = upload.Initiated?.getTime() ?? policy.now.getTime();
          if (!upload.Key || !upload.UploadId || policy.now.getTime() - started < policy.staleAfterMs) continue;
          if (!policy.dryRun) await this.client.send(new AbortMultipartUploadCommand({ Bucket: this.options.bucket, Key: upload.Key, UploadId: upload.UploadId }));
          multipartUploads++;
        }
        keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
        uploadIdMarker = page.IsTruncated ? page.NextUploadIdMarker : undefined;
      } while (keyMarker);
    } catch (err) {
      if (!isNotImplemented(err)) throw err;
    }
    return { ...swept, multipartUploads };
  }

  async stat(sha256: string): Promise<{ size: number } | null> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.options.bucket, Key: this.keyOf(sha256) }));
      return { size: head.ContentLength ?? 0 };
    } catch (err) {
      // Only a 404 means absent: a store that cannot be reached must not look like lost files.
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  async downloadUrl(sha256: string, options: { contentType: string }): Promise<string | null> {
    const expiresIn = this.options.presignSeconds;
    if (expiresIn === undefined) return null;
    const command = new GetObjectCommand({ Bucket: this.options.bucket, Key: this.keyOf(sha256), ResponseContentType: options.contentType });
    return getSignedUrl(this.client, command, { expiresIn });
  }

  close(): void {
    this.client.destroy();
  }
}
