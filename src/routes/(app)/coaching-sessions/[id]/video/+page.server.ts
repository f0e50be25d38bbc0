// The video room of a coaching session (/coaching-sessions/<id>/video, the video session's
// "Lien"). Everything is read through the viewer's own client, so RLS shows the page only to
// the session's member and coach; anyone else, like an unknown id, gets the same 404. The
// coach's "Terminer pour tous" is the `end` action.
import { error, fail } from '@sveltejs/kit';
import { messages } from '#lib/i18n/index.ts';
import { formFailure, parseForm } from '#lib/forms.ts';
import { videoSessionRef } from '#lib/schemas/video.ts';
import { livekitConfigured, MissingConfigurationError } from '#lib/server/env.ts';
import { endForEveryone } from '#lib/server/livekit/end-session.ts';
import { roomService } from '#lib/server/livekit/services.ts';
import { uuid } from '#lib/schemas/fields.ts';
import type { Actions, PageServerLoad } from './$types';

const t = messages.video;

export const load: PageServerLoad = async ({ locals, params, parent }) => {
	const { viewer } = await parent();
	if (!uuid.safeParse(params.id).success) error(404, t.errors.sessionNotFound);

	const { data: session, error: sessionError } = await locals.supabase
		.from('coaching_sessions')
		.select('id, member_id, coach_id, starts_at, ends_at, status')
		.eq('id', params.id)
		.maybeSingle();
	if (sessionError) error(503, messages.common.errors.generic);
	if (!session) error(404, t.errors.sessionNotFound);

	const [people, video] = await Promise.all([
		locals.supabase
			.from('profiles')
			.select('id, first_name, last_name')
			.in('id', [session.member_id, session.coach_id]),
		locals.supabase
			.from('video_sessions')
			.select('id, status, started_at, ended_at, updated_at')
			.eq('coaching_session_id', session.id)
			.maybeSingle()
	]);
	if (people.error || video.error) error(503, messages.common.errors.generic);
	if (!video.data) error(404, t.errors.sessionNotFound);

	const participants = await locals.supabase
		.from('video_participants')
		.select('profile_id, status, joined_at, left_at, updated_at')
		.eq('video_session_id', video.data.id);
	if (participants.error) error(503, messages.common.errors.generic);

	const nameOf = (id: string) => {
		const profile = people.data.find((person) => person.id === id);
		return profile ? `${profile.first_name} ${profile.last_name}`.trim() : t.roles.member;
	};
	const parties = [
		{ profileId: session.coach_id, name: nameOf(session.coach_id), role: 'coach' as const },
		{ profileId: session.member_id, name: nameOf(session.member_id), role: 'member' as const }
	];
	return {
		session: {
			id: session.id,
			startsAt: session.starts_at,
			endsAt: session.ends_at,
			status: session.status
		},
		video: video.data,
		parties,
		participants: participants.data,
		viewerRole: viewer.id === session.coach_id ? ('coach' as const) : ('member' as const),
		counterpart: parties.find((party) => party.profileId !== viewer.id)!,
		videoAvailable: livekitConfigured()
	};
};

export const actions: Actions = {
	end: async ({ request, locals }) => {
		if (!locals.claims) return fail(401, formFailure(t.errors.signedOut));
		const parsed = parseForm(videoSessionRef, await request.formData());
		if (!parsed.ok) return fail(400, formFailure(t.errors.invalidRequest));
		let rooms;
		try {
			rooms = roomService();
		} catch (failure) {
			if (failure instanceof MissingConfigurationError) {
				console.error(failure.message);
				return fail(503, formFailure(failure.userMessage));
			}
			throw failure;
		}
		const result = await endForEveryone(
			{ supabase: locals.supabase, rooms },
			parsed.data.videoSessionId
		);
		if (!result.ok) return fail(result.status, formFailure(result.message));
		return { ended: true };
	}
};
