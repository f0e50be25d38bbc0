// Server-only settings: the LiveKit server and its API key pair, and the Supabase secret key.
// Read at run time ($app/env/private), so one build serves any deployment. A missing value is
// an error naming the variables: in English for the operator's log, in French for the person on
// the page (`userMessage`).
import {
	LIVEKIT_API_KEY,
	LIVEKIT_API_SECRET,
	LIVEKIT_URL,
	SUPABASE_SECRET_KEY
} from '$app/env/private';
import { messages } from '#lib/i18n/index.ts';

export type LiveKitConfig = {
	/** The server's WebSocket URL, as livekit-client wants it (ws:// or wss://). */
	url: string;
	apiKey: string;
	apiSecret: string;
};

export class MissingConfigurationError extends Error {
	readonly variables: string[];
	readonly userMessage: string;

	constructor(variables: string[], purpose: string, userMessage: string) {
		super(
			`${variables.join(', ')} must be set ${purpose} (see README, Configuration; ` +
				`${variables.length > 1 ? 'they are' : 'it is'} missing from the server's environment)`
		);
		this.name = 'MissingConfigurationError';
		this.variables = variables;
		this.userMessage = userMessage;
	}
}

type Values = Record<string, string | undefined>;

/** The LiveKit settings from the given values (the environment by default). */
export function livekitConfig(
	values: Values = { LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET }
): LiveKitConfig {
	const names = ['LIVEKIT_URL', 'LIVEKIT_API_KEY', 'LIVEKIT_API_SECRET'];
	const missing = names.filter((name) => !values[name]?.trim());
	if (missing.length > 0) {
		throw new MissingConfigurationError(
			missing,
			'for the video sessions',
			messages.video.errors.notConfigured
		);
	}
	return {
		// livekit-client connects over WebSocket; an http(s) URL names the same server.
		url: values.LIVEKIT_URL!.trim().replace(/^http/, 'ws').replace(/\/+$/, ''),
		apiKey: values.LIVEKIT_API_KEY!.trim(),
		apiSecret: values.LIVEKIT_API_SECRET!.trim()
	};
}

/** Whether video can work at all on this server (the room page says so when it cannot). */
export function livekitConfigured(values?: Values): boolean {
	try {
		livekitConfig(values);
		return true;
	} catch {
		return false;
	}
}

/** The secret (service-role) key: for the LiveKit webhook and participant records only. */
export function supabaseSecretKey(values: Values = { SUPABASE_SECRET_KEY }): string {
	const key = values.SUPABASE_SECRET_KEY?.trim();
	if (!key) {
		throw new MissingConfigurationError(
			['SUPABASE_SECRET_KEY'],
			'for the LiveKit webhook and the video participant records',
			messages.video.errors.unavailable
		);
	}
	return key;
}
