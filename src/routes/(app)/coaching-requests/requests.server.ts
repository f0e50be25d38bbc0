// How the coaching request pages read requests: one select with the two parties, the domain and
// the session an acceptance created, mapped to what the pages show. RLS returns only the
// requests between the viewer and someone else.
import { fullName } from '#lib/coaching/format.ts';
import { avatarUrl } from '#lib/storage.ts';

export const REQUEST_SELECT =
	'id, status, desired_at, duration_minutes, message, coach_comment, created_at, responded_at, member_id, coach_id, domain:expertise_domains(id, name), member:profiles!member_id(id, first_name, last_name, avatar_path), coach:coaches(profile:profiles(id, first_name, last_name, avatar_path)), session:coaching_sessions(id, status)';

type Person = { id: string; first_name: string; last_name: string; avatar_path: string | null };
type Row = {
	id: string;
	status: 'pending' | 'accepted' | 'declined';
	desired_at: string;
	duration_minutes: number;
	message: string | null;
	coach_comment: string | null;
	created_at: string;
	responded_at: string | null;
	member_id: string;
	coach_id: string;
	domain: { id: string; name: string } | null;
	member: Person | null;
	coach: { profile: Person | null } | null;
	session: { id: string; status: 'planned' | 'completed' | 'cancelled' } | null;
};

const person = (profile: Person | null, id: string) => ({
	id,
	name: fullName(profile),
	avatarUrl: avatarUrl(profile?.avatar_path)
});

export function toRequest(row: Row, viewerId: string, now = Date.now()) {
	return {
		id: row.id,
		status: row.status,
		desiredAt: row.desired_at,
		durationMinutes: row.duration_minutes,
		message: row.message,
		coachComment: row.coach_comment,
		createdAt: row.created_at,
		respondedAt: row.responded_at,
		domainName: row.domain?.name ?? '',
		member: person(row.member, row.member_id),
		coach: person(row.coach?.profile ?? null, row.coach_id),
		session: row.session,
		viewerIsCoach: row.coach_id === viewerId,
		expired: row.status === 'pending' && Date.parse(row.desired_at) <= now
	};
}

export type CoachingRequest = ReturnType<typeof toRequest>;
