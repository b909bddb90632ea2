/**
 * Requests to the background's sync, from extension pages only (the options page and the
 * popup). Parsed apart from the store's protocol so the two can change independently.
 */
import { z } from 'zod';
import type { Annotation } from '../messages';
import type { Conflict } from './conflicts';
import type { SyncStatus } from './service';

const syncRequestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('sync/status') }),
  z.object({
    type: z.literal('sync/configure'),
    url: z.string().url().max(2_000).refine((u) => /^https?:\/\//i.test(u), 'must be an http(s) address'),
    username: z.string().max(500),
    password: z.string().max(500),
    passphrase: z.string().min(1).max(1_000),
  }),
  z.object({ type: z.literal('sync/now') }),
  z.object({ type: z.literal('sync/disable') }),
  z.object({ type: z.literal('sync/conflicts') }),
  z.object({ type: z.literal('sync/resolve'), id: z.string().min(1).max(100), rev: z.string().min(1).max(200) }),
]);

export type SyncRequest = z.infer<typeof syncRequestSchema>;

export interface SyncResponseMap {
  'sync/status': SyncStatus;
  'sync/configure': SyncStatus;
  'sync/now': SyncStatus;
  'sync/disable': SyncStatus;
  'sync/conflicts': { conflicts: Conflict[] };
  'sync/resolve': { annotation: Annotation };
}

/** A sync request, or undefined when the message is not one (its type does not start with "sync/"). */
export function parseSyncRequest(message: unknown): { ok: true; request: SyncRequest } | { ok: false; error: string } | undefined {
  const type = (message as { type?: unknown } | null)?.type;
  if (typeof type !== 'string' || !type.startsWith('sync/')) return undefined;
  const r = syncRequestSchema.safeParse(message);
  if (r.success) return { ok: true, request: r.data };
  const first = r.error.issues[0];
  return { ok: false, error: `Invalid sync request: ${first?.path.join('.') || 'message'}: ${first?.message ?? 'bad shape'}` };
}

/** The host permission sync needs: the configured server's origin, nothing broader. */
export const originPattern = (url: string) => `${new URL(url).origin}/*`;
