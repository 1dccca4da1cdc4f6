import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { textProblem } from '../../server/domain/text.js';

test('Ordinary French text, accents, emoji, ZWJ sequences and line breaks in multi-line texts pass', () => {
  for (const s of ['Centre hospitalier de Versailles', 'Hôpital Saint-Éloi — pôle « cyber »', 'CH 👩‍⚕️', 'مستشفى', ''])
    assert.is(textProblem(s), null, s);
  assert.is(textProblem('Ligne 1\nLigne 2\r\n\tretrait', { multiline: true }), null);
});

test('Refused, with the reason: only invisible characters, NUL and other controls, lone surrogates, bidi overrides', () => {
  const cases: Array<[string, RegExp, boolean?]> = [
    ['\u200B\u200B', /ne contient que des caractères invisibles/],
    ['\u200D \uFEFF\u2060\u00AD', /ne contient que des caractères invisibles/],
    ['\u3164', /ne contient que des caractères invisibles/], // Hangul filler: a "blank" letter
    ['CH\u0000', /caractère de contrôle U\+0000 refusé/],
    ['CH\u001B[31m', /caractère de contrôle U\+001B refusé/],
    ['CH\u0085', /caractère de contrôle U\+0085 refusé/], // C1 controls too
    ['CH\nVersailles', /caractère de contrôle U\+000A refusé/], // a name is one line
    ['CH\u0000', /U\+0000/, true], // NUL even in a multi-line text
    ['CH \uD800', /moitié isolée d’une paire UTF-16/],
    ['\uDE00 CH', /moitié isolée d’une paire UTF-16/],
    ['facture\u202Efdp.exe', /sens d’écriture U\+202E refusé/],
    ['CH\u2066 x \u2069', /sens d’écriture U\+2066 refusé/],
  ];
  for (const [s, reason, multiline] of cases) {
    const p = textProblem(s, { multiline: !!multiline });
    assert.ok(p && reason.test(p), `${JSON.stringify(s)} → ${p}`);
  }
});

test.run();
