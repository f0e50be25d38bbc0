// French wording of the contacts pages: the private address book, its search, the contact form.
export const contacts = {
	title: 'Contacts',
	description: 'Votre carnet d’adresses privé : vous seul le voyez.',
	new: 'Nouveau contact',
	newTitle: 'Nouveau contact',
	newIntro: 'Ajoutez une personne ou une organisation à votre carnet d’adresses.',
	editTitle: 'Modifier le contact',
	backToList: 'Retour aux contacts',
	search: {
		label: 'Rechercher un contact',
		placeholder: 'Nom, entreprise ou e-mail',
		submit: 'Rechercher',
		clear: 'Effacer la recherche',
		sort: 'Trier par',
		sorts: { name: 'Nom', company: 'Entreprise', created: 'Date d’ajout' }
	},
	count: '{count} contact(s)',
	listLabel: 'Liste des contacts',
	empty: {
		title: 'Aucun contact pour le moment',
		description: 'Ajoutez vos partenaires, financeurs ou fournisseurs pour les retrouver ici.'
	},
	noResults: {
		title: 'Aucun contact ne correspond à « {query} »',
		description: 'Vérifiez l’orthographe ou cherchez par entreprise ou par e-mail.'
	},
	fields: {
		firstName: 'Prénom',
		lastName: 'Nom',
		lastNameHint: 'Ou le nom de l’organisation s’il ne s’agit pas d’une personne.',
		email: 'Adresse e-mail',
		phone: 'Téléphone',
		companyName: 'Entreprise',
		position: 'Fonction',
		notes: 'Notes',
		notesHint: 'Visibles par vous seul : rendez-vous, suivi, idées…',
		addedOn: 'Ajouté le'
	},
	detail: {
		coordinates: 'Coordonnées',
		notes: 'Notes',
		noNotes: 'Aucune note pour ce contact.',
		noCoordinates: 'Aucune coordonnée enregistrée.',
		addedOn: 'Ajouté le {date}'
	},
	submit: { create: 'Ajouter le contact', update: 'Enregistrer' },
	created: 'Contact ajouté.',
	saved: 'Contact mis à jour.',
	deleted: 'Contact supprimé.',
	delete: {
		action: 'Supprimer',
		title: 'Supprimer ce contact ?',
		message: '{name} sera retiré de votre carnet d’adresses, avec ses notes. C’est définitif.',
		confirm: 'Supprimer le contact'
	},
	errors: {
		notFound: 'Ce contact est introuvable.',
		invalidPhone:
			'Saisissez un numéro de téléphone valide (chiffres, espaces, +, points ou tirets).'
	}
} as const;
