// A static file server for the demos, with no dependencies. It serves the
// repository root, so /dist/, /node_modules/idb/ and /examples/ all resolve.
//   node examples/serve.mjs          (PORT and HOST override 8080 and 127.0.0.1)
import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url)).replace(/[\\/]$/, '');

const utf8 = '; charset=utf-8';
export const contentTypes = {
  '.html': 'text/html' + utf8, '.js': 'text/javascript' + utf8, '.mjs': 'text/javascript' + utf8,
  '.css': 'text/css' + utf8, '.json': 'application/json' + utf8, '.map': 'application/json' + utf8,
  '.svg': 'image/svg+xml', '.png': 'image/png',
};

function reply(response, status, headers = {}, body = '') {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers });
  response.end(body);
}

async function handle(request, response, cacheDist) {
  if (request.method !== 'GET' && request.method !== 'HEAD') return reply(response, 405, { allow: 'GET, HEAD' });
  const { pathname } = new URL(request.url, 'http://localhost');
  if (pathname === '/') return reply(response, 302, { location: '/examples/' });
  let file;
  try {
    file = resolve(root, '.' + decodeURIComponent(pathname));
  } catch {
    return reply(response, 400, {}, 'Bad request\n');
  }
  // resolve() has already collapsed any "..": whatever lands outside the root is refused.
  if (file !== root && !file.startsWith(root + sep)) return reply(response, 403, {}, 'Forbidden\n');
  let info = await stat(file).catch(() => null);
  if (info?.isDirectory()) {
    // Collapse leading slashes: "//examples/" would be read as another host.
    if (!pathname.endsWith('/')) return reply(response, 301, { location: pathname.replace(/^\/+/, '/') + '/' });
    file = join(file, 'index.html');
    info = await stat(file).catch(() => null);
  }
  if (!info?.isFile()) return reply(response, 404, {}, 'Not found\n');
  response.writeHead(200, {
    'content-type': contentTypes[extname(file)] ?? 'application/octet-stream',
    'content-length': info.size,
    // Always the freshest build of dist/, unless asked to serve it as a site serves its versioned script.
    'cache-control': cacheDist && file.startsWith(join(root, 'dist') + sep) ? 'max-age=3600' : 'no-store',
    'x-content-type-options': 'nosniff',
  });
  if (request.method === 'HEAD') return response.end();
  createReadStream(file).on('error', () => response.destroy()).pipe(response);
}

/**
 * Starts the server; port 0 picks a free one. Resolves to its origin and a close().
 * `cacheDist` lets the browser keep dist/'s files for an hour, as a site serves its script tag.
 */
export function startServer({ port = 0, host = '127.0.0.1', cacheDist = false } = {}) {
  const server = createServer((request, response) => {
    handle(request, response, cacheDist).catch(() => reply(response, 500, {}, 'Server error\n'));
  });
  return new Promise((resolveStart, rejectStart) => {
    server.once('error', rejectStart);
    server.listen(port, host, () => {
      const shownHost = host.includes(':') ? `[${host}]` : host;
      resolveStart({
        url: `http://${shownHost}:${server.address().port}`,
        close: () => new Promise((done) => { server.close(() => done()); server.closeAllConnections(); }),
      });
    });
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { url } = await startServer({ port: Number(process.env.PORT ?? 8080), host: process.env.HOST ?? '127.0.0.1' });
  const base = url.replace(/127\.0\.0\.1|0\.0\.0\.0|\[::1?\]/, 'localhost');
  console.log(`Attune demo: ${base}/examples/news/ (script tag)  ${base}/examples/shop/ (npm module)`);
  stat(join(root, 'dist', 'attune.min.js')).catch(() => console.log('dist/ is not built yet: run `npm run build` first.'));
  stat(join(root, 'examples', 'news', 'model.bin')).catch(() =>
    console.log('examples/news/model.bin is not built yet: run `npm run build:examples`; the news front page ranks without it.'),
  );
}
