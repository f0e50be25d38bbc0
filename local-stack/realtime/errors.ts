// Realtime's error catalogue (supabase/realtime realtime_channel.ex, user_socket.ex, the API
// controllers): join refusals as "<Code>: <message>" reasons, the channel shutdown texts pushed as
// `system` messages, the HTTP answers of a refused websocket upgrade and of the broadcast API.
import type { TokenFailure } from './tokens.ts';

/** A join refusal: the reply `{status: "error", response: {reason}}`. */
export type JoinError = { reason: string };

const reason = (code: string, message: string): JoinError => ({ reason: `${code}: ${message}` });

export const joinErrors = {
	topicNameRequired: () => reason('TopicNameRequired', 'You must provide a topic name'),
	unauthorizedRead: (topic: string) =>
		reason('Unauthorized', `You do not have permissions to read from this Channel topic: ${topic}`),
	tooManyChannels: (): JoinError => ({ reason: 'ChannelRateLimitReached: Too many channels' }),
	missingPartition: () =>
		reason('MissingPartition', 'Realtime was unable to find the expected messages partition'),
	databaseUnavailable: () =>
		reason('UnableToConnectToProject', 'Realtime was unable to connect to the project database'),
	invalidReplayParams: () => reason('UnableToReplayMessages', 'Replay params are not valid'),
	replayOnPublicChannel: () =>
		reason('UnableToReplayMessages', 'Replay is not allowed for public channels'),
	replayFailed: () => reason('UnableToReplayMessages', 'Realtime was unable to replay messages'),
	restarting: () => reason('RealtimeRestarting', 'Realtime is restarting, please standby'),
	unknown: (): JoinError => ({ reason: 'Unknown Error on Channel' }),
	token(failure: TokenFailure): JoinError {
		switch (failure.kind) {
			case 'expired':
				return reason('InvalidJWTToken', expiredMessage(failure.seconds));
			case 'missing_claims':
				return reason('InvalidJWTToken', MISSING_CLAIMS);
			case 'invalid_exp':
				return reason('InvalidJWTToken', 'Token expiration time is invalid');
			case 'malformed':
				return reason('MalformedJWT', MALFORMED);
			case 'signature':
				return reason('JwtSignatureError', 'Failed to validate JWT signature');
			case 'signer':
				return reason('JwtSignerError', signerMessage(failure.kid));
			default:
				return joinErrors.unknown();
		}
	}
};

const MISSING_CLAIMS = 'Fields `role` and `exp` are required in JWT';
const MALFORMED = 'The token provided is not a valid JWT';
const expiredMessage = (seconds: number) => `Token has expired ${seconds} seconds ago`;
const signerMessage = (kid: string | undefined) =>
	kid === undefined
		? 'Failed to generate JWT signer, check your JWT secret or JWKS configuration'
		: `Failed to generate JWT signer for key ID (kid) ${JSON.stringify(kid)}, check your JWT secret or JWKS configuration`;

/** Texts of the `system` message a channel pushes before it closes (shutdown_response). */
export const shutdownMessages = {
	/** confirm_token (timer at `exp`, every 5 min) and access_token refresh failures. */
	token(failure: TokenFailure): string {
		switch (failure.kind) {
			case 'expired':
				return expiredMessage(failure.seconds);
			case 'missing_claims':
				return MISSING_CLAIMS;
			case 'malformed':
				return MALFORMED;
			case 'signer':
				return signerMessage(failure.kid);
			case 'invalid_exp':
				// confirm_token returns the bare integer; upstream renders it with inspect.
				return String(failure.diff);
			case 'signature':
				// Upstream inspects the error atom.
				return ':signature_error';
			default:
				return `:${failure.atom}`;
		}
	},
	unauthorizedRead: (topic: string) =>
		`You do not have permissions to read from this Channel topic: ${topic}`,
	readRevoked: (topic: string) =>
		`You no longer have permission to read from this Channel topic: ${topic}`,
	databaseUnavailable: () => 'Realtime was unable to connect to the project database',
	presencePayloadTooLarge: () => 'Track message size exceeded'
};

/** The refused websocket upgrade: status and `{"error": message}` (UserSocket.handle_error). */
export function connectError(failure: TokenFailure | { kind: 'missing_api_key' }): {
	status: number;
	message: string;
} {
	switch (failure.kind) {
		case 'missing_api_key':
			return { status: 401, message: 'API key is missing' };
		case 'expired':
			return { status: 401, message: 'Token has expired' };
		case 'missing_claims':
			return { status: 401, message: MISSING_CLAIMS };
		case 'malformed':
			return { status: 401, message: MALFORMED };
		case 'signature':
			return { status: 401, message: 'Failed to validate JWT signature' };
		case 'signer':
			return { status: 401, message: signerMessage(failure.kid) };
		default:
			return { status: 500, message: 'Error connecting to Realtime' };
	}
}

/** Status and JSON body of the broadcast API's refusals (AuthTenant, FallbackController). */
export type ApiError = { status: number; body: unknown };

export const apiErrors = {
	unauthorized: (): ApiError => ({ status: 401, body: { message: 'Unauthorized' } }),
	forbidden: (): ApiError => ({ status: 403, body: { message: 'Unauthorized' } }),
	/** An Ecto changeset refusal: `{"errors": {field: [messages]}}`. */
	unprocessable: (errors: Record<string, unknown>): ApiError => ({
		status: 422,
		body: { errors }
	}),
	unprocessableMessage: (message: string): ApiError => ({ status: 422, body: { message } }),
	unsupportedMediaType: (): ApiError => ({
		status: 415,
		body: { error: 'Unsupported Media Type. Use application/json or application/octet-stream' }
	}),
	/** Plug.Parsers refusing a body that is not JSON: Phoenix's ErrorView renders the status text. */
	badRequest: (): ApiError => ({ status: 400, body: 'Bad Request' }),
	payloadTooLarge: (): ApiError => ({ status: 413, body: 'Request Entity Too Large' }),
	/** Phoenix's NoRouteError as a JSON API renders it. */
	notFound: (): ApiError => ({ status: 404, body: { errors: { detail: 'Not Found' } } }),
	/** The stack could not reach its own database. */
	internal: (message: string): ApiError => ({ status: 500, body: { message } })
};

export function isApiError(value: unknown): value is ApiError {
	return (
		typeof value === 'object' &&
		value !== null &&
		typeof (value as ApiError).status === 'number' &&
		'body' in value
	);
}
