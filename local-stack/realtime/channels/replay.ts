// Broadcast replay on private channels (`config.broadcast.replay = {since, limit}`), as
// Realtime.Messages.replay reads it: the topic's stored private broadcasts inserted since `since`
// (ms epoch), newest `limit` (1..25) first in the query, sent oldest first.
import type pg from 'pg';

export type ReplayedMessage = {
	id: string;
	event: string;
	encoding: 'json' | 'binary';
	payload: Buffer;
};

const HARD_LIMIT = 25;

export async function replayMessages(
	pool: pg.Pool,
	topic: string,
	since: number,
	limit: number
): Promise<ReplayedMessage[]> {
	const bounded = Math.max(Math.min(limit, HARD_LIMIT), 1);
	const { rows } = await pool.query<{
		id: string;
		event: string | null;
		payload: string | null;
		binary_payload: string | null;
	}>(
		`select id::text, event, payload::text as payload, encode(binary_payload, 'hex') as binary_payload
		 from realtime.messages
		 where topic = $1 and private is true and extension = 'broadcast'
		   and inserted_at >= (to_timestamp($2::double precision / 1000) at time zone 'utc')
		   and inserted_at < (now() at time zone 'utc') + interval '1 minute'
		 order by inserted_at desc
		 limit $3`,
		[topic, since, bounded]
	);
	return rows.reverse().map((row) =>
		row.binary_payload !== null
			? {
					id: row.id,
					event: row.event ?? '',
					encoding: 'binary',
					payload: Buffer.from(row.binary_payload, 'hex')
				}
			: {
					id: row.id,
					event: row.event ?? '',
					encoding: 'json',
					payload: Buffer.from(row.payload ?? 'null', 'utf8')
				}
	);
}
