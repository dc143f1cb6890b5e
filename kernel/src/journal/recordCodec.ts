import type { TenantId } from '../ports/index.js';
import { crc32 } from './crc32.js';

/** One journal record: a tenant-scoped payload with its sequence number. */
export interface JournalRecord {
  /** 1, 2, 3, … without gaps within one journal. */
  readonly seq: number;
  readonly tenant: TenantId;
  readonly payload: Uint8Array;
}

/**
 * Frame: `u32 bodyLength | body | u32 crc32(body)`, body = `u8 version | f64 seq | u16
 * tenantLength | tenant (UTF-8) | payload`. Little-endian. The CRC covers the whole body, so a
 * torn or corrupted record is never mistaken for a valid one.
 */
const HEADER = 4;
const TRAILER = 4;
const FORMAT_VERSION = 1;
const MAX_BODY = 64 * 1024 * 1024;
const encoder = new TextEncoder();
const decoder = new TextDecoder();
const tenantBytes = new Map<string, Uint8Array>();

/**
 * Encodes one record as its on-disk frame.
 * @example
 * ```ts
 * const frame = encodeRecord({ seq: 1, tenant: 'acme', payload: new TextEncoder().encode('hello') });
 * ```
 */
export function encodeRecord(record: JournalRecord): Uint8Array {
  const frame = new Uint8Array(frameLength(record));
  encodeRecordInto(frame, 0, record);
  return frame;
}

/**
 * Bytes the frame of `record` takes.
 * @example
 * ```ts
 * const buffer = new Uint8Array(records.reduce((sum, r) => sum + frameLength(r), 0));
 * ```
 */
export function frameLength(record: JournalRecord): number {
  return HEADER + 1 + 8 + 2 + tenantBytesOf(record.tenant).length + record.payload.length + TRAILER;
}

/**
 * Writes the frame of `record` into `target` at `offset`; returns the offset after it.
 * @example
 * ```ts
 * let offset = 0;
 * for (const record of records) offset = encodeRecordInto(buffer, offset, record);
 * ```
 */
export function encodeRecordInto(target: Uint8Array, offset: number, record: JournalRecord): number {
  const tenant = tenantBytesOf(record.tenant);
  const bodyLength = 1 + 8 + 2 + tenant.length + record.payload.length;
  const body = offset + HEADER;
  writeU32(target, offset, bodyLength);
  target[body] = FORMAT_VERSION;
  if (littleEndian) {
    seqScratch[0] = record.seq;
    target.set(seqBytes, body + 1);
  } else new DataView(target.buffer, target.byteOffset).setFloat64(body + 1, record.seq, true);
  target[body + 9] = tenant.length & 0xff;
  target[body + 10] = tenant.length >>> 8;
  target.set(tenant, body + 11);
  target.set(record.payload, body + 11 + tenant.length);
  writeU32(target, body + bodyLength, crc32(target, body, body + bodyLength));
  return body + bodyLength + TRAILER;
}

function tenantBytesOf(tenant: string): Uint8Array {
  let bytes = tenantBytes.get(tenant);
  if (!bytes) {
    bytes = encoder.encode(tenant);
    if (tenantBytes.size < 10_000) tenantBytes.set(tenant, bytes);
  }
  return bytes;
}

/** Little-endian float64 of the sequence number, without a DataView per record. */
const seqScratch = new Float64Array(1);
const seqBytes = new Uint8Array(seqScratch.buffer);
const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function writeU32(target: Uint8Array, offset: number, value: number): void {
  target[offset] = value & 0xff;
  target[offset + 1] = (value >>> 8) & 0xff;
  target[offset + 2] = (value >>> 16) & 0xff;
  target[offset + 3] = (value >>> 24) & 0xff;
}

/** The records decoded from a byte log and the length of its valid prefix. */
export interface DecodedLog {
  readonly records: JournalRecord[];
  /** Bytes up to the end of the last valid record; anything after is a torn or corrupt tail. */
  readonly validLength: number;
}

/**
 * Decodes frames until the first one that is incomplete, fails its CRC or breaks the sequence
 * (`expectedSeq`, then +1 each): everything before it is the valid prefix.
 * @example
 * ```ts
 * const { records, validLength } = decodeRecords(await store.read('orders'));
 * if (validLength < bytes.length) await store.truncate('orders', validLength); // torn tail
 * ```
 */
export function decodeRecords(bytes: Uint8Array, expectedSeq?: number): DecodedLog {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const records: JournalRecord[] = [];
  let offset = 0;
  let next = expectedSeq;
  while (offset + HEADER + TRAILER <= bytes.length) {
    const bodyLength = view.getUint32(offset, true);
    const end = offset + HEADER + bodyLength + TRAILER;
    if (bodyLength < 11 || bodyLength > MAX_BODY || end > bytes.length) break;
    const bodyStart = offset + HEADER;
    if (view.getUint32(bodyStart + bodyLength, true) !== crc32(bytes, bodyStart, bodyStart + bodyLength)) break;
    if (view.getUint8(bodyStart) !== FORMAT_VERSION) break;
    const seq = view.getFloat64(bodyStart + 1, true);
    const tenantLength = view.getUint16(bodyStart + 9, true);
    if (11 + tenantLength > bodyLength || (next !== undefined && seq !== next)) break;
    const tenant = decoder.decode(bytes.subarray(bodyStart + 11, bodyStart + 11 + tenantLength));
    records.push({ seq, tenant, payload: bytes.slice(bodyStart + 11 + tenantLength, bodyStart + bodyLength) });
    next = seq + 1;
    offset = end;
  }
  return { records, validLength: offset };
}
