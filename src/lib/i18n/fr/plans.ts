// French wording of the planning pages: the agenda (week, month, list), the plan form and its
// reminders.
export const plans = {
	title: 'Planning',
	description: 'Votre agenda privé : rendez-vous, échéances et rappels.',
	new: 'Nouvel élément',
	newTitle: 'Planifier un élément',
	newIntro:
		'Indiquez la date, l’heure et la durée ; un rappel vous sera notifié si vous le souhaitez.',
	editTitle: 'Modifier l’élément',
	backToAgenda: 'Retour au planning',
	showInAgenda: 'Voir dans l’agenda',
	views: { label: 'Affichage', week: 'Semaine', month: 'Mois', list: 'Liste' },
	nav: {
		label: 'Période',
		previousWeek: 'Semaine précédente',
		nextWeek: 'Semaine suivante',
		previousMonth: 'Mois précédent',
		nextMonth: 'Mois suivant',
		today: 'Aujourd’hui'
	},
	weekOf: 'Semaine du {start} au {end}',
	grid: {
		label: 'Agenda : {period}',
		help: 'Flèches pour changer de jour, Entrée pour aller aux éléments du jour.',
		today: 'aujourd’hui',
		addOn: 'Planifier le {date}',
		more: '+ {count} autre(s)',
		moreLabel: '{count} élément(s) le {date}',
		itemsCount: '{count} élément(s)',
		nothing: 'Rien de prévu'
	},
	list: {
		upcoming: 'À venir',
		past: 'Passés',
		label: 'Éléments planifiés',
		emptyUpcoming: 'Rien de prévu pour les prochains jours',
		emptyPast: 'Aucun élément passé',
		emptyDescription: 'Planifiez un rendez-vous, une échéance ou une tâche pour le retrouver ici.'
	},
	empty: {
		week: 'Rien de prévu cette semaine.',
		month: 'Rien de prévu ce mois-ci.'
	},
	fields: {
		title: 'Titre',
		description: 'Description',
		location: 'Lieu',
		date: 'Date',
		time: 'Heure',
		timeHint: 'Heure de votre fuseau ({zone}).',
		duration: 'Durée (minutes)',
		durationHint: 'De 1 à 1440 minutes (24 h).',
		reminder: 'Rappel',
		reminderHint: 'Une notification vous est envoyée au moment choisi.'
	},
	reminders: {
		none: 'Aucun rappel',
		atStart: 'À l’heure prévue',
		minutes: '{count} min avant',
		hours: '{count} h avant',
		days: '{count} jour(s) avant',
		week: '1 semaine avant'
	},
	detail: {
		when: 'Quand',
		duration: 'Durée',
		location: 'Lieu',
		reminder: 'Rappel',
		noReminder: 'Aucun rappel',
		reminded: 'Rappel envoyé le {date}',
		description: 'Description',
		timeRange: '{date}, de {start} à {end}'
	},
	submit: { create: 'Planifier', update: 'Enregistrer' },
	created: 'Élément planifié.',
	saved: 'Élément mis à jour.',
	deleted: 'Élément supprimé.',
	delete: {
		action: 'Supprimer',
		title: 'Supprimer cet élément ?',
		message: '« {title} » sera retiré de votre planning, avec son rappel. C’est définitif.',
		confirm: 'Supprimer l’élément'
	},
	errors: {
		notFound: 'Cet élément du planning est introuvable.',
		invalidTime: 'Saisissez une heure valide (HH:MM).',
		duration: 'La durée doit être un nombre entier de minutes entre 1 et 1440.',
		reminder: 'Choisissez un rappel dans la liste.'
	}
} as const;
