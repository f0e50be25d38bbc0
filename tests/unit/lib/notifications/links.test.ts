// Every link the database writes into notifications leads to a page of the app; anything else
// is not followed.
import { describe, expect, it } from 'vitest';
import { conversationOf, notificationHref } from '../../../../src/lib/notifications/links.ts';

const ID = '0b5d8f2e-1c1a-4d7b-9a7e-2f1f3c0e9a11';

describe('notification links', () => {
	it('follows the paths the triggers write: requests, sessions, messages, plan reminders', () => {
		for (const path of [
			`/coaching-requests/${ID}`,
			`/coaching-sessions/${ID}`,
			`/messages/${ID}`,
			`/plans/${ID}`
		]) {
			expect(notificationHref(path)).toBe(path);
		}
	});

	it('follows the app’s own pages, such as the profile the seed’s welcome links to', () => {
		expect(notificationHref('/profile')).toBe('/profile');
		expect(notificationHref('/account')).toBeNull();
	});

	it('keeps a query string or a fragment', () => {
		expect(notificationHref(`/coaching-sessions/${ID}#avis`)).toBe(`/coaching-sessions/${ID}#avis`);
	});

	it('does not follow unknown, external or malformed links', () => {
		expect(notificationHref(null)).toBeNull();
		expect(notificationHref('/admin')).toBeNull();
		expect(notificationHref('//evil.example/x')).toBeNull();
		expect(notificationHref('https://evil.example')).toBeNull();
		expect(notificationHref('/messages/not-a-uuid')).toBeNull();
	});

	it('tells which conversation a message notification is about', () => {
		expect(conversationOf({ kind: 'message_received', link: `/messages/${ID}` })).toBe(ID);
		expect(conversationOf({ kind: 'plan_reminder', link: `/plans/${ID}` })).toBeNull();
	});
});
