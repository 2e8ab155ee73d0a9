import type { ChannelSecretView } from '@obconsole/store';
import type { ChannelKind, ChannelLanguage, ChannelTarget } from './channels/types.js';

/** A stored channel, unsealed, as the sender takes it (in memory only). */
export function toTarget(t: ChannelSecretView): ChannelTarget {
  return {
    id: t.id,
    kind: t.kind as ChannelKind,
    name: t.name,
    language: t.language as ChannelLanguage,
    url: t.url ?? undefined,
    secret: t.secret ?? undefined,
    to: t.to ?? undefined,
  };
}
