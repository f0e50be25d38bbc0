import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { fullMessage, goTime, MailStore, summary } from '../../../../local-stack/mail/store.ts';

const mail = (to: string, subject: string, html = '<p>Bonjour</p>') => ({
	from: { name: 'Admin', address: 'admin@email.com' },
	to: [{ name: '', address: to }],
	subject,
	html,
	kind: 'recovery'
});

function store() {
	const dir = mkdtempSync(join(tmpdir(), 'mail-store-'));
	const created = new MailStore(dir);
	created.init();
	return created;
}

describe('the mail store', () => {
	it('keeps each message as a file and finds it again after a restart', async () => {
		const first = store();
		await first.deliver(mail('a@example.com', 'Un'));
		await first.deliver(mail('b@example.com', 'Deux'));
		expect(readdirSync(first.dir).filter((name) => name.endsWith('.json'))).toHaveLength(2);
		const again = new MailStore(first.dir);
		again.init();
		expect(again.list().map((message) => message.Subject)).toEqual(['Deux', 'Un']);
	});

	it('orders by time after a restart although Go trims the zeros of the milliseconds', async () => {
		vi.useFakeTimers();
		try {
			const first = store();
			vi.setSystemTime(new Date('2026-01-01T10:00:00.100Z'));
			await first.deliver(mail('a@example.com', 'Plus ancien'));
			vi.setSystemTime(new Date('2026-01-01T10:00:00.125Z'));
			await first.deliver(mail('b@example.com', 'Plus récent'));
			const again = new MailStore(first.dir);
			again.init();
			expect(again.list().map((message) => message.Created)).toEqual([
				'2026-01-01T10:00:00.125Z',
				'2026-01-01T10:00:00.1Z'
			]);
		} finally {
			vi.useRealTimers();
		}
	});

	it('lists newest first with paging, and gives Mailpit summary and message shapes', async () => {
		const mailbox = store();
		for (const n of [1, 2, 3]) await mailbox.deliver(mail(`${n}@example.com`, `Sujet ${n}`));
		expect(mailbox.list(1, 1).map((m) => m.Subject)).toEqual(['Sujet 2']);
		const [latest] = mailbox.list();
		expect(latest.ID).toMatch(/^[2-9A-HJ-NP-Za-km-z]{22}$/);
		expect(Object.keys(summary(latest))).toEqual([
			'ID',
			'MessageID',
			'Read',
			'From',
			'To',
			'Cc',
			'Bcc',
			'ReplyTo',
			'Subject',
			'Created',
			'Username',
			'Tags',
			'Size',
			'Attachments',
			'Snippet'
		]);
		expect(fullMessage(latest)).toMatchObject({
			From: { Name: 'Admin', Address: 'admin@email.com' },
			To: [{ Name: '', Address: '3@example.com' }],
			Subject: 'Sujet 3',
			HTML: '<p>Bonjour</p>',
			Text: 'Bonjour',
			Attachments: [],
			Inline: []
		});
		expect(latest.Raw).toMatch(/^Return-Path: <admin@email.com>\r\n/);
		expect(latest.Size).toBe(Buffer.byteLength(latest.Raw));
	});

	it('searches with Mailpit filters, marks read and deletes', async () => {
		const mailbox = store();
		await mailbox.deliver(mail('camille@example.com', 'Reset your password'));
		await mailbox.deliver(mail('ines@example.com', 'Confirm your email address'));
		expect(mailbox.search('to:camille@example.com').messages.map((m) => m.Subject)).toEqual([
			'Reset your password'
		]);
		expect(mailbox.search('subject:"your email"').total).toBe(1);
		expect(mailbox.search('-to:camille').messages[0].To[0].Address).toBe('ines@example.com');
		const id = mailbox.search('to:ines').messages[0].ID;
		mailbox.setRead([id], true);
		expect(mailbox.search('is:unread').total).toBe(1);
		expect(mailbox.stats()).toEqual({ total: 2, unread: 1 });
		mailbox.delete([id]);
		expect(mailbox.get(id)).toBeNull();
		mailbox.delete(null);
		expect(mailbox.stats().total).toBe(0);
		expect(readdirSync(mailbox.dir)).toEqual([]);
	});

	it('formats times like Go: milliseconds without trailing zeros', () => {
		expect(goTime(new Date('2026-01-01T10:00:00.120Z'))).toBe('2026-01-01T10:00:00.12Z');
		expect(goTime(new Date('2026-01-01T10:00:00.000Z'))).toBe('2026-01-01T10:00:00Z');
	});
});
