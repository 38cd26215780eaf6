// Sends the journal's pending changes to the server, oldest first, one at a time (so the server
// sees them in the order they were made). Runs after every change (text debounced), on the
// browser's `online` event and every few seconds while anything is pending. A network failure
// leaves the entry pending (shown as 离线待同步); a deadline refusal stops the exam.
import { reactive } from 'vue';
import { api, ApiError } from '@/api/client';
import type { Journal, Kind, ServerAnswer } from './journal';

export interface ServerClock {
  status: string;
  deadline_ms: number;
  remaining_ms: number;
  server_time_ms: number;
}

export interface SyncState {
  online: boolean; // the last request reached the server
  flushing: boolean;
  closed: string; // non-empty: the server refuses further saves (code)
  closedMessage: string;
  errors: Record<string, string>; // item → a refusal the user must see
  inFlight: string; // "kind:item" being sent
}

const RETRY_MS = 3000;

export class ExamSync {
  readonly state: SyncState = reactive({ online: true, flushing: false, closed: '', closedMessage: '', errors: {}, inFlight: '' });
  private running: Promise<void> | null = null;
  private again = false;
  private timer: ReturnType<typeof setInterval> | null = null;
  private debounce: ReturnType<typeof setTimeout> | null = null;
  private readonly onOnline = () => {
    void this.flush();
  };

  constructor(
    private readonly attemptId: number,
    private readonly journal: Journal,
    private readonly onClock: (c: ServerClock, t0: number, t1: number) => void,
  ) {}

  start(): void {
    window.addEventListener('online', this.onOnline);
    this.timer = setInterval(() => {
      if (this.journal.pending().length) void this.flush();
    }, RETRY_MS);
    void this.flush();
  }

  stop(): void {
    window.removeEventListener('online', this.onOnline);
    if (this.timer) clearInterval(this.timer);
    if (this.debounce) clearTimeout(this.debounce);
    this.timer = null;
  }

  // Records a change in the journal first, then sends it (after `delayMs` when typing).
  change(kind: Kind, item: string, value: unknown, delayMs = 0): void {
    if (this.state.closed) return;
    this.journal.record(kind, item, value);
    delete this.state.errors[item];
    if (this.debounce) clearTimeout(this.debounce);
    if (delayMs > 0) {
      this.debounce = setTimeout(() => void this.flush(), delayMs);
    } else {
      void this.flush();
    }
  }

  // Resolves when nothing is pending any more or a send failed.
  flush(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.loop().finally(() => {
      this.running = null;
      this.state.flushing = false;
    });
    return this.running;
  }

  private async loop(): Promise<void> {
    this.state.flushing = true;
    do {
      this.again = false;
      for (;;) {
        if (this.state.closed) return;
        const next = this.journal.pending()[0];
        if (!next) break;
        this.state.inFlight = `${next.kind}:${next.item}`;
        const path = `attempts/${this.attemptId}/${next.kind}/${encodeURIComponent(next.item)}`;
        const body = next.kind === 'answers' ? { sequence: next.seq, response: next.value } : { sequence: next.seq, flagged: !!next.value };
        const t0 = Date.now();
        try {
          const res = await api.put<ServerClock & { applied: boolean; answer: { sequence: number; flag_sequence: number } }>(path, body);
          this.state.online = true;
          this.journal.ack(next.kind, next.item, next.seq);
          this.onClock(res, t0, Date.now());
        } catch (e) {
          this.state.inFlight = '';
          if (!(e instanceof ApiError)) throw e;
          if (e.offline || e.status >= 500 || e.status === 429) {
            this.state.online = false;
            return; // stays pending; retried on `online` and by the timer
          }
          this.state.online = true;
          if (e.code === 'answer.sequence_conflict') {
            await this.resync(next.kind, next.item);
            continue;
          }
          if (e.status === 409 || e.status === 404 || e.status === 403 || e.status === 401) {
            this.state.closed = e.code;
            this.state.closedMessage = e.message;
            return;
          }
          // Any other refusal (e.g. an answer too large): show it on the item, do not retry it.
          this.state.errors[next.item] = e.message;
          this.journal.ack(next.kind, next.item, next.seq);
        }
      }
      this.state.inFlight = '';
    } while (this.again);
  }

  private async resync(kind: Kind, item: string): Promise<void> {
    const a = await api.get<{ answers: ServerAnswer[] }>(`attempts/${this.attemptId}`);
    const s = a.answers.find((x) => x.item_id === item);
    this.journal.renumber(kind, item, s ? (kind === 'answers' ? s.sequence : s.flag_sequence) : 0);
  }
}
