/**
 * A minimal GGUF v3 writer: header, metadata key/values, tensor infos and aligned tensor data.
 * Spec: https://github.com/ggml-org/ggml/blob/master/docs/gguf.md (little-endian throughout).
 */

/** One metadata value, tagged with its GGUF type. */
export type GgufMetadataValue =
  | { type: 'uint32'; value: number }
  | { type: 'int32'; value: number }
  | { type: 'float32'; value: number }
  | { type: 'bool'; value: boolean }
  | { type: 'string'; value: string }
  | { type: 'string[]'; value: readonly string[] }
  | { type: 'float32[]'; value: readonly number[] }
  | { type: 'int32[]'; value: readonly number[] };

/** One F32 tensor; `dims` in GGML order (fastest-varying first). */
export interface GgufTensor {
  name: string;
  dims: readonly number[];
  data: Float32Array;
}

const GGUF_MAGIC = 'GGUF';
const GGUF_VERSION = 3;
/** GGUF value type ids. */
const ValueType = { uint32: 4, int32: 5, float32: 6, bool: 7, string: 8, array: 9 } as const;
const GGML_TYPE_F32 = 0;
export const GGUF_ALIGNMENT = 32;

/** Grows a byte buffer as values are appended. */
class ByteSink {
  private chunks: Buffer[] = [];
  length = 0;

  push(buffer: Buffer): void {
    this.chunks.push(buffer);
    this.length += buffer.length;
  }

  u32(value: number): void {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(value);
    this.push(b);
  }

  i32(value: number): void {
    const b = Buffer.alloc(4);
    b.writeInt32LE(value);
    this.push(b);
  }

  u64(value: number): void {
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(BigInt(value));
    this.push(b);
  }

  f32(value: number): void {
    const b = Buffer.alloc(4);
    b.writeFloatLE(value);
    this.push(b);
  }

  string(value: string): void {
    const bytes = Buffer.from(value, 'utf8');
    this.u64(bytes.length);
    this.push(bytes);
  }

  padTo(alignment: number): void {
    const rest = this.length % alignment;
    if (rest !== 0) this.push(Buffer.alloc(alignment - rest));
  }

  toBuffer(): Buffer {
    return Buffer.concat(this.chunks, this.length);
  }
}

function writeArray<T>(sink: ByteSink, elementType: number, values: readonly T[], write: (value: T) => void): void {
  sink.u32(ValueType.array);
  sink.u32(elementType);
  sink.u64(values.length);
  for (const value of values) write(value);
}

function writeValue(sink: ByteSink, entry: GgufMetadataValue): void {
  switch (entry.type) {
    case 'uint32':
      sink.u32(ValueType.uint32);
      return sink.u32(entry.value);
    case 'int32':
      sink.u32(ValueType.int32);
      return sink.i32(entry.value);
    case 'float32':
      sink.u32(ValueType.float32);
      return sink.f32(entry.value);
    case 'bool':
      sink.u32(ValueType.bool);
      return sink.push(Buffer.from([entry.value ? 1 : 0]));
    case 'string':
      sink.u32(ValueType.string);
      return sink.string(entry.value);
    case 'string[]':
      return writeArray(sink, ValueType.string, entry.value, (v) => sink.string(v));
    case 'float32[]':
      return writeArray(sink, ValueType.float32, entry.value, (v) => sink.f32(v));
    case 'int32[]':
      return writeArray(sink, ValueType.int32, entry.value, (v) => sink.i32(v));
    default:
      return entry satisfies never;
  }
}

/** Serialises a complete GGUF v3 file (F32 tensors only) into one buffer. */
export function encodeGguf(metadata: ReadonlyMap<string, GgufMetadataValue>, tensors: readonly GgufTensor[]): Buffer {
  const sink = new ByteSink();
  sink.push(Buffer.from(GGUF_MAGIC, 'ascii'));
  sink.u32(GGUF_VERSION);
  sink.u64(tensors.length);
  sink.u64(metadata.size);
  for (const [key, entry] of metadata) {
    sink.string(key);
    writeValue(sink, entry);
  }
  let offset = 0;
  for (const tensor of tensors) {
    const elements = tensor.dims.reduce((a, b) => a * b, 1);
    if (elements !== tensor.data.length) throw new Error(`tensor ${tensor.name}: dims ${tensor.dims.join('x')} ≠ ${tensor.data.length} values`);
    sink.string(tensor.name);
    sink.u32(tensor.dims.length);
    for (const dim of tensor.dims) sink.u64(dim);
    sink.u32(GGML_TYPE_F32);
    sink.u64(offset);
    offset += Math.ceil((elements * 4) / GGUF_ALIGNMENT) * GGUF_ALIGNMENT;
  }
  sink.padTo(GGUF_ALIGNMENT);
  for (const tensor of tensors) {
    sink.push(Buffer.from(tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength));
    sink.padTo(GGUF_ALIGNMENT);
  }
  return sink.toBuffer();
}
