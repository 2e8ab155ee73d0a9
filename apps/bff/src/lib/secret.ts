import { inspect } from 'node:util';

const MASK = '[redacted]';

/**
 * A value that must never be logged, serialised or printed. Only reveal() gives it out, and
 * only the code that puts it into a connection or a statement calls that.
 */
export class Secret {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  reveal(): string {
    return this.#value;
  }
  toString(): string {
    return MASK;
  }
  toJSON(): string {
    return MASK;
  }
  [inspect.custom](): string {
    return MASK;
  }
}
