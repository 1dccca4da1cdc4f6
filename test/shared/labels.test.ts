import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ALLOCATION_STATUS_LABELS, CATEGORY_LABELS, MILESTONE_STATUS_LABELS } from '../../shared/labels.js';

test('categories read as FINESS names the sectors: privé lucratif, not « commercial »', () => {
  assert.equal(CATEGORY_LABELS, {
    public: 'Public',
    private_nonprofit: 'Privé non lucratif',
    private_forprofit: 'Privé lucratif',
  });
});

test('each label names one status', () => {
  for (const labels of [ALLOCATION_STATUS_LABELS, MILESTONE_STATUS_LABELS, CATEGORY_LABELS]) {
    const words = Object.values(labels);
    assert.is(new Set(words).size, words.length);
  }
});

test.run();
