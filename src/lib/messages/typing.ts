// « X est en train d'écrire… »: client broadcasts `typing` on the pair's private topic
// conversation:<a>:<b> (supabase/README.md), sent at most every few seconds while the viewer
// types and shown for a few seconds after the last one, so a lost "stopped" signal cannot leave
// the indicator on.
import type { RealtimeChannel } from '@supabase/realtime-js';
import type { RealtimeAccess, SessionAccess } from '#lib/supabase/clients.ts';
import { conversationTopic } from './thread.ts';

export const TYPING_SEND_INTERVAL_MS = 2000;
export const TYPING_SHOW_MS = 4000;

export type TypingSignal = { profile_id: string; typing: boolean };

export type TypingLink = {
	/** The viewer typed: tells the other side, at most every TYPING_SEND_INTERVAL_MS. */
	typed(): void;
	/** The viewer sent or cleared the message: the indicator goes away on the other side. */
	stopped(): void;
	stop(): void;
};

export function joinTyping(
	supabase: RealtimeAccess & SessionAccess,
	viewerId: string,
	otherId: string,
	onTyping: (typing: boolean) => void
): TypingLink {
	let channel: RealtimeChannel | null = null;
	let joined = false;
	let stopped = false;
	let lastSent = 0;
	let hide: ReturnType<typeof setTimeout> | undefined;

	const send = (typing: boolean) => {
		if (!channel || !joined) return;
		void channel.send({
			type: 'broadcast',
			event: 'typing',
			payload: { profile_id: viewerId, typing } satisfies TypingSignal
		});
	};

	void (async () => {
		const token = await supabase.session.getAccessToken();
		if (stopped || !token) return;
		await supabase.realtime.setAuth(token);
		if (stopped) return;
		channel = supabase
			.channel(conversationTopic(viewerId, otherId), { config: { private: true } })
			.on('broadcast', { event: 'typing' }, ({ payload }) => {
				const signal = payload as Partial<TypingSignal>;
				if (signal.profile_id !== otherId) return;
				clearTimeout(hide);
				if (signal.typing === false) {
					onTyping(false);
					return;
				}
				onTyping(true);
				hide = setTimeout(() => onTyping(false), TYPING_SHOW_MS);
			})
			.subscribe((status) => {
				joined = status === 'SUBSCRIBED';
			});
	})();

	return {
		typed() {
			const now = Date.now();
			if (now - lastSent < TYPING_SEND_INTERVAL_MS) return;
			lastSent = now;
			send(true);
		},
		stopped() {
			if (lastSent === 0) return;
			lastSent = 0;
			send(false);
		},
		stop() {
			stopped = true;
			clearTimeout(hide);
			if (channel) void supabase.removeChannel(channel);
			channel = null;
		}
	};
}
