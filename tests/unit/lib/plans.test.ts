import { describe, expect, it } from 'vitest';
import { reminderLabel } from '../../../src/lib/plans.ts';

describe('reminder labels', () => {
	it('say when the reminder comes in French', () => {
		expect(reminderLabel(0)).toBe('À l’heure prévue');
		expect(reminderLabel(15)).toBe('15 min avant');
		expect(reminderLabel(90)).toBe('90 min avant');
		expect(reminderLabel(120)).toBe('2 h avant');
		expect(reminderLabel(1440)).toBe('1 jour(s) avant');
		expect(reminderLabel(10080)).toBe('1 semaine avant');
	});
});
