// Texts of the login form, in French, added to the common ones.
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
  },
};
