/**
 * A frozen server (a process stopped with SIGSTOP, a hung disk): connections stay open and
 * nothing is answered, not even the greeting. What arrived meanwhile is handled, in order,
 * when the stall ends, as a resumed process reads its socket buffers.
 */
export class Stall {
  #active = false;
  #held: (() => void)[] = [];
  #until: NodeJS.Timeout | null = null;

  get active(): boolean {
    return this.#active;
  }

  /** Runs `work` now, or when the stall ends. */
  hold(work: () => void): void {
    if (this.#active) this.#held.push(work);
    else work();
  }

  /** Freezes the server; with `ms`, thaws it after that long (real time). */
  start(ms?: number): void {
    this.#active = true;
    if (this.#until) clearTimeout(this.#until);
    this.#until = null;
    if (ms !== undefined) {
      this.#until = setTimeout(() => this.end(), ms);
      this.#until.unref();
    }
  }

  end(): void {
    if (this.#until) clearTimeout(this.#until);
    this.#until = null;
    if (!this.#active) return;
    this.#active = false;
    const held = this.#held;
    this.#held = [];
    for (const work of held) work();
  }
}
