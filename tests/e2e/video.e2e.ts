// Video coaching sessions in Chromium with fake camera and microphone (playwright.config.ts):
// the member goes from the session page to the pre-join step with a live preview, is told in
// French that the video server cannot be reached (the E2E app's LIVEKIT_URL is a closed port),
// sees the participants panel follow the webhook live; outsiders are refused.
import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/a11y.ts';
import { createCoachingSession, E2E_LIVEKIT_KEYS, signedWebhook } from './support/livekit.ts';
import { createUser, signIn } from './support/users.ts';

test.describe('video sessions', () => {
	test('the member reaches pre-join from the session page with a live camera preview and is told the video server is unreachable', async ({
		page
	}) => {
		const member = await createUser({ role: 'member', firstName: 'Camille', lastName: 'Martin' });
		const coach = await createUser({ role: 'coach', firstName: 'Sophie', lastName: 'Lefèvre' });
		const { sessionId } = await createCoachingSession(member.id, coach.id);

		await signIn(page, member, `/coaching-sessions/${sessionId}`);
		await page.getByRole('link', { name: 'Rejoindre la séance vidéo' }).click();
		await expect(page).toHaveURL(new RegExp(`/coaching-sessions/${sessionId}/video$`));
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(
			'Séance vidéo avec Sophie Lefèvre'
		);

		// The fake camera is playing in the preview, and the fake microphone moves the meter.
		const preview = page.getByLabel('Aperçu de votre caméra');
		await expect
			.poll(() => preview.evaluate((video: HTMLVideoElement) => video.videoWidth))
			.toBeGreaterThan(0);
		await expect
			.poll(() => preview.evaluate((video: HTMLVideoElement) => !video.paused))
			.toBe(true);
		const meter = page.getByRole('meter', { name: 'Niveau du micro' });
		await expect
			.poll(async () => Number(await meter.getAttribute('aria-valuenow')))
			.toBeGreaterThan(0);
		await expect(page.getByLabel('Caméra', { exact: true })).not.toHaveValue('');
		await expect(page.getByText('Camille Martin', { exact: true })).toBeVisible();

		// Asking for the token recorded the member as waiting, and the panel says so.
		const panel = page.getByRole('complementary', { name: 'Participants' });
		await expect(panel.getByRole('listitem').filter({ hasText: 'Camille Martin' })).toContainText(
			'En salle d’attente'
		);
		await expect(panel).toContainText('Mis à jour en direct');
		await expectAccessible(page);

		await page.getByRole('button', { name: 'Rejoindre la séance' }).click();
		await expect(page.getByRole('alert')).toContainText('Impossible de joindre le serveur vidéo.', {
			timeout: 20_000
		});
		// Still in the pre-join step, preview running, ready to retry.
		await expect(page.getByRole('button', { name: 'Rejoindre la séance' })).toBeEnabled();
		await expect(preview).toBeVisible();
		await expectAccessible(page);

		// LiveKit tells the platform the coach joined: the member's panel follows, live.
		const joined = await signedWebhook({
			event: 'participant_joined',
			room: `coaching-${sessionId}`,
			identity: coach.id,
			name: coach.name
		});
		const response = await page.request.post('/api/livekit/webhook', {
			headers: joined.headers,
			data: joined.body
		});
		expect(response.status()).toBe(200);
		await expect(panel.getByRole('listitem').filter({ hasText: 'Sophie Lefèvre' })).toContainText(
			'Dans la salle'
		);
		await expect(page.getByText('En cours', { exact: true })).toBeVisible();
	});

	test('someone who is not a party of the session gets a refusal page and no token', async ({
		page
	}) => {
		const member = await createUser({ role: 'member' });
		const coach = await createUser({ role: 'coach' });
		const outsider = await createUser({ role: 'member', firstName: 'Eve' });
		const { sessionId, videoSessionId } = await createCoachingSession(member.id, coach.id);

		await signIn(page, outsider);
		const response = await page.goto(`/coaching-sessions/${sessionId}/video`);
		expect(response?.status()).toBe(404);
		await expect(
			page.getByText('Cette séance est introuvable ou ne vous concerne pas.')
		).toBeVisible();
		await expect(page.getByLabel('Aperçu de votre caméra')).toHaveCount(0);
		await expectAccessible(page);

		const token = await page.request.post('/api/livekit/token', {
			data: { videoSessionId }
		});
		expect(token.status()).toBe(403);
		expect(await token.json()).toEqual({
			message:
				'Vous ne participez pas à cette séance : seuls le coach et le membre peuvent la rejoindre.'
		});
	});

	test('the token endpoint refuses signed-out visitors and unknown sessions', async ({
		page,
		playwright
	}) => {
		const anonymous = await playwright.request.newContext({
			baseURL: test.info().project.use.baseURL
		});
		const signedOut = await anonymous.post('/api/livekit/token', {
			data: { videoSessionId: crypto.randomUUID() }
		});
		expect(signedOut.status()).toBe(401);
		expect((await signedOut.json()).message).toBe(
			'Veuillez vous connecter pour rejoindre la séance vidéo.'
		);
		await anonymous.dispose();

		const member = await createUser({ role: 'member' });
		await signIn(page, member);
		const unknown = await page.request.post('/api/livekit/token', {
			data: { videoSessionId: crypto.randomUUID() }
		});
		expect(unknown.status()).toBe(404);
		const malformed = await page.request.post('/api/livekit/token', {
			data: { videoSessionId: 'x' }
		});
		expect(malformed.status()).toBe(400);
	});

	test('the webhook endpoint refuses forged deliveries and applies a signed one once', async ({
		request
	}) => {
		const member = await createUser({ role: 'member' });
		const coach = await createUser({ role: 'coach' });
		const { sessionId } = await createCoachingSession(member.id, coach.id);
		const room = `coaching-${sessionId}`;

		const forged = await signedWebhook(
			{ event: 'room_finished', room },
			{ apiKey: E2E_LIVEKIT_KEYS.apiKey, apiSecret: 'an-attacker-secret-of-thirty-two-chars' }
		);
		const refused = await request.post('/api/livekit/webhook', {
			headers: forged.headers,
			data: forged.body
		});
		expect(refused.status()).toBe(401);

		const started = await signedWebhook({ event: 'room_started', room });
		const tampered = await request.post('/api/livekit/webhook', {
			headers: started.headers,
			data: started.body.replace('room_started', 'room_finished')
		});
		expect(tampered.status()).toBe(401);

		const first = await request.post('/api/livekit/webhook', {
			headers: started.headers,
			data: started.body
		});
		expect(first.status()).toBe(200);
		expect(await first.json()).toMatchObject({ id: started.id, outcome: 'applied' });
		const replay = await request.post('/api/livekit/webhook', {
			headers: started.headers,
			data: started.body
		});
		expect(replay.status()).toBe(200);
		expect(await replay.json()).toMatchObject({ id: started.id, outcome: 'duplicate' });
	});
});
