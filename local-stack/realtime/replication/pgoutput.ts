// Decodes the streaming replication CopyData frames (XLogData 'w', keepalive 'k') and the
// pgoutput logical messages inside them (protocol version 1, text tuples), the format
// Realtime.Adapters.Postgres.Decoder reads for Broadcast from Database.

/** Microseconds between the Unix epoch and Postgres' epoch (2000-01-01). */
const PG_EPOCH_US = 946_684_800_000_000n;

export type Lsn = bigint;

export function formatLsn(lsn: Lsn): string {
	return `${(lsn >> 32n).toString(16).toUpperCase()}/${(lsn & 0xffffffffn).toString(16).toUpperCase()}`;
}

export function parseLsn(text: string): Lsn {
	const [high, low] = text.split('/');
	return (BigInt(`0x${high}`) << 32n) | BigInt(`0x${low}`);
}

/** A Postgres timestamp (µs since 2000-01-01) as milliseconds since the Unix epoch. */
export function pgTimeToMs(us: bigint): number {
	return Number((us + PG_EPOCH_US) / 1000n);
}

export function msToPgTime(ms: number): bigint {
	return BigInt(Math.round(ms)) * 1000n - PG_EPOCH_US;
}

export type ReplicationFrame =
	| { type: 'xlog'; start: Lsn; end: Lsn; sentAt: bigint; data: Buffer }
	| { type: 'keepalive'; end: Lsn; sentAt: bigint; replyRequested: boolean };

export function decodeCopyData(chunk: Buffer): ReplicationFrame {
	const tag = String.fromCharCode(chunk[0]);
	if (tag === 'w') {
		return {
			type: 'xlog',
			start: chunk.readBigUInt64BE(1),
			end: chunk.readBigUInt64BE(9),
			sentAt: chunk.readBigInt64BE(17),
			data: chunk.subarray(25)
		};
	}
	if (tag === 'k') {
		return {
			type: 'keepalive',
			end: chunk.readBigUInt64BE(1),
			sentAt: chunk.readBigInt64BE(9),
			replyRequested: chunk[17] === 1
		};
	}
	throw new Error(`unexpected replication message '${tag}'`);
}

/** Standby status update ('r'): what has been received, flushed and applied. */
export function encodeStandbyStatus(lsn: Lsn, nowMs = Date.now(), replyRequested = false): Buffer {
	const buffer = Buffer.alloc(34);
	buffer.write('r', 0, 'ascii');
	buffer.writeBigUInt64BE(lsn, 1);
	buffer.writeBigUInt64BE(lsn, 9);
	buffer.writeBigUInt64BE(lsn, 17);
	buffer.writeBigInt64BE(msToPgTime(nowMs), 25);
	buffer.writeUInt8(replyRequested ? 1 : 0, 33);
	return buffer;
}

export type RelationColumn = {
	name: string;
	typeOid: number;
	typeModifier: number;
	isKey: boolean;
};
export type Relation = {
	id: number;
	schema: string;
	table: string;
	/** d default, n nothing, f full, i index */
	replicaIdentity: string;
	columns: RelationColumn[];
};

/** A tuple column: null, unchanged TOAST (value not sent), or its text. */
export type TupleValue = null | { unchanged: true } | string;

export type PgOutputMessage =
	| { tag: 'begin'; finalLsn: Lsn; commitTime: bigint; xid: number }
	| { tag: 'commit'; flags: number; commitLsn: Lsn; endLsn: Lsn; commitTime: bigint }
	| { tag: 'origin'; lsn: Lsn; name: string }
	| { tag: 'relation'; relation: Relation }
	| { tag: 'type'; oid: number; schema: string; name: string }
	| { tag: 'insert'; relationId: number; tuple: TupleValue[] }
	| {
			tag: 'update';
			relationId: number;
			/** 'K' key columns only, 'O' whole old row (replica identity full), null when not sent. */
			oldKind: 'K' | 'O' | null;
			old: TupleValue[] | null;
			tuple: TupleValue[];
	  }
	| { tag: 'delete'; relationId: number; oldKind: 'K' | 'O'; old: TupleValue[] }
	| { tag: 'truncate'; options: number; relationIds: number[] }
	| { tag: 'message'; transactional: boolean; lsn: Lsn; prefix: string; content: Buffer };

class Reader {
	offset = 0;
	buffer: Buffer;
	constructor(buffer: Buffer) {
		this.buffer = buffer;
	}
	byte() {
		return this.buffer[this.offset++];
	}
	char() {
		return String.fromCharCode(this.byte());
	}
	int16() {
		const value = this.buffer.readInt16BE(this.offset);
		this.offset += 2;
		return value;
	}
	int32() {
		const value = this.buffer.readInt32BE(this.offset);
		this.offset += 4;
		return value;
	}
	uint32() {
		const value = this.buffer.readUInt32BE(this.offset);
		this.offset += 4;
		return value;
	}
	int64() {
		const value = this.buffer.readBigInt64BE(this.offset);
		this.offset += 8;
		return value;
	}
	uint64() {
		const value = this.buffer.readBigUInt64BE(this.offset);
		this.offset += 8;
		return value;
	}
	cstring() {
		const end = this.buffer.indexOf(0, this.offset);
		if (end < 0) throw new Error('unterminated string in pgoutput message');
		const value = this.buffer.toString('utf8', this.offset, end);
		this.offset = end + 1;
		return value;
	}
	bytes(length: number) {
		const value = this.buffer.subarray(this.offset, this.offset + length);
		this.offset += length;
		return value;
	}
	tuple(): TupleValue[] {
		const count = this.int16();
		const values: TupleValue[] = [];
		for (let i = 0; i < count; i++) {
			const kind = this.char();
			if (kind === 'n') values.push(null);
			else if (kind === 'u') values.push({ unchanged: true });
			else if (kind === 't' || kind === 'b') {
				const length = this.int32();
				values.push(this.bytes(length).toString('utf8'));
			} else throw new Error(`unknown tuple data kind '${kind}'`);
		}
		return values;
	}
}

export function decodePgOutput(data: Buffer): PgOutputMessage {
	const reader = new Reader(data);
	const tag = reader.char();
	switch (tag) {
		case 'B':
			return {
				tag: 'begin',
				finalLsn: reader.uint64(),
				commitTime: reader.int64(),
				xid: reader.uint32()
			};
		case 'C':
			return {
				tag: 'commit',
				flags: reader.byte(),
				commitLsn: reader.uint64(),
				endLsn: reader.uint64(),
				commitTime: reader.int64()
			};
		case 'O':
			return { tag: 'origin', lsn: reader.uint64(), name: reader.cstring() };
		case 'R': {
			const id = reader.uint32();
			const schema = reader.cstring();
			const table = reader.cstring();
			const replicaIdentity = reader.char();
			const count = reader.int16();
			const columns: RelationColumn[] = [];
			for (let i = 0; i < count; i++) {
				const flags = reader.byte();
				columns.push({
					isKey: (flags & 1) === 1,
					name: reader.cstring(),
					typeOid: reader.uint32(),
					typeModifier: reader.int32()
				});
			}
			return { tag: 'relation', relation: { id, schema, table, replicaIdentity, columns } };
		}
		case 'Y':
			return {
				tag: 'type',
				oid: reader.uint32(),
				schema: reader.cstring(),
				name: reader.cstring()
			};
		case 'I': {
			const relationId = reader.uint32();
			reader.char(); // 'N'
			return { tag: 'insert', relationId, tuple: reader.tuple() };
		}
		case 'U': {
			const relationId = reader.uint32();
			let kind = reader.char();
			let oldKind: 'K' | 'O' | null = null;
			let old: TupleValue[] | null = null;
			if (kind === 'K' || kind === 'O') {
				oldKind = kind;
				old = reader.tuple();
				kind = reader.char();
			}
			if (kind !== 'N') throw new Error(`unexpected update tuple kind '${kind}'`);
			return { tag: 'update', relationId, oldKind, old, tuple: reader.tuple() };
		}
		case 'D': {
			const relationId = reader.uint32();
			const kind = reader.char();
			if (kind !== 'K' && kind !== 'O') throw new Error(`unexpected delete tuple kind '${kind}'`);
			return { tag: 'delete', relationId, oldKind: kind, old: reader.tuple() };
		}
		case 'T': {
			const count = reader.int32();
			const options = reader.byte();
			const relationIds: number[] = [];
			for (let i = 0; i < count; i++) relationIds.push(reader.uint32());
			return { tag: 'truncate', options, relationIds };
		}
		case 'M': {
			const flags = reader.byte();
			const lsn = reader.uint64();
			const prefix = reader.cstring();
			const length = reader.int32();
			return {
				tag: 'message',
				transactional: (flags & 1) === 1,
				lsn,
				prefix,
				content: reader.bytes(length)
			};
		}
		default:
			throw new Error(`unknown pgoutput message '${tag}'`);
	}
}
