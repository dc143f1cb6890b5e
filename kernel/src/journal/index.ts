export { Journal, type RecoveryReport, type Snapshot } from './Journal.js';
export { encodeRecord, encodeRecordInto, frameLength, decodeRecords, type JournalRecord, type DecodedLog } from './recordCodec.js';
export { crc32 } from './crc32.js';
