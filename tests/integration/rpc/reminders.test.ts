// Plan reminders: private.dispatch_due_reminders() turns each due reminder into exactly one
// notification, even when several runs overlap; locally the pg_cron stand-in runs jobs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { connectDb } from '../support/database.ts';
import { target } from '../support/target.ts';
import { createUser, deleteUsers } from '../rls/actors.ts';
import type { User } from '../rls/actors.ts';

describe.runIf(Boolean(target.dbUrl))('plan reminders', () => {
	let owner: User;
	beforeAll(async () => {
		owner = await createUser('rappels');
	}, 120_000);
	afterAll(async () => deleteUsers([owner]), 120_000);

	it('concurrent dispatches send each due reminder exactly once', async () => {
		const soon = new Date(Date.now() + 10 * 60_000).toISOString();
		const plans = Array.from({ length: 40 }, (_, index) => ({
			owner_id: owner.id,
			title: `Rendez-vous ${index + 1}`,
			starts_at: soon,
			reminder_minutes_before: 30
		}));
		const inserted = await owner.client.from('plans').insert(plans);
		expect(inserted.error).toBeNull();

		const clients: pg.Client[] = await Promise.all(Array.from({ length: 6 }, () => connectDb()));
		try {
			// Small batches, so the runs really share the work (the stack's own cron job may take
			// part too); then finish what is left.
			await Promise.all(
				clients.map((client) => client.query('select private.dispatch_due_reminders(5)'))
			);
			for (;;) {
				const more = await clients[0].query<{ sent: number }>(
					'select private.dispatch_due_reminders(5) as sent'
				);
				if (more.rows[0].sent === 0) break;
			}
			const { data } = await owner.client
				.from('notifications')
				.select('title')
				.eq('kind', 'plan_reminder');
			expect(data).toHaveLength(40);
			expect(new Set(data!.map((row) => row.title)).size).toBe(40);
		} finally {
			await Promise.all(clients.map((client) => client.end()));
		}
	});

	it('the dispatcher is scheduled every minute', async () => {
		const db = await connectDb();
		try {
			const { rows } = await db.query(
				"select schedule, command from cron.job where jobname = 'dispatch-due-reminders'"
			);
			expect(rows).toEqual([
				{ schedule: '* * * * *', command: 'select private.dispatch_due_reminders()' }
			]);
		} finally {
			await db.end();
		}
	});
});

// The stand-in for pg_cron belongs to the local stack (hosted Supabase runs the real one).
describe.runIf(target.local)('the local pg_cron stand-in', () => {
	it('runs a scheduled job as its role and records the run', async () => {
		const db = await connectDb();
		try {
			await db.query(
				"select cron.schedule('local-stack-probe', '1 seconds', 'select current_user')"
			);
			let runs: { status: string; return_message: string; username: string }[] = [];
			for (let attempt = 0; attempt < 50 && runs.length === 0; attempt++) {
				await new Promise((done) => setTimeout(done, 200));
				({ rows: runs } = await db.query(
					`select d.status, d.return_message, d.username from cron.job_run_details d
					 join cron.job j on j.jobid = d.jobid
					 where j.jobname = 'local-stack-probe' and d.status in ('succeeded', 'failed')`
				));
			}
			expect(runs[0]).toEqual({
				status: 'succeeded',
				return_message: '1 row',
				username: 'postgres'
			});
		} finally {
			await db.query("select cron.unschedule('local-stack-probe')").catch(() => undefined);
			await db.end();
		}
	});

	it('refuses a schedule pg_cron would refuse', async () => {
		const db = await connectDb();
		try {
			await expect(
				db.query("select cron.schedule('bad', '61 * * * *', 'select 1')")
			).rejects.toMatchObject({
				code: '22023',
				message: 'invalid schedule: 61 * * * *'
			});
		} finally {
			await db.end();
		}
	});
});
