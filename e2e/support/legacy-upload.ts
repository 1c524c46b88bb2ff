import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { request } from "node:http";
import type { BuiltPythonFile } from "./python-packages.js";

/**
 * Uploads one file the way twine does (multipart `POST /<repo>/legacy/`) without blocking the
 * event loop, so a test can run uploads while it polls another node. Returns the status.
 * @example await uploadLegacyFile(a.url, "pyx", token, wheel) // 200
 */
export async function uploadLegacyFile(baseUrl: string, repo: string, token: string, file: BuiltPythonFile): Promise<number> {
  const form = new FormData();
  form.set(":action", "file_upload");
  form.set("sha256_digest", file.sha256);
  form.set("content", new Blob([readFileSync(file.path)]), file.filename);
  const res = await fetch(`${baseUrl}/${repo}/legacy/`, { method: "POST", headers: { authorization: `Bearer ${token}` }, body: form });
  await res.arrayBuffer();
  return res.status;
}

/** An upload still being sent: how far it got, and how it ended (a status, or the socket's error). */
export interface SlowUpload {
  bytesSent(): number;
  ended: Promise<number | Error>;
}

/**
 * Streams a large upload of random bytes slowly (chunk by chunk, with pauses), so a test can act
 * on the server while the upload is in flight — e.g. kill it.
 * @example const up = startSlowUpload(a.url, "pyx", token, "big-1.0-py3-none-any.whl", { totalBytes: 64 << 20 });
 */
export function startSlowUpload(
  baseUrl: string,
  repo: string,
  token: string,
  filename: string,
  options: { totalBytes: number; chunkBytes?: number; pauseMs?: number },
): SlowUpload {
  const chunkBytes = options.chunkBytes ?? 64 * 1024;
  const pauseMs = options.pauseMs ?? 20;
  const boundary = `gh-e2e-${randomBytes(8).toString("hex")}`;
  const url = new URL(`${baseUrl}/${repo}/legacy/`);
  let sent = 0;
  const ended = new Promise<number | Error>((resolve) => {
    const req = request(url, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": `multipart/form-data; boundary=${boundary}` },
    });
    req.on("response", (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", (err) => resolve(err));
    req.write(`--${boundary}\r\ncontent-disposition: form-data; name=":action"\r\n\r\nfile_upload\r\n`);
    req.write(`--${boundary}\r\ncontent-disposition: form-data; name="content"; filename="${filename}"\r\ncontent-type: application/octet-stream\r\n\r\n`);
    const writeNext = () => {
      if (req.destroyed) return;
      if (sent >= options.totalBytes) {
        req.end(`\r\n--${boundary}--\r\n`);
        return;
      }
      const chunk = randomBytes(Math.min(chunkBytes, options.totalBytes - sent));
      sent += chunk.length;
      req.write(chunk);
      setTimeout(writeNext, pauseMs);
    };
    writeNext();
  });
  return { bytesSent: () => sent, ended };
}
