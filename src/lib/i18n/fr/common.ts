// Shared French wording: navigation, generic actions, states and errors.
export const common = {
	appName: 'Réseau Entrepreneurs',
	tagline: 'La plateforme où entrepreneurs, entreprises et coachs se rencontrent.',
	skipToContent: 'Aller au contenu',
	nav: {
		main: 'Navigation principale',
		dashboard: 'Tableau de bord',
		companies: 'Entreprises',
		myCompanies: 'Mes entreprises',
		contacts: 'Contacts',
		documents: 'Documents',
		plans: 'Planning',
		coaches: 'Coachs',
		coachingRequests: 'Demandes de coaching',
		coachingSessions: 'Séances',
		messages: 'Messages',
		notifications: 'Notifications',
		profile: 'Mon profil',
		openMenu: 'Ouvrir le menu',
		closeMenu: 'Fermer le menu',
		userMenu: 'Menu du compte'
	},
	roles: { member: 'Membre', company: 'Entreprise', coach: 'Coach' },
	actions: {
		save: 'Enregistrer',
		saving: 'Enregistrement…',
		cancel: 'Annuler',
		delete: 'Supprimer',
		deleting: 'Suppression…',
		edit: 'Modifier',
		create: 'Créer',
		add: 'Ajouter',
		close: 'Fermer',
		confirm: 'Confirmer',
		back: 'Retour',
		search: 'Rechercher',
		retry: 'Réessayer',
		loadMore: 'Charger plus',
		signOut: 'Se déconnecter',
		previous: 'Précédent',
		next: 'Suivant'
	},
	states: {
		loading: 'Chargement…',
		empty: 'Rien à afficher pour le moment.',
		noResults: 'Aucun résultat ne correspond à votre recherche.',
		saved: 'Modifications enregistrées.',
		deleted: 'Élément supprimé.',
		created: 'Élément créé.'
	},
	confirmDelete: 'Cette action est définitive. Voulez-vous vraiment supprimer cet élément ?',
	pagination: {
		label: 'Pagination',
		page: 'Page {page} sur {pages}',
		results: '{count} résultat(s)'
	},
	errors: {
		generic: 'Une erreur inattendue est survenue. Veuillez réessayer.',
		network: 'Connexion impossible. Vérifiez votre réseau puis réessayez.',
		notFound: 'Cette page est introuvable.',
		forbidden: "Vous n'avez pas accès à cette page.",
		unauthorized: 'Veuillez vous connecter pour continuer.',
		conflict: 'Cet élément existe déjà.',
		invalidInput: 'Certaines informations sont invalides. Corrigez les champs signalés.',
		rateLimited: 'Trop de tentatives. Patientez quelques instants puis réessayez.',
		required: 'Ce champ est obligatoire.',
		tooLong: '{max} caractères maximum.',
		invalidEmail: 'Saisissez une adresse e-mail valide.',
		invalidUrl: 'Saisissez une adresse web valide (https://…).',
		invalidPhone: 'Saisissez un numéro de téléphone valide.',
		invalidDate: 'Saisissez une date valide.',
		invalidNumber: 'Saisissez un nombre valide.'
	},
	errorPage: {
		title: 'Oups…',
		home: "Retour à l'accueil",
		code: 'Erreur {status}'
	}
} as const;
