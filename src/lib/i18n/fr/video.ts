// French wording of the video sessions: the room page (pre-join, room, participants) and the
// refusals of the LiveKit endpoints.
export const video = {
	title: 'Séance vidéo',
	pageTitle: 'Séance vidéo avec {name}',
	planned: 'Prévue {date}, de {start} à {end}',
	backToSession: 'Retour à la séance',
	status: { scheduled: 'Prévue', live: 'En cours', ended: 'Terminée' },
	roles: { coach: 'Coach', member: 'Membre' },
	participantStatus: {
		absent: 'Pas encore arrivé·e',
		waiting: 'En salle d’attente',
		connected: 'Dans la salle',
		disconnected: 'Parti·e'
	},
	prejoin: {
		title: 'Avant d’entrer',
		intro: 'Vérifiez votre caméra et votre micro, puis rejoignez la séance.',
		preview: 'Aperçu de votre caméra',
		previewOff: 'Caméra coupée',
		previewStarting: 'Démarrage de la caméra…',
		camera: 'Caméra',
		microphone: 'Micro',
		noDevice: 'Aucun appareil détecté',
		micLevel: 'Niveau du micro',
		cameraOn: 'Caméra activée',
		micOn: 'Micro activé',
		name: 'Votre nom dans la salle',
		nameHint: 'C’est le nom de votre profil, vu par l’autre participant.',
		editProfile: 'Modifier mon profil',
		join: 'Rejoindre la séance',
		joining: 'Connexion à la salle…',
		permissionDenied:
			'Votre navigateur refuse l’accès à la caméra ou au micro. Autorisez-le dans les réglages du site pour être vu·e et entendu·e ; vous pouvez aussi rejoindre sans.',
		deviceNotFound: 'Aucune caméra ni aucun micro n’a été trouvé sur cet appareil.',
		deviceBusy:
			'La caméra ou le micro est déjà utilisé par une autre application. Fermez-la puis réessayez.',
		deviceError: 'La caméra ou le micro n’a pas pu démarrer.',
		preparing: 'Préparation de la salle…'
	},
	room: {
		label: 'Salle vidéo',
		grid: 'Participants à l’image',
		controls: 'Commandes de la séance',
		you: '{name} (vous)',
		mute: 'Couper le micro',
		unmute: 'Activer le micro',
		cameraOff: 'Couper la caméra',
		cameraOn: 'Activer la caméra',
		shareScreen: 'Partager l’écran',
		stopSharing: 'Arrêter le partage',
		leave: 'Quitter',
		endForAll: 'Terminer pour tous',
		endTitle: 'Terminer la séance pour tous ?',
		endBody:
			'Les deux participants seront déconnectés et la salle sera fermée. La séance vidéo ne pourra plus être rejointe.',
		endConfirm: 'Terminer la séance',
		ending: 'Fermeture de la salle…',
		speaking: 'Parle',
		micMuted: 'Micro coupé',
		screenOf: 'Écran partagé par {name}',
		waitingFor: 'En attente de {name}…',
		reconnecting: 'Connexion perdue : reconnexion en cours…',
		reconnected: 'Connexion rétablie.',
		qualityLabel: 'Connexion : {quality}',
		quality: {
			excellent: 'excellente',
			good: 'bonne',
			poor: 'faible',
			lost: 'perdue',
			unknown: 'inconnue'
		},
		left: 'Vous avez quitté la séance.',
		rejoin: 'Rejoindre à nouveau',
		ended: 'La séance vidéo est terminée.',
		endedByCoach: 'Le coach a terminé la séance pour tous.',
		removed: 'Vous avez été déconnecté·e de la salle.',
		duplicate: 'Vous avez rejoint la séance depuis un autre appareil ou un autre onglet.',
		enableAudio: 'Activer le son',
		audioBlocked: 'Le navigateur a bloqué le son de la séance.',
		alone: 'Vous êtes seul·e dans la salle pour le moment.'
	},
	participants: {
		title: 'Participants',
		live: 'Mis à jour en direct',
		offline: 'Mise à jour en direct indisponible : rechargez la page pour voir les derniers états.',
		since: 'depuis {time}'
	},
	refusal: {
		title: 'Séance vidéo inaccessible',
		sessions: 'Voir mes séances'
	},
	errors: {
		notConfigured:
			'La visioconférence n’est pas configurée sur ce serveur. Contactez l’administrateur de la plateforme.',
		unreachable:
			'Impossible de joindre le serveur vidéo. Vérifiez votre connexion internet puis réessayez ; si le problème continue, le service vidéo est momentanément indisponible.',
		timeout:
			'Le serveur vidéo ne répond pas. Vérifiez votre connexion internet puis réessayez dans un instant.',
		refused: 'Le serveur vidéo a refusé la connexion. Rechargez la page pour réessayer.',
		invalidRequest: 'Indiquez la séance vidéo à rejoindre.',
		signedOut: 'Veuillez vous connecter pour rejoindre la séance vidéo.',
		notFound: 'Cette séance vidéo est introuvable.',
		forbidden:
			'Vous ne participez pas à cette séance : seuls le coach et le membre peuvent la rejoindre.',
		sessionNotFound: 'Cette séance est introuvable ou ne vous concerne pas.',
		ended: 'Cette séance vidéo est terminée : elle ne peut plus être rejointe.',
		cancelled: 'Cette séance a été annulée : sa salle vidéo est fermée.',
		unavailable: 'Le service vidéo est momentanément indisponible. Réessayez dans un instant.',
		endFailed:
			'La séance est marquée terminée, mais la salle n’a pas pu être fermée : le serveur vidéo ne répond pas. Réessayez.',
		screenShare: 'Le partage d’écran n’a pas pu démarrer.',
		device: 'Cet appareil n’a pas pu être activé.'
	}
} as const;
