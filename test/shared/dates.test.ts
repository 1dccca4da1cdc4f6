import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { frenchDate, frenchDateOf, parisDay } from '../../shared/dates.js';

test('an instant belongs to its Paris day, not its UTC one, on both sides of midnight', () => {
  // winter (UTC+1): 23:30 UTC is already the next day in Paris, 22:59 UTC is not
  assert.is(parisDay('2024-03-11T23:30:00Z'), '2024-03-12');
  assert.is(parisDay('2024-03-11T22:59:59Z'), '2024-03-11');
  // summer (UTC+2): 22:00 UTC is midnight in Paris
  assert.is(parisDay('2024-07-14T22:00:00Z'), '2024-07-15');
  assert.is(parisDay('2024-07-14T21:59:59.999Z'), '2024-07-14');
  // the last night of the year, and a Date as well as a string
  assert.is(parisDay(new Date('2026-12-31T23:15:00Z')), '2027-01-01');
});

test('days are written dd/mm/yyyy; an instant as its Paris day', () => {
  assert.is(frenchDate('2024-05-01'), '01/05/2024');
  assert.is(frenchDateOf('2024-03-11T23:30:00Z'), '12/03/2024');
  assert.is(frenchDateOf('2024-03-11T10:00:00Z'), '11/03/2024');
});

test.run();
