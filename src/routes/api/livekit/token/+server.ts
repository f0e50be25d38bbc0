// POST /api/livekit/token { videoSessionId } → { token, url }: a short-lived LiveKit token for
// the signed-in member or coach of that session (see $lib/server/livekit/join.ts). Refusals are
// JSON { message } in French: 400 bad body, 401 signed out, 403 not a party, 404 unknown,
// 409 ended or cancelled, 503 video not configured or the database unreachable.
import { json } from '@sveltejs/kit';
import { messages } from '#lib/i18n/index.ts';
import { videoSessionRef } from '#lib/schemas/video.ts';
import { livekitConfig, MissingConfigurationError } from '#lib/server/env.ts';
import { grantRoomAccess } from '#lib/server/livekit/join.ts';
import { supabaseAdmin } from '#lib/server/supabase-admin.ts';
import type { RequestHandler } from './$types';

const noStore = { 'cache-control': 'no-store' };
const refuse = (status: number, message: string) => json({ message }, { status, headers: noStore });

export const POST: RequestHandler = async ({ request, locals }) => {
	if (!locals.claims) return refuse(401, messages.video.errors.signedOut);
	if (!/^application\/json\b/i.test(request.headers.get('content-type') ?? '')) {
		return refuse(415, messages.video.errors.invalidRequest);
	}
	const body = await request.json().catch(() => null);
	const parsed = videoSessionRef.safeParse(body);
	if (!parsed.success) return refuse(400, messages.video.errors.invalidRequest);

	let deps;
	try {
		deps = { supabase: locals.supabase, admin: supabaseAdmin(), livekit: livekitConfig() };
	} catch (failure) {
		if (failure instanceof MissingConfigurationError) {
			console.error(failure.message);
			return refuse(503, failure.userMessage);
		}
		throw failure;
	}
	const result = await grantRoomAccess(deps, locals.claims.sub, parsed.data.videoSessionId);
	if (!result.ok) return refuse(result.status, result.message);
	return json({ token: result.token, url: result.url }, { headers: noStore });
};
