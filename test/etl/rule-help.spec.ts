/** Every rule the validator can report has Dutch guidance in the dashboard, and no stale one. */
import { DATA_FILE_EXTENSIONS, RULES } from '@weegwijzer/etl';
import { describe, expect, it } from 'vitest';
import { RULE_HELP_NL, ruleHelpNl } from '../../apps/dashboard/src/i18n/rules';

describe('Dutch guidance per validation rule (dashboard)', () => {
  it('covers exactly the rules of the validator', () => {
    expect(Object.keys(RULE_HELP_NL).sort()).toEqual(Object.keys(RULES).sort());
  });

  it('names the data file extensions the API serves (GET /v1/me), as the English message does', () => {
    const text = ruleHelpNl('FILE_FORMAT_UNSUPPORTED', DATA_FILE_EXTENSIONS)!;
    for (const ext of DATA_FILE_EXTENSIONS) {
      expect(text).toContain(ext);
      expect(RULES.FILE_FORMAT_UNSUPPORTED.message).toContain(ext);
    }
    expect(text).toMatch(/^Gebruik \.[a-z0-9]+(, \.[a-z0-9]+)* of \.[a-z0-9]+\.$/);
    // From an API that does not send the list, the English message (which names them) is shown.
    expect(ruleHelpNl('FILE_FORMAT_UNSUPPORTED', [])).toBeNull();
    expect(ruleHelpNl('NO_SUCH_RULE', DATA_FILE_EXTENSIONS)).toBeNull();
    expect(ruleHelpNl('REQUIRED', [])).toBe(RULE_HELP_NL.REQUIRED);
  });
});
