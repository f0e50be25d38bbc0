// The Supabase services the gateway serves, each under its URL prefix.
import { createAuthService } from './auth/service.ts';
import type { StackContext } from './context.ts';
import type { Service } from './gateway/service.ts';
import { createRestService } from './rest/service.ts';
import { createStorageService } from './storage/service.ts';
import { createRealtimeService } from './realtime/service.ts';

export function createServices(_context: StackContext): Service[] {
	return [
		createAuthService(_context),
		createRestService(_context),
		createStorageService(_context),
		createRealtimeService(_context)
	];
}
