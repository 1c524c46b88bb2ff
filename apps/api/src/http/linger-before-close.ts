import type { Server } from "node:http";
import type { Socket } from "node:net";

/** How long, and how much, a closing connection is still read so its answer is not lost. */
export interface LingerOptions {
  lingerMs: number;
  maxBytes: number;
}

const DEFAULTS: LingerOptions = { lingerMs: 2000, maxBytes: 64 * 1024 * 1024 };

/**
 * Makes the server close a connection it answered early (a 413 before the
 * body was read) the way nginx's lingering close does: send the answer and a
 * FIN, then keep reading and discarding what the client still sends, for at
 * most `lingerMs` or `maxBytes`, before destroying the socket. Destroyed at
 * once, a socket with unread bytes is reset by the kernel, and a reset makes
 * the client's kernel drop the answer it had not read yet: the client sees a
 * broken connection instead of the refusal (about half the time on loopback).
 *
 * @example
 * lingerBeforeClose(createServer(handler));
 */
export function lingerBeforeClose(server: Server, options: LingerOptions = DEFAULTS): void {
  server.on("connection", (socket: Socket) => {
    const destroyNow = socket.destroySoon.bind(socket);
    // Node closes a connection after a `Connection: close` answer (and after draining) through destroySoon.
    socket.destroySoon = () => {
      if (!socket.writable || socket.readableEnded) return destroyNow();
      socket.end();
      let read = 0;
      const timer = setTimeout(() => socket.destroy(), options.lingerMs);
      timer.unref();
      socket.on("data", (chunk: Buffer) => {
        read += chunk.length;
        if (read > options.maxBytes) socket.destroy();
      });
      socket.once("end", () => socket.destroy());
      socket.once("close", () => clearTimeout(timer));
      socket.resume();
    };
  });
}
