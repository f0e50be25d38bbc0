// One joined `realtime:<topic>` channel of a socket, as RealtimeWeb.RealtimeChannel runs it:
// the join (token, private-channel read policies, replay, postgres_changes), client broadcasts
// and presence, access_token refreshes, the token timer, and the system message + phx_close
// that end a channel the server shuts down.
import type { JwtClaims } from '../../keys/jwt.ts';
import { AuthorizationError, noPolicies, readPolicies, writePolicies } from '../authorize.ts';
import type { AuthContext, Extension, Policies } from '../authorize.ts';
import { joinErrors, shutdownMessages } from '../errors.ts';
import type { JoinError } from '../errors.ts';
import { tenantTopic } from '../hub.ts';
import type { HubMessage, Subscriber } from '../hub.ts';
import { bindingId } from '../postgres-changes/subscriptions.ts';
import type { ChangeSubscriber } from '../postgres-changes/subscriptions.ts';
import {
	encodePush,
	encodeReply,
	encodeUserBroadcastBinary,
	isUserBroadcastPush
} from '../protocol/frames.ts';
import type { Encoded, Frame, Vsn } from '../protocol/frames.ts';
import type { Realtime } from '../runtime.ts';
import { sleep } from '../runtime.ts';
import { checkToken } from '../tokens.ts';
import type { TokenFailure } from '../tokens.ts';
import { parseJoinPayload } from './join-payload.ts';
import { replayMessages } from './replay.ts';

const CONFIRM_TOKEN_MS = 5 * 60_000;

/** What a channel needs from its socket. */
export interface ChannelSocket {
	readonly vsn: Vsn;
	/** The connection's token (the apikey's JWT): channels without their own use it. */
	readonly token: string;
	readonly headers: Record<string, string>;
	send(frame: Encoded): void;
	/** Channels joined on this socket besides `except`. */
	channelCount(except: Channel): number;
	/** Forgets the channel (it closed). */
	detach(channel: Channel): void;
}

type Map_ = Record<string, unknown>;
const isMap = (value: unknown): value is Map_ =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

function deepEqual(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (Array.isArray(a) && Array.isArray(b))
		return a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
	if (isMap(a) && isMap(b)) {
		const keys = Object.keys(a);
		return (
			keys.length === Object.keys(b).length && keys.every((k) => k in b && deepEqual(a[k], b[k]))
		);
	}
	return false;
}

class JoinRefused extends Error {
	error: JoinError;
	constructor(error: JoinError) {
		super(error.reason);
		this.error = error;
	}
}

export class Channel implements Subscriber, ChangeSubscriber {
	readonly id: number;
	readonly topic: string;
	readonly subTopic: string;
	private realtime: Realtime;
	private socket: ChannelSocket;
	joinRef: string | null = null;
	state: 'joining' | 'joined' | 'closed' = 'joining';

	private isPrivate = false;
	private ack = false;
	private selfBroadcast = false;
	private presenceEnabled = false;
	private presenceKey = '';
	private tenantTopic = '';
	private token = '';
	private currentClaims: JwtClaims = {};
	private policies: Policies | null = null;
	private replayed = new Set<string>();
	private trackedPayload: Map_ | null = null;
	private presenceWindow = { count: 0, resetAt: 0 };
	private confirmTimer: NodeJS.Timeout | null = null;

	constructor(realtime: Realtime, socket: ChannelSocket, topic: string) {
		this.realtime = realtime;
		this.socket = socket;
		this.id = realtime.nextId();
		this.topic = topic;
		this.subTopic = topic.slice('realtime:'.length);
	}

	get vsn(): Vsn {
		return this.socket.vsn;
	}

	send(frame: Encoded): void {
		if (this.state !== 'closed') this.socket.send(frame);
	}

	canReadBroadcast(): boolean {
		return !this.isPrivate || this.policies?.broadcast.read === true;
	}

	canReadPresence(): boolean {
		return !this.isPrivate || this.policies?.presence.read === true;
	}

	alreadyReplayed(messageId: string): boolean {
		return this.replayed.has(messageId);
	}

	claims(): JwtClaims {
		return this.currentClaims;
	}

	private reply(frame: Frame, status: 'ok' | 'error', response: unknown = {}) {
		this.socket.send(
			encodeReply(this.vsn, {
				joinRef: this.joinRef,
				ref: frame.ref,
				topic: this.topic,
				status,
				response
			})
		);
	}

	private push(event: string, payload: unknown) {
		this.send(
			encodePush(this.vsn, {
				joinRef: this.joinRef,
				topic: this.topic,
				event,
				payloadJson: JSON.stringify(payload)
			})
		);
	}

	private authContext(): AuthContext {
		return { topic: this.subTopic, claims: this.currentClaims, headers: this.socket.headers };
	}

	// ---------------------------------------------------------------------------------------
	// join

	async join(frame: Frame): Promise<void> {
		this.joinRef = frame.joinRef ?? frame.ref;
		try {
			await this.tryJoin(frame);
		} catch (error) {
			const refusal =
				error instanceof JoinRefused
					? error.error
					: (this.realtime.context.log(
							`[realtime] join ${this.topic}: ${(error as Error).stack ?? error}`
						),
						joinErrors.unknown());
			this.close();
			// Upstream sleeps before every refusal, which slows reconnect storms down.
			await sleep(this.realtime.options.channelErrorBackoffMs);
			this.socket.send(
				encodeReply(this.vsn, {
					joinRef: this.joinRef,
					ref: frame.ref,
					topic: this.topic,
					status: 'error',
					response: refusal
				})
			);
		}
	}

	private async tryJoin(frame: Frame): Promise<void> {
		if (this.subTopic === '') throw new JoinRefused(joinErrors.topicNameRequired());
		const config = parseJoinPayload(frame.payload);
		this.isPrivate = config.private;
		this.ack = config.ack;
		this.selfBroadcast = config.self;
		this.presenceEnabled = config.presenceEnabled;
		this.presenceKey = config.presenceKey;
		this.token = config.accessToken ?? this.socket.token;
		this.tenantTopic = tenantTopic(this.subTopic, this.isPrivate);

		if (this.realtime.stopping) throw new JoinRefused(joinErrors.restarting());
		if (this.socket.channelCount(this) >= this.realtime.options.maxChannelsPerClient)
			throw new JoinRefused(joinErrors.tooManyChannels());
		const delay = this.confirmToken();
		if (typeof delay !== 'number') throw new JoinRefused(joinErrors.token(delay));

		if (this.isPrivate) {
			const extensions: Extension[] = this.presenceEnabled
				? ['broadcast', 'presence']
				: ['broadcast'];
			this.policies = await this.read(extensions, noPolicies());
			if (!this.policies.broadcast.read && !this.policies.presence.read)
				throw new JoinRefused(joinErrors.unauthorizedRead(this.subTopic));
		}

		let replay: Awaited<ReturnType<typeof replayMessages>> = [];
		if (config.replay) {
			if (this.isPrivate && this.policies?.broadcast.read === false)
				throw new JoinRefused(joinErrors.unauthorizedRead(this.subTopic));
			if (!this.isPrivate) throw new JoinRefused(joinErrors.replayOnPublicChannel());
			const { since, limit } = config.replay;
			const max = limit === undefined || limit === null || limit === false ? 25 : limit;
			if (!Number.isInteger(since) || !Number.isInteger(max))
				throw new JoinRefused(joinErrors.invalidReplayParams());
			try {
				replay = await replayMessages(
					this.realtime.pool,
					this.subTopic,
					since as number,
					max as number
				);
			} catch (error) {
				this.realtime.context.log(`[realtime] replay ${this.topic}: ${(error as Error).message}`);
				throw new JoinRefused(joinErrors.replayFailed());
			}
			for (const message of replay) this.replayed.add(message.id);
		}

		const changes = config.postgresChanges.map((params) => ({ id: bindingId(params), params }));
		// The socket went away while the checks ran.
		if (this.state === 'closed') return;
		this.state = 'joined';
		this.realtime.hub.subscribe(this.tenantTopic, this);
		this.scheduleConfirm(delay);
		this.reply(frame, 'ok', {
			postgres_changes: changes.map(({ id, params }) => ({ ...params, id }))
		});

		for (const message of replay) {
			const meta = { replayed: true, id: message.id };
			if (message.encoding === 'binary') {
				// vsn 1.0.0 sockets cannot carry binary payloads: upstream skips those.
				if (this.vsn === '2.0.0')
					this.send(
						encodeUserBroadcastBinary({
							topic: this.topic,
							userEvent: message.event,
							encoding: 'binary',
							payload: message.payload,
							meta
						})
					);
			} else {
				this.send(
					encodePush(this.vsn, {
						joinRef: this.joinRef,
						topic: this.topic,
						event: 'broadcast',
						payloadJson: `{"payload":${message.payload.toString('utf8')},"event":${JSON.stringify(message.event)},"type":"broadcast","meta":${JSON.stringify(meta)}}`
					})
				);
			}
		}
		if (this.presenceEnabled && this.canReadPresence())
			this.push('presence_state', this.realtime.hub.presenceState(this.tenantTopic));
		if (changes.length > 0) void this.subscribeChanges(changes);
	}

	/** Runs a read check, turning database failures into upstream's join refusals. */
	private async read(extensions: Extension[], current: Policies): Promise<Policies> {
		try {
			return await readPolicies(this.realtime.pool, this.authContext(), extensions, current);
		} catch (error) {
			if (!(error instanceof AuthorizationError)) throw error;
			this.realtime.context.log(`[realtime] ${this.topic}: ${error.message}`);
			switch (error.failure) {
				case 'rls_policy_error':
					throw new JoinRefused(joinErrors.unauthorizedRead(this.subTopic));
				case 'missing_partition':
					throw new JoinRefused(joinErrors.missingPartition());
				case 'query_canceled':
					throw new JoinRefused({ reason: `QueryCanceled: ${(error.cause as Error).message}` });
				default:
					throw new JoinRefused(joinErrors.databaseUnavailable());
			}
		}
	}

	private async subscribeChanges(changes: { id: number; params: Map_ }[]) {
		let result: { ok: boolean; message: string };
		try {
			result = await this.realtime.subscriptions.subscribe(this, changes);
		} catch (error) {
			this.realtime.context.log(
				`[realtime] postgres_changes ${this.topic}: ${(error as Error).stack}`
			);
			result = { ok: false, message: 'Realtime was unable to connect to the project database' };
		}
		if (this.state !== 'joined') {
			this.realtime.subscriptions.unsubscribe(this);
			return;
		}
		this.push('system', {
			extension: 'postgres_changes',
			status: result.ok ? 'ok' : 'error',
			message: result.message,
			channel: this.subTopic
		});
	}

	// ---------------------------------------------------------------------------------------
	// token

	/** Checks the channel's token; returns the delay of the next check, or why it failed. */
	private confirmToken(): number | TokenFailure {
		const check = checkToken(this.token, this.realtime.context.keys);
		if (!check.ok) return check.failure;
		const diff = (check.claims.exp as number) - Math.floor(Date.now() / 1000);
		if (diff <= 0) return { kind: 'invalid_exp', diff };
		this.currentClaims = check.claims;
		return Math.min(CONFIRM_TOKEN_MS, diff * 1000);
	}

	private scheduleConfirm(delay: number) {
		if (this.confirmTimer) clearTimeout(this.confirmTimer);
		this.confirmTimer = setTimeout(() => {
			const next = this.confirmToken();
			if (typeof next === 'number') this.scheduleConfirm(next);
			else this.shutdown(shutdownMessages.token(next));
		}, delay);
		this.confirmTimer.unref();
	}

	// ---------------------------------------------------------------------------------------
	// events from the client

	async handle(frame: Frame): Promise<void> {
		if (this.state !== 'joined') return;
		switch (frame.event) {
			case 'phx_leave':
				this.leave(frame);
				return;
			case 'broadcast':
				await this.broadcast(frame);
				return;
			case 'presence':
				await this.presence(frame);
				return;
			case 'access_token':
				await this.accessToken(frame);
				return;
			default:
				// Upstream logs "Unexpected message from client" and does nothing else.
				return;
		}
	}

	private async broadcast(frame: Frame) {
		if (this.isPrivate) {
			const policies = this.policies ?? noPolicies();
			if (policies.broadcast.write === null) {
				try {
					this.policies = await writePolicies(
						this.realtime.pool,
						this.authContext(),
						['broadcast', 'presence'],
						policies
					);
				} catch (error) {
					this.realtime.context.log(`[realtime] ${this.topic}: ${(error as Error).message}`);
					return;
				}
			}
			// Not allowed to write: the message is dropped without a reply, even with ack.
			if (this.policies?.broadcast.write !== true) return;
		}
		const payload = frame.payload;
		const message: HubMessage = isUserBroadcastPush(payload)
			? {
					kind: 'user',
					message: {
						userEvent: payload.userEvent,
						encoding: payload.encoding,
						payload: payload.payload,
						meta: null
					}
				}
			: { kind: 'json', event: 'broadcast', payloadJson: JSON.stringify(payload ?? null) };
		this.realtime.hub.broadcast(this.tenantTopic, message, this.selfBroadcast ? undefined : this);
		if (this.ack) this.reply(frame, 'ok');
	}

	private async presence(frame: Frame) {
		const payload = isMap(frame.payload) ? frame.payload : {};
		if (typeof payload.event !== 'string') {
			this.reply(frame, 'ok');
			return;
		}
		const now = Date.now();
		const window = this.presenceWindow;
		if (now > window.resetAt) {
			window.count = 1;
			window.resetAt = now + this.realtime.options.presenceWindowMs;
		} else if (window.count >= this.realtime.options.presenceMaxCalls) {
			this.shutdown('Client presence rate limit exceeded');
			return;
		} else {
			window.count++;
		}
		const presence = this.realtime.hub.presence(this.tenantTopic);
		switch (payload.event.toLowerCase()) {
			case 'track': {
				if (this.isPrivate && (this.policies?.presence.write ?? null) === null) {
					try {
						let policies = this.policies ?? noPolicies();
						if (policies.presence.read === null)
							policies = await readPolicies(
								this.realtime.pool,
								this.authContext(),
								['broadcast', 'presence'],
								policies
							);
						this.policies = await writePolicies(
							this.realtime.pool,
							this.authContext(),
							['broadcast', 'presence'],
							policies
						);
					} catch (error) {
						this.realtime.context.log(`[realtime] ${this.topic}: ${(error as Error).message}`);
						this.reply(frame, 'error');
						return;
					}
				}
				if (this.isPrivate && this.policies?.presence.write !== true) {
					this.reply(frame, 'error');
					return;
				}
				const tracked = 'payload' in payload ? payload.payload : {};
				if (!isMap(tracked)) {
					this.reply(frame, 'error', { reason: 'Presence track payload must be a map' });
					return;
				}
				this.presenceEnabled = true;
				if (this.trackedPayload && deepEqual(this.trackedPayload, tracked)) {
					this.reply(frame, 'ok');
					return;
				}
				this.trackedPayload = tracked;
				const diff = presence.track(this.id, this.presenceKey, tracked);
				this.reply(frame, 'ok');
				this.realtime.hub.presenceDiff(this.tenantTopic, diff);
				return;
			}
			case 'untrack': {
				this.trackedPayload = null;
				const diff = presence.untrack(this.id, this.presenceKey);
				this.reply(frame, 'ok');
				if (diff) this.realtime.hub.presenceDiff(this.tenantTopic, diff);
				return;
			}
			default:
				this.reply(frame, 'error');
		}
	}

	private async accessToken(frame: Frame) {
		if (!isMap(frame.payload) || !('access_token' in frame.payload)) return;
		const token = frame.payload.access_token;
		if (token === null || token === undefined) return;
		if (typeof token !== 'string' || token.startsWith('sb_') || token === this.token) return;
		// The previous verdicts keep applying until the new ones are in: deliveries do not pause.
		const previous = this.policies;
		this.token = token;
		const delay = this.confirmToken();
		if (typeof delay !== 'number') {
			this.shutdown(shutdownMessages.token(delay));
			return;
		}
		if (this.isPrivate) {
			try {
				const extensions: Extension[] = this.presenceEnabled
					? ['broadcast', 'presence']
					: ['broadcast'];
				const fresh = await readPolicies(this.realtime.pool, this.authContext(), extensions);
				if (this.state !== 'joined') return;
				this.policies = fresh;
			} catch (error) {
				this.realtime.context.log(`[realtime] ${this.topic}: ${(error as Error).message}`);
				const failure = error instanceof AuthorizationError ? error.failure : 'database';
				this.shutdown(
					failure === 'rls_policy_error'
						? shutdownMessages.unauthorizedRead(this.subTopic)
						: failure === 'query_canceled'
							? 'Query was cancelled, please try again'
							: shutdownMessages.databaseUnavailable()
				);
				return;
			}
			if (!this.policies.broadcast.read && !this.policies.presence.read) {
				this.shutdown(shutdownMessages.unauthorizedRead(this.subTopic));
				return;
			}
			const revoked = (before: boolean | null | undefined, after: boolean | null) =>
				before === true && after === false;
			if (
				previous &&
				(revoked(previous.broadcast.read, this.policies.broadcast.read) ||
					revoked(previous.presence.read, this.policies.presence.read))
			) {
				this.shutdown(shutdownMessages.readRevoked(this.subTopic));
				return;
			}
		}
		this.scheduleConfirm(delay);
	}

	// ---------------------------------------------------------------------------------------
	// ending

	/** phx_leave: reply ok, then phx_close. */
	leave(frame: Frame) {
		this.reply(frame, 'ok');
		this.sendClose();
		this.close();
	}

	/** The server ends the channel: a system error message, then phx_close (shutdown_response). */
	shutdown(message: string) {
		if (this.state === 'closed') return;
		this.push('system', { extension: 'system', status: 'error', message, channel: this.subTopic });
		this.sendClose();
		this.close();
	}

	/** phx_close as Phoenix encodes it: ref = join_ref, empty payload. */
	sendClose() {
		if (this.state === 'closed') return;
		this.socket.send(
			encodePush(this.vsn, {
				joinRef: this.joinRef,
				ref: this.joinRef,
				topic: this.topic,
				event: 'phx_close',
				payloadJson: '{}'
			})
		);
	}

	/** Releases everything (also when the socket died): presence leaves, subscriptions, timers. */
	close() {
		if (this.state === 'closed') return;
		const wasJoined = this.state === 'joined';
		this.state = 'closed';
		if (this.confirmTimer) clearTimeout(this.confirmTimer);
		this.socket.detach(this);
		if (!wasJoined) return;
		this.realtime.hub.unsubscribe(this.tenantTopic, this);
		this.realtime.subscriptions.unsubscribe(this);
		const diff = this.realtime.hub.untrackAll(this.tenantTopic, this.id);
		if (diff) this.realtime.hub.presenceDiff(this.tenantTopic, diff);
	}
}
