import * as tools from 'attune/tools';
import { describe, expect, it } from 'vitest';

describe('attune/tools', () => {
  it('exports what a site calls, resolved through package.json like a script importing it by name, and nothing internal', () => {
    expect(Object.keys(tools).sort()).toEqual([
      'AUDIT_TOP',
      'DEFAULT_BUILD',
      'DEFAULT_LEAVE_LAST_OUT',
      'DEFAULT_LOOP',
      'DEFAULT_POPULATION',
      'DEFAULT_TUNE_SECONDS',
      'FEEDBACK_SETTINGS',
      'NDCG_LOSS_BUDGET',
      'NO_CONTROLS',
      'NO_FEATURE',
      'TUNING_TOP',
      'audit',
      'auditChart',
      'auditTable',
      'buildModel',
      'decodeReports',
      'detectDelimiter',
      'exposureTable',
      'feedbackChart',
      'feedbackLoop',
      'globalPart',
      'historiesOf',
      'itemVectorTexts',
      'leaveLastOut',
      'meanReport',
      'parseCsv',
      'readCatalogue',
      'readInteractions',
      'readReports',
      'readSparkItemFactors',
      'readVectorFactors',
      'standardSettings',
      'textTable',
      'tuneModel',
      'tuningHeading',
      'tuningSummary',
      'tuningTable',
      'vectorsCsv',
      'vectorsJson',
    ]);
  });
});
