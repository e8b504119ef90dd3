import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { startTestServer, type TestServer } from '../../server/test/harness.ts';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

export type Site = {
  url: string;
  api: TestServer;
  /** The next `count` answers to requests matching `match` are lost: the server did the work, the phone never hears. */
  dropAnswers: (match: (method: string, url: string) => boolean, count?: number) => void;
  close: () => Promise<void>;
};

/**
 * The H5 build as production serves it: under `/m/` on the API's origin, with a fresh test server
 * (demo data) behind `/api`.
 */
export async function serveMiniapp(distDir: string): Promise<Site> {
  let drop = { match: (_m: string, _u: string) => false, count: 0 };
  const api = await startTestServer({ demo: true, env: { LOGIN_IP_LIMIT: '1000' } });
  const target = new URL(api.url);
  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    if (url.startsWith('/api/')) {
      const upstream = http.request(
        { host: target.hostname, port: target.port, method: req.method, path: url, headers: req.headers },
        (up) => {
          if (drop.count > 0 && drop.match(req.method ?? '', url)) {
            drop.count--;
            up.resume();
            req.socket.destroy();
            return;
          }
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      upstream.on('error', (err) => res.writeHead(502).end(String(err)));
      req.pipe(upstream);
      return;
    }
    const pathname = decodeURIComponent(new URL(url, 'http://x').pathname).replace(/^\/m\//, '/');
    const file = path.join(distDir, path.normalize(pathname));
    const isFile = file.startsWith(distDir) && fs.existsSync(file) && fs.statSync(file).isFile();
    const chosen = isFile ? file : path.join(distDir, 'index.html');
    res.writeHead(200, { 'content-type': types[path.extname(chosen)] ?? 'application/octet-stream' });
    fs.createReadStream(chosen).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    api,
    dropAnswers: (match, count = 1) => {
      drop = { match, count };
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await api.close();
    },
  };
}
