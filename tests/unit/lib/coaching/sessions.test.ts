// What a session page offers follows the RPC rules: cancel before the start, complete after it
// (coach only), rate once completed (member only, once); the video room opens an hour before the
// start and closes an hour after the planned end, or as soon as the session or its room ends.
import { describe, expect, it } from 'vitest';
import {
	canCancel,
	canComplete,
	canRate,
	inProgress,
	videoWindow
} from '../../../../src/lib/coaching/sessions.ts';
import type { SessionState } from '../../../../src/lib/coaching/sessions.ts';

const session = (over: Partial<SessionState> = {}): SessionState => ({
	status: 'planned',
	startsAt: '2026-12-03T09:00:00Z',
	endsAt: '2026-12-03T10:00:00Z',
	memberRating: null,
	videoStatus: 'scheduled',
	...over
});
const at = (iso: string) => new Date(iso);

describe('the video room entry', () => {
	it('is not open yet more than an hour before the start, and says when it opens', () => {
		const window = videoWindow(session(), at('2026-12-03T07:59:00Z'));
		expect(window).toEqual({ state: 'before', opensAt: at('2026-12-03T08:00:00Z') });
	});

	it('is open from an hour before the start until an hour after the planned end', () => {
		expect(videoWindow(session(), at('2026-12-03T08:00:00Z')).state).toBe('open');
		expect(videoWindow(session(), at('2026-12-03T11:00:00Z')).state).toBe('open');
		expect(videoWindow(session(), at('2026-12-03T11:00:01Z')).state).toBe('after');
	});

	it('is closed once the session is cancelled or completed, or its room has ended', () => {
		const now = at('2026-12-03T09:10:00Z');
		expect(videoWindow(session({ status: 'cancelled' }), now).state).toBe('closed');
		expect(videoWindow(session({ status: 'completed' }), now).state).toBe('closed');
		expect(videoWindow(session({ videoStatus: 'ended' }), now).state).toBe('closed');
	});
});

describe('cancel, complete and rate', () => {
	it('lets either party cancel a planned session until it starts', () => {
		expect(canCancel(session(), at('2026-12-03T08:59:00Z'))).toBe(true);
		expect(canCancel(session(), at('2026-12-03T09:00:00Z'))).toBe(false);
		expect(canCancel(session({ status: 'completed' }), at('2026-12-01T00:00:00Z'))).toBe(false);
	});

	it('lets only the coach complete a planned session once it has started', () => {
		expect(canComplete(session(), at('2026-12-03T09:00:00Z'), true)).toBe(true);
		expect(canComplete(session(), at('2026-12-03T08:59:00Z'), true)).toBe(false);
		expect(canComplete(session(), at('2026-12-03T09:30:00Z'), false)).toBe(false);
	});

	it('lets only the member rate a completed session, once', () => {
		expect(canRate(session({ status: 'completed' }), false)).toBe(true);
		expect(canRate(session({ status: 'completed' }), true)).toBe(false);
		expect(canRate(session({ status: 'completed', memberRating: 4 }), false)).toBe(false);
		expect(canRate(session(), false)).toBe(false);
	});

	it('sees a planned session as in progress between its start and its planned end', () => {
		expect(inProgress(session(), at('2026-12-03T09:30:00Z'))).toBe(true);
		expect(inProgress(session(), at('2026-12-03T10:00:00Z'))).toBe(false);
	});
});
