import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** The prev_hash of a chain's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** What an event's hash covers: everything it says, its cluster and its place in the chain. */
export interface ChainedContent {
  clusterId: string;
  seq: number;
  timeMs: number;
  actor: string;
  clientAddress: string | null;
  userAgent: string | null;
  requestId: string | null;
  action: string;
  tenants: string[];
  outcome: string;
  errorCode: string | null;
  details: Record<string, unknown>;
}

/** RFC 8785 canonical JSON: the same bytes for the same content on any machine or database. */
export function canonicalJson(value: unknown): string {
  const out = canonicalize(value);
  if (out === undefined) throw new TypeError('audit content is not JSON');
  return out;
}

/** SHA-256(prev_hash || canonical JSON of the content), hex. */
export function chainHash(prevHash: string, content: ChainedContent): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(content)).digest('hex');
}
