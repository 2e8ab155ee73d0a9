/**
 * Simulated time in microseconds since the epoch. Real time scaled by a speed factor, or a
 * manual clock that only moves when told to.
 */
export class Clock {
  private anchorSimUs: number;
  private anchorRealMs: number;
  private speedFactor: number;
  private manualMode: boolean;

  constructor(options: { speed?: number; manual?: boolean; startUs?: number } = {}) {
    this.anchorRealMs = Date.now();
    this.anchorSimUs = options.startUs ?? this.anchorRealMs * 1000;
    this.speedFactor = options.speed ?? 1;
    this.manualMode = options.manual ?? false;
  }

  nowUs(): number {
    if (this.manualMode) return this.anchorSimUs;
    return Math.floor(
      this.anchorSimUs + (Date.now() - this.anchorRealMs) * 1000 * this.speedFactor,
    );
  }

  get speed(): number {
    return this.speedFactor;
  }

  get manual(): boolean {
    return this.manualMode;
  }

  private reanchor(): void {
    this.anchorSimUs = this.nowUs();
    this.anchorRealMs = Date.now();
  }

  setSpeed(speed: number): void {
    this.reanchor();
    this.speedFactor = speed;
  }

  setManual(manual: boolean): void {
    this.reanchor();
    this.manualMode = manual;
  }

  /** Moves simulated time forward (works in both modes). */
  advance(seconds: number): void {
    this.reanchor();
    this.anchorSimUs += Math.round(seconds * 1_000_000);
  }

  /**
   * Puts simulated time at an instant, backwards too: what an NTP step does to a real cluster.
   * The tables keep their rows, so end times already written can lie in the clock's future.
   */
  setTo(us: number): void {
    this.anchorSimUs = us;
    this.anchorRealMs = Date.now();
  }

  snapshot(): { simUs: number; realMs: number; speed: number; manual: boolean } {
    return {
      simUs: this.nowUs(),
      realMs: Date.now(),
      speed: this.speedFactor,
      manual: this.manualMode,
    };
  }

  /** After a restart: continue from the saved time plus the real time that passed, scaled. */
  restore(s: { simUs: number; realMs: number; speed: number; manual: boolean }): void {
    this.speedFactor = s.speed;
    this.manualMode = s.manual;
    this.anchorRealMs = Date.now();
    this.anchorSimUs = s.manual
      ? s.simUs
      : s.simUs + Math.max(0, Date.now() - s.realMs) * 1000 * s.speed;
  }
}
