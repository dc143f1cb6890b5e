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

/** Encodes one record as its on-disk frame. */
export function encodeRecord(record: JournalRecord): Uint8Array {
  let tenant = tenantBytes.get(record.tenant);
  if (!tenant) {
    tenant = encoder.encode(record.tenant);
    if (tenantBytes.size < 10_000) tenantBytes.set(record.tenant, tenant);
  }
  const bodyLength = 1 + 8 + 2 + tenant.length + record.payload.length;
  const frame = new Uint8Array(HEADER + bodyLength + TRAILER);
  const view = new DataView(frame.buffer);
  view.setUint32(0, bodyLength, true);
  view.setUint8(4, FORMAT_VERSION);
  view.setFloat64(5, record.seq, true);
  view.setUint16(13, tenant.length, true);
  frame.set(tenant, 15);
  frame.set(record.payload, 15 + tenant.length);
  view.setUint32(HEADER + bodyLength, crc32(frame, HEADER, HEADER + bodyLength), true);
  return frame;
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
