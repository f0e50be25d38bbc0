// The rules a coaching session page shows before the database applies them: who may cancel,
// complete or rate, and when the video room is open (from an hour before the start to an hour
// after the planned end, while the session is planned and its room not ended).
export type SessionState = {
	status: 'planned' | 'completed' | 'cancelled';
	startsAt: string;
	endsAt: string;
	memberRating: number | null;
	videoStatus: 'scheduled' | 'live' | 'ended' | null;
};

export const VIDEO_OPENS_BEFORE_MINUTES = 60;
export const VIDEO_CLOSES_AFTER_MINUTES = 60;

export type VideoWindow =
	{ state: 'before'; opensAt: Date } | { state: 'open' } | { state: 'after' } | { state: 'closed' };

export function videoWindow(session: SessionState, now: Date): VideoWindow {
	if (session.status !== 'planned' || session.videoStatus === 'ended') return { state: 'closed' };
	const opensAt = new Date(Date.parse(session.startsAt) - VIDEO_OPENS_BEFORE_MINUTES * 60_000);
	const closesAt = Date.parse(session.endsAt) + VIDEO_CLOSES_AFTER_MINUTES * 60_000;
	if (now < opensAt) return { state: 'before', opensAt };
	if (now.getTime() > closesAt) return { state: 'after' };
	return { state: 'open' };
}

/** cancel_coaching_session: either party, planned and not started. */
export const canCancel = (session: SessionState, now: Date) =>
	session.status === 'planned' && Date.parse(session.startsAt) > now.getTime();

/** complete_coaching_session: the coach, planned and started. */
export const canComplete = (session: SessionState, now: Date, viewerIsCoach: boolean) =>
	viewerIsCoach && session.status === 'planned' && Date.parse(session.startsAt) <= now.getTime();

/** rate_coaching_session: the member, completed, once. */
export const canRate = (session: SessionState, viewerIsCoach: boolean) =>
	!viewerIsCoach && session.status === 'completed' && session.memberRating === null;

/** Planned and running now (between its start and planned end). */
export const inProgress = (session: SessionState, now: Date) =>
	session.status === 'planned' &&
	Date.parse(session.startsAt) <= now.getTime() &&
	now.getTime() < Date.parse(session.endsAt);
