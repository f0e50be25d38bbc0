import { describe, expect, it } from 'vitest';
import { htmlToText, snippet } from '../../../../local-stack/mail/html-text.ts';

describe('the text version of an HTML mail', () => {
	it('keeps links readable as "label ( url )" and decodes entities', () => {
		expect(
			htmlToText(
				'<h2>Reset your password</h2>\n<p><a href="http://x/verify?token=t&amp;type=recovery">Reset password</a></p><p>L&#39;équipe &amp; co</p>'
			)
		).toBe(
			"Reset your password\n\nReset password ( http://x/verify?token=t&type=recovery )\n\nL'équipe & co"
		);
	});

	it('drops styles and scripts and shows a bare link once', () => {
		expect(htmlToText('<style>p{}</style><a href="http://a">http://a</a>')).toBe('http://a');
	});

	it('cuts snippets at 250 characters with whitespace collapsed', () => {
		expect(snippet('a  b\n\nc')).toBe('a b c');
		expect(snippet('x'.repeat(300))).toBe(`${'x'.repeat(250)}...`);
	});
});
