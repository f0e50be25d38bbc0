// A logical replication stream over the walsender protocol (what Realtime's
// ReplicationConnection does with Postgrex): a pgoutput slot, START_REPLICATION, transactions
// handed over whole in commit order, standby status sent back so the slot never holds WAL long.
// The slot is permanent for the life of the stack, so a dropped connection resumes without loss.
import type pg from 'pg';
import {
	decodeCopyData,
	decodePgOutput,
	encodeStandbyStatus,
	formatLsn,
	parseLsn
} from './pgoutput.ts';
import type { Lsn, PgOutputMessage, Relation, TupleValue } from './pgoutput.ts';

export type RowChange =
	| { kind: 'insert'; relation: Relation; tuple: TupleValue[] }
	| {
			kind: 'update';
			relation: Relation;
			tuple: TupleValue[];
			old: TupleValue[] | null;
			oldKind: 'K' | 'O' | null;
	  }
	| { kind: 'delete'; relation: Relation; old: TupleValue[]; oldKind: 'K' | 'O' };

export type Transaction = {
	xid: number;
	/** Commit time, ms since the Unix epoch. */
	commitTime: bigint;
	endLsn: Lsn;
	changes: RowChange[];
};

/** What the walsender needs: CopyData back to the server. */
type WireConnection = { sendCopyFromChunk(chunk: Buffer): void };

/**
 * A query the pg client runs like any other, but whose CopyBoth stream it hands to us: the
 * documented Submittable hook (pg-copy-streams works the same way).
 */
class StreamingQuery implements pg.Submittable {
	text: string;
	private onData: (chunk: Buffer) => void;
	private onEnd: (error: Error | null) => void;
	private ended = false;

	constructor(text: string, onData: (chunk: Buffer) => void, onEnd: (error: Error | null) => void) {
		this.text = text;
		this.onData = onData;
		this.onEnd = onEnd;
	}
	submit(connection: pg.Connection) {
		connection.query(this.text);
	}
	handleCopyData(message: { chunk: Buffer }) {
		this.onData(message.chunk);
	}
	handleError(error: Error) {
		this.finish(error);
	}
	handleReadyForQuery() {
		this.finish(null);
	}
	private finish(error: Error | null) {
		if (this.ended) return;
		this.ended = true;
		this.onEnd(error);
	}
	handleCommandComplete() {}
	handleRowDescription() {}
	handleDataRow() {}
	handleEmptyQuery() {}
	handlePortalSuspended() {}
	handleCopyInResponse() {}
}

export type StreamOptions = {
	slot: string;
	/** Publications to stream; those missing when (re)connecting are left out. */
	publications: string[];
	/** A plain connection for slot housekeeping. */
	admin: pg.Pool;
	/** A new walsender connection (`replication: 'database'`). */
	connect(): Promise<pg.Client>;
	onTransaction(transaction: Transaction): void;
	log(line: string): void;
};

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;
const FEEDBACK_MS = 1_000;
const RECONNECT_MS = [100, 500, 1_000, 2_000, 5_000];

export class ReplicationStream {
	private options: StreamOptions;
	private client: pg.Client | null = null;
	private wire: WireConnection | null = null;
	private relations = new Map<number, Relation>();
	private current: Transaction | null = null;
	/** End LSN of the last transaction handed over: resent transactions up to it are skipped. */
	private processed: Lsn = 0n;
	private reported: Lsn = 0n;
	private feedbackTimer: NodeJS.Timeout | null = null;
	private reconnectTimer: NodeJS.Timeout | null = null;
	private attempts = 0;
	private stopping = false;
	private streaming: Promise<void> | null = null;

	constructor(options: StreamOptions) {
		this.options = options;
	}

	/** Creates a fresh slot (a stale one of a killed stack is dropped) and starts streaming. */
	async start(): Promise<void> {
		const { admin, slot } = this.options;
		await admin.query(
			`select pg_terminate_backend(active_pid) from pg_replication_slots
			 where slot_name = $1 and active_pid is not null`,
			[slot]
		);
		await admin.query(
			'select pg_drop_replication_slot(slot_name) from pg_replication_slots where slot_name = $1',
			[slot]
		);
		const client = await this.options.connect();
		try {
			const { rows } = await client.query<{ consistent_point: string }>(
				`CREATE_REPLICATION_SLOT ${quoteIdent(slot)} LOGICAL pgoutput NOEXPORT_SNAPSHOT`
			);
			this.processed = parseLsn(rows[0].consistent_point);
		} catch (error) {
			await client.end().catch(() => undefined);
			throw error;
		}
		try {
			await this.stream(client);
		} catch (error) {
			this.stopping = true;
			if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
			await client.end().catch(() => undefined);
			throw error;
		}
		this.feedbackTimer = setInterval(() => this.sendFeedback(false), FEEDBACK_MS);
		this.feedbackTimer.unref();
	}

	private async stream(client: pg.Client): Promise<void> {
		const { rows } = await this.options.admin.query<{ pubname: string }>(
			'select pubname from pg_publication where pubname = any($1::text[]) order by pubname',
			[this.options.publications]
		);
		const publications = rows.map((row) => quoteIdent(row.pubname)).join(',');
		this.client = client;
		this.relations.clear();
		this.current = null;
		const text = `START_REPLICATION SLOT ${quoteIdent(this.options.slot)} LOGICAL ${formatLsn(this.processed)} (proto_version '1', publication_names '${publications.replaceAll("'", "''")}')`;
		// CopyBothResponse ('W', pg's `replicationStart`) tells the walsender accepted the slot.
		const connection = (client as unknown as { connection: pg.Connection & WireConnection })
			.connection;
		const ready = new Promise<void>((resolve, reject) => {
			connection.once('replicationStart', () => resolve());
			this.streaming = new Promise<void>((done) => {
				client.query(
					new StreamingQuery(
						text,
						(chunk) => {
							this.attempts = 0;
							this.receive(chunk);
						},
						(error) => {
							done();
							reject(error ?? new Error('replication stream ended'));
							this.lost(client, error ?? new Error('replication stream ended'));
						}
					)
				);
			});
		});
		client.once('end', () => this.lost(client, new Error('replication connection closed')));
		await ready;
		this.wire = connection;
	}

	private receive(chunk: Buffer) {
		const frame = decodeCopyData(chunk);
		if (frame.type === 'keepalive') {
			// Between transactions the walsender has sent everything up to its position: confirm
			// it, so WAL of unpublished tables is not kept for the slot.
			if (this.current === null && frame.end > this.processed) this.processed = frame.end;
			if (frame.replyRequested) this.sendFeedback(true);
			return;
		}
		this.handle(decodePgOutput(frame.data));
	}

	private handle(message: PgOutputMessage) {
		switch (message.tag) {
			case 'relation':
				this.relations.set(message.relation.id, message.relation);
				return;
			case 'begin':
				this.current = {
					xid: message.xid,
					commitTime: message.commitTime,
					endLsn: message.finalLsn,
					changes: []
				};
				return;
			case 'insert':
			case 'update':
			case 'delete': {
				const relation = this.relations.get(message.relationId);
				if (!this.current || !relation) return;
				if (message.tag === 'insert')
					this.current.changes.push({ kind: 'insert', relation, tuple: message.tuple });
				else if (message.tag === 'update')
					this.current.changes.push({
						kind: 'update',
						relation,
						tuple: message.tuple,
						old: message.old,
						oldKind: message.oldKind
					});
				else
					this.current.changes.push({
						kind: 'delete',
						relation,
						old: message.old,
						oldKind: message.oldKind
					});
				return;
			}
			case 'commit': {
				const transaction = this.current;
				this.current = null;
				if (!transaction || message.endLsn <= this.processed) return;
				transaction.endLsn = message.endLsn;
				transaction.commitTime = message.commitTime;
				this.processed = message.endLsn;
				if (transaction.changes.length === 0) return;
				try {
					this.options.onTransaction(transaction);
				} catch (error) {
					this.options.log(
						`[realtime] dispatching a transaction failed: ${(error as Error).stack}`
					);
				}
				return;
			}
			default:
				return;
		}
	}

	private sendFeedback(force: boolean) {
		if (!this.wire || (!force && this.reported === this.processed)) return;
		try {
			this.wire.sendCopyFromChunk(encodeStandbyStatus(this.processed));
			this.reported = this.processed;
		} catch {
			// The connection is going away; `lost` reconnects.
		}
	}

	private lost(client: pg.Client, error: Error) {
		if (this.client !== client) return;
		this.client = null;
		this.wire = null;
		client.end().catch(() => undefined);
		if (this.stopping) return;
		const delay = RECONNECT_MS[Math.min(this.attempts, RECONNECT_MS.length - 1)];
		this.attempts++;
		this.options.log(
			`[realtime] replication stream lost (${error.message}); reconnecting in ${delay} ms`
		);
		this.reconnectTimer = setTimeout(() => void this.reconnect(), delay);
	}

	private async reconnect() {
		this.reconnectTimer = null;
		if (this.stopping) return;
		let client: pg.Client;
		try {
			client = await this.options.connect();
		} catch (error) {
			this.lostBeforeStreaming(error as Error);
			return;
		}
		try {
			await this.stream(client);
		} catch (error) {
			await client.end().catch(() => undefined);
			if (this.client === client) this.client = null;
			if (!this.reconnectTimer) this.lostBeforeStreaming(error as Error);
		}
	}

	private lostBeforeStreaming(error: Error) {
		if (this.stopping) return;
		const delay = RECONNECT_MS[Math.min(this.attempts, RECONNECT_MS.length - 1)];
		this.attempts++;
		this.options.log(
			`[realtime] replication reconnect failed (${error.message}); retrying in ${delay} ms`
		);
		this.reconnectTimer = setTimeout(() => void this.reconnect(), delay);
	}

	/** Stops streaming and drops the slot so it holds no WAL while the stack is down. */
	async stop(): Promise<void> {
		this.stopping = true;
		if (this.feedbackTimer) clearInterval(this.feedbackTimer);
		if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
		this.sendFeedback(true);
		const client = this.client;
		this.client = null;
		await client?.end().catch(() => undefined);
		await this.streaming;
		// The walsender leaves a moment after its client: wait for the slot to be released.
		for (let i = 0; i < 40; i++) {
			const dropped = await this.options.admin
				.query(
					`select pg_drop_replication_slot(slot_name) from pg_replication_slots
					 where slot_name = $1 and not active`,
					[this.options.slot]
				)
				.then(
					(result) => result.rowCount === 1,
					() => true
				);
			if (dropped) return;
			const { rowCount } = await this.options.admin
				.query('select 1 from pg_replication_slots where slot_name = $1', [this.options.slot])
				.catch(() => ({ rowCount: 0 }));
			if (!rowCount) return;
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
	}
}
