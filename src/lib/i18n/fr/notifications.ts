// French wording of the notifications: the bell, the list, marking seen, the connection state of
// the live inbox.
export const notifications = {
	title: 'Notifications',
	description: 'Ce qui s’est passé sur le réseau et vous concerne.',
	bell: 'Notifications',
	bellUnseen: 'Notifications, {count} non vue(s)',
	bellMany: '99+',
	empty: 'Aucune notification',
	emptyHint: 'Vous serez prévenu·e ici des demandes, séances, messages et rappels.',
	unseen: 'Non vue',
	unseenCount: '{count} non vue(s)',
	allSeen: 'Tout est vu.',
	open: 'Voir',
	markSeen: 'Marquer comme vue',
	markAllSeen: 'Tout marquer comme vu',
	markedSeen: 'Notification marquée comme vue.',
	markedAllSeen: 'Toutes vos notifications sont marquées comme vues.',
	loadMore: 'Charger plus',
	loadingMore: 'Chargement…',
	newest: 'Revenir aux plus récentes',
	end: 'Vous avez tout vu.',
	kinds: {
		coaching_request_received: 'Demande de coaching',
		coaching_request_accepted: 'Demande acceptée',
		coaching_request_declined: 'Demande refusée',
		coaching_session_cancelled: 'Séance annulée',
		coaching_session_completed: 'Séance terminée',
		coaching_session_rated: 'Séance notée',
		message_received: 'Message',
		plan_reminder: 'Rappel',
		system: 'Information'
	},
	live: {
		interrupted: 'Connexion en direct interrompue, reconnexion…',
		interruptedShort: 'Reconnexion…'
	},
	errors: {
		loadFailed: 'Impossible de charger vos notifications pour le moment.',
		markFailed: 'Impossible de marquer la notification comme vue. Réessayez.'
	}
} as const;
