import type { ReactNode } from 'react';

/**
 * A help sentence whose `backticked` parts are literal (header names, URLs, settings): those
 * show as code, in no language, and the rest reads as prose.
 */
export function CodeText({ text }: { text: string }): ReactNode {
  return text.split(/`([^`]+)`/).map((part, i) =>
    i % 2 === 1 ? (
      <code key={i} translate="no">
        {part}
      </code>
    ) : (
      part
    ),
  );
}
