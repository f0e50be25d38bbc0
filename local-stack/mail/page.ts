// The mail catcher's small web page (what Mailpit's UI is for on the CLI's port 54324): the
// mailbox newest first, and one message with its HTML in a sandboxed frame whose links open in
// a new tab, plus the text version with clickable links. Self-contained, no scripts but the
// one that empties the mailbox through the API.
import type { StoredMessage } from './store.ts';

const escape = (text: string) =>
	text
		.replaceAll('&', '&amp;')
		.replaceAll('<', '&lt;')
		.replaceAll('>', '&gt;')
		.replaceAll('"', '&quot;')
		.replaceAll("'", '&#39;');

const STYLE = `
body { font: 15px/1.45 system-ui, sans-serif; margin: 0; color: #1f2430; background: #f5f6f8; }
header { background: #2b3a55; color: #fff; padding: .8rem 1.2rem; display: flex; align-items: center; gap: 1rem; }
header h1 { font-size: 1.1rem; margin: 0; flex: 1; }
header a { color: #fff; }
main { max-width: 60rem; margin: 1rem auto; padding: 0 1rem; }
table { width: 100%; border-collapse: collapse; background: #fff; }
th, td { text-align: left; padding: .5rem .7rem; border-bottom: 1px solid #e3e6eb; vertical-align: top; }
tr.unread td { font-weight: 600; }
td a { color: inherit; text-decoration: none; display: block; }
td a:hover { text-decoration: underline; }
.snippet { color: #667; font-weight: 400; font-size: .9em; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; background: #fff; padding: .8rem 1rem; margin: 0 0 1rem; }
dt { color: #667; }
iframe { width: 100%; min-height: 24rem; border: 1px solid #e3e6eb; background: #fff; }
pre { white-space: pre-wrap; background: #fff; padding: 1rem; border: 1px solid #e3e6eb; }
button { font: inherit; padding: .3rem .8rem; }
.empty { background: #fff; padding: 2rem; text-align: center; color: #667; }
`;

function layout(title: string, body: string): string {
	return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1><a href="/">Local mail catcher</a></h1><span>${escape(title)}</span></header>
<main>${body}</main>
</body>
</html>`;
}

const recipients = (message: StoredMessage) =>
	message.To.map((to) => (to.Name ? `${to.Name} <${to.Address}>` : to.Address)).join(', ');

export function mailboxPage(messages: StoredMessage[], total: number): string {
	if (messages.length === 0)
		return layout(
			'Mailbox',
			'<p class="empty">No e-mail yet. Messages sent by Auth appear here.</p>'
		);
	const rows = messages
		.map(
			(message) => `<tr class="${message.Read ? '' : 'unread'}">
<td><a href="/view/${encodeURIComponent(message.ID)}">${escape(recipients(message))}</a></td>
<td><a href="/view/${encodeURIComponent(message.ID)}">${escape(message.Subject)}<br><span class="snippet">${escape(message.Snippet)}</span></a></td>
<td><time datetime="${escape(message.Created)}">${escape(message.Created.replace('T', ' ').replace(/\..*$|Z$/, ''))}</time></td>
</tr>`
		)
		.join('\n');
	const script = `<script>
document.getElementById('empty').addEventListener('click', async () => {
  if (!confirm('Delete every message?')) return;
  await fetch('/api/v1/messages', { method: 'DELETE' });
  location.reload();
});
</script>`;
	return layout(
		`Mailbox (${total})`,
		`<p><button id="empty" type="button">Delete all</button></p>
<table><thead><tr><th>To</th><th>Subject</th><th>Received (UTC)</th></tr></thead>
<tbody>${rows}</tbody></table>${script}`
	);
}

function linkify(text: string): string {
	return escape(text).replace(
		/https?:\/\/[^\s<>"')]+/g,
		(url) => `<a href="${url}" target="_blank" rel="noopener">${url}</a>`
	);
}

export function messagePage(message: StoredMessage): string {
	const frame = `<base target="_blank">${message.HTML}`;
	return layout(
		message.Subject,
		`<dl>
<dt>From</dt><dd>${escape(message.From.Name ? `${message.From.Name} <${message.From.Address}>` : message.From.Address)}</dd>
<dt>To</dt><dd>${escape(recipients(message))}</dd>
<dt>Subject</dt><dd>${escape(message.Subject)}</dd>
<dt>Date</dt><dd>${escape(message.Created)}</dd>
</dl>
<iframe title="HTML version" sandbox="allow-popups allow-popups-to-escape-sandbox" srcdoc="${escape(frame)}"></iframe>
<h2>Text</h2>
<pre>${linkify(message.Text)}</pre>
<p><a href="/api/v1/message/${encodeURIComponent(message.ID)}/raw">Source</a></p>`
	);
}

export function notFoundPage(): string {
	return layout('Not found', '<p class="empty">This message does not exist (any more).</p>');
}
