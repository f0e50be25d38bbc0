// French wording of the private messages: the conversations list, a conversation, the composer,
// sending states and read receipts, typing and presence.
export const messages = {
	title: 'Messages',
	description: 'Vos conversations privées avec les membres, entreprises et coachs du réseau.',
	list: {
		label: 'Conversations',
		empty: 'Aucune conversation pour le moment',
		emptyHint:
			'Écrivez à un coach, à une entreprise ou à un membre depuis sa page : la conversation apparaîtra ici.',
		you: 'Vous : {body}',
		unread: '{count} non lu(s)',
		unreadLabel: '{count} message(s) non lu(s)',
		open: 'Ouvrir la conversation avec {name}',
		unknownPerson: 'Utilisateur inconnu'
	},
	conversation: {
		pageTitle: 'Conversation avec {name}',
		back: 'Toutes les conversations',
		online: 'En ligne',
		offline: 'Hors ligne',
		typing: '{name} est en train d’écrire…',
		empty: 'Aucun message pour le moment',
		emptyHint: 'Envoyez le premier message à {name}.',
		history: 'Messages échangés avec {name}',
		loadingOlder: 'Chargement des messages précédents…',
		olderLink: 'Afficher les messages précédents',
		newerLink: 'Revenir aux messages récents',
		start: 'Début de la conversation',
		olderFailed: 'Impossible de charger les messages précédents.',
		you: 'Vous',
		markRead: 'Marquer comme lu',
		today: 'Aujourd’hui',
		yesterday: 'Hier'
	},
	composer: {
		label: 'Votre message à {name}',
		placeholder: 'Écrivez un message…',
		hint: 'Entrée pour envoyer, Maj + Entrée pour aller à la ligne.',
		counter: '{count} / {max} caractères',
		send: 'Envoyer'
	},
	status: {
		pending: 'Envoi…',
		sent: 'Envoyé',
		read: 'Lu',
		failed: 'Échec de l’envoi',
		retry: 'Réessayer'
	},
	errors: {
		required: 'Écrivez un message avant de l’envoyer.',
		tooLong: 'Un message ne peut pas dépasser {max} caractères.',
		invalidRecipient: 'Ce destinataire est introuvable.',
		sendFailed: 'Le message n’a pas pu être envoyé. Réessayez.',
		profileNotFound: 'Ce profil est introuvable : la personne a peut-être quitté le réseau.',
		loadFailed: 'Impossible de charger vos conversations pour le moment.'
	}
} as const;
