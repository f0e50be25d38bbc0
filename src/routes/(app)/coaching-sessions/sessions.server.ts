// How the coaching session pages read sessions: one select with both parties, the domain of the
// request it came from and its video session, mapped to what the pages show. RLS returns only
// the viewer's own sessions (as member or as coach).
import { fullName } from '#lib/coaching/format.ts';
import { avatarUrl } from '#lib/storage.ts';

export const SESSION_SELECT =
	'id, status, starts_at, ends_at, member_id, coach_id, request_id, completed_at, cancelled_at, cancelled_by, cancellation_reason, member_rating, member_comment, rated_at, member:profiles!member_id(id, first_name, last_name, avatar_path), coach:coaches(profile:profiles(id, first_name, last_name, avatar_path)), request:coaching_requests(domain:expertise_domains(name)), video:video_sessions(id, status)';

type Person = { id: string; first_name: string; last_name: string; avatar_path: string | null };
type Row = {
	id: string;
	status: 'planned' | 'completed' | 'cancelled';
	starts_at: string;
	ends_at: string;
	member_id: string;
	coach_id: string;
	request_id: string;
	completed_at: string | null;
	cancelled_at: string | null;
	cancelled_by: string | null;
	cancellation_reason: string | null;
	member_rating: number | null;
	member_comment: string | null;
	rated_at: string | null;
	member: Person | null;
	coach: { profile: Person | null } | null;
	request: { domain: { name: string } | null } | null;
	video: { id: string; status: 'scheduled' | 'live' | 'ended' } | null;
};

const person = (profile: Person | null, id: string) => ({
	id,
	name: fullName(profile),
	avatarUrl: avatarUrl(profile?.avatar_path)
});

export function toSession(row: Row, viewerId: string) {
	const member = person(row.member, row.member_id);
	const coach = person(row.coach?.profile ?? null, row.coach_id);
	const viewerIsCoach = row.coach_id === viewerId;
	return {
		id: row.id,
		status: row.status,
		startsAt: row.starts_at,
		endsAt: row.ends_at,
		requestId: row.request_id,
		completedAt: row.completed_at,
		cancelledAt: row.cancelled_at,
		cancelledByName:
			row.cancelled_by === row.member_id
				? member.name
				: row.cancelled_by === row.coach_id
					? coach.name
					: null,
		cancellationReason: row.cancellation_reason,
		memberRating: row.member_rating,
		memberComment: row.member_comment,
		ratedAt: row.rated_at,
		domainName: row.request?.domain?.name ?? '',
		videoStatus: row.video?.status ?? null,
		member,
		coach,
		viewerIsCoach,
		counterpart: viewerIsCoach ? member : coach
	};
}

export type CoachingSession = ReturnType<typeof toSession>;
