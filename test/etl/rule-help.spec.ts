/** Every rule the validator can report has Dutch guidance in the dashboard, and no stale one. */
import { RULES } from '@weegwijzer/etl';
import { describe, expect, it } from 'vitest';
import { RULE_HELP_NL } from '../../apps/dashboard/src/i18n/rules';

describe('Dutch guidance per validation rule (dashboard)', () => {
  it('covers exactly the rules of the validator', () => {
    expect(Object.keys(RULE_HELP_NL).sort()).toEqual(Object.keys(RULES).sort());
  });
});
