// The audit page names every kind of record and every operation the server writes in French:
// the kinds from the store's schema, the operations from the routes' transactions (read in their
// source) and the promotion's own.
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { PROMOTION_ACTIONS } from '../../server/domain/promote.js';
import { UNAUDITED } from '../../server/store/memory.js';
import { KINDS } from '../../server/store/schema.js';
import { t } from '../../web/i18n/audit.js';

test('Every audited kind of record has its French name, in the filter and in the « Objet » column', () => {
  const missing = KINDS.filter((k) => !UNAUDITED.has(k) && k !== 'regions').filter(
    (k) => !t.audit.entities[k] || !t.audit.kinds[k],
  );
  assert.equal(missing, []);
});

test('Every operation a route writes, and each of a promotion’s, reads in French', () => {
  const dir = 'server/http';
  const written = new Set<string>(Object.values(PROMOTION_ACTIONS));
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    const src = readFileSync(`${dir}/${f}`, 'utf8');
    for (const m of src.matchAll(/txMeta\(c, '([a-z-]+)'\)/g)) written.add(m[1]!);
    for (const m of src.matchAll(/transition\('([a-z-]+)'/g)) written.add(m[1]!);
  }
  for (const level of ['ars', 'ans']) written.add(`check-${level}`);
  assert.ok(written.size > 20, `${written.size} operations read`);
  const untranslated = [...written].filter((a) => t.audit.actionLabel(a, 'allocations') === a);
  assert.equal(untranslated, []);
});

test('An operation named by what it was done to: a refusal of a completion or of an application', () => {
  assert.is(t.audit.actionLabel('refuse', 'completions'), 'Refus de la réalisation');
  assert.is(t.audit.actionLabel('refuse', 'applications'), 'Refus de la candidature');
  assert.is(t.audit.actionLabel('promote-avenant', 'allocations'), 'Promotion : avenant');
  assert.is(t.audit.actionLabel('unknown-op', 'allocations'), 'unknown-op');
});

test.run();
