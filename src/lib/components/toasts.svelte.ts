// The toast queue: short messages that confirm an action or announce something that arrived
// (a notification, a message). Rendered once by <Toasts /> in the root layout.
export type Toast = {
	id: number;
	tone: 'info' | 'success' | 'error';
	message: string;
	href?: string;
};

let next = 1;
export const toasts = $state<Toast[]>([]);

export function showToast(
	message: string,
	options: { tone?: Toast['tone']; href?: string; timeout?: number } = {}
) {
	const toast: Toast = { id: next++, tone: options.tone ?? 'success', message, href: options.href };
	toasts.push(toast);
	const timeout = options.timeout ?? (toast.tone === 'error' ? 8000 : 5000);
	setTimeout(() => dismissToast(toast.id), timeout);
	return toast.id;
}

export function dismissToast(id: number) {
	const index = toasts.findIndex((toast) => toast.id === id);
	if (index >= 0) toasts.splice(index, 1);
}
