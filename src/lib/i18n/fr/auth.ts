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
		avatarHint: 'JPEG, PNG ou WebP, 2 Mo maximum.',
		avatarUpload: 'Changer la photo',
		avatarRemove: 'Retirer la photo',
		avatarUpdated: 'Photo de profil mise à jour.',
		avatarTooLarge: 'Cette image dépasse 2 Mo.',
		avatarBadType: 'Formats acceptés : JPEG, PNG ou WebP.',
		email: 'Adresse e-mail du compte : {email}'
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
		invalidRole: 'Choisissez votre profil : membre, entreprise ou coach.'
	}
} as const;
