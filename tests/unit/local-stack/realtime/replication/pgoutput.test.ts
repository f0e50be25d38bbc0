import { describe, expect, it } from 'vitest';
import {
	decodeCopyData,
	decodePgOutput,
	encodeStandbyStatus,
	formatLsn,
	parseLsn,
	pgTimeToMs
} from '../../../../../local-stack/realtime/replication/pgoutput.ts';

/** Builds pgoutput messages the way the walsender writes them (network byte order). */
class Writer {
	parts: Buffer[] = [];
	char(c: string) {
		this.parts.push(Buffer.from(c, 'ascii'));
		return this;
	}
	int8(n: number) {
		this.parts.push(Buffer.from([n]));
		return this;
	}
	int16(n: number) {
		const b = Buffer.alloc(2);
		b.writeInt16BE(n);
		this.parts.push(b);
		return this;
	}
	int32(n: number) {
		const b = Buffer.alloc(4);
		b.writeInt32BE(n);
		this.parts.push(b);
		return this;
	}
	int64(n: bigint) {
		const b = Buffer.alloc(8);
		b.writeBigInt64BE(n);
		this.parts.push(b);
		return this;
	}
	string(s: string) {
		this.parts.push(Buffer.from(s + '\0', 'utf8'));
		return this;
	}
	text(s: string) {
		const bytes = Buffer.from(s, 'utf8');
		return this.char('t').int32(bytes.length).bytes(bytes);
	}
	bytes(b: Buffer) {
		this.parts.push(b);
		return this;
	}
	done() {
		return Buffer.concat(this.parts);
	}
}

describe('pgoutput decoding', () => {
	it('reads Begin and Commit with LSNs and the commit time', () => {
		// 800 000 000 s after 2000-01-01 = 1 746 684 800 s after the Unix epoch.
		const commitTime = 800_000_000_000_000n;
		expect(
			decodePgOutput(new Writer().char('B').int64(0x16b3748n).int64(commitTime).int32(734).done())
		).toEqual({
			tag: 'begin',
			finalLsn: 0x16b3748n,
			commitTime,
			xid: 734
		});
		const commit = decodePgOutput(
			new Writer().char('C').int8(0).int64(1n).int64(2n).int64(commitTime).done()
		);
		expect(commit).toMatchObject({ tag: 'commit', commitLsn: 1n, endLsn: 2n });
		expect(new Date(pgTimeToMs(commitTime)).toISOString()).toBe('2025-05-08T06:13:20.000Z');
	});

	it('reads a Relation with its key flags and column types', () => {
		const message = new Writer()
			.char('R')
			.int32(16_400)
			.string('realtime')
			.string('messages')
			.char('d')
			.int16(2)
			.int8(1)
			.string('id')
			.int32(2950)
			.int32(-1)
			.int8(0)
			.string('topic')
			.int32(25)
			.int32(-1)
			.done();
		expect(decodePgOutput(message)).toEqual({
			tag: 'relation',
			relation: {
				id: 16_400,
				schema: 'realtime',
				table: 'messages',
				replicaIdentity: 'd',
				columns: [
					{ isKey: true, name: 'id', typeOid: 2950, typeModifier: -1 },
					{ isKey: false, name: 'topic', typeOid: 25, typeModifier: -1 }
				]
			}
		});
	});

	it('reads Insert tuples: text, null and unchanged TOAST columns', () => {
		const message = new Writer()
			.char('I')
			.int32(16_400)
			.char('N')
			.int16(3)
			.text('é')
			.char('n')
			.char('u')
			.done();
		expect(decodePgOutput(message)).toEqual({
			tag: 'insert',
			relationId: 16_400,
			tuple: ['é', null, { unchanged: true }]
		});
	});

	it('reads Update with and without the old row, and Delete with the key', () => {
		const withOld = new Writer()
			.char('U')
			.int32(1)
			.char('O')
			.int16(1)
			.text('old')
			.char('N')
			.int16(1)
			.text('new')
			.done();
		expect(decodePgOutput(withOld)).toEqual({
			tag: 'update',
			relationId: 1,
			oldKind: 'O',
			old: ['old'],
			tuple: ['new']
		});
		const plain = new Writer().char('U').int32(1).char('N').int16(1).text('new').done();
		expect(decodePgOutput(plain)).toMatchObject({ oldKind: null, old: null, tuple: ['new'] });
		const deleted = new Writer().char('D').int32(1).char('K').int16(2).text('1').char('n').done();
		expect(decodePgOutput(deleted)).toEqual({
			tag: 'delete',
			relationId: 1,
			oldKind: 'K',
			old: ['1', null]
		});
	});

	it('refuses an unknown message', () => {
		expect(() => decodePgOutput(Buffer.from('Z'))).toThrow(/unknown pgoutput message/);
	});
});

describe('the streaming replication envelope', () => {
	it('reads XLogData and keepalives', () => {
		const xlog = new Writer()
			.char('w')
			.int64(10n)
			.int64(20n)
			.int64(30n)
			.bytes(Buffer.from('B'))
			.done();
		expect(decodeCopyData(xlog)).toMatchObject({
			type: 'xlog',
			start: 10n,
			end: 20n,
			data: Buffer.from('B')
		});
		const keepalive = new Writer().char('k').int64(99n).int64(1n).int8(1).done();
		expect(decodeCopyData(keepalive)).toEqual({
			type: 'keepalive',
			end: 99n,
			sentAt: 1n,
			replyRequested: true
		});
	});

	it('writes a standby status update acknowledging the LSN', () => {
		const update = encodeStandbyStatus(0x1234n, Date.UTC(2026, 0, 1));
		expect(update.length).toBe(34);
		expect(update.toString('ascii', 0, 1)).toBe('r');
		expect(update.readBigUInt64BE(1)).toBe(0x1234n);
		expect(update.readBigUInt64BE(9)).toBe(0x1234n);
	});

	it('formats and parses LSNs like Postgres', () => {
		expect(formatLsn(0x16b3748n)).toBe('0/16B3748');
		expect(parseLsn('1/A0')).toBe(0x1000000a0n);
	});
});
