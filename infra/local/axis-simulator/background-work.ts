/**
 * Timers and the work they start, for simulator actors such as the SAMPLE peer: a timer never keeps the
 * process alive, a failure of the work goes to `onError` (never to the event loop as an unhandled
 * rejection), and `stop` cancels what is not due yet and waits for what is under way.
 */
export class BackgroundWork {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<void>>();
  private stopped = false;

  constructor(private readonly onError: (error: unknown) => void) {}

  /** Runs `work` after `ms` (nothing once stopped); the timer can be cancelled. */
  later(ms: number, work: () => Promise<void> | void): NodeJS.Timeout {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.track(work);
    }, ms);
    timer.unref();
    if (this.stopped) clearTimeout(timer);
    else this.timers.add(timer);
    return timer;
  }

  cancel(timer: NodeJS.Timeout): void {
    clearTimeout(timer);
    this.timers.delete(timer);
  }

  /** Cancels every timer and resolves when the work under way has ended. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await Promise.allSettled([...this.inFlight]);
  }

  private track(work: () => Promise<void> | void): void {
    const running = (async () => work())()
      .catch((error: unknown) => this.onError(error))
      .finally(() => this.inFlight.delete(running));
    this.inFlight.add(running);
  }
}
