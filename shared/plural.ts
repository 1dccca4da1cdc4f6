// French plurals and agreement through Intl.PluralRules('fr-FR'), never string concatenation:
// in French 0 and 1 are singular (« 0 établissement recevra »), 2 and up plural, and a round
// million takes « de » (« 1 000 000 d’euros »), CLDR's "many" category. Shared by the web app
// and the server's messages.
const rules = new Intl.PluralRules('fr-FR');
const group = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });

/** A count: 12345 → "12 345". */
export const formatCount = (n: number): string => group.format(n);

/** The forms of a word or phrase: `one` for 0 and 1, `other` for the rest; `many` (a round
 *  million, « de ») falls back to `other` when absent. */
export type Forms = { one: string; other: string; many?: string };

export type Gender = 'm' | 'f';
/** A noun with its gender, so that what agrees with it can follow (« enveloppe engagée »). */
export type Noun = Forms & { gender: Gender };

/** The form that agrees with `n`. */
export const plural = (n: number, forms: Forms): string => {
  const category = rules.select(n);
  return category === 'one' ? forms.one : category === 'many' ? (forms.many ?? forms.other) : forms.other;
};

/** The count then its word, joined by a no-break space: (2, établissement) → « 2 établissements ». */
export const count = (n: number, forms: Forms): string => `${formatCount(n)}\u00a0${plural(n, forms)}`;

/** A whole message that agrees with `n`; `{n}` stands for the formatted count:
 *  pluralize(0, { one: '{n} établissement recevra', other: '{n} établissements recevront' }). */
export const pluralize = (n: number, forms: Forms): string => plural(n, forms).replaceAll('{n}', formatCount(n));

/** An adjective or past participle in its masculine singular form, with irregular forms when
 *  the regular ones (+e, +s) do not apply: { m: 'nouveau', f: 'nouvelle', mp: 'nouveaux' }. */
export type Adjective = { m: string; f?: string; mp?: string; fp?: string };

/** The adjective agreed with a gender and a count: (engagé, 'f', 2) → « engagées ». */
export const agree = (adjective: Adjective, gender: Gender, n = 1): string => {
  const singular = gender === 'f' ? (adjective.f ?? adjective.m + 'e') : adjective.m;
  if (rules.select(n) === 'one') return singular;
  const explicit = gender === 'f' ? adjective.fp : adjective.mp;
  // Words already ending in s or x keep it in the masculine plural (« annoncés » but « gris »).
  return explicit ?? (/[sx]$/.test(singular) ? singular : singular + 's');
};

/** The noun with its agreed adjective, no count: (2, enveloppe, engagé) → « enveloppes engagées ». */
export const nounWith = (n: number, noun: Noun, adjective: Adjective): string =>
  `${plural(n, noun)} ${agree(adjective, noun.gender, n)}`;

/** Count, noun and agreed adjective: (1, enveloppe, engagé) → « 1 enveloppe engagée ». */
export const countWith = (n: number, noun: Noun, adjective: Adjective): string =>
  `${formatCount(n)}\u00a0${nounWith(n, noun, adjective)}`;
