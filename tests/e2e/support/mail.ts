// Reads the local stack's mail catcher (Mailpit's API) to follow the links the app e-mails.
import { expect } from '@playwright/test';

const mailUrl = () => {
	const url = process.env.E2E_MAIL_URL;
	if (!url) throw new Error('E2E_MAIL_URL is not set (see playwright.config.ts)');
	return url;
};

type MessageSummary = { ID: string; Subject: string; To: { Address: string }[] };

/** Waits for the newest e-mail sent to `address` and returns its text and HTML. */
export async function latestEmail(address: string, options: { after?: Date } = {}) {
	let found: MessageSummary | undefined;
	await expect
		.poll(
			async () => {
				const response = await fetch(
					`${mailUrl()}/api/v1/search?query=${encodeURIComponent(`to:${address}`)}&limit=1`
				);
				const body = (await response.json()) as {
					messages: (MessageSummary & { Created: string })[];
				};
				found = body.messages.find(
					(message) => !options.after || new Date(message.Created) >= options.after
				);
				return found !== undefined;
			},
			{ timeout: 15_000, message: `no e-mail arrived for ${address}` }
		)
		.toBe(true);
	const response = await fetch(`${mailUrl()}/api/v1/message/${found!.ID}`);
	return (await response.json()) as { Subject: string; Text: string; HTML: string };
}

/** The first link of an e-mail that matches `pattern`. */
export function linkIn(
	email: { Text: string; HTML: string },
	pattern: RegExp = /https?:\/\/\S+/
): string {
	const links = [...`${email.HTML} ${email.Text}`.matchAll(/https?:\/\/[^\s"'<>)]+/g)].map((m) =>
		m[0].replaceAll('&amp;', '&')
	);
	const link = links.find((candidate) => pattern.test(candidate));
	if (!link) throw new Error(`no link matching ${pattern} in e-mail:\n${email.Text}`);
	return link;
}
