// French wording of the documents pages: uploads (checks, progress, refusals), the list, opening,
// renaming and deleting a document.
export const documents = {
	title: 'Documents',
	description: 'Vos fichiers privés : business plan, prévisionnels, devis… Vous seul y avez accès.',
	backToList: 'Retour aux documents',
	upload: {
		title: 'Déposer des fichiers',
		drop: 'Glissez vos fichiers ici',
		or: 'ou',
		choose: 'Choisir des fichiers',
		hint: 'PDF, images, textes, CSV, Word, Excel, PowerPoint, OpenDocument · {max} maximum par fichier',
		dropActive: 'Déposez les fichiers pour les envoyer',
		noScript: 'Le dépôt de fichiers nécessite JavaScript : activez-le dans votre navigateur.',
		queue: 'Envois en cours',
		progress: 'Envoi de {name}',
		status: {
			waiting: 'En attente',
			uploading: 'Envoi… {percent} %',
			saving: 'Enregistrement…',
			done: 'Envoyé',
			cancelled: 'Envoi annulé',
			refused: 'Refusé',
			failed: 'Échec'
		},
		cancel: 'Annuler l’envoi de {name}',
		dismiss: 'Retirer {name} de la liste',
		clearFinished: 'Effacer les envois terminés',
		uploaded: '{name} a bien été déposé.'
	},
	refusals: {
		tooLarge: '{name} ({size}) dépasse la taille maximale de {max} par fichier.',
		tooLargeBarely: '{name} dépasse (de peu) la taille maximale de {max} par fichier.',
		badType:
			'{name} n’est pas d’un type accepté (PDF, images, textes, CSV, Word, Excel, PowerPoint, OpenDocument).',
		empty: '{name} est vide.',
		serverTooLarge: 'Le serveur a refusé {name} : le fichier dépasse la taille autorisée.',
		serverBadType: 'Le serveur a refusé {name} : ce type de fichier n’est pas accepté.',
		serverForbidden: 'Le serveur a refusé {name} : vous n’avez pas le droit de déposer ce fichier.',
		serverDuplicate: 'Un fichier portant la même clé existe déjà : réessayez.',
		serverOther: 'L’envoi de {name} a échoué. Réessayez dans un instant.',
		network: 'L’envoi de {name} a été interrompu (connexion perdue). Réessayez.',
		sessionExpired: 'Votre session a expiré : reconnectez-vous puis déposez à nouveau le fichier.',
		notSaved: '{name} n’a pas pu être enregistré : le fichier a été retiré.'
	},
	list: {
		label: 'Vos documents',
		count: '{count} document(s)',
		name: 'Nom',
		type: 'Type',
		size: 'Taille',
		uploadedAt: 'Déposé le'
	},
	empty: {
		title: 'Aucun document pour le moment',
		description: 'Déposez vos premiers fichiers ci-dessus : ils restent privés.'
	},
	types: {
		'application/pdf': 'PDF',
		'image/png': 'Image PNG',
		'image/jpeg': 'Image JPEG',
		'image/webp': 'Image WebP',
		'text/plain': 'Texte',
		'text/csv': 'CSV',
		'application/msword': 'Word',
		'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word',
		'application/vnd.ms-excel': 'Excel',
		'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel',
		'application/vnd.ms-powerpoint': 'PowerPoint',
		'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'PowerPoint',
		'application/vnd.oasis.opendocument.text': 'Texte OpenDocument',
		'application/vnd.oasis.opendocument.spreadsheet': 'Tableur OpenDocument',
		'application/vnd.oasis.opendocument.presentation': 'Présentation OpenDocument',
		other: 'Fichier'
	},
	actions: {
		open: 'Ouvrir',
		openNamed: 'Ouvrir {name}',
		download: 'Télécharger',
		downloadNamed: 'Télécharger {name}',
		rename: 'Renommer',
		renameNamed: 'Renommer {name}',
		details: 'Détails'
	},
	detail: {
		type: 'Type',
		size: 'Taille',
		uploadedAt: 'Déposé le',
		description: 'Description',
		noDescription: 'Aucune description.'
	},
	rename: {
		title: 'Renommer le document',
		field: 'Nouveau nom',
		hint: 'Le nom affiché et proposé au téléchargement ; le fichier lui-même ne change pas.',
		submit: 'Renommer',
		done: 'Document renommé.'
	},
	delete: {
		action: 'Supprimer',
		actionNamed: 'Supprimer {name}',
		title: 'Supprimer ce document ?',
		message: '« {name} » sera supprimé définitivement, fichier compris.',
		confirm: 'Supprimer le document',
		done: 'Document supprimé.'
	},
	errors: {
		notFound: 'Ce document est introuvable.',
		fileMissing: 'Le fichier de ce document est introuvable.',
		deleteFailed: 'Le document n’a pas pu être supprimé : réessayez dans un instant.'
	}
} as const;
