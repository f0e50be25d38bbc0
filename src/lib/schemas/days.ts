// Calendar days as <input type="date"> sends them (YYYY-MM-DD): plain functions shared by the
// schemas (refinements) and the pages (a date input's `max`).
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Today as the database's `current_date` sees it (UTC). */
export const todayIso = (now = new Date()) => now.toISOString().slice(0, 10);

/** A real calendar day (no 30 February). */
export function isIsoDay(value: string): boolean {
	if (!DAY.test(value)) return false;
	const day = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === value;
}
