import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const TYPES: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.mjs': 'text/javascript; charset=utf-8',
	'.json': 'application/json; charset=utf-8',
	'.xml': 'application/xml; charset=utf-8',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.ico': 'image/x-icon',
	'.wasm': 'application/wasm',
	'.txt': 'text/plain; charset=utf-8',
	'.webmanifest': 'application/manifest+json',
};

/** A running static server and its origin (`http://127.0.0.1:PORT`). */
export interface StaticServer {
	origin: string;
	close: () => Promise<void>;
}

/**
 * Serves a built folder the way a plain static host does: `/a/` → `a/index.html`, the site's `404.html`
 * for anything missing, everything under `base`. `onRequest` hears every address asked for.
 */
export async function serveStatic(root: string, base = '/', onRequest?: (pathname: string) => void): Promise<StaticServer> {
	const server: Server = createServer((request, response) => {
		const url = new URL(request.url ?? '/', 'http://localhost');
		onRequest?.(url.pathname);
		let pathname = decodeURIComponent(url.pathname);
		if (!pathname.startsWith(base)) pathname = '/__missing__';
		let file = path.join(root, pathname.slice(base.length - 1));
		if (!file.startsWith(root)) file = path.join(root, '__missing__');
		if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
		let status = 200;
		if (!existsSync(file)) {
			status = 404;
			file = path.join(root, '404.html');
		}
		response.writeHead(status, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
		if (existsSync(file)) createReadStream(file).pipe(response);
		else response.end('not found');
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		origin: `http://127.0.0.1:${port}`,
		close: () => new Promise((resolve) => server.close(() => resolve())),
	};
}
