/** A fixed record-key secret for test fixtures (the real one is generated per data dir). */
export const TEST_RECORD_KEY_SECRET = Buffer.from('5eed'.repeat(16), 'hex');
