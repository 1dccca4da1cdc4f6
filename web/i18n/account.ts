// Texts of the account page (password, API tokens), in French, added to the common ones.
import { base } from './common.js';
import { pluralize } from '../lib/plural.js';

export const t = {
  ...base,
  account: {
    title: 'Mon compte',
    intro: 'Changez votre mot de passe et gérez les jetons d’API de vos scripts.',
    password: 'Changer le mot de passe',
    current: 'Mot de passe actuel',
    next: 'Nouveau mot de passe',
    nextHint: '12 caractères au moins. Le changement ferme vos sessions et révoque vos jetons d’API.',
    change: 'Changer le mot de passe',
    changed:
      'Mot de passe changé : vos sessions sont fermées et vos jetons d’API révoqués. Reconnectez-vous avec le nouveau mot de passe.',
    tokens: 'Jetons d’API',
    tokensIntro:
      'Un jeton permet à un script d’appeler l’API avec vos droits (en-tête Authorization: Bearer). Il est révoqué si vous changez de mot de passe ou si votre compte est désactivé.',
    tokenName: 'Nom du jeton',
    tokenNameHint: 'Par exemple : export nocturne vers l’infocentre.',
    days: 'Durée de validité',
    dayChoices: [
      [30, '30 jours'],
      [90, '90 jours (recommandé)'],
      [180, '180 jours'],
      [365, '365 jours (maximum)'],
    ] as Array<[number, string]>,
    create: 'Créer le jeton',
    secretTitle: 'Copiez ce jeton maintenant',
    secretHint: (expires: string) => `Il ne sera plus affiché. Valable jusqu’au ${expires}.`,
    none: 'Aucun jeton.',
    listRegion: 'Liste de vos jetons d’API',
    count: (n: number) => pluralize(n, { one: '{n} jeton', other: '{n} jetons' }),
    prefix: 'Début du jeton',
    created: 'Créé le',
    expires: 'Échéance',
    state: 'État',
    states: { active: 'Actif', expired: 'Expiré', revoked: 'Révoqué' },
    reasons: { revoked: 'à la demande', password: 'mot de passe changé', disabled: 'compte désactivé' },
    revoke: 'Révoquer',
    revoked: (name: string) => `Jeton « ${name} » révoqué.`,
  },
};
