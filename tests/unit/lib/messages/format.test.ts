// Message times in the viewer's zone: the time today, « Hier », then the date.
import { describe, expect, it } from 'vitest';
import { conversationStamp, dayLabel, isNewDay } from '../../../../src/lib/messages/format.ts';

const now = new Date('2026-09-10T10:00:00Z');
const PARIS = 'Europe/Paris';

describe('message times', () => {
	it('shows the time alone for a message of today, in the viewer’s zone', () => {
		expect(conversationStamp('2026-09-10T06:30:00Z', PARIS, now)).toBe('08:30');
	});

	it('says « Hier » for yesterday and the date before that', () => {
		expect(conversationStamp('2026-09-09T20:00:00Z', PARIS, now)).toBe('Hier');
		expect(conversationStamp('2026-09-01T20:00:00Z', PARIS, now)).toBe('01/09/2026');
	});

	it('decides what "today" is in the viewer’s zone, not in UTC', () => {
		// 23:30 UTC on the 9th is already the 10th in Paris.
		expect(dayLabel('2026-09-09T23:30:00Z', PARIS, now)).toBe('Aujourd’hui');
		expect(dayLabel('2026-09-09T23:30:00Z', 'UTC', now)).toBe('Hier');
	});

	it('puts a day separator between messages of different days only', () => {
		expect(isNewDay(null, '2026-09-10T06:00:00Z', PARIS)).toBe(true);
		expect(isNewDay('2026-09-10T06:00:00Z', '2026-09-10T07:00:00Z', PARIS)).toBe(false);
		expect(isNewDay('2026-09-09T21:00:00Z', '2026-09-09T22:30:00Z', PARIS)).toBe(true);
	});
});
