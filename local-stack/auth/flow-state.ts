// PKCE as GoTrue runs it (internal/api/pkce.go, models/flow_state.go, security/pkce.go): a
// code_challenge (43-128 chars, s256 or plain) stored in auth.flow_state when a flow starts, an
// auth code handed out by /verify as `?code=`, and `grant_type=pkce` checking the verifier
// against the challenge within five minutes.
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { authErrors } from './errors.ts';
import type { Db } from './users.ts';

export type FlowStateRow = {
	id: string;
	user_id: string | null;
	auth_code: string | null;
	code_challenge_method: string | null;
	code_challenge: string | null;
	provider_type: string;
	authentication_method: string;
	created_at: string;
	auth_code_issued_at: string | null;
};

/** validatePKCEParams: both or neither, and a challenge of RFC 7636's shape. */
export function validatePkceParams(method: string, challenge: string): void {
	if ((challenge === '') !== (method === ''))
		throw authErrors.validation('PKCE flow requires code_challenge_method and code_challenge');
	if (challenge === '') return;
	if (challenge.length < 43 || challenge.length > 128)
		throw authErrors.validation('code challenge has to be between 43 and 128 characters');
	if (!/^[a-zA-Z._~0-9-]+$/.test(challenge))
		throw authErrors.validation(
			'code challenge can only contain alphanumeric characters, hyphens, periods, underscores and tildes'
		);
	const lowered = method.toLowerCase();
	// GoTrue fails later with an unhandled error (HTTP 500); a clear 400 says the same sooner.
	if (lowered !== 's256' && lowered !== 'plain')
		throw authErrors.validation(`unsupported code_challenge method "${method}"`);
}

export async function createFlowState(
	db: Db,
	options: {
		providerType: string;
		authenticationMethod: string;
		codeChallengeMethod: string;
		codeChallenge: string;
		userId: string;
	}
): Promise<FlowStateRow> {
	const { rows } = await db.query<FlowStateRow>(
		`insert into auth.flow_state (id, user_id, auth_code, code_challenge_method, code_challenge,
		   provider_type, provider_access_token, provider_refresh_token, created_at, updated_at,
		   authentication_method)
		 values ($1, $2, $3, $4::auth.code_challenge_method, $5, $6, '', '', now(), now(), $7)
		 returning *`,
		[
			randomUUID(),
			options.userId,
			randomUUID(),
			options.codeChallengeMethod.toLowerCase(),
			options.codeChallenge,
			options.providerType,
			options.authenticationMethod
		]
	);
	return rows[0];
}

/** issueAuthCode: the user's latest flow of that method gives its code and records the time. */
export async function issueAuthCode(
	db: Db,
	userId: string,
	authenticationMethod: string
): Promise<string> {
	const { rows } = await db.query<FlowStateRow>(
		`select * from auth.flow_state where user_id = $1 and authentication_method = $2
		 order by created_at desc, id desc limit 1`,
		[userId, authenticationMethod]
	);
	const flow = rows[0];
	if (!flow)
		throw authErrors.flowStateNotFound(
			'No associated flow state found. 422: No valid flow state found for user.',
			400
		);
	if (!flow.code_challenge)
		throw authErrors.flowStateNotFound(
			'No associated flow state found. 422: Flow state does not have an auth code (not a PKCE flow).',
			400
		);
	await db.query(
		'update auth.flow_state set auth_code_issued_at = now(), updated_at = now() where id = $1',
		[flow.id]
	);
	return flow.auth_code!;
}

export async function findFlowStateByAuthCode(db: Db, code: string): Promise<FlowStateRow | null> {
	const { rows } = await db.query<FlowStateRow>(
		'select * from auth.flow_state where auth_code = $1 limit 1',
		[code]
	);
	return rows[0] ?? null;
}

/** FlowState.IsExpired: magic links count from the code's issue, the rest from creation. */
export function isFlowStateExpired(
	flow: Pick<FlowStateRow, 'created_at' | 'auth_code_issued_at' | 'authentication_method'>,
	expirySeconds: number,
	createdAtMs: number,
	issuedAtMs: number | null,
	now = Date.now()
): boolean {
	const from =
		issuedAtMs !== null && flow.authentication_method === 'magiclink' ? issuedAtMs : createdAtMs;
	return now > from + expirySeconds * 1000;
}

/** security.VerifyPKCEChallenge */
export function verifyPkce(challenge: string, method: string, verifier: string): string | null {
	const compare = (a: string, b: string) =>
		a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
	switch (method.toLowerCase()) {
		case 's256': {
			const hashed = createHash('sha256').update(verifier).digest('base64url');
			return compare(challenge, hashed)
				? null
				: 'code challenge does not match previously saved code verifier';
		}
		case 'plain':
			return compare(challenge, verifier)
				? null
				: 'code challenge does not match previously saved code verifier';
		default:
			return 'code challenge method not supported';
	}
}
