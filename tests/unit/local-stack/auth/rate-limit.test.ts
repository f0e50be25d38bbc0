import { describe, expect, it } from 'vitest';
import {
	createLimiters,
	IntervalLimiter,
	TokenBucketLimiter
} from '../../../../local-stack/auth/rate-limit.ts';

describe('per-IP token buckets (tollbooth, burst 30)', () => {
	it('lets a burst of 30 through whatever the configured rate, then refuses', () => {
		const limiter = new TokenBucketLimiter({ events: 1, windowMs: 300_000 });
		const now = 1_000_000;
		for (let i = 0; i < 30; i++) expect(limiter.allow('1.2.3.4', now)).toBe(true);
		expect(limiter.allow('1.2.3.4', now)).toBe(false);
		expect(limiter.allow('5.6.7.8', now)).toBe(true);
	});

	it('refills at limit / window', () => {
		const limiter = new TokenBucketLimiter({ events: 30, windowMs: 300_000 });
		const now = 0;
		for (let i = 0; i < 30; i++) limiter.allow('ip', now);
		expect(limiter.allow('ip', now)).toBe(false);
		expect(limiter.allow('ip', now + 9_000)).toBe(false);
		expect(limiter.allow('ip', now + 10_000)).toBe(true);
		expect(limiter.allow('ip', now + 10_001)).toBe(false);
	});

	it('feeds each GoTrue limiter from its config.toml key', () => {
		const limiters = createLimiters({
			emailSent: 2,
			tokenRefresh: 150,
			otp: 30,
			verify: 30,
			anonymousUsers: 5
		});
		expect(limiters.token.rate * 300_000).toBeCloseTo(150);
		expect(limiters.signups.rate * 300_000).toBeCloseTo(30);
		expect(limiters.recover).not.toBe(limiters.signups);
		expect(limiters.anonymous.burst).toBe(5);
		expect(limiters.email.events).toBe(2);
	});
});

describe('the instance-wide email counter', () => {
	it('allows N events per fixed interval counted from creation', () => {
		const limiter = new IntervalLimiter(2, 3_600_000, 0);
		expect(limiter.allow(10)).toBe(true);
		expect(limiter.allow(20)).toBe(true);
		expect(limiter.allow(30)).toBe(false);
		expect(limiter.allow(3_600_000)).toBe(true);
	});
});
