// Texts of the login form and of the change of a temporary password, in French, added to the common ones.
import { base } from './common.js';

export const t = {
  ...base,
  login: {
    title: 'Connexion à Jalon',
    intro: 'Accès réservé aux agents habilités (DNS, ANS, ARS) et aux établissements de santé bénéficiaires.',
    email: 'Adresse électronique',
    emailHint: 'Format attendu : nom@domaine.fr',
    password: 'Mot de passe',
    submit: 'Se connecter',
    pending: 'Connexion…',
    missing: 'Saisissez votre adresse électronique et votre mot de passe.',
    forgotTitle: 'Mot de passe oublié ?',
    forgot:
      'Demandez à l’administrateur Jalon de votre organisation (pour un établissement : la personne qui a créé votre compte, sinon la task force) de vous attribuer un mot de passe provisoire. Jalon n’envoie pas de courriel : ce mot de passe vous est transmis directement, et vous le remplacez par le vôtre dès la connexion.',
  },
  change: {
    title: 'Changer votre mot de passe',
    intro:
      'Votre administrateur vous a attribué un mot de passe provisoire. Choisissez votre propre mot de passe pour accéder à Jalon.',
    current: 'Mot de passe provisoire',
    next: 'Nouveau mot de passe',
    nextHint:
      '12 caractères au moins, mêlant au moins deux types de caractères (lettres, chiffres, symboles), ou une phrase de 20 caractères.',
    confirm: 'Confirmer le nouveau mot de passe',
    mismatch: 'Les deux saisies du nouveau mot de passe diffèrent.',
    submit: 'Changer le mot de passe',
    pending: 'Enregistrement…',
  },
};
