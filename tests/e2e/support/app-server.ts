// The built app (adapter-node's handler) on plain HTTP, as E2E needs it. adapter-node 6 no longer
// reads ORIGIN at run time: without `kit.paths.origin` it takes the protocol from PROTOCOL_HEADER
// and otherwise assumes https, so every form POST from http://127.0.0.1 failed SvelteKit's CSRF
// check (403). This stands in for the TLS-terminating proxy of production and says "http".
import { createServer } from 'node:http';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const PROTOCOL_HEADER = 'x-forwarded-proto';

if (process.env.PROTOCOL_HEADER !== PROTOCOL_HEADER) {
	throw new Error(`app-server.ts must be started with PROTOCOL_HEADER=${PROTOCOL_HEADER}`);
}

type Handler = (
	req: import('node:http').IncomingMessage,
	res: import('node:http').ServerResponse,
	next: () => void
) => void;
const { handler } = (await import(pathToFileURL(join(ROOT, 'build', 'handler.js')).href)) as {
	handler: Handler;
};

const server = createServer((req, res) => {
	req.headers[PROTOCOL_HEADER] = 'http';
	handler(req, res, () => {
		res.statusCode = 404;
		res.end();
	});
});

const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 4173);
server.listen(port, host, () => console.log(`Listening on http://${host}:${port}`));

const stop = () => {
	server.closeIdleConnections();
	server.close(() => process.exit(0));
	setTimeout(() => process.exit(0), 5000).unref();
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
