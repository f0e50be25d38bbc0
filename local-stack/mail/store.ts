// The mail catcher's mailbox: each message Auth sends becomes one JSON file under
// <dataDir>/mail/ (so mail survives a restart) holding what Mailpit's API returns for it: the
// summary fields of GET /api/v1/messages, the full message of GET /api/v1/message/{ID} and its
// raw RFC 5322 source. Newest first, like Mailpit.
import { randomBytes, randomInt } from 'node:crypto';
import {
	existsSync,
	mkdirSync,
	readdirSync,
	readFileSync,
	renameSync,
	rmSync,
	writeFileSync
} from 'node:fs';
import { join } from 'node:path';
import type { MailSink, OutgoingMail } from '../auth/mailer.ts';
import { htmlToText, snippet } from './html-text.ts';
import { matchesSearch, parseSearch } from './search.ts';

export type Address = { Name: string; Address: string };

export type StoredMessage = {
	ID: string;
	MessageID: string;
	Read: boolean;
	From: Address;
	To: Address[];
	Cc: Address[];
	Bcc: Address[];
	ReplyTo: Address[];
	ReturnPath: string;
	Subject: string;
	Created: string;
	Date: string;
	Tags: string[];
	Username: string;
	Text: string;
	HTML: string;
	Size: number;
	Snippet: string;
	Raw: string;
	/** Delivery order, kept on disk: messages of the same millisecond stay in order. */
	Seq: number;
};

/** shortuuid's alphabet: Mailpit's message IDs are 22 of these. */
const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

export function newMessageId(): string {
	let id = '';
	for (let i = 0; i < 22; i++) id += ALPHABET[randomInt(ALPHABET.length)];
	return id;
}

/** Go's RFC 3339 with milliseconds, trailing zeros of the fraction trimmed (time.UnixMilli). */
export function goTime(date: Date): string {
	const iso = date.toISOString();
	const fraction = iso.slice(20, 23).replace(/0+$/, '');
	return `${iso.slice(0, 19)}${fraction ? `.${fraction}` : ''}Z`;
}

const formatAddress = (a: Address) => (a.Name ? `${encodeWord(a.Name)} <${a.Address}>` : a.Address);

/** RFC 2047 for non-ASCII header text. */
function encodeWord(text: string): string {
	return /^[\x20-\x7e]*$/.test(text) ? text : `=?UTF-8?B?${Buffer.from(text).toString('base64')}?=`;
}

function rawMessage(message: Omit<StoredMessage, 'Raw' | 'Size' | 'Seq'>, date: Date): string {
	const body = Buffer.from(message.HTML, 'utf8')
		.toString('base64')
		.replace(/.{1,76}/g, '$&\r\n');
	return [
		`Return-Path: <${message.ReturnPath}>`,
		`Date: ${date.toUTCString().replace('GMT', '+0000')}`,
		`From: ${formatAddress(message.From)}`,
		`To: ${message.To.map(formatAddress).join(', ')}`,
		`Subject: ${encodeWord(message.Subject)}`,
		`Message-ID: <${message.MessageID}>`,
		'MIME-Version: 1.0',
		'Content-Type: text/html; charset=UTF-8',
		'Content-Transfer-Encoding: base64',
		'',
		body
	].join('\r\n');
}

export type MessageSummary = Omit<
	StoredMessage,
	'Raw' | 'Text' | 'HTML' | 'Date' | 'ReturnPath' | 'Seq'
> & {
	Attachments: number;
};

export function summary(message: StoredMessage): MessageSummary {
	return {
		ID: message.ID,
		MessageID: message.MessageID,
		Read: message.Read,
		From: message.From,
		To: message.To,
		Cc: message.Cc,
		Bcc: message.Bcc,
		ReplyTo: message.ReplyTo,
		Subject: message.Subject,
		Created: message.Created,
		Username: message.Username,
		Tags: message.Tags,
		Size: message.Size,
		Attachments: 0,
		Snippet: message.Snippet
	};
}

/** GET /api/v1/message/{ID}: Mailpit's Message (no attachments: Auth never sends any). */
export function fullMessage(message: StoredMessage) {
	return {
		ID: message.ID,
		MessageID: message.MessageID,
		From: message.From,
		To: message.To,
		Cc: message.Cc,
		Bcc: message.Bcc,
		ReplyTo: message.ReplyTo,
		ReturnPath: message.ReturnPath,
		Subject: message.Subject,
		ListUnsubscribe: { Header: '', Links: [], Errors: '', HeaderPost: '' },
		Date: message.Date,
		Tags: message.Tags,
		Username: message.Username,
		Text: message.Text,
		HTML: message.HTML,
		Size: message.Size,
		Inline: [],
		Attachments: []
	};
}

export class MailStore implements MailSink {
	readonly dir: string;
	private messages: StoredMessage[] = [];
	private seq = 0;

	constructor(dir: string) {
		this.dir = dir;
	}

	/** Loads the messages kept by earlier runs; unreadable files are skipped, not fatal. */
	init(): void {
		mkdirSync(this.dir, { recursive: true });
		const loaded: StoredMessage[] = [];
		for (const name of readdirSync(this.dir)) {
			if (!name.endsWith('.json')) continue;
			try {
				loaded.push(JSON.parse(readFileSync(join(this.dir, name), 'utf8')) as StoredMessage);
			} catch {
				// A file cut short by a crash holds nothing to show.
			}
		}
		// Go trims trailing zeros of the fraction, so the strings do not sort as times do.
		this.messages = loaded.sort(
			(a, b) => Date.parse(b.Created) - Date.parse(a.Created) || (b.Seq ?? 0) - (a.Seq ?? 0)
		);
		this.seq = Math.max(0, ...loaded.map((message) => message.Seq ?? 0));
	}

	private save(message: StoredMessage) {
		const file = join(this.dir, `${message.ID}.json`);
		const temporary = `${file}.${randomBytes(4).toString('hex')}.tmp`;
		writeFileSync(temporary, JSON.stringify(message));
		renameSync(temporary, file);
	}

	async deliver(mail: OutgoingMail): Promise<void> {
		const now = new Date();
		const text = htmlToText(mail.html);
		const base = {
			ID: newMessageId(),
			MessageID: `${randomBytes(12).toString('hex')}@mailpit`,
			Read: false,
			From: { Name: mail.from.name, Address: mail.from.address },
			To: mail.to.map((to) => ({ Name: to.name, Address: to.address })),
			Cc: [],
			Bcc: [],
			ReplyTo: [],
			ReturnPath: mail.from.address,
			Subject: mail.subject,
			Created: goTime(now),
			Date: goTime(now),
			Tags: [],
			Username: '',
			Text: text,
			HTML: mail.html,
			Snippet: snippet(text)
		};
		const raw = rawMessage(base, now);
		const message: StoredMessage = {
			...base,
			Raw: raw,
			Size: Buffer.byteLength(raw),
			Seq: ++this.seq
		};
		this.save(message);
		this.messages.unshift(message);
	}

	stats() {
		return {
			total: this.messages.length,
			unread: this.messages.filter((message) => !message.Read).length
		};
	}

	list(start = 0, limit = 50): StoredMessage[] {
		return this.messages.slice(start, start + limit);
	}

	/** Matching messages, newest first, and how many match in all. */
	search(
		query: string,
		start = 0,
		limit = 50
	): { messages: StoredMessage[]; total: number; unread: number } {
		const terms = parseSearch(query);
		const matching = this.messages.filter((message) => matchesSearch(message, terms));
		return {
			messages: matching.slice(start, start + limit),
			total: matching.length,
			unread: matching.filter((message) => !message.Read).length
		};
	}

	/** A message by ID, or the newest for `latest`. */
	get(id: string): StoredMessage | null {
		if (id === 'latest') return this.messages[0] ?? null;
		return this.messages.find((message) => message.ID === id) ?? null;
	}

	setRead(ids: string[] | null, read: boolean): void {
		for (const message of this.messages) {
			if (ids && !ids.includes(message.ID)) continue;
			if (message.Read === read) continue;
			message.Read = read;
			this.save(message);
		}
	}

	/** Deletes the given messages, or all of them. */
	delete(ids: string[] | null): void {
		const doomed = ids
			? this.messages.filter((message) => ids.includes(message.ID))
			: this.messages;
		for (const message of doomed) {
			const file = join(this.dir, `${message.ID}.json`);
			if (existsSync(file)) rmSync(file, { force: true });
		}
		const gone = new Set(doomed.map((message) => message.ID));
		this.messages = this.messages.filter((message) => !gone.has(message.ID));
	}
}
