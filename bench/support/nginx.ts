import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { freePort } from "./free-port.js";

/** A running nginx serving static pages. */
export interface NginxProcess {
  url: string;
  child: ChildProcess;
}

/** What nginx serves: pages by URL path (written as `<path>/index.html`) and which path prefixes need Basic auth. */
export interface NginxSite {
  pages: ReadonlyMap<string, string | Buffer>;
  /** Path prefixes (e.g. `/pyauth/`) behind `auth_basic`. */
  protectedPrefixes: readonly string[];
  /** The one password accepted (login `__token__`). */
  password: string;
  /**
   * How htpasswd stores it: `sha` (`{SHA}`, htpasswd -s: one SHA-1 per request, the cheapest
   * hashed check nginx has) or `apr1` (htpasswd's default MD5-crypt: 1,000 MD5 rounds per request).
   */
  hash: "sha" | "apr1";
  /** nginx worker processes. */
  workers: number;
}

const NGINX = "/usr/sbin/nginx";

/** Throws with the install command when nginx is missing. */
export function requireNginx(): void {
  if (spawnSync(NGINX, ["-v"]).error) throw new Error(`${NGINX} is missing: apt-get install -y nginx-light`);
}

/**
 * Writes the pages as static files under `dir` and starts nginx (foreground, its own config and
 * temp folders) on a free loopback port; resolves once it answers.
 * @example const nginx = await startNginx(join(work, "nginx"), { pages, protectedPrefixes: ["/pyauth/"], password: token, workers: 2 })
 */
export async function startNginx(dir: string, site: NginxSite): Promise<NginxProcess> {
  for (const [path, body] of site.pages) {
    mkdirSync(join(dir, "www", path), { recursive: true });
    writeFileSync(join(dir, "www", path, "index.html"), body);
  }
  const hash =
    site.hash === "apr1"
      ? spawnSync("openssl", ["passwd", "-apr1", site.password], { encoding: "utf8" }).stdout.trim()
      : `{SHA}${createHash("sha1").update(site.password).digest("base64")}`;
  writeFileSync(join(dir, "htpasswd"), `__token__:${hash}\n`);
  const port = await freePort();
  mkdirSync(join(dir, "tmp"), { recursive: true });
  const temp = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((k) => `  ${k}_temp_path ${dir}/tmp/${k};`).join("\n");
  const locations = site.protectedPrefixes.map((p) => `    location ${p} { auth_basic "${p.replace(/\//g, "")}"; auth_basic_user_file ${dir}/htpasswd; }`).join("\n");
  const conf = `${process.getuid?.() === 0 ? "user root;\n" : ""}worker_processes ${site.workers};
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  types { text/html html; }
  keepalive_requests 1000000;
  open_file_cache max=50000 inactive=60s;
${temp}
  server {
    listen 127.0.0.1:${port};
    root ${dir}/www;
    index index.html;
${locations}
  }
}
`;
  writeFileSync(join(dir, "nginx.conf"), conf);
  const child = spawn(NGINX, ["-c", join(dir, "nginx.conf"), "-p", dir], { stdio: "ignore" });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(`${url}/`);
      return { url, child };
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  child.kill("SIGTERM");
  throw new Error(`nginx did not start; see ${dir}/error.log`);
}
