// The GoTrue settings of a project, derived from config.toml the way the Supabase CLI turns it
// into GOTRUE_* variables (apps/cli-go/internal/start/start.go) and GoTrue then applies its own
// floors (conf/configuration.go: OTP length 6-10, minimum password length 6, 1-minute frequency).
import type { ProjectConfig } from '../project.ts';

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';
const SYMBOLS = `!@#$%^&*()_+-=[]{};'\\:"|<>?,./\`~`;

/** `[auth] password_requirements` → GOTRUE_PASSWORD_REQUIRED_CHARACTERS, one set per entry. */
export function requiredCharacters(requirement: string): string[] {
	switch (requirement) {
		case '':
			return [];
		case 'letters_digits':
			return [LOWER + UPPER, DIGITS];
		case 'lower_upper_letters_digits':
			return [LOWER, UPPER, DIGITS];
		case 'lower_upper_letters_digits_symbols':
			return [LOWER, UPPER, DIGITS, SYMBOLS];
		default:
			throw new Error(
				`config.toml: [auth] password_requirements must be one of "", "letters_digits", "lower_upper_letters_digits", "lower_upper_letters_digits_symbols"; got "${requirement}"`
			);
	}
}

export type RateLimits = {
	/** Emails per hour, for the whole instance (GOTRUE_RATE_LIMIT_EMAIL_SENT). */
	emailSent: number;
	/** Token grants per 5 minutes per IP. */
	tokenRefresh: number;
	/** Sign-ups, recoveries, OTPs, user updates per 5 minutes per IP (GOTRUE_RATE_LIMIT_OTP). */
	otp: number;
	/** Verifications per 5 minutes per IP. */
	verify: number;
	/** Anonymous sign-ins per hour per IP. */
	anonymousUsers: number;
};

export type AuthSettings = {
	enabled: boolean;
	siteUrl: string;
	uriAllowList: string[];
	/** API_EXTERNAL_URL: where GoTrue is reached from outside, e.g. http://127.0.0.1:54321/auth/v1 */
	externalUrl: string;
	issuer: string;
	jwtExpiry: number;
	aud: string;
	adminRoles: string[];
	defaultRole: string;
	disableSignup: boolean;
	emailEnabled: boolean;
	anonymousEnabled: boolean;
	/** GOTRUE_MAILER_AUTOCONFIRM = !enable_confirmations */
	autoconfirm: boolean;
	secureEmailChange: boolean;
	/** GOTRUE_SECURITY_UPDATE_PASSWORD_REQUIRE_REAUTHENTICATION */
	passwordChangeNeedsReauthentication: boolean;
	maxFrequencyMs: number;
	otpLength: number;
	otpExpirySeconds: number;
	minPasswordLength: number;
	requiredCharacters: string[];
	rotation: boolean;
	reuseIntervalSeconds: number;
	flowStateExpirySeconds: number;
	rateLimits: RateLimits;
	templates: ProjectConfig['auth']['email']['templates'];
	sender: { name: string; address: string };
};

export function authSettings(project: ProjectConfig, apiUrl: string): AuthSettings {
	const auth = project.auth;
	const email = auth.email;
	const externalUrl = `${apiUrl}/auth/v1`;
	const otpLength = email.otpLength < 6 || email.otpLength > 10 ? 6 : email.otpLength;
	return {
		enabled: auth.enabled,
		siteUrl: auth.siteUrl,
		uriAllowList: auth.additionalRedirectUrls,
		externalUrl,
		issuer: auth.jwtIssuer ?? externalUrl,
		jwtExpiry: auth.jwtExpiry,
		aud: 'authenticated',
		adminRoles: ['service_role'],
		defaultRole: 'authenticated',
		disableSignup: !auth.enableSignup,
		emailEnabled: email.enabled,
		anonymousEnabled: auth.enableAnonymousSignIns,
		autoconfirm: !email.enableConfirmations,
		secureEmailChange: email.doubleConfirmChanges,
		passwordChangeNeedsReauthentication: email.securePasswordChange,
		maxFrequencyMs: (email.maxFrequencySeconds || 60) * 1000,
		otpLength,
		otpExpirySeconds: email.otpExpiry || 86400,
		minPasswordLength: Math.max(auth.minimumPasswordLength, 6),
		requiredCharacters: requiredCharacters(auth.passwordRequirements),
		rotation: auth.enableRefreshTokenRotation,
		reuseIntervalSeconds: auth.refreshTokenReuseInterval,
		flowStateExpirySeconds: 300,
		rateLimits: {
			emailSent: auth.rateLimit.emailSent,
			tokenRefresh: auth.rateLimit.tokenRefresh,
			otp: auth.rateLimit.signInSignUps,
			verify: auth.rateLimit.tokenVerifications,
			anonymousUsers: auth.rateLimit.anonymousUsers
		},
		templates: email.templates,
		sender: { name: project.localSmtp.senderName, address: project.localSmtp.adminEmail }
	};
}
