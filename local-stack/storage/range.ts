// HTTP Range parsing as supabase/storage src/storage/range.ts does it: one `bytes=` range
// (start-end, start-, or -suffix), the end clamped to the file; anything else, a start past the
// end or an empty file is refused with InvalidRange (sent as HTTP 416).
import { storageErrors } from './errors.ts';

export type ByteRange = { start: number; end: number; size: number };

export function parseRange(header: string, fileSize: number): ByteRange {
	const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
	if (!match || fileSize <= 0) throw storageErrors.invalidRange();
	const [, first, last] = match;
	if (first === '' && last === '') throw storageErrors.invalidRange();
	if (first === '') {
		const suffix = Number(last);
		if (!Number.isSafeInteger(suffix) || suffix <= 0) throw storageErrors.invalidRange();
		const start = Math.max(fileSize - suffix, 0);
		return { start, end: fileSize - 1, size: fileSize - start };
	}
	const start = Number(first);
	const requestedEnd = last === '' ? fileSize - 1 : Number(last);
	if (
		!Number.isSafeInteger(start) ||
		!Number.isSafeInteger(requestedEnd) ||
		requestedEnd < start ||
		start >= fileSize
	) {
		throw storageErrors.invalidRange();
	}
	const end = Math.min(requestedEnd, fileSize - 1);
	return { start, end, size: end - start + 1 };
}
