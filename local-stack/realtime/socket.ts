// One websocket as Phoenix.Socket serves it: frames decoded for the negotiated vsn and handled
// one after another (a join holds the socket until it answers, as upstream's blocking join),
// heartbeats on `phoenix`, `unmatched topic` for unknown ones, a duplicate join closing the old
// channel, every channel released when the connection goes away or stays silent too long.
import type { RawData, WebSocket } from 'ws';
import { Channel } from './channels/channel.ts';
import type { ChannelSocket } from './channels/channel.ts';
import {
	decodeBinary,
	decodeText,
	encodePush,
	encodeReply,
	FrameError
} from './protocol/frames.ts';
import type { Encoded, Frame, Vsn } from './protocol/frames.ts';
import type { Realtime } from './runtime.ts';

export class RealtimeSocket implements ChannelSocket {
	readonly vsn: Vsn;
	readonly token: string;
	readonly headers: Record<string, string>;
	private ws: WebSocket;
	private realtime: Realtime;
	private channels = new Map<string, Channel>();
	private queue: Promise<void> = Promise.resolve();
	private idleTimer: NodeJS.Timeout | null = null;
	private closed = false;

	constructor(
		realtime: Realtime,
		ws: WebSocket,
		options: { vsn: Vsn; token: string; headers: Record<string, string> }
	) {
		this.realtime = realtime;
		this.ws = ws;
		this.vsn = options.vsn;
		this.token = options.token;
		this.headers = options.headers;
		ws.on('message', (data, isBinary) => this.receive(data, isBinary));
		ws.on('close', () => this.dispose());
		ws.on('error', () => this.dispose());
		this.touch();
	}

	send(frame: Encoded): void {
		if (this.closed || this.ws.readyState !== this.ws.OPEN) return;
		this.ws.send(frame, { binary: typeof frame !== 'string' });
	}

	channelCount(except: Channel): number {
		let count = 0;
		for (const channel of this.channels.values()) if (channel !== except) count++;
		return count;
	}

	detach(channel: Channel): void {
		if (this.channels.get(channel.topic) === channel) this.channels.delete(channel.topic);
	}

	/** Ends the connection (stack stopping, idle): the channels go with it. */
	terminate(code = 1001, reason = 'going away'): void {
		if (this.closed) return;
		this.ws.close(code, reason);
		this.dispose();
	}

	private touch() {
		if (this.idleTimer) clearTimeout(this.idleTimer);
		this.idleTimer = setTimeout(
			() => this.terminate(1000, 'idle'),
			this.realtime.options.idleTimeoutMs
		);
		this.idleTimer.unref();
	}

	private receive(data: RawData, isBinary: boolean) {
		this.touch();
		let frame: Frame;
		try {
			const buffer = Buffer.isBuffer(data)
				? data
				: Array.isArray(data)
					? Buffer.concat(data)
					: Buffer.from(data);
			frame = isBinary
				? this.vsn === '2.0.0'
					? decodeBinary(buffer)
					: (() => {
							throw new FrameError('binary frames need vsn 2.0.0');
						})()
				: decodeText(buffer.toString('utf8'), this.vsn);
		} catch (error) {
			// Phoenix's serializer raises on a frame it cannot read, which ends the connection.
			if (error instanceof FrameError) {
				this.realtime.context.log(
					`[realtime] closing a socket that sent an invalid frame: ${error.message}`
				);
				this.terminate(1011, 'invalid frame');
				return;
			}
			throw error;
		}
		this.queue = this.queue
			.then(() => this.handle(frame))
			.catch((error) =>
				this.realtime.context.log(
					`[realtime] ${frame.topic} ${frame.event}: ${(error as Error).stack ?? error}`
				)
			);
	}

	private reply(frame: Frame, status: 'ok' | 'error', response: unknown) {
		this.send(
			encodeReply(this.vsn, {
				joinRef: frame.joinRef,
				ref: frame.ref,
				topic: frame.topic,
				status,
				response
			})
		);
	}

	private async handle(frame: Frame): Promise<void> {
		if (this.closed) return;
		if (frame.topic === 'phoenix' && frame.event === 'heartbeat') {
			this.reply({ ...frame, joinRef: null }, 'ok', {});
			return;
		}
		const existing = this.channels.get(frame.topic);
		if (frame.event === 'phx_join') {
			if (!frame.topic.startsWith('realtime:')) {
				this.reply(frame, 'error', { reason: 'unmatched topic' });
				return;
			}
			if (existing) {
				// Phoenix: "duplicate channel join", the old channel is closed for the new one.
				existing.sendClose();
				existing.close();
			}
			const channel = new Channel(this.realtime, this, frame.topic);
			this.channels.set(frame.topic, channel);
			await channel.join(frame);
			return;
		}
		if (!existing) {
			if (frame.event === 'phx_leave') this.reply(frame, 'ok', {});
			else this.reply(frame, 'error', { reason: 'unmatched topic' });
			return;
		}
		try {
			await existing.handle(frame);
		} catch (error) {
			// A crashed channel: Phoenix sends phx_error (ref = join_ref) and the client rejoins.
			this.realtime.context.log(
				`[realtime] ${frame.topic} ${frame.event}: ${(error as Error).stack ?? error}`
			);
			this.send(
				encodePush(this.vsn, {
					joinRef: existing.joinRef,
					ref: existing.joinRef,
					topic: existing.topic,
					event: 'phx_error',
					payloadJson: '{}'
				})
			);
			existing.close();
		}
	}

	private dispose() {
		if (this.closed) return;
		this.closed = true;
		if (this.idleTimer) clearTimeout(this.idleTimer);
		for (const channel of [...this.channels.values()]) channel.close();
		this.channels.clear();
	}
}
