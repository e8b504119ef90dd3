import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { startTestServer, type TestServer } from '../../server/test/harness.ts';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

const proxied = (url: string) => url.startsWith('/api/') || url === '/healthz' || url === '/readyz';

/**
 * The console as production serves it, on one origin: the built `dist/` with SPA fallback, and the API
 * of a fresh test server (demo data) behind `/api`.
 */
export async function serveConsole(
  distDir: string,
): Promise<{ url: string; api: TestServer; close: () => Promise<void> }> {
  const api = await startTestServer({ demo: true });
  const target = new URL(api.url);
  const index = path.join(distDir, 'index.html');

  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    if (proxied(url)) {
      const upstream = http.request(
        { host: target.hostname, port: target.port, method: req.method, path: url, headers: req.headers },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      upstream.on('error', (err) => {
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(String(err));
      });
      req.pipe(upstream);
      return;
    }
    const pathname = decodeURIComponent(new URL(url, 'http://x').pathname);
    const file = path.join(distDir, path.normalize(pathname));
    const isFile = file.startsWith(distDir) && fs.existsSync(file) && fs.statSync(file).isFile();
    const chosen = isFile ? file : index;
    res.writeHead(200, {
      'content-type': types[path.extname(chosen)] ?? 'application/octet-stream',
      'cache-control': isFile && pathname.startsWith('/assets/') ? 'max-age=31536000, immutable' : 'no-cache',
    });
    fs.createReadStream(chosen).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    api,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await api.close();
    },
  };
}
