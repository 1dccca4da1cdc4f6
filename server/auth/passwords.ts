// Passwords: scrypt (node:crypto) with a per-user salt; a simple strength policy in French.
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const scrypt = (pw: string, salt: Buffer, len: number, opts: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) => scryptCb(pw, salt, len, opts, (e, k) => (e ? reject(e) : resolve(k))));

const PARAMS = { N: 16384, r: 8, p: 1 };

export const hashPassword = async (pw: string): Promise<string> => {
  const salt = randomBytes(16);
  const key = await scrypt(pw, salt, 32, PARAMS);
  return `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${salt.toString('base64')}$${key.toString('base64')}`;
};

export const verifyPassword = async (pw: string, stored: string | undefined): Promise<boolean> => {
  const parts = (stored ?? '').split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') {
    await hashPassword(pw); // same cost whether or not the account exists
    return false;
  }
  const [, N, r, p, salt, key] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(key, 'base64');
  const got = await scrypt(pw, Buffer.from(salt, 'base64'), expected.length, { N: Number(N), r: Number(r), p: Number(p) });
  return timingSafeEqual(expected, got);
};

const COMMON = ['motdepasse', 'password', 'azerty', 'qwerty', '123456', 'soleil', 'jalon', 'admin', 'hopital', 'bonjour'];

/** Why a password is refused, in French, or null. */
export const passwordProblem = (pw: string, email?: string): string | null => {
  if (pw.length < 12) return 'Le mot de passe doit compter au moins 12 caractères.';
  if (pw.length > 256) return 'Le mot de passe est trop long (256 caractères au plus).';
  if (new Set(pw).size < 5) return 'Le mot de passe répète trop les mêmes caractères.';
  const low = pw.toLowerCase();
  if (COMMON.some((w) => low.includes(w) && low.replace(w, '').replace(/[\d\W_]/g, '').length < 4))
    return 'Le mot de passe est trop courant : choisissez une phrase ou une suite moins prévisible.';
  if (email && low.includes(email.split('@')[0]!.toLowerCase())) return 'Le mot de passe ne doit pas contenir votre identifiant.';
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(pw)).length;
  if (classes < 2 && pw.length < 20) return 'Mélangez au moins deux types de caractères (lettres, chiffres, symboles), ou choisissez une phrase de 20 caractères.';
  return null;
};
