// The lines `supabase status` prints, so scripts and people read the same names.
import type { RunningStack } from './stack.ts';

export function statusLines(stack: RunningStack): string[] {
	return [
		`API URL: ${stack.apiUrl}`,
		`REST URL: ${stack.apiUrl}/rest/v1`,
		`GraphQL URL: ${stack.apiUrl}/graphql/v1`,
		`DB URL: ${stack.dbUrl}`,
		...(stack.mailUrl ? [`Mailpit URL: ${stack.mailUrl}`] : []),
		`Publishable key: ${stack.keys.publishable}`,
		`Secret key: ${stack.keys.secret}`,
		`JWT secret: ${stack.jwtSecret}`,
		`anon key: ${stack.keys.anon}`,
		`service_role key: ${stack.keys.serviceRole}`
	];
}
