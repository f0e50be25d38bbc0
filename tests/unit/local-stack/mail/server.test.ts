import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailServer } from '../../../../local-stack/mail/server.ts';
import type { MailServer } from '../../../../local-stack/mail/server.ts';
import { MailStore } from '../../../../local-stack/mail/store.ts';

describe("the mail catcher's HTTP API", () => {
	let server: MailServer;
	let base: string;
	const store = new MailStore(mkdtempSync(join(tmpdir(), 'mail-server-')));

	beforeAll(async () => {
		store.init();
		server = await startMailServer({ port: 0, store, log: () => undefined });
		base = `http://127.0.0.1:${server.port}`;
		for (const to of ['a@example.com', 'b@example.com'])
			await store.deliver({
				from: { name: 'Admin', address: 'admin@email.com' },
				to: [{ name: '', address: to }],
				subject: `Pour ${to}`,
				html: '<p><a href="http://link/x">Lien</a></p>',
				kind: 'recovery'
			});
	});
	afterAll(async () => {
		await server?.close();
	});

	it('lists messages newest first with Mailpit totals', async () => {
		const body = await (await fetch(`${base}/api/v1/messages?limit=1`)).json();
		expect(body).toMatchObject({ total: 2, unread: 2, count: 1, messages_count: 2, start: 0 });
		expect(body.messages[0].To[0].Address).toBe('b@example.com');
	});

	it('searches by recipient and returns one message, which then reads as read', async () => {
		const search = await (
			await fetch(`${base}/api/v1/search?query=${encodeURIComponent('to:a@example.com')}&limit=1`)
		).json();
		expect(search.messages).toHaveLength(1);
		const id = search.messages[0].ID;
		const message = await (await fetch(`${base}/api/v1/message/${id}`)).json();
		expect(message).toMatchObject({ ID: id, Subject: 'Pour a@example.com' });
		expect(message.Text).toContain('Lien ( http://link/x )');
		const again = await (await fetch(`${base}/api/v1/search?query=is:unread`)).json();
		expect(again.messages_count).toBe(1);
	});

	it('refuses a search without query and an unknown message like Mailpit', async () => {
		const empty = await fetch(`${base}/api/v1/search?query=`);
		expect([empty.status, await empty.text()]).toEqual([400, 'Error: no search query']);
		expect((await fetch(`${base}/api/v1/message/nope`)).status).toBe(404);
	});

	it('serves the raw source and a human page with clickable links', async () => {
		const raw = await (await fetch(`${base}/api/v1/message/latest/raw`)).text();
		expect(raw).toMatch(/^Return-Path: /);
		expect(raw).toContain('Subject: Pour b@example.com');
		const page = await (await fetch(`${base}/`)).text();
		expect(page).toContain('Pour a@example.com');
		const id = store.list()[0].ID;
		const view = await (await fetch(`${base}/view/${id}`)).text();
		expect(view).toContain(
			'<a href="http://link/x" target="_blank" rel="noopener">http://link/x</a>'
		);
	});

	it('deletes every message on DELETE /api/v1/messages', async () => {
		const response = await fetch(`${base}/api/v1/messages`, { method: 'DELETE' });
		expect([response.status, await response.text()]).toEqual([200, 'ok']);
		const body = await (await fetch(`${base}/api/v1/messages`)).json();
		expect(body.total).toBe(0);
		expect(body.messages).toEqual([]);
	});
});
