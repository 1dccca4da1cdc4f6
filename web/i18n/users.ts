// Texts of the accounts page, in French, added to the common ones.
import { count } from '../lib/plural.js';
import { base } from './common.js';

const comptes = { one: 'compte', other: 'comptes' };

export const t = {
  ...base,
  users: {
    title: 'Comptes utilisateurs',
    intro:
      'Créez les comptes des agents et des établissements, changez un rôle ou un rattachement, donnez un mot de passe provisoire ; désactivez un compte pour fermer immédiatement ses sessions.',
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
    mustChange: 'Mot de passe provisoire',
    disable: 'Désactiver',
    enable: 'Réactiver',
    toggled: (email: string, disabled: boolean) => `${email} ${disabled ? 'désactivé' : 'réactivé'}.`,
    self: 'Votre compte (un autre administrateur peut le modifier)',
    count: (n: number) => count(n, comptes),
    countOf: (shown: number, total: number) => `${count(shown, comptes)} sur ${total.toLocaleString('fr-FR')}`,
    search: 'Rechercher un compte',
    searchHint: 'E-mail, nom, rôle ou FINESS',
    roleFilter: 'Filtrer par rôle',
    allRoles: 'Tous les rôles',
    noMatch: 'Aucun compte ne correspond à cette recherche.',
    edit: 'Modifier',
    editTitle: (email: string) => `Modifier le compte ${email}`,
    save: 'Enregistrer',
    saved: (email: string) => `Compte ${email} modifié.`,
    finessBinding: 'FINESS de rattachement',
    region: 'Région (ARS)',
    national: 'Nationale',
    regionHint: 'Un compte d’ARS ne voit et ne traite que sa région.',
    finessHint: 'Un établissement (site) ou une entité juridique, 9 caractères.',
    reset: 'Mot de passe provisoire',
    resetTitle: (email: string) => `Mot de passe provisoire pour ${email}`,
    resetIntro:
      'Le titulaire devra le remplacer par le sien dès sa prochaine connexion. Ses sessions sont fermées et ses jetons d’API révoqués.',
    tempPassword: 'Mot de passe provisoire',
    tempHint: '12 caractères au moins, mêlant au moins deux types de caractères ; à transmettre par un canal sûr.',
    generate: 'Générer',
    resetSubmit: 'Définir le mot de passe provisoire',
    resetDone: (email: string) =>
      `Mot de passe provisoire défini pour ${email} : transmettez-le par un canal sûr ; il devra être changé à la prochaine connexion.`,
    confirmDisableTitle: (email: string) => `Désactiver le compte ${email} ?`,
    confirmDisable:
      'Ses sessions seront fermées immédiatement et ses jetons d’API révoqués. Le compte pourra être réactivé ; ses jetons ne reviendront pas.',
    confirmDisableButton: 'Confirmer la désactivation',
  },
};
