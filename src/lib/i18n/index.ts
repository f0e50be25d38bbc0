// The app's wording, in one place. Only French today; `Messages` is the shape a second
// language must provide.
import { fr } from './fr/index.ts';

export type Messages = typeof fr;
export const messages: Messages = fr;
export const locale = 'fr-FR';

/** Replaces `{name}` placeholders: interpolate('Page {page}', { page: 2 }). */
export function interpolate(template: string, values: Record<string, string | number>): string {
	return template.replace(/\{(\w+)\}/g, (match, key: string) =>
		key in values ? String(values[key]) : match
	);
}
