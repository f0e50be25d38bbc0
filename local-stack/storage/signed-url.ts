// Signed URL tokens, as supabase/storage src/storage/object.ts issues and checks them: HS256 JWTs
// signed with the project's JWT secret, `{url: "<bucket>/<key>", scope, iat, exp}` for downloads
// and `{owner, url, upsert, scope, iat, exp}` for uploads (2 h). Verification order: signature and
// expiry (InvalidJWT with jose's message), scope, then the path (InvalidSignature).
import { signHs256 } from '../keys/jwt.ts';
import type { JwtClaims, SigningKeys } from '../keys/jwt.ts';
import { verifyToken } from './auth.ts';
import { storageErrors } from './errors.ts';

export const SignedScope = { download: 'download', upload: 'upload' } as const;
export type SignedScope = (typeof SignedScope)[keyof typeof SignedScope];

/** Upstream's default lifetime of signed upload URLs (UPLOAD_SIGNED_URL_EXPIRATION_TIME). */
export const UPLOAD_URL_EXPIRES_IN = 7200;

/** The largest relative expiry that still gives a representable `exp` (upstream's bound). */
export function checkExpiresIn(expiresIn: number, now = Date.now()): void {
	const max = Math.floor(Number.MAX_SAFE_INTEGER / 1000) - Math.floor(now / 1000);
	const seconds = Math.floor(expiresIn);
	if (!Number.isFinite(expiresIn) || !Number.isSafeInteger(seconds) || seconds < 1 || seconds > max)
		throw storageErrors.invalidParameter('expiresIn');
}

export function signDownloadToken(
	url: string,
	expiresIn: number,
	keys: SigningKeys,
	now = Date.now()
): string {
	const iat = Math.floor(now / 1000);
	return signHs256(
		{ url, scope: SignedScope.download, iat, exp: iat + Math.floor(expiresIn) },
		keys.secret
	);
}

export function signUploadToken(
	claims: { url: string; owner: string | undefined; upsert: boolean },
	keys: SigningKeys,
	now = Date.now()
): string {
	const iat = Math.floor(now / 1000);
	return signHs256(
		{
			owner: claims.owner,
			url: claims.url,
			upsert: claims.upsert,
			scope: SignedScope.upload,
			iat,
			exp: iat + UPLOAD_URL_EXPIRES_IN
		},
		keys.secret
	);
}

/**
 * Tokens issued before scopes existed are told apart by the `upsert` claim only upload tokens
 * carry, so a download token can never be replayed against the upload endpoint or back.
 */
function hasScope(claims: JwtClaims, scope: SignedScope): boolean {
	if (claims.scope === undefined)
		return scope === SignedScope.upload ? 'upsert' in claims : !('upsert' in claims);
	return claims.scope === scope;
}

export function verifySignedToken(
	token: string,
	url: string,
	scope: SignedScope,
	keys: SigningKeys,
	now = Date.now()
): JwtClaims & { owner?: string; upsert?: boolean } {
	let claims: JwtClaims;
	try {
		claims = verifyToken(token, keys, now);
	} catch (error) {
		throw storageErrors.invalidJwt((error as Error).message);
	}
	if (!hasScope(claims, scope))
		throw storageErrors.invalidSignature(`Token is not scoped for ${scope}`);
	if (claims.url !== url) throw storageErrors.invalidSignature();
	if (typeof claims.exp === 'number' && claims.exp * 1000 < now)
		throw storageErrors.expiredSignature();
	return claims as JwtClaims & { owner?: string; upsert?: boolean };
}
