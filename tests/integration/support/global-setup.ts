// Gives the integration suite its target: the Supabase stack named by SUPABASE_URL (+ keys),
// or else a fresh local stack on free ports, started once for the run and stopped after it.
import type { TestProject } from 'vitest/node';
import { removeDataDir, startStack } from './start-stack.ts';
import type { StackInfo } from './start-stack.ts';

declare module 'vitest' {
	export interface ProvidedContext {
		target: StackInfo & { local: boolean };
	}
}

export default async function setup(project: TestProject) {
	const url = process.env.SUPABASE_URL;
	if (url) {
		const required = ['SUPABASE_ANON_KEY', 'SUPABASE_SERVICE_ROLE_KEY'];
		const missing = required.filter((name) => !process.env[name]);
		if (missing.length) throw new Error(`SUPABASE_URL is set but ${missing.join(', ')} is not`);
		project.provide('target', {
			local: false,
			apiUrl: url,
			dbUrl: process.env.SUPABASE_DB_URL ?? '',
			mailUrl: process.env.SUPABASE_MAIL_URL ?? null,
			anonKey: process.env.SUPABASE_ANON_KEY!,
			serviceRoleKey: process.env.SUPABASE_SERVICE_ROLE_KEY!,
			publishableKey: process.env.SUPABASE_PUBLISHABLE_KEY ?? process.env.SUPABASE_ANON_KEY!,
			secretKey: process.env.SUPABASE_SECRET_KEY ?? process.env.SUPABASE_SERVICE_ROLE_KEY!,
			jwtSecret: process.env.SUPABASE_JWT_SECRET ?? ''
		});
		return;
	}
	const stack = await startStack({ fresh: true });
	project.provide('target', {
		local: true,
		apiUrl: stack.apiUrl,
		dbUrl: stack.dbUrl,
		mailUrl: stack.mailUrl,
		anonKey: stack.anonKey,
		serviceRoleKey: stack.serviceRoleKey,
		publishableKey: stack.publishableKey,
		secretKey: stack.secretKey,
		jwtSecret: stack.jwtSecret
	});
	return async () => {
		const code = await stack.stop();
		removeDataDir(stack.dataDir);
		if (code !== 0) throw new Error(`local stack exited with ${code}:\n${stack.output()}`);
	};
}
