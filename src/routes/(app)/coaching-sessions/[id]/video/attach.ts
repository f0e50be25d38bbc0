// A Svelte attachment that plays a LiveKit track in the element it is put on, and detaches it
// when the element goes away or the track changes.
import type { Track } from 'livekit-client';
import type { Attachment } from 'svelte/attachments';

export function attachTrack(track: Track | undefined | null): Attachment<HTMLMediaElement> {
	return (element) => {
		if (!track) return;
		track.attach(element);
		return () => {
			track.detach(element);
		};
	};
}
