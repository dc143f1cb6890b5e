import { BadRequestError, ConflictError, defineService, NotFoundError, type TenantStore } from '@krepis/kernel';

/** Largest upload, in bytes. */
export const max__Name__Bytes = 5 * 1024 * 1024;

/** What is known about a stored file. */
export interface __Name__Info { name: string; size: number; contentType: string; uploadedAt: number }

const SAFE_NAME = /^[\w][\w.-]{0,127}$/;
const checkName = (name: string) => {
  if (!SAFE_NAME.test(name)) throw new BadRequestError('file names are 1-128 letters, digits, "_", "-" or "."');
};

/** Stores files per tenant: bytes under `__kebab__/data/<name>`, info under `__kebab__/info/<name>`, always written and removed together (atomic batches). */
export const __name__Service = defineService('__name__', ({ clock }) => ({
  async save(store: TenantStore, name: string, bytes: Uint8Array, contentType = 'application/octet-stream'): Promise<__Name__Info> {
    checkName(name);
    const info: __Name__Info = { name, size: bytes.byteLength, contentType, uploadedAt: clock.now() };
    await store.batch([
      { type: 'put', key: `__kebab__/data/${name}`, bytes },
      { type: 'put', key: `__kebab__/info/${name}`, value: info },
    ]);
    return info;
  },
  async load(store: TenantStore, name: string): Promise<{ info: __Name__Info; bytes: Uint8Array }> {
    checkName(name);
    const [info, bytes] = await Promise.all([store.get<__Name__Info>(`__kebab__/info/${name}`), store.getBytes(`__kebab__/data/${name}`)]);
    if (!info || !bytes) throw new NotFoundError(`file ${name} not found`);
    return { info: info.value, bytes };
  },
  async list(store: TenantStore): Promise<__Name__Info[]> {
    return (await store.list<__Name__Info>({ prefix: '__kebab__/info/' })).map((doc) => doc.value);
  },
  async remove(store: TenantStore, name: string): Promise<void> {
    checkName(name);
    const info = await store.get(`__kebab__/info/${name}`);
    if (!info) throw new NotFoundError(`file ${name} not found`);
    const removed = await store.batch([
      { type: 'delete', key: `__kebab__/info/${name}`, ifVersion: info.version },
      { type: 'delete', key: `__kebab__/data/${name}` },
    ]);
    if (!removed.ok) throw new ConflictError(`file ${name} changed meanwhile; retry`);
  },
}));
