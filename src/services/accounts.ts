import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { AppError } from '../domain/errors.js';
import { stableId } from '../domain/match-keys.js';
import type { ArchiveStore } from '../store/ports.js';
import type { UserRole } from '../store/schema.js';
import { type Clock, systemClock } from './follow-up.js';

/*
 * Local accounts: argon2id password hashes, and sessions whose cookie value is a random token that the database
 * only knows by its SHA-256, so a copy of the database cannot be used to sign in.
 */

export const USER_ROLES = ['admin', 'secretary', 'member'] as const satisfies readonly UserRole[];
export const SESSION_HOURS = 8;
const MIN_PASSWORD = 10;
const NAME = /^[\p{L}\p{N}._@-]{2,64}$/u;

/** Someone signed in. */
export interface SignedInUser {
  id: string;
  name: string;
  role: UserRole;
}

function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Creates an account, or sets a new role and password for an existing one (same name), with an audit entry. */
export async function addUser(
  store: ArchiveStore,
  input: { name: string; role: UserRole; password: string },
  options: { actor?: string; clock?: Clock } = {},
): Promise<SignedInUser> {
  const name = input.name.trim();
  if (!NAME.test(name)) {
    throw new AppError('invalid-input', 'Användarnamnet ska vara 2–64 tecken: bokstäver, siffror och . _ @ -.');
  }
  if (!USER_ROLES.includes(input.role)) {
    throw new AppError('invalid-input', `Okänd roll "${input.role}"; välj admin, secretary eller member.`);
  }
  if (input.password.length < MIN_PASSWORD) {
    throw new AppError('invalid-input', `Lösenordet måste ha minst ${MIN_PASSWORD} tecken.`);
  }
  const passwordHash = await hash(input.password);
  const at = (options.clock ?? systemClock)().toISOString();
  return store.write(async (session) => {
    const existing = await session.users.findByName(name);
    const id = existing?.id ?? stableId('u', name.toLowerCase());
    await session.users.upsert({ id, name, role: input.role, passwordHash, createdAt: at, disabled: 0 });
    // A new password ends every session the old one opened.
    if (existing) await session.authSessions.deleteForUser(id);
    await session.audit.append({
      at,
      actor: options.actor ?? 'cli',
      action: existing ? 'user.update' : 'user.add',
      targetId: id,
      details: { name, role: input.role },
    });
    return { id, name, role: input.role };
  });
}

/**
 * Checks a name and password and opens a session; returns the cookie token. The same AppError('unauthorized') for
 * an unknown name and a wrong password, and a hash is verified either way, so timing does not reveal names.
 */
export async function signIn(
  store: ArchiveStore,
  name: string,
  password: string,
  clock: Clock = systemClock,
): Promise<{ token: string; user: SignedInUser; expiresAt: Date }> {
  const user = await store.read((s) => s.users.findByName(name.trim()));
  const ok = await verify(user?.passwordHash ?? DUMMY_HASH, password).catch(() => false);
  if (!user || !ok || user.disabled) throw new AppError('unauthorized', 'Fel användarnamn eller lösenord.');
  const now = clock();
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000);
  const token = randomBytes(32).toString('base64url');
  await store.write(async (session) => {
    await session.authSessions.deleteExpired(now.toISOString());
    await session.authSessions.create({
      id: tokenHash(token),
      userId: user.id,
      createdAt: now.toISOString(),
      expiresAt: expiresAt.toISOString(),
    });
    await session.audit.append({
      at: now.toISOString(),
      actor: user.name,
      action: 'user.sign-in',
      targetId: user.id,
      details: {},
    });
  });
  return { token, user: { id: user.id, name: user.name, role: user.role }, expiresAt };
}

/** The user behind a session cookie, or null when it is unknown, expired or the account is disabled. */
export async function sessionUser(
  store: ArchiveStore,
  token: string,
  clock: Clock = systemClock,
): Promise<SignedInUser | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const row = await store.read((s) => s.authSessions.active(tokenHash(token), clock().toISOString()));
  return row ? { id: row.userId, name: row.name, role: row.role } : null;
}

/** Ends a session (sign out). */
export async function signOut(store: ArchiveStore, token: string): Promise<void> {
  await store.write((s) => s.authSessions.delete(tokenHash(token)));
}

/** A valid argon2id hash of a random password, verified when the name is unknown to keep timing even. */
const DUMMY_HASH = await hash(randomBytes(16).toString('hex'));
