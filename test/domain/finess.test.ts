import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { finessProblem, isValidFiness, luhnValid } from '../../server/domain/finess.js';
import { withKey } from '../helpers/plan.js';

test('Given AP-HP legal entity 750712184, the Luhn key is valid', () => {
  assert.ok(luhnValid('750712184'));
  assert.ok(isValidFiness('750712184'));
  assert.is(finessProblem('750712184'), null);
});

test('Given a wrong check digit, the FINESS is refused with the key message', () => {
  for (let k = 0; k <= 9; k++) {
    if (k === 4) continue;
    const f = `75071218${k}`;
    assert.not.ok(isValidFiness(f), f);
    assert.match(finessProblem(f)!, /Luhn/);
  }
});

test('Given a wrong length, the FINESS is refused with the length message', () => {
  for (const f of ['', '75071218', '7507121840', '75 071218']) {
    assert.not.ok(isValidFiness(f));
  }
  assert.match(finessProblem('75071218')!, /9 caractères/);
  assert.match(finessProblem('7507121840')!, /9 caractères/);
});

test('Given letters outside 2A/2B, the FINESS is refused as malformed', () => {
  assert.match(finessProblem('2C0000000')!, /département/);
  assert.match(finessProblem('75A000000')!, /département/);
  assert.match(finessProblem('7507121 4')!, /département/);
});

test('Corsica: 2A/2B are read as 20 for the key', () => {
  const a = withKey('2A000003'),
    b = withKey('2B123456');
  assert.ok(isValidFiness(a), a);
  assert.ok(isValidFiness(b), b);
  // the same digits with a wrong key are refused
  const wrong = a.slice(0, 8) + ((Number(a[8]) + 1) % 10);
  assert.not.ok(isValidFiness(wrong));
  assert.match(finessProblem(wrong)!, /Luhn/);
  // lowercase is not a département code
  assert.not.ok(isValidFiness(a.toLowerCase()));
});

test('overseas (97x) and demo FINESS with valid keys pass', () => {
  assert.ok(isValidFiness(withKey('97100001')));
  assert.ok(isValidFiness('780000014'));
  assert.ok(isValidFiness('910000017'));
});

test.run();
