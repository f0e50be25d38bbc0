// French wording of the account pages: sign-up, sign-in, password recovery, profile.
export const auth = {
	signIn: {
		title: 'Connexion',
		intro: 'Heureux de vous revoir ! Connectez-vous pour retrouver votre espace.',
		submit: 'Se connecter',
		submitting: 'Connexion…',
		forgot: 'Mot de passe oublié ?',
		noAccount: 'Pas encore de compte ?',
		signUpLink: 'Créer un compte'
	},
	signUp: {
		title: 'Créer un compte',
		intro: 'Rejoignez le réseau en quelques secondes.',
		submit: 'Créer mon compte',
		submitting: 'Création…',
		haveAccount: 'Déjà inscrit ?',
		signInLink: 'Se connecter',
		roleLegend: 'Vous êtes…',
		roleHints: {
			member: 'Entrepreneur : contacts, documents, planning et coaching.',
			company: 'Vous présentez votre entreprise, ses fondateurs, innovations et événements.',
			coach: 'Vous accompagnez des entrepreneurs en séances de coaching.'
		},
		checkEmail:
			'Compte créé ! Confirmez votre adresse e-mail grâce au lien que nous venons de vous envoyer.'
	},
	fields: {
		email: 'Adresse e-mail',
		password: 'Mot de passe',
		passwordHint: '8 caractères minimum.',
		newPassword: 'Nouveau mot de passe',
		confirmPassword: 'Confirmer le mot de passe',
		firstName: 'Prénom',
		lastName: 'Nom',
		role: 'Profil',
		headline: 'Titre',
		bio: 'Présentation',
		avatar: 'Photo de profil'
	},
	forgot: {
		title: 'Mot de passe oublié',
		intro:
			'Indiquez votre adresse e-mail : nous vous enverrons un lien pour choisir un nouveau mot de passe.',
		submit: 'Envoyer le lien',
		submitting: 'Envoi…',
		sent: 'Si un compte existe pour cette adresse, un e-mail vient de vous être envoyé. Pensez à vérifier vos courriers indésirables.',
		back: 'Retour à la connexion'
	},
	reset: {
		title: 'Nouveau mot de passe',
		intro: 'Choisissez votre nouveau mot de passe.',
		submit: 'Changer le mot de passe',
		submitting: 'Modification…',
		done: 'Votre mot de passe a été modifié.',
		linkInvalid: 'Ce lien est invalide ou a expiré. Demandez-en un nouveau.'
	},
	profile: {
		title: 'Mon profil',
		intro: 'Ces informations sont visibles par les membres du réseau.',
		identity: 'Informations publiques',
		role: 'Type de compte : {role}',
		roleFixed: 'Le type de compte est choisi à l’inscription et ne peut pas être changé.',
		headlineHint: 'Une phrase affichée sous votre nom, 120 caractères maximum.',
		saved: 'Profil mis à jour.',
		avatarTitle: 'Photo de profil',
		avatarHint: 'JPEG, PNG ou WebP, 2 Mo maximum.',
		avatarChoose: 'Choisir une photo',
		avatarUpload: 'Enregistrer la photo',
		avatarUploading: 'Envoi…',
		avatarPreview: 'Aperçu de la nouvelle photo',
		avatarCurrent: 'Votre photo actuelle',
		avatarRemove: 'Retirer la photo',
		avatarRemoved: 'Photo de profil retirée.',
		avatarUpdated: 'Photo de profil mise à jour.',
		avatarTooLarge: 'Cette image dépasse 2 Mo.',
		avatarBadType: 'Formats acceptés : JPEG, PNG ou WebP.',
		avatarMissing: 'Choisissez une image.',
		avatarRefused: 'Le stockage a refusé cette image. Essayez avec une autre photo.',
		avatarFailed: 'La photo n’a pas pu être enregistrée. Réessayez.',
		email: 'Adresse e-mail du compte : {email}',
		accountTitle: 'Compte',
		emailTitle: 'Changer d’adresse e-mail',
		emailIntro:
			'Un lien de confirmation vous est envoyé par e-mail : la nouvelle adresse remplace l’actuelle une fois le lien ouvert.',
		newEmail: 'Nouvelle adresse e-mail',
		emailSubmit: 'Changer d’adresse',
		emailSent: 'E-mail envoyé : ouvrez le lien de confirmation reçu pour terminer le changement.',
		sameEmail: 'C’est déjà l’adresse de votre compte.',
		emailChanged: 'Votre adresse e-mail a été modifiée.',
		emailOtherLink:
			'Premier lien confirmé. Ouvrez maintenant le lien reçu sur l’autre adresse pour terminer le changement.',
		passwordTitle: 'Changer de mot de passe',
		passwordSubmit: 'Changer le mot de passe',
		passwordChanged: 'Votre mot de passe a été modifié.'
	},
	errors: {
		invalidCredentials: 'Adresse e-mail ou mot de passe incorrect.',
		emailNotConfirmed: "Confirmez d'abord votre adresse e-mail grâce au lien reçu.",
		userAlreadyExists: 'Un compte existe déjà avec cette adresse e-mail.',
		weakPassword: 'Ce mot de passe est trop faible : utilisez au moins 8 caractères.',
		samePassword: "Le nouveau mot de passe doit être différent de l'ancien.",
		passwordsDiffer: 'Les deux mots de passe ne correspondent pas.',
		signupDisabled: 'Les inscriptions sont fermées pour le moment.',
		sessionExpired: 'Votre session a expiré. Reconnectez-vous.',
		emailRateLimited: 'Un e-mail vient déjà de partir. Patientez un peu avant de redemander.',
		invalidRole: 'Choisissez votre profil : membre, entreprise ou coach.',
		linkExpired:
			'Ce lien de connexion est invalide ou a expiré. Connectez-vous avec votre mot de passe, ou demandez un nouveau lien.'
	}
} as const;
