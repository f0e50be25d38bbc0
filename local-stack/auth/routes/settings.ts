// GET /settings: GoTrue's Settings, with every external provider off (the local stack has none)
// and the email, anonymous and autoconfirm switches from config.toml.
import type { RouteHandler } from '../runtime.ts';
import { respond } from './shared.ts';

const PROVIDERS = [
	'apple',
	'azure',
	'bitbucket',
	'discord',
	'facebook',
	'snapchat',
	'figma',
	'fly',
	'github',
	'gitlab',
	'google',
	'keycloak',
	'kakao',
	'linkedin',
	'linkedin_oidc',
	'notion',
	'spotify',
	'slack',
	'slack_oidc',
	'workos',
	'twitch',
	'twitter'
];

export const settings: RouteHandler = async (call) => {
	const config = call.auth.settings;
	const external: Record<string, boolean> = { anonymous_users: config.anonymousEnabled };
	for (const provider of PROVIDERS) external[provider] = false;
	external.email = config.emailEnabled;
	external.phone = false;
	external.zoom = false;
	respond(call, 200, {
		external,
		disable_signup: config.disableSignup,
		mailer_autoconfirm: config.autoconfirm,
		phone_autoconfirm: true,
		sms_provider: '',
		saml_enabled: false,
		saml_private_key_next_configured: false,
		passkeys_enabled: false
	});
};
