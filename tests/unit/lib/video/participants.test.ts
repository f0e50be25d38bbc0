// The participants panel keeps the newest version of each record, in whatever order the
// Realtime broadcasts arrive.
import { describe, expect, it } from 'vitest';
import { mergeParticipant, videoTopic } from '../../../../src/lib/video/participants.ts';
import type { ParticipantRecord } from '../../../../src/lib/video/participants.ts';

const record = (
	profile_id: string,
	status: ParticipantRecord['status'],
	updated_at: string
): ParticipantRecord => ({ profile_id, status, updated_at, joined_at: null, left_at: null });

describe('participant records', () => {
	it('adds a participant seen for the first time', () => {
		expect(mergeParticipant([], record('a', 'waiting', '2026-09-14T09:00:00Z'))).toEqual([
			record('a', 'waiting', '2026-09-14T09:00:00Z')
		]);
	});

	it('replaces a participant with a newer version of their record', () => {
		const list = [
			record('a', 'waiting', '2026-09-14T09:00:00Z'),
			record('b', 'connected', '2026-09-14T09:00:00Z')
		];
		expect(mergeParticipant(list, record('a', 'connected', '2026-09-14T09:01:00Z'))).toEqual([
			record('a', 'connected', '2026-09-14T09:01:00Z'),
			record('b', 'connected', '2026-09-14T09:00:00Z')
		]);
	});

	it('ignores a version older than the one shown (broadcasts out of order)', () => {
		const list = [record('a', 'disconnected', '2026-09-14T09:05:00Z')];
		expect(mergeParticipant(list, record('a', 'connected', '2026-09-14T09:01:00Z'))).toBe(list);
	});

	it('listens on the video session topic the database broadcasts to', () => {
		expect(videoTopic('3f1c')).toBe('video:3f1c');
	});
});
