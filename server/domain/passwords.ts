// The strength a password must have, in French: the same rule for the API, the first start and
// the operators' CLI (hashing is the platform's: server/auth/passwords.ts).

const COMMON = [
  'motdepasse',
  'password',
  'azerty',
  'qwerty',
  '123456',
  'soleil',
  'jalon',
  'admin',
  'hopital',
  'bonjour',
];

/** Why a password is refused, in French, or null. */
export const passwordProblem = (pw: string, email?: string): string | null => {
  if (pw.length < 12) return 'Le mot de passe doit compter au moins 12 caractères.';
  if (pw.length > 256) return 'Le mot de passe est trop long (256 caractères au plus).';
  if (new Set(pw).size < 5) return 'Le mot de passe répète trop les mêmes caractères.';
  const low = pw.toLowerCase();
  if (COMMON.some((w) => low.includes(w) && low.replace(w, '').replace(/[\d\W_]/g, '').length < 4))
    return 'Le mot de passe est trop courant : choisissez une phrase ou une suite moins prévisible.';
  if (email && low.includes(email.split('@')[0]!.toLowerCase()))
    return 'Le mot de passe ne doit pas contenir votre identifiant.';
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(pw)).length;
  if (classes < 2 && pw.length < 20)
    return 'Mélangez au moins deux types de caractères (lettres, chiffres, symboles), ou choisissez une phrase de 20 caractères.';
  return null;
};
