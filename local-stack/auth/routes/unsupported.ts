// What GoTrue serves but the local stack does not implement, refused the way GoTrue refuses a
// disabled feature (404 with an error code) rather than silently: OAuth providers (none are
// configured: GoTrue's own "provider is not enabled"), SAML, MFA, passkeys, identity linking,
// the OAuth server and the audit log.
import { authErrors } from '../errors.ts';
import type { RouteHandler } from '../runtime.ts';

export const unsupported =
	(feature: string): RouteHandler =>
	async () => {
		throw authErrors.notSupported(feature);
	};

/** /authorize and /callback with no external provider enabled. */
export const noProvider: RouteHandler = async () => {
	throw authErrors.validation('Unsupported provider: provider is not enabled');
};

export const samlDisabled: RouteHandler = async () => {
	throw authErrors.samlDisabled();
};

export const manualLinkingDisabled: RouteHandler = async () => {
	throw authErrors.manualLinkingDisabled();
};
