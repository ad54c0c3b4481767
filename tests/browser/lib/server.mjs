// A static server for dist/ (what trunk built) on 127.0.0.1, for the browser tests and
// the benchmark. With `fakeApi`, it also plays a build backend (/api/health and
// /api/builds) so the build panel's queue → build → artifact flow can be tested without
// cargo-lambda; without it, /api/* is 404, exactly like static hosting.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(fileURLToPath(new URL("../../..", import.meta.url)));
export const DIST = process.env.DEPYLER_DIST || join(ROOT, "dist");

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".zip": "application/zip",
};

function fakeBackend() {
  const builds = new Map();
  let next = 0;
  return async (req, res, path) => {
    const send = (code, body) => {
      res.writeHead(code, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (path === "/api/health") return send(200, { status: "ok" }), true;
    if (path === "/api/builds" && req.method === "POST") {
      let body = "";
      for await (const chunk of req) body += chunk;
      const request = JSON.parse(body);
      if (typeof request.source !== "string" || !request.options) return send(400, { error: "bad request" }), true;
      const id = (++next).toString(16).padStart(16, "0");
      builds.set(id, { polls: 0, request });
      return send(202, { id, status: "queued", position: 1 }), true;
    }
    const m = path.match(/^\/api\/builds\/([0-9a-f]+)$/);
    if (m && builds.has(m[1])) {
      const b = builds.get(m[1]);
      b.polls++;
      if (b.polls < 2) return send(200, { id: m[1], status: "queued", position: 0 }), true;
      if (b.polls < 3) return send(200, { id: m[1], status: "building", log_tail: "   Compiling handler v0.1.0" }), true;
      return send(200, {
        id: m[1], status: "succeeded", artifact_url: `/api/builds/${m[1]}/artifact`,
        sizes: { binary: 3_400_000, zip: 1_300_000 }, duration_ms: 4200,
        log_tail: "   Compiling handler v0.1.0\n    Finished `release` profile",
      }), true;
    }
    return false;
  };
}

/** Starts the server; resolves to {url, close, requests}. */
export async function startServer({ fakeApi = false } = {}) {
  const api = fakeApi ? fakeBackend() : null;
  const requests = [];
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    requests.push(`${req.method} ${path}`);
    try {
      if (path.startsWith("/api/")) {
        if (api && (await api(req, res, path))) return;
        res.writeHead(404, { "content-type": "text/plain" });
        return res.end("not found");
      }
      let file = normalize(join(DIST, path));
      if (!file.startsWith(DIST)) throw new Error("outside dist");
      if (path.endsWith("/") || !(await stat(file).catch(() => null))?.isFile()) file = join(DIST, "index.html");
      const body = await readFile(file);
      res.writeHead(200, { "content-type": TYPES[extname(file)] || "application/octet-stream", "cache-control": "no-store" });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, requests, close: () => new Promise((ok) => server.close(ok)) };
}
