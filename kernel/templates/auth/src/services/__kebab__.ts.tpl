import { scryptSync, timingSafeEqual } from 'node:crypto';
import { ConflictError, defineModel, defineService, UnauthorizedError, z, type Infer, type TenantStore } from '@krepis/kernel';

/**
 * scrypt (N = 2^14, 64-byte key). Synchronous on purpose: it is CPU work with no I/O, and a
 * threadpool callback is a step the twin cannot schedule. About 50 ms per call.
 */
const hash = (password: string, salt: Buffer, keylen: number): Buffer => scryptSync(password, salt, keylen);
const SESSION_MS = 24 * 60 * 60 * 1000;

/** Credentials for register and login. */
export const __Name__Credentials = defineModel('__Name__Credentials', z.object({
  email: z.string().email().max(200),
  password: z.string().min(8).max(200),
}));
export type __Name__Credentials = Infer<typeof __Name__Credentials>;

interface StoredUser { id: string; email: string; salt: string; hash: string; createdAt: number }
interface Session { token: string; userId: string; email: string; expiresAt: number }

const userKey = (email: string) => `__kebab__/users/${Buffer.from(email.toLowerCase()).toString('hex')}`;
const sessionKey = (token: string) => `__kebab__/sessions/${token}`;

/** Users with scrypt-hashed passwords and expiring session tokens, per tenant. */
export const __name__Service = defineService('__name__', ({ clock, random }) => ({
  async register(store: TenantStore, credentials: __Name__Credentials): Promise<{ id: string; email: string }> {
    const salt = Buffer.from(random.bytes(16));
    const user: StoredUser = { id: Buffer.from(random.bytes(8)).toString('hex'), email: credentials.email, salt: salt.toString('hex'), hash: hash(credentials.password, salt, 64).toString('hex'), createdAt: clock.now() };
    if (!(await store.put(userKey(credentials.email), user, { ifVersion: 0 })).ok) throw new ConflictError('that email is already registered');
    return { id: user.id, email: user.email };
  },
  async login(store: TenantStore, credentials: __Name__Credentials): Promise<{ token: string; expiresAt: number }> {
    const user = (await store.get<StoredUser>(userKey(credentials.email)))?.value;
    const candidate = hash(credentials.password, Buffer.from(user?.salt ?? '00', 'hex'), 64);
    if (!user || !timingSafeEqual(candidate, Buffer.from(user.hash, 'hex'))) throw new UnauthorizedError('wrong email or password');
    const session: Session = { token: Buffer.from(random.bytes(24)).toString('base64url'), userId: user.id, email: user.email, expiresAt: clock.now() + SESSION_MS };
    await store.put(sessionKey(session.token), session);
    return { token: session.token, expiresAt: session.expiresAt };
  },
  async authenticate(store: TenantStore, authorization: string | undefined): Promise<Session> {
    const token = /^Bearer ([A-Za-z0-9_-]{16,64})$/.exec(authorization ?? '')?.[1];
    const session = token ? (await store.get<Session>(sessionKey(token)))?.value : undefined;
    if (!session || session.expiresAt <= clock.now()) throw new UnauthorizedError('log in first (Authorization: Bearer <token>)');
    return session;
  },
  async logout(store: TenantStore, session: Session): Promise<void> {
    await store.delete(sessionKey(session.token));
  },
}));
