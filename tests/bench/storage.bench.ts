// Storage throughput: a 50 MB file uploaded (streamed, supabase-js) and downloaded (streamed to
// disk) through the local stack's /storage/v1, against a raw stream copy of the same file on the
// same disk in the same run. Median of several runs; figures only, never a pass/fail on timing.
import { randomBytes } from 'node:crypto';
import {
	createReadStream,
	createWriteStream,
	mkdtempSync,
	rmSync,
	statSync,
	writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { startFixtureStack } from '../integration/support/fixture-stack.ts';
import { median, printTable } from './stats.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SIZE = 50 * 1000 * 1000;
const FIXTURE = resolve(import.meta.dirname, '..', 'integration', 'storage', 'fixture');

const work = mkdtempSync(join(tmpdir(), 'bench-storage-'));
const source = join(work, 'source.bin');
// Random bytes, so nothing on the way can take a shortcut on repetitive content.
writeFileSync(source, randomBytes(SIZE));

const stack = await startFixtureStack(FIXTURE);
const mbPerSecond = (ms: number) => SIZE / 1e6 / (ms / 1000);

async function timed(action: () => Promise<void>): Promise<number> {
	const started = performance.now();
	await action();
	return performance.now() - started;
}

const copy: number[] = [];
const upload: number[] = [];
const download: number[] = [];
try {
	const bucket = stack.service().storage.from('documents');
	for (let run = 0; run < RUNS; run++) {
		const target = join(work, `copy-${run}.bin`);
		copy.push(await timed(() => pipeline(createReadStream(source), createWriteStream(target))));
		rmSync(target);

		const key = `bench/run-${run}.bin`;
		upload.push(
			await timed(async () => {
				const { error } = await bucket.upload(key, createReadStream(source), {
					contentType: 'application/octet-stream',
					duplex: 'half',
					upsert: true
				});
				if (error) throw error;
			})
		);

		const downloaded = join(work, `download-${run}.bin`);
		download.push(
			await timed(async () => {
				const response = await fetch(`${stack.apiUrl}/storage/v1/object/documents/${key}`, {
					headers: { apikey: stack.serviceRoleKey, Authorization: `Bearer ${stack.serviceRoleKey}` }
				});
				if (!response.ok || !response.body) throw new Error(`download failed: ${response.status}`);
				await pipeline(
					Readable.fromWeb(response.body as WebReadableStream<Uint8Array>),
					createWriteStream(downloaded)
				);
			})
		);
		if (statSync(downloaded).size !== SIZE) throw new Error('downloaded file has the wrong size');
		rmSync(downloaded);
	}
} finally {
	await stack.close();
	rmSync(work, { recursive: true, force: true });
}

const row = (label: string, samples: number[]) => [
	label,
	median(samples),
	mbPerSecond(median(samples)),
	mbPerSecond(median(copy)) / mbPerSecond(median(samples))
];

printTable(
	`Storage throughput, ${SIZE / 1e6} MB file, median of ${RUNS} runs`,
	['path', 'ms', 'MB/s', 'raw copy / path'],
	[
		row('raw disk copy (stream)', copy),
		row('upload via /storage/v1', upload),
		row('download via /storage/v1', download)
	]
);
