/**
 * The time budget of the file being analysed. The front ends are synchronous, so the scan
 * sets a deadline before each file and the long loops (parsing, tree walks) call
 * `checkDeadline`, which throws `TimeBudgetExceeded` once it has passed. The analyzer that
 * catches it records the file as skipped with a note instead of hanging the scan.
 */

export class TimeBudgetExceeded extends Error {
  constructor() {
    super('analysis exceeded its time budget');
    this.name = 'TimeBudgetExceeded';
  }
}

let deadline = Number.POSITIVE_INFINITY;

/** Runs `work` with a deadline (a `performance.now()` time); the previous one is restored after. */
export async function withDeadline<T>(at: number, work: () => T | Promise<T>): Promise<T> {
  const previous = deadline;
  deadline = Math.min(at, previous);
  try {
    return await work();
  } finally {
    deadline = previous;
  }
}

export function deadlinePassed(): boolean {
  return deadline !== Number.POSITIVE_INFINITY && performance.now() > deadline;
}

/** Throws `TimeBudgetExceeded` when the current file's deadline has passed. */
export function checkDeadline(): void {
  if (deadlinePassed()) throw new TimeBudgetExceeded();
}
