// Reads committed changes from the walsender and routes them: inserts into realtime.messages are
// Broadcast from Database (pushed at once, in commit order, to the topic's readers, payload
// and `meta.id` as ReplicationConnection sends them); other tables feed postgres_changes.
import type pg from 'pg';
import type { Hub } from './hub.ts';
import { tenantTopic } from './hub.ts';
import type { ChangeDispatcher } from './postgres-changes/dispatch.ts';
import { PUBLICATION } from './postgres-changes/subscriptions.ts';
import type { Subscriptions } from './postgres-changes/subscriptions.ts';
import type { RowChange, Transaction } from './replication/stream.ts';
import { ReplicationStream } from './replication/stream.ts';

export const MESSAGES_PUBLICATION = 'supabase_realtime_messages_publication';

export type BroadcastRow = {
	topic: string;
	event: string;
	id: string;
	private: boolean;
	encoding: 'json' | 'binary';
	payload: Buffer;
};

/** The columns ReplicationConnection requires of an inserted message; null when one is missing. */
export function messageRow(change: RowChange): BroadcastRow | null {
	if (change.kind !== 'insert') return null;
	const value = (name: string) => {
		const index = change.relation.columns.findIndex((column) => column.name === name);
		const text = index < 0 ? null : change.tuple[index];
		return typeof text === 'string' ? text : null;
	};
	const [topic, event, id, isPrivate, insertedAt] = [
		'topic',
		'event',
		'id',
		'private',
		'inserted_at'
	].map(value);
	if (topic === null || event === null || id === null || isPrivate === null || insertedAt === null)
		return null;
	const binary = value('binary_payload');
	const json = value('payload');
	if (binary !== null)
		return {
			topic,
			event,
			id,
			private: isPrivate === 't',
			encoding: 'binary',
			payload: Buffer.from(binary.replace(/^\\x/, ''), 'hex')
		};
	if (json === null) return null;
	return {
		topic,
		event,
		id,
		private: isPrivate === 't',
		encoding: 'json',
		payload: Buffer.from(json, 'utf8')
	};
}

const isMessages = (change: RowChange) =>
	change.relation.schema === 'realtime' && change.relation.table === 'messages';

export class DatabaseListener {
	private stream: ReplicationStream;
	private hub: Hub;
	private subscriptions: Subscriptions;
	private dispatcher: ChangeDispatcher;

	constructor(options: {
		admin: pg.Pool;
		connect(): Promise<pg.Client>;
		slot: string;
		hub: Hub;
		subscriptions: Subscriptions;
		dispatcher: ChangeDispatcher;
		log(line: string): void;
	}) {
		this.hub = options.hub;
		this.subscriptions = options.subscriptions;
		this.dispatcher = options.dispatcher;
		this.stream = new ReplicationStream({
			slot: options.slot,
			publications: [PUBLICATION, MESSAGES_PUBLICATION],
			admin: options.admin,
			connect: options.connect,
			onTransaction: (transaction) => this.onTransaction(transaction),
			log: options.log
		});
	}

	start(): Promise<void> {
		return this.stream.start();
	}

	async stop(): Promise<void> {
		await this.stream.stop();
		await this.dispatcher.drain();
	}

	private onTransaction(transaction: Transaction) {
		const others: RowChange[] = [];
		for (const change of transaction.changes) {
			if (!isMessages(change)) {
				others.push(change);
				continue;
			}
			const row = messageRow(change);
			if (!row) continue;
			this.hub.broadcast(tenantTopic(row.topic, row.private), {
				kind: 'user',
				message: {
					userEvent: row.event,
					encoding: row.encoding,
					payload: row.payload,
					meta: { id: row.id }
				},
				id: row.id
			});
		}
		if (others.length > 0 && this.subscriptions.size > 0)
			this.dispatcher.enqueue({ ...transaction, changes: others });
	}
}
