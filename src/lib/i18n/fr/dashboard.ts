// French wording of the dashboard: what is next for the viewer, block by block and per role.
export const dashboard = {
	title: 'Tableau de bord',
	greeting: 'Bonjour {name} !',
	intro: {
		member: 'Vos prochaines séances, demandes, rendez-vous et messages en un coup d’œil.',
		coach: 'Les demandes à traiter, vos prochaines séances et vos avis.',
		company: 'Vos entreprises, leurs prochains événements et leurs dernières innovations.'
	},
	passwordChanged: 'Votre mot de passe a été modifié.',
	loadFailed: 'Ce bloc n’a pas pu être chargé. Rechargez la page pour réessayer.',
	seeAll: 'Tout voir',
	sessions: {
		title: 'Prochaines séances',
		empty: 'Aucune séance de coaching prévue.',
		emptyCoach: 'Aucune séance prévue pour le moment.',
		action: 'Trouver un coach',
		actionCoach: 'Voir mes séances',
		with: 'Avec {name}'
	},
	requests: {
		titleMember: 'Demandes en attente',
		titleCoach: 'Demandes à traiter',
		emptyMember: 'Aucune demande de coaching en attente de réponse.',
		emptyCoach: 'Aucune demande ne vous attend.',
		actionMember: 'Demander un coaching',
		actionCoach: 'Voir toutes les demandes',
		from: 'De {name}',
		to: 'À {name}',
		desired: 'Souhaitée le {date}'
	},
	plans: {
		title: 'Prochains rendez-vous',
		empty: 'Rien de prévu dans votre planning.',
		action: 'Ouvrir le planning'
	},
	messages: {
		title: 'Messages',
		unread: '{count} message(s) non lu(s)',
		none: 'Aucun message non lu.',
		action: 'Ouvrir la messagerie'
	},
	notifications: {
		title: 'Dernières notifications',
		empty: 'Aucune notification pour le moment.',
		action: 'Toutes les notifications',
		unseen: 'Nouvelle'
	},
	rating: {
		title: 'Votre note',
		value: '{average} / 5',
		count: '{count} avis',
		empty: 'Pas encore d’avis : ils apparaîtront après vos premières séances notées.',
		action: 'Voir mon profil de coach'
	},
	companies: {
		title: 'Vos entreprises',
		empty: 'Vous ne présentez encore aucune entreprise.',
		action: 'Créer une entreprise',
		nextEvent: 'Prochain événement : {title}, {date}',
		noEvent: 'Aucun événement à venir.',
		addEvent: 'Créer un événement'
	},
	innovations: {
		title: 'Dernières innovations',
		empty: 'Aucune innovation publiée.',
		action: 'Mes entreprises'
	}
} as const;
