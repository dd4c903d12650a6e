import { BehaviorSubject, type Observable } from 'rxjs';
import type { RetryStatus } from '../../lib/operators/index.js';

/** The connection status of one stream, as shown: `connecting`, `connected`, `reconnecting in 1.2 s`, `resynced` or `failed`. */
export type StreamStatus = string;

/** The status text of a retry event. */
export function retryStatusText(status: RetryStatus): StreamStatus {
  switch (status.type) {
    case 'retrying':
      return `reconnecting in ${(status.delayMs / 1000).toFixed(1)} s`;
    case 'recovered':
      return 'connected';
    case 'giving-up':
      return 'failed';
  }
}

/** The connection status of every stream by name, observable as a whole. */
export class StatusBoard {
  private readonly statuses = new BehaviorSubject<ReadonlyMap<string, StreamStatus>>(new Map());

  /** Every change of any stream's status (the current statuses first). */
  get changes$(): Observable<ReadonlyMap<string, StreamStatus>> {
    return this.statuses.asObservable();
  }

  /** The status of a stream; `connecting` before anything was reported. */
  get(stream: string): StreamStatus {
    return this.statuses.value.get(stream) ?? 'connecting';
  }

  /** Set a stream's status (a no-op when unchanged). */
  set(stream: string, status: StreamStatus): void {
    if (this.statuses.value.get(stream) === status) return;
    this.statuses.next(new Map(this.statuses.value).set(stream, status));
  }

  /** The retry status callback of a stream, for `retryBackoff({ status })` or `marketBook(…, { retry: { status } })`. */
  reporter(stream: string): (status: RetryStatus) => void {
    return (status) => this.set(stream, retryStatusText(status));
  }
}
