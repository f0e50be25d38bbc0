// Access tokens minted with the project's JWT secret, as any Supabase service accepts them:
// lets protocol suites act as users without going through sign-up.
import { createHmac, randomUUID } from 'node:crypto';

export function signToken(claims: Record<string, unknown>, secret: string): string {
	const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
	const head = encode({ alg: 'HS256', typ: 'JWT' });
	const body = encode(claims);
	const signature = createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url');
	return `${head}.${body}.${signature}`;
}

export function userToken(
	secret: string,
	options: { sub?: string; email?: string; expiresIn?: number; role?: string } = {}
): { token: string; sub: string } {
	const sub = options.sub ?? randomUUID();
	const now = Math.floor(Date.now() / 1000);
	const token = signToken(
		{
			sub,
			role: options.role ?? 'authenticated',
			aud: 'authenticated',
			email: options.email ?? `${sub}@example.test`,
			iat: now,
			exp: now + (options.expiresIn ?? 3600)
		},
		secret
	);
	return { token, sub };
}
