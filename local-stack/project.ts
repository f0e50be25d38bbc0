// Reads the keys of a Supabase project's `config.toml` that the stack acts on, with the CLI's
// defaults (apps/cli-go/pkg/config/templates/config.toml). Keys it does not use are ignored,
// as the CLI ignores keys of services it does not start.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'smol-toml';

export type BucketConfig = {
	public: boolean;
	fileSizeLimit: number | null;
	allowedMimeTypes: string[] | null;
	objectsPath: string | null;
};

/** `[auth.email.template.<kind>]`: a subject and/or a Go-template file replacing GoTrue's default. */
export type EmailTemplateConfig = { subject: string | null; contentPath: string | null };

export type ProjectConfig = {
	/** The folder holding config.toml, migrations/ and seed.sql. */
	dir: string;
	projectId: string;
	api: {
		schemas: string[];
		extraSearchPath: string[];
		maxRows: number;
		autoExposeNewTables: boolean;
	};
	db: {
		majorVersion: number;
		migrations: { enabled: boolean };
		seed: { enabled: boolean; sqlPaths: string[] };
	};
	realtime: { enabled: boolean };
	storage: { enabled: boolean; fileSizeLimit: number; buckets: Record<string, BucketConfig> };
	auth: {
		enabled: boolean;
		siteUrl: string;
		additionalRedirectUrls: string[];
		jwtExpiry: number;
		jwtSecret: string | null;
		/** `[auth] jwt_issuer`; null means the CLI default, the Auth URL. */
		jwtIssuer: string | null;
		enableSignup: boolean;
		enableAnonymousSignIns: boolean;
		minimumPasswordLength: number;
		passwordRequirements: string;
		enableRefreshTokenRotation: boolean;
		refreshTokenReuseInterval: number;
		email: {
			/** The email provider itself; `[auth] enable_signup` is what blocks new sign-ups. */
			enabled: boolean;
			enableConfirmations: boolean;
			doubleConfirmChanges: boolean;
			securePasswordChange: boolean;
			maxFrequencySeconds: number;
			otpLength: number;
			otpExpiry: number;
			/** Keyed by GoTrue's template names: invite, confirmation, recovery, magic_link, email_change, reauthentication. */
			templates: Record<string, EmailTemplateConfig>;
		};
		rateLimit: {
			emailSent: number;
			tokenRefresh: number;
			signInSignUps: number;
			tokenVerifications: number;
			anonymousUsers: number;
		};
	};
	/** The mail catcher (`[local_smtp]`, `[inbucket]` before CLI 3). */
	localSmtp: { enabled: boolean; port: number; adminEmail: string; senderName: string };
};

type Table = Record<string, unknown>;

const table = (value: unknown): Table =>
	typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Table) : {};
const bool = (value: unknown, fallback: boolean) => (typeof value === 'boolean' ? value : fallback);
const num = (value: unknown, fallback: number) =>
	typeof value === 'number' || typeof value === 'bigint' ? Number(value) : fallback;
const str = (value: unknown, fallback: string) => (typeof value === 'string' ? value : fallback);
const strings = (value: unknown, fallback: string[]) =>
	Array.isArray(value) ? value.map(String) : fallback;

const SIZE_UNITS: Record<string, number> = {
	b: 1,
	kb: 1000,
	kib: 1024,
	mb: 1000 ** 2,
	mib: 1024 ** 2,
	gb: 1000 ** 3,
	gib: 1024 ** 3
};

/** Parses sizes the way the CLI does ("50MiB", "5MB", or a number of bytes). */
export function parseSize(value: unknown): number | null {
	if (value === undefined || value === null || value === '') return null;
	if (typeof value === 'number' || typeof value === 'bigint') return Number(value);
	const match = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$/.exec(String(value));
	if (!match) throw new Error(`config.toml: invalid size "${String(value)}"`);
	const unit = SIZE_UNITS[(match[2] || 'b').toLowerCase()];
	if (unit === undefined) throw new Error(`config.toml: unknown size unit in "${String(value)}"`);
	return Math.round(Number(match[1]) * unit);
}

/** Accepts either the supabase/ folder itself or a project root that contains one. */
export function resolveProjectDir(workdir: string): string {
	const dir = resolve(workdir);
	if (existsSync(join(dir, 'supabase', 'config.toml'))) return join(dir, 'supabase');
	return dir;
}

export function loadProjectConfig(workdir: string): ProjectConfig {
	const dir = resolveProjectDir(workdir);
	const file = join(dir, 'config.toml');
	let raw: Table = {};
	if (existsSync(file)) {
		try {
			raw = parse(readFileSync(file, 'utf8')) as Table;
		} catch (error) {
			throw new Error(`${file}: ${(error as Error).message}`, { cause: error });
		}
	}
	const api = table(raw.api);
	const db = table(raw.db);
	const seed = table(db.seed);
	const migrations = table(db.migrations);
	const storage = table(raw.storage);
	const auth = table(raw.auth);
	const email = table(auth.email);
	const rate = table(auth.rate_limit);
	const localSmtp = table(raw.local_smtp ?? raw.inbucket);
	const templates: Record<string, EmailTemplateConfig> = {};
	for (const [kind, value] of Object.entries(table(email.template))) {
		const template = table(value);
		const contentPath = typeof template.content_path === 'string' ? template.content_path : '';
		templates[kind] = {
			subject: typeof template.subject === 'string' ? template.subject : null,
			// The CLI resolves email templates against the repository root, the folder above supabase/.
			contentPath: contentPath === '' ? null : resolve(dirname(dir), contentPath)
		};
	}
	const buckets: Record<string, BucketConfig> = {};
	for (const [id, value] of Object.entries(table(storage.buckets))) {
		const bucket = table(value);
		buckets[id] = {
			public: bool(bucket.public, false),
			fileSizeLimit: parseSize(bucket.file_size_limit),
			allowedMimeTypes: Array.isArray(bucket.allowed_mime_types)
				? bucket.allowed_mime_types.map(String)
				: null,
			objectsPath:
				typeof bucket.objects_path === 'string' && bucket.objects_path !== ''
					? resolve(dir, bucket.objects_path)
					: null
		};
	}
	return {
		dir,
		projectId: str(raw.project_id, 'local'),
		api: {
			schemas: strings(api.schemas, ['public', 'graphql_public']),
			extraSearchPath: strings(api.extra_search_path, ['public', 'extensions']),
			maxRows: num(api.max_rows, 1000),
			autoExposeNewTables: bool(api.auto_expose_new_tables, true)
		},
		db: {
			majorVersion: num(db.major_version, 17),
			migrations: { enabled: bool(migrations.enabled, true) },
			seed: {
				enabled: bool(seed.enabled, true),
				sqlPaths: strings(seed.sql_paths, ['./seed.sql'])
			}
		},
		realtime: { enabled: bool(table(raw.realtime).enabled, true) },
		storage: {
			enabled: bool(storage.enabled, true),
			fileSizeLimit: parseSize(storage.file_size_limit) ?? 50 * 1024 ** 2,
			buckets
		},
		auth: {
			enabled: bool(auth.enabled, true),
			siteUrl: str(auth.site_url, 'http://127.0.0.1:3000'),
			additionalRedirectUrls: strings(auth.additional_redirect_urls, []),
			jwtExpiry: num(auth.jwt_expiry, 3600),
			jwtSecret: typeof auth.jwt_secret === 'string' ? auth.jwt_secret : null,
			jwtIssuer:
				typeof auth.jwt_issuer === 'string' && auth.jwt_issuer !== '' ? auth.jwt_issuer : null,
			enableSignup: bool(auth.enable_signup, true),
			enableAnonymousSignIns: bool(auth.enable_anonymous_sign_ins, false),
			minimumPasswordLength: num(auth.minimum_password_length, 6),
			passwordRequirements: str(auth.password_requirements, ''),
			enableRefreshTokenRotation: bool(auth.enable_refresh_token_rotation, true),
			refreshTokenReuseInterval: num(auth.refresh_token_reuse_interval, 10),
			email: {
				// The CLI's key is `[auth.email] enable_signup` (GOTRUE_EXTERNAL_EMAIL_ENABLED).
				enabled: bool(email.enable_signup, bool(email.enabled, true)),
				enableConfirmations: bool(email.enable_confirmations, false),
				doubleConfirmChanges: bool(email.double_confirm_changes, true),
				securePasswordChange: bool(email.secure_password_change, false),
				maxFrequencySeconds: parseDuration(email.max_frequency, 1),
				otpLength: num(email.otp_length, 6),
				otpExpiry: num(email.otp_expiry, 3600),
				templates
			},
			rateLimit: {
				emailSent: num(rate.email_sent, 2),
				tokenRefresh: num(rate.token_refresh, 150),
				signInSignUps: num(rate.sign_in_sign_ups, 30),
				tokenVerifications: num(rate.token_verifications, 30),
				anonymousUsers: num(rate.anonymous_users, 30)
			}
		},
		localSmtp: {
			enabled: bool(localSmtp.enabled, true),
			port: num(localSmtp.port, 54324),
			adminEmail: str(localSmtp.admin_email, 'admin@email.com'),
			senderName: str(localSmtp.sender_name, 'Admin')
		}
	};
}

/** Go-style durations used by the CLI ("1s", "1m0s", "60s"). */
export function parseDuration(value: unknown, fallbackSeconds: number): number {
	if (typeof value === 'number') return value;
	if (typeof value !== 'string' || value === '') return fallbackSeconds;
	let total = 0;
	const re = /(\d+(?:\.\d+)?)(h|m|s|ms)/g;
	let match: RegExpExecArray | null;
	let consumed = 0;
	while ((match = re.exec(value)) !== null) {
		const n = Number(match[1]);
		total +=
			match[2] === 'h' ? n * 3600 : match[2] === 'm' ? n * 60 : match[2] === 's' ? n : n / 1000;
		consumed += match[0].length;
	}
	if (consumed !== value.length) throw new Error(`config.toml: invalid duration "${value}"`);
	return total;
}
