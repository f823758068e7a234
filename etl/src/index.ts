/** The ETL's public API: validation, ingest, the control-socket handler, demo data, pseudonymisation. */
export { BatchValidation, validateBatch, dutchToday, type EarlierBatch, type ValidateOptions, type ValidationProgress } from './validate/batch.validator';
export { RULES, ruleMessage, type RuleCode, type RuleCategory } from './validate/rules';
export { DATA_FILE_EXTENSIONS, FORMATS, INPUT_FORMATS, type FormatReader, type InputFormat } from './formats';
export { DEFAULT_ERROR_CAP, type ValidationError, type ValidationReport } from './validate/report';
export { Ingestor, type IngestorOptions, type PurgeResult } from './ingest/ingestor';
export { buildSnapshot, changedRegions, MAX_INCREMENTAL, type BuildOptions, type BuiltSnapshot } from './ingest/snapshot.builder';
export { parseRetention, retentionHorizon, RetentionConfigError, type RetentionTerm } from './ingest/retention';
export { openDelivery, readArchiveManifest, DEFAULT_DELIVERY_MAX_BYTES, type Delivery } from './validate/archive';
export { zipFolder, writeRawZip, zeroBomb, rewriteZip, type RawZipEntry } from './testing/zip-fixture';
export { writeRawXlsx, type RawCell, type RawSheet } from './testing/xlsx-fixture';
export { ingestControlHandler, purgeControlHandler, IngestPayloadError, type IngestControlPayload } from './ingest/ingest.control';
export type { BatchOutcome, BatchResult, IngestOptions, IngestPhase, IngestProgress, IngestResult } from './ingest/ingest.types';
export { writeTestBatch, validSignal, validAssessment, type FixtureRow, type TestBatchOptions } from './testing/batch-fixture';
export { DEMO_PROFILE_NOTE, demoRegionProfiles, type DemoRegionProfile } from './demo';
export { generateDemo, scaleForSignals, type DemoLayout, type GenerateDemoOptions, type GenerateDemoResult, type PlantedEffect, type PlantedEffectsFile } from './demo';
export { pseudonymiseFile, type PseudonymiseOptions, type PseudonymiseResult } from './pseudonymise';
