// GoTrue's two limiters (internal/api/apilimiter, internal/ratelimit): per-IP token buckets as
// tollbooth builds them (capacity 30, refilled at `limit / window`, idle keys forgotten after an
// hour), and the instance-wide email counter that allows N events per fixed interval.
// Counters live in memory like GoTrue's: a restart of the stack resets them.

type Bucket = { tokens: number; at: number };

export class TokenBucketLimiter {
	/** Tokens added per millisecond. */
	readonly rate: number;
	readonly burst: number;
	readonly ttlMs: number;
	private buckets = new Map<string, Bucket>();
	private sweptAt = 0;

	constructor(options: { events: number; windowMs: number; burst?: number; ttlMs?: number }) {
		this.rate = options.events / options.windowMs;
		this.burst = options.burst ?? 30;
		this.ttlMs = options.ttlMs ?? 3_600_000;
	}

	/** Takes one token for `key`; false when the bucket is empty. */
	allow(key: string, now = Date.now()): boolean {
		this.sweep(now);
		const bucket = this.buckets.get(key) ?? { tokens: this.burst, at: now };
		const tokens = Math.min(this.burst, bucket.tokens + (now - bucket.at) * this.rate);
		if (tokens < 1) {
			this.buckets.set(key, { tokens, at: now });
			return false;
		}
		this.buckets.set(key, { tokens: tokens - 1, at: now });
		return true;
	}

	private sweep(now: number) {
		if (now - this.sweptAt < 60_000) return;
		this.sweptAt = now;
		for (const [key, bucket] of this.buckets)
			if (now - bucket.at > this.ttlMs) this.buckets.delete(key);
	}
}

/** ratelimit.IntervalLimiter: `events` per `intervalMs`, windows counted from creation. */
export class IntervalLimiter {
	readonly events: number;
	readonly intervalMs: number;
	private last: number;
	private count = 0;

	constructor(events: number, intervalMs: number, now = Date.now()) {
		this.events = events;
		this.intervalMs = intervalMs;
		this.last = now;
	}

	allow(now = Date.now()): boolean {
		const intervals = Math.floor((now - this.last) / this.intervalMs);
		if (intervals > 0) {
			this.last += intervals * this.intervalMs;
			this.count = 0;
		}
		if (this.count < this.events) {
			this.count++;
			return true;
		}
		return false;
	}
}

const FIVE_MINUTES = 5 * 60_000;
const HOUR = 3_600_000;

export type Limiters = {
	token: TokenBucketLimiter;
	verify: TokenBucketLimiter;
	signups: TokenBucketLimiter;
	recover: TokenBucketLimiter;
	resend: TokenBucketLimiter;
	magicLink: TokenBucketLimiter;
	otp: TokenBucketLimiter;
	user: TokenBucketLimiter;
	anonymous: TokenBucketLimiter;
	email: IntervalLimiter;
};

/** apilimiter.New: which config.toml limit feeds which bucket. */
export function createLimiters(limits: {
	emailSent: number;
	tokenRefresh: number;
	otp: number;
	verify: number;
	anonymousUsers: number;
}): Limiters {
	const per5m = (events: number) => new TokenBucketLimiter({ events, windowMs: FIVE_MINUTES });
	return {
		token: per5m(limits.tokenRefresh),
		verify: per5m(limits.verify),
		signups: per5m(limits.otp),
		recover: per5m(limits.otp),
		resend: per5m(limits.otp),
		magicLink: per5m(limits.otp),
		otp: per5m(limits.otp),
		user: per5m(limits.otp),
		anonymous: new TokenBucketLimiter({
			events: limits.anonymousUsers,
			windowMs: HOUR,
			burst: limits.anonymousUsers
		}),
		email: new IntervalLimiter(limits.emailSent, HOUR)
	};
}
