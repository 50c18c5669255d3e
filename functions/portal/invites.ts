import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PortalSubject } from '../../transforms/portal/scope.ts';

/** A sign-in link's record. Only the SHA-256 of its token is kept: the token itself is shown once. */
export interface Invite {
  /** The first 12 hex digits of the token's hash: names the invite to list or revoke it. */
  readonly id: string;
  readonly subject: PortalSubject;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly revokedAt: string | null;
}

export interface Session {
  readonly invite: Invite;
  readonly expiresAt: string;
}

const HEX64 = /^[0-9a-f]{64}$/;
const SESSION_HOURS = 12;
const hashOf = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');
const isTokenShaped = (token: string) => /^[A-Za-z0-9_-]{43}$/.test(token);

/**
 * Invites and sessions of the portal, kept in a folder (`<data>/portal/`), so they survive a
 * restart and `workforce invite` can add one while the service runs. Tokens are 32 random bytes;
 * files are named by the token's SHA-256, so reading the folder gives no one a way in.
 */
export class InviteStore {
  constructor(
    private readonly dir: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async create(subject: PortalSubject, days: number): Promise<{ token: string; invite: Invite }> {
    const token = randomBytes(32).toString('base64url');
    const hash = hashOf(token);
    const created = this.now();
    const invite: Invite = {
      id: hash.slice(0, 12),
      subject,
      createdAt: created.toISOString(),
      expiresAt: new Date(created.getTime() + days * 86_400_000).toISOString(),
      revokedAt: null,
    };
    await this.write('invites', hash, invite);
    return { token, invite };
  }

  async list(): Promise<Invite[]> {
    const invites = await Promise.all((await this.hashes('invites')).map((hash) => this.read<Invite>('invites', hash)));
    return invites.filter((i): i is Invite => i !== undefined).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  /** Revokes the invite (by its id or a longer prefix of its hash); its sessions end with it. */
  async revoke(id: string): Promise<Invite | undefined> {
    if (!/^[0-9a-f]{6,64}$/.test(id)) return undefined;
    const matches = (await this.hashes('invites')).filter((hash) => hash.startsWith(id));
    if (matches.length !== 1) return undefined;
    const invite = await this.read<Invite>('invites', matches[0] as string);
    if (!invite) return undefined;
    const revoked = { ...invite, revokedAt: invite.revokedAt ?? this.now().toISOString() };
    await this.write('invites', matches[0] as string, revoked);
    return revoked;
  }

  /** Signs in with an invite's token: a new session token, or undefined for an unknown, expired or revoked one. */
  async signIn(token: string): Promise<{ sessionToken: string; session: Session } | undefined> {
    if (!isTokenShaped(token)) return undefined;
    const inviteHash = hashOf(token);
    const invite = await this.usable(inviteHash);
    if (!invite) return undefined;
    const sessionToken = randomBytes(32).toString('base64url');
    const ends = Math.min(this.now().getTime() + SESSION_HOURS * 3_600_000, Date.parse(invite.expiresAt));
    const session: Session = { invite, expiresAt: new Date(ends).toISOString() };
    await this.write('sessions', hashOf(sessionToken), { inviteHash, expiresAt: session.expiresAt });
    return { sessionToken, session };
  }

  /** The session a cookie's token names, while it and its invite are still good. */
  async session(sessionToken: string | undefined): Promise<Session | undefined> {
    if (!sessionToken || !isTokenShaped(sessionToken)) return undefined;
    const stored = await this.read<{ inviteHash: string; expiresAt: string }>('sessions', hashOf(sessionToken));
    if (!stored || Date.parse(stored.expiresAt) <= this.now().getTime()) return undefined;
    const invite = await this.usable(stored.inviteHash);
    return invite ? { invite, expiresAt: stored.expiresAt } : undefined;
  }

  async signOut(sessionToken: string | undefined): Promise<void> {
    if (sessionToken && isTokenShaped(sessionToken))
      await rm(join(this.dir, 'sessions', `${hashOf(sessionToken)}.json`), { force: true });
  }

  private async usable(inviteHash: string): Promise<Invite | undefined> {
    const invite = await this.read<Invite>('invites', inviteHash);
    if (!invite || invite.revokedAt !== null || Date.parse(invite.expiresAt) <= this.now().getTime()) return undefined;
    return invite;
  }

  private async hashes(folder: string): Promise<string[]> {
    try {
      return (await readdir(join(this.dir, folder)))
        .filter((n) => n.endsWith('.json') && HEX64.test(n.slice(0, -5)))
        .map((n) => n.slice(0, -5));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }

  private async read<T>(folder: string, hash: string): Promise<T | undefined> {
    try {
      return JSON.parse(await readFile(join(this.dir, folder, `${hash}.json`), 'utf8')) as T;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  private async write(folder: string, hash: string, value: unknown): Promise<void> {
    await mkdir(join(this.dir, folder), { recursive: true, mode: 0o700 });
    const temp = join(this.dir, folder, `.${hash}.${randomBytes(4).toString('hex')}`);
    await writeFile(temp, JSON.stringify(value, null, 2), { mode: 0o600 });
    await rename(temp, join(this.dir, folder, `${hash}.json`));
  }
}
