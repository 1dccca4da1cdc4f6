import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isPlanYear, PLAN_FIRST_DAY, PLAN_LAST_DAY, PLAN_YEARS } from '../../shared/years.js';

test('isPlanYear: 2023..2027 only', () => {
  assert.ok(isPlanYear('2023'));
  assert.ok(isPlanYear('2027'));
  assert.not.ok(isPlanYear('2022'));
  assert.not.ok(isPlanYear('2028'));
});

test('the period runs from the first day of the first year to the last day of the last', () => {
  assert.is(PLAN_FIRST_DAY, `${PLAN_YEARS[0]}-01-01`);
  assert.is(PLAN_LAST_DAY, `${PLAN_YEARS.at(-1)}-12-31`);
});

test.run();
