import { connect } from "node:net";

/** How a raw exchange ended: the bytes answered, and whether and when the server closed the connection. */
export interface RawExchange {
  /** Status of the answer, 0 when none came. */
  status: number;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  body: string;
  /** The server closed (or reset) the connection before the deadline. */
  closed: boolean;
  /** Body bytes the client managed to send. */
  sent: number;
  ms: number;
}

/** What to send: the request head, then (optionally) body chunks sent as fast as the socket takes them. */
export interface RawRequest {
  head: string;
  /** Sent at once after the head. */
  first?: string;
  /** Sent after `first`, chunk by chunk, until the server answers or `maxBodyBytes` is sent. */
  chunk?: Buffer;
  /** Wrap each chunk for `Transfer-Encoding: chunked`. */
  chunked?: boolean;
  maxBodyBytes?: number;
  /** Give up after this long (the test then sees `closed: false`). */
  deadlineMs?: number;
}

/**
 * Talks HTTP/1.1 over a plain socket, so a test controls exactly what is
 * declared and sent (a Content-Length of 10^12, a body that never ends) and
 * can tell an answer from a hang, and a closed connection from a kept one.
 *
 * @example
 * const r = await rawExchange(port, { head: "PUT /x HTTP/1.1\r\nHost: a\r\nContent-Length: 1000000000000\r\n\r\n" });
 */
export function rawExchange(port: number, request: RawRequest): Promise<RawExchange> {
  const started = Date.now();
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    const received: Buffer[] = [];
    let sent = 0;
    let answered = false;
    const finish = (closed: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ ...parseAnswer(Buffer.concat(received).toString("latin1")), closed, sent, ms: Date.now() - started });
    };
    const timer = setTimeout(() => finish(false), request.deadlineMs ?? 10_000);
    socket.on("data", (d: Buffer) => {
      received.push(d);
      answered = true;
    });
    // A reset after the answer is a closed connection too (the server did not read the rest).
    socket.on("error", () => undefined);
    socket.on("close", () => finish(true));
    socket.write(request.head);
    if (request.first) socket.write(request.first);
    const { chunk } = request;
    if (!chunk) return;
    const max = request.maxBodyBytes ?? Number.POSITIVE_INFINITY;
    const pump = () => {
      while (!answered && !socket.destroyed && sent < max) {
        const framed = request.chunked ? Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from("\r\n")]) : chunk;
        sent += chunk.length;
        if (!socket.write(framed)) return void socket.once("drain", pump);
      }
    };
    pump();
  });
}

function parseAnswer(text: string): Pick<RawExchange, "status" | "headers" | "body"> {
  const end = text.indexOf("\r\n\r\n");
  if (!text.startsWith("HTTP/") || end < 0) return { status: 0, headers: {}, body: "" };
  const [first = "", ...lines] = text.slice(0, end).split("\r\n");
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(":");
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(first.split(" ")[1]), headers, body: text.slice(end + 4) };
}
