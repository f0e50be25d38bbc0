// A local stand-in for LiveKit's room service API (Twirp: POST /twirp/livekit.RoomService/<Method>
// with a JSON body), since a real LiveKit server cannot run here. It checks the Authorization
// JWT the way livekit-server does (pkg/service/auth.go, roomservice.go): HS256 signed with the
// secret of the issuing API key, not expired; DeleteRoom/CreateRoom need `roomCreate`, ListRooms
// `roomList`, participant calls `roomAdmin` on that room. Errors are Twirp JSON
// ({ code, msg }) with Twirp's HTTP statuses. Every call is recorded for the tests to assert.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TokenVerifier } from 'livekit-server-sdk';
import type { ClaimGrants } from 'livekit-server-sdk';

export type TwirpCall = {
	method: string;
	body: Record<string, unknown>;
	/** The verified claims of the caller's token, null when it was refused. */
	grants: ClaimGrants | null;
	status: number;
};

export type TwirpFake = {
	/** http://127.0.0.1:<port> (the room service URL). */
	url: string;
	/** ws://127.0.0.1:<port> (the same server as LIVEKIT_URL names it). */
	wsUrl: string;
	calls: TwirpCall[];
	rooms: Set<string>;
	/** Answers the next calls with this Twirp error instead (simulates an outage). */
	failNext(status: number, code: string, times?: number): void;
	stop(): Promise<void>;
};

const TWIRP_STATUS: Record<string, number> = {
	unauthenticated: 401,
	permission_denied: 403,
	not_found: 404,
	bad_route: 404,
	malformed: 400,
	invalid_argument: 400,
	internal: 500,
	unavailable: 503
};

class TwirpFailure extends Error {
	readonly code: string;
	constructor(code: string, message: string) {
		super(message);
		this.code = code;
	}
}

export async function startTwirpFake(options: {
	apiKey: string;
	apiSecret: string;
	rooms?: string[];
}): Promise<TwirpFake> {
	const verifier = new TokenVerifier(options.apiKey, options.apiSecret);
	const rooms = new Set(options.rooms ?? []);
	const calls: TwirpCall[] = [];
	let failures: { status: number; code: string; left: number } | null = null;

	const handlers: Record<
		string,
		(grants: ClaimGrants, body: Record<string, unknown>) => Record<string, unknown>
	> = {
		CreateRoom(grants, body) {
			if (!grants.video?.roomCreate)
				throw new TwirpFailure('unauthenticated', 'permissions denied');
			const name = String(body.name ?? '');
			if (!name) throw new TwirpFailure('invalid_argument', 'room name is required');
			rooms.add(name);
			return { name, sid: `RM_${name}` };
		},
		DeleteRoom(grants, body) {
			if (!grants.video?.roomCreate)
				throw new TwirpFailure('unauthenticated', 'permissions denied');
			const room = String(body.room ?? '');
			if (!rooms.delete(room)) throw new TwirpFailure('not_found', 'room not found');
			return {};
		},
		ListRooms(grants) {
			if (!grants.video?.roomList) throw new TwirpFailure('unauthenticated', 'permissions denied');
			return { rooms: [...rooms].map((name) => ({ name, sid: `RM_${name}` })) };
		},
		ListParticipants(grants, body) {
			requireAdmin(grants, body);
			return { participants: [] };
		},
		RemoveParticipant(grants, body) {
			requireAdmin(grants, body);
			throw new TwirpFailure('not_found', 'participant not found');
		}
	};

	function requireAdmin(grants: ClaimGrants, body: Record<string, unknown>) {
		if (!grants.video?.roomAdmin || grants.video.room !== body.room) {
			throw new TwirpFailure('unauthenticated', 'permissions denied');
		}
	}

	function send(response: ServerResponse, status: number, payload: unknown) {
		response.writeHead(status, { 'content-type': 'application/json' });
		response.end(JSON.stringify(payload));
	}

	async function handle(request: IncomingMessage, response: ServerResponse) {
		const chunks: Buffer[] = [];
		for await (const chunk of request) chunks.push(chunk as Buffer);
		const raw = Buffer.concat(chunks).toString('utf8');
		const match = /^\/twirp\/livekit\.RoomService\/(\w+)$/.exec(request.url ?? '');
		const method = match?.[1] ?? '';
		const call: TwirpCall = { method, body: {}, grants: null, status: 200 };
		calls.push(call);
		const fail = (code: string, message: string) => {
			call.status = TWIRP_STATUS[code] ?? 500;
			send(response, call.status, { code, msg: message });
		};
		if (request.method !== 'POST' || !handlers[method]) {
			return fail('bad_route', `no handler for path ${request.method} ${request.url}`);
		}
		if (!/^application\/json/i.test(request.headers['content-type'] ?? '')) {
			return fail('bad_route', 'unexpected Content-Type');
		}
		try {
			call.body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
		} catch {
			return fail('malformed', 'the json request could not be decoded');
		}
		const header = request.headers.authorization ?? '';
		if (!header.startsWith('Bearer ')) {
			return fail('unauthenticated', 'invalid authorization header. Must start with Bearer ');
		}
		try {
			call.grants = await verifier.verify(header.slice('Bearer '.length));
		} catch (error) {
			return fail('unauthenticated', `invalid token: ${(error as Error).message}`);
		}
		if (failures && failures.left > 0) {
			failures.left -= 1;
			call.status = failures.status;
			return send(response, failures.status, { code: failures.code, msg: 'simulated outage' });
		}
		try {
			send(response, 200, handlers[method](call.grants, call.body));
		} catch (error) {
			if (error instanceof TwirpFailure) return fail(error.code, error.message);
			return fail('internal', (error as Error).message);
		}
	}

	const server = createServer((request, response) => {
		handle(request, response).catch((error: Error) =>
			send(response, 500, { code: 'internal', msg: error.message })
		);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		wsUrl: `ws://127.0.0.1:${port}`,
		calls,
		rooms,
		failNext(status, code, times = 1) {
			failures = { status, code, left: times };
		},
		stop: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			})
	};
}
