import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type AdvertisedServer, advertiseEndpoint, endpointPathOf, findLocalServer, redactDatabaseUrl } from "../src/lifecycle/index.js";

// The CLI's local mode asks findLocalServer what a data folder holds: a running server to talk to,
// a Postgres server's folder (never to be given an empty embedded database), or nothing.

/** A pid that is certainly not running: a child that has exited. */
const deadPid = spawnSync(process.execPath, ["-e", ""]).pid ?? 999_999;

describe("finding the server of a data folder", () => {
  let dir = "";
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "gh-local-server-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const postgresDomain = { database: { lock: null, target: { kind: "postgres" as const, url: "postgres://gh:s3cret@db.internal:5432/gatehouse?sslpassword=x" } } };

  function advertise(pid: number, socket = join(dir, "gatehouse.sock")): void {
    advertiseEndpoint(postgresDomain, { url: "http://127.0.0.1:4242", socket });
    const path = endpointPathOf(dir);
    const written = JSON.parse(readFileSync(path, "utf8")) as AdvertisedServer;
    writeFileSync(path, JSON.stringify({ ...written, pid }));
  }

  it("a server on Postgres writes its endpoint file, readable by the owner only and without the password", () => {
    advertiseEndpoint(postgresDomain, { url: "http://127.0.0.1:4242", socket: join(dir, "gatehouse.sock") });
    const path = endpointPathOf(dir);
    const text = readFileSync(path, "utf8");
    expect(text).not.toContain("s3cret");
    expect(text).not.toContain("sslpassword");
    expect(JSON.parse(text)).toMatchObject({ pid: process.pid, url: "http://127.0.0.1:4242", database: { kind: "postgres", location: "postgres://gh@db.internal:5432/gatehouse" } });
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it("is the running server while its process lives and its socket exists", () => {
    writeFileSync(join(dir, "gatehouse.sock"), "");
    advertise(process.pid);
    expect(findLocalServer(dir)).toEqual({ kind: "running", pid: process.pid, url: "http://127.0.0.1:4242", socket: join(dir, "gatehouse.sock") });
  });

  it("is the Postgres server's folder once that server is gone (killed: its socket file is left)", () => {
    writeFileSync(join(dir, "gatehouse.sock"), "");
    advertise(deadPid);
    expect(findLocalServer(dir)).toMatchObject({ kind: "postgres-server", location: "postgres://gh@db.internal:5432/gatehouse" });
  });

  it("does not take a live pid without a socket for a server (a reused pid)", () => {
    advertise(process.pid, join(dir, "no-such.sock"));
    expect(findLocalServer(dir).kind).toBe("postgres-server");
  });

  it("is nothing to talk to when the folder has an embedded database, or no endpoint file", () => {
    expect(findLocalServer(dir)).toEqual({ kind: "none" });
    advertise(deadPid);
    mkdirSync(join(dir, "pgdata"));
    expect(findLocalServer(dir)).toEqual({ kind: "none" });
  });

  it("redacts any password of a database URL", () => {
    expect(redactDatabaseUrl("postgresql://u:p@h/d")).toBe("postgresql://u@h/d");
    expect(redactDatabaseUrl("not a url")).toBe("postgres://…");
  });
});
