/** An open GET .../events stream and everything it received. */
export interface EventStream {
  readonly text: () => string;
  /** The SSE events received so far, in order. */
  readonly events: () => { id?: string; event: string; data: string }[];
  /** True once the server ended the stream. */
  readonly ended: () => boolean;
  close(): void;
}

/** Opens an event stream with fetch (supertest buffers), pushing every chunk to `bodies`. */
export function openEventStream(
  url: string,
  cookie: string,
  bodies: string[],
  lastEventId?: string,
): EventStream {
  const ctl = new AbortController();
  const chunks: string[] = [];
  let ended = false;
  const headers: Record<string, string> = { cookie };
  if (lastEventId !== undefined) headers['Last-Event-ID'] = lastEventId;
  void fetch(url, { headers, signal: ctl.signal })
    .then(async (res) => {
      if (!res.body) return;
      const reader = res.body.getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) {
          ended = true;
          return;
        }
        const chunk = Buffer.from(value).toString('utf8');
        chunks.push(chunk);
        bodies.push(chunk);
      }
    })
    .catch(() => undefined);
  const text = () => chunks.join('');
  return {
    text,
    events: () =>
      text()
        .split('\n\n')
        .map((block) => ({
          id: /^id: (.*)$/m.exec(block)?.[1],
          event: /^event: (.*)$/m.exec(block)?.[1] ?? 'message',
          data: /^data: (.*)$/m.exec(block)?.[1] ?? '',
        }))
        .filter((e) => e.data !== ''),
    ended: () => ended,
    close: () => ctl.abort(),
  };
}
