import { randomBytes } from 'node:crypto';

interface Staged {
  bytes: Uint8Array;
  name: string;
  userId: string;
  expires: number;
}

/**
 * Uploaded files between preview and confirmation, in memory: at most `max` of them, each for `ttlMs`, and only
 * the user who uploaded a file can confirm it. A restart forgets them; the secretary uploads again.
 */
export class UploadStaging {
  private readonly files = new Map<string, Staged>();
  constructor(
    private readonly max = 20,
    private readonly ttlMs = 30 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  put(file: { bytes: Uint8Array; name: string }, userId: string): string {
    this.prune();
    while (this.files.size >= this.max) this.files.delete(this.files.keys().next().value!);
    const token = randomBytes(18).toString('base64url');
    this.files.set(token, { ...file, userId, expires: this.now() + this.ttlMs });
    return token;
  }

  /** Takes the file out (one confirmation per upload). */
  take(token: string, userId: string): { bytes: Uint8Array; name: string } | undefined {
    this.prune();
    const staged = this.files.get(token);
    if (!staged || staged.userId !== userId) return undefined;
    this.files.delete(token);
    return { bytes: staged.bytes, name: staged.name };
  }

  private prune(): void {
    const now = this.now();
    for (const [token, staged] of this.files) if (staged.expires <= now) this.files.delete(token);
  }
}
