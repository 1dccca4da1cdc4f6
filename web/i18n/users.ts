// Texts of the accounts page, in French, added to the common ones.
import { base } from './common.js';

export const t = {
  ...base,
  users: {
    title: 'Comptes utilisateurs',
    intro:
      'Créez les comptes des agents et des établissements ; désactivez un compte pour fermer immédiatement ses sessions.',
    name: 'Nom',
    email: 'Adresse électronique',
    role: 'Rôle',
    finess: 'FINESS (comptes établissement)',
    password: 'Mot de passe initial',
    passwordHint: '12 caractères au moins, à transmettre par un canal sûr.',
    create: 'Créer le compte',
    created: (email: string) => `Compte créé : ${email}.`,
    state: 'État',
    active: 'Actif',
    disabled: 'Désactivé',
    disable: 'Désactiver',
    enable: 'Réactiver',
    toggled: (email: string, disabled: boolean) => `${email} ${disabled ? 'désactivé' : 'réactivé'}.`,
    self: 'Votre compte (un autre administrateur peut le désactiver)',
    count: (n: number) => `${n} comptes`,
  },
};
