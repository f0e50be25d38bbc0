// The app's configuration: public values reach the browser through $app/env/public, the others
// stay on the server ($app/env/private). Values are checked for shape here; their presence is
// checked when the server starts (hooks.server.ts `init`), since `vite build` runs without them.
import { defineEnvVars } from '@sveltejs/kit/env';

const optional = (value: string | undefined) => (value ? value : undefined);

const url = (name: string) => (value: string | undefined) => {
	if (!value) return undefined;
	if (!/^https?:\/\/[^\s]+$/.test(value)) throw new Error(`${name} must be an http(s) URL`);
	return value.replace(/\/+$/, '');
};

export const variables = defineEnvVars({
	PUBLIC_SUPABASE_URL: {
		public: true,
		schema: url('PUBLIC_SUPABASE_URL'),
		description: 'Supabase project URL (the local stack: http://127.0.0.1:54321)'
	},
	PUBLIC_SUPABASE_PUBLISHABLE_KEY: {
		public: true,
		schema: optional,
		description: 'Publishable (sb_publishable_…) or legacy anon key'
	},
	PUBLIC_MAIL_CATCHER_URL: {
		public: true,
		schema: url('PUBLIC_MAIL_CATCHER_URL'),
		description: 'Local mail catcher, linked in development after sending an e-mail'
	},
	SUPABASE_SECRET_KEY: {
		schema: optional,
		description:
			'Secret (sb_secret_…) or service_role key: LiveKit webhook and participant records only'
	},
	LIVEKIT_URL: {
		schema: (value) => {
			if (!value) return undefined;
			if (!/^(wss?|https?):\/\/[^\s]+$/.test(value))
				throw new Error('LIVEKIT_URL must be a ws(s):// or http(s):// URL');
			return value;
		},
		description: 'LiveKit server URL (wss://…)'
	},
	LIVEKIT_API_KEY: { schema: optional, description: 'LiveKit API key' },
	LIVEKIT_API_SECRET: { schema: optional, description: 'LiveKit API secret' }
});
