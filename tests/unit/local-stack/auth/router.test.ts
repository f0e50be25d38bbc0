import { describe, expect, it } from 'vitest';
import { matchRoute } from '../../../../local-stack/auth/router.ts';

describe('the Auth route table', () => {
	it('finds routes by path then method, with their authentication mode', () => {
		const user = matchRoute('GET', '/user');
		expect(user.kind === 'found' && user.route.auth).toBe('user');
		const admin = matchRoute('PUT', '/admin/users/5b0e8a4c-31f7-4d21-9b8a-0b4d1f0e6c11');
		expect(admin.kind === 'found' && admin.params).toEqual({
			user_id: '5b0e8a4c-31f7-4d21-9b8a-0b4d1f0e6c11'
		});
		expect(matchRoute('POST', '/signup/').kind).toBe('found');
	});

	it('answers 405 for a known path with another method and 404 for unknown paths', () => {
		expect(matchRoute('DELETE', '/user').kind).toBe('method-not-allowed');
		expect(matchRoute('GET', '/nope').kind).toBe('not-found');
	});

	it('keeps routes for features it refuses rather than 404ing them', () => {
		for (const [method, path] of [
			['POST', '/factors'],
			['POST', '/factors/abc/verify'],
			['POST', '/sso'],
			['GET', '/authorize'],
			['GET', '/user/identities/authorize']
		])
			expect(matchRoute(method, path).kind).toBe('found');
	});
});
