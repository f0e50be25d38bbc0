import { describe, expect, it } from 'vitest';
import { decodeJwt, generateEs256Key, signHs256 } from '../../../../local-stack/keys/jwt.ts';
import {
	checkExpiresIn,
	signDownloadToken,
	signUploadToken,
	SignedScope,
	verifySignedToken
} from '../../../../local-stack/storage/signed-url.ts';

const keys = {
	secret: 'super-secret-jwt-token-with-at-least-32-characters-long',
	es256: generateEs256Key('kid')
};

const refusal = (work: () => unknown) => {
	try {
		work();
	} catch (error) {
		const { code, message } = error as { code: string; message: string };
		return { code, message };
	}
	return null;
};

describe('signed URL tokens', () => {
	it('signs downloads as an HS256 JWT with url, scope, iat and exp', () => {
		const token = signDownloadToken('docs/a.pdf', 60, keys, 1_700_000_000_000);
		const { header, claims } = decodeJwt(token);
		expect(header).toEqual({ alg: 'HS256', typ: 'JWT' });
		expect(claims).toEqual({
			url: 'docs/a.pdf',
			scope: 'download',
			iat: 1_700_000_000,
			exp: 1_700_000_060
		});
	});

	it('signs uploads for two hours with owner and upsert', () => {
		const { claims } = decodeJwt(
			signUploadToken({ url: 'docs/a.pdf', owner: 'u1', upsert: true }, keys, 1_700_000_000_000)
		);
		expect(claims).toEqual({
			owner: 'u1',
			url: 'docs/a.pdf',
			upsert: true,
			scope: 'upload',
			iat: 1_700_000_000,
			exp: 1_700_007_200
		});
	});

	it('verifies a token for the path it names', () => {
		const token = signDownloadToken('docs/a.pdf', 60, keys);
		expect(verifySignedToken(token, 'docs/a.pdf', SignedScope.download, keys).url).toBe(
			'docs/a.pdf'
		);
	});

	it('refuses a token for another path with InvalidSignature', () => {
		const token = signDownloadToken('docs/a.pdf', 60, keys);
		expect(
			refusal(() => verifySignedToken(token, 'docs/b.pdf', SignedScope.download, keys))
		).toEqual({
			code: 'InvalidSignature',
			message: 'Invalid signature'
		});
	});

	it('refuses an expired or tampered token with InvalidJWT', () => {
		const expired = signDownloadToken('docs/a.pdf', 1, keys, Date.now() - 10_000);
		expect(
			refusal(() => verifySignedToken(expired, 'docs/a.pdf', SignedScope.download, keys))
		).toEqual({
			code: 'InvalidJWT',
			message: '"exp" claim timestamp check failed'
		});
		const [head, , signature] = signDownloadToken('docs/a.pdf', 60, keys).split('.');
		const body = Buffer.from(JSON.stringify({ url: 'docs/b.pdf', scope: 'download' })).toString(
			'base64url'
		);
		expect(
			refusal(() =>
				verifySignedToken(`${head}.${body}.${signature}`, 'docs/b.pdf', SignedScope.download, keys)
			)
		).toEqual({ code: 'InvalidJWT', message: 'signature verification failed' });
	});

	it('never lets a download token upload, nor an upload token download', () => {
		const download = signDownloadToken('docs/a.pdf', 60, keys);
		const upload = signUploadToken({ url: 'docs/a.pdf', owner: undefined, upsert: false }, keys);
		expect(
			refusal(() => verifySignedToken(download, 'docs/a.pdf', SignedScope.upload, keys))?.message
		).toBe('Token is not scoped for upload');
		expect(
			refusal(() => verifySignedToken(upload, 'docs/a.pdf', SignedScope.download, keys))?.message
		).toBe('Token is not scoped for download');
	});

	it('still accepts legacy tokens without a scope, told apart by the upsert claim', () => {
		const legacyDownload = signHs256(
			{ url: 'docs/a.pdf', exp: Math.floor(Date.now() / 1000) + 60 },
			keys.secret
		);
		const legacyUpload = signHs256(
			{ url: 'docs/a.pdf', upsert: false, exp: Math.floor(Date.now() / 1000) + 60 },
			keys.secret
		);
		expect(verifySignedToken(legacyDownload, 'docs/a.pdf', SignedScope.download, keys).url).toBe(
			'docs/a.pdf'
		);
		expect(verifySignedToken(legacyUpload, 'docs/a.pdf', SignedScope.upload, keys).url).toBe(
			'docs/a.pdf'
		);
		expect(
			refusal(() => verifySignedToken(legacyUpload, 'docs/a.pdf', SignedScope.download, keys))
		).not.toBeNull();
	});

	it('bounds expiresIn like upstream', () => {
		expect(() => checkExpiresIn(60)).not.toThrow();
		expect(refusal(() => checkExpiresIn(0))?.message).toBe('Invalid Parameter expiresIn');
		expect(refusal(() => checkExpiresIn(1e21))?.message).toBe('Invalid Parameter expiresIn');
	});
});
