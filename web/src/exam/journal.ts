// The exam page's local journal: every change of an answer or a flag is written here (localStorage,
// synchronously) BEFORE any network request, keyed by attempt, with a per-item sequence number
// that only grows. Unacknowledged entries survive a reload or a network drop and are sent again
// in the order they were made; the server keeps the highest sequence per item, so a late older
// save can never overwrite a newer one (docs/delivery.md, "Sequence numbers").
//
// Layout of one attempt's journal (key `kaoping.journal.<attempt>`):
//   { v: 1, order: n, answers: {item: Entry}, flags: {item: Entry} }
//   Entry = { seq, value, acked, order, at }  — `seq` the newest local change, `acked` the highest
//   sequence the server confirmed; pending while seq > acked. Only the newest value of an item is
//   kept: older unsent values of the same item are superseded (the server would ignore them).
import { reactive } from 'vue';

export type Kind = 'answers' | 'flags';
export interface Entry {
  seq: number;
  value: unknown;
  acked: number;
  order: number;
  at: number;
}
interface Data {
  v: 1;
  order: number;
  answers: Record<string, Entry>;
  flags: Record<string, Entry>;
}
export interface ServerAnswer {
  item_id: string;
  sequence: number;
  response: unknown;
  flagged: boolean;
  flag_sequence: number;
}
export interface Pending {
  kind: Kind;
  item: string;
  seq: number;
  value: unknown;
  order: number;
}

const PREFIX = 'kaoping.journal.';

export class Journal {
  readonly key: string;
  readonly data: Data;

  constructor(attemptId: number | string) {
    this.key = PREFIX + attemptId;
    this.data = reactive(Journal.read(this.key)) as Data;
  }

  private static read(key: string): Data {
    try {
      const raw = localStorage.getItem(key);
      if (raw) {
        const d = JSON.parse(raw) as Data;
        if (d && d.v === 1 && d.answers && d.flags) return d;
      }
    } catch {
      /* a damaged journal is replaced; the server still holds every acknowledged save */
    }
    return { v: 1, order: 0, answers: {}, flags: {} };
  }

  private persist(): void {
    localStorage.setItem(this.key, JSON.stringify(this.data));
  }

  // Takes what the server holds (GET /attempts/{id}): the server's answer wins unless the journal
  // has a newer (higher-sequence) local change; either way `acked` learns the server's sequence.
  merge(server: ServerAnswer[]): void {
    for (const a of server) {
      if (a.sequence > 0) this.mergeOne('answers', a.item_id, a.sequence, a.response);
      if (a.flag_sequence > 0) this.mergeOne('flags', a.item_id, a.flag_sequence, a.flagged);
    }
    this.persist();
  }

  private mergeOne(kind: Kind, item: string, seq: number, value: unknown): void {
    const e = this.data[kind][item];
    if (!e) {
      this.data[kind][item] = { seq, value, acked: seq, order: 0, at: 0 };
    } else if (seq >= e.seq) {
      e.seq = seq;
      e.value = value;
      e.acked = seq;
    } else {
      e.acked = Math.max(e.acked, seq);
    }
  }

  // Records a change and writes the journal to storage before returning (write-ahead).
  record(kind: Kind, item: string, value: unknown): Entry {
    const e = this.data[kind][item];
    const order = ++this.data.order;
    const next = e ? Math.max(e.seq, e.acked) + 1 : 1;
    const entry: Entry = { seq: next, value, acked: e ? e.acked : 0, order, at: Date.now() };
    this.data[kind][item] = entry;
    this.persist();
    return entry;
  }

  // After a 409 answer.sequence_conflict: the server already holds `serverSeq` with another
  // value; renumber the local change above it so it wins, as the newest change should.
  renumber(kind: Kind, item: string, serverSeq: number): void {
    const e = this.data[kind][item];
    if (!e) return;
    e.acked = Math.max(e.acked, serverSeq);
    if (e.seq <= serverSeq) e.seq = serverSeq + 1;
    this.persist();
  }

  ack(kind: Kind, item: string, seq: number): void {
    const e = this.data[kind][item];
    if (!e) return;
    if (seq > e.acked) e.acked = seq;
    this.persist();
  }

  value(kind: Kind, item: string): unknown {
    return this.data[kind][item]?.value;
  }
  entry(kind: Kind, item: string): Entry | undefined {
    return this.data[kind][item];
  }
  isPending(kind: Kind, item: string): boolean {
    const e = this.data[kind][item];
    return !!e && e.seq > e.acked;
  }

  // Unacknowledged changes, oldest first.
  pending(): Pending[] {
    const out: Pending[] = [];
    for (const kind of ['answers', 'flags'] as Kind[]) {
      for (const [item, e] of Object.entries(this.data[kind])) {
        if (e.seq > e.acked) out.push({ kind, item, seq: e.seq, value: e.value, order: e.order });
      }
    }
    return out.sort((a, b) => a.order - b.order);
  }

  clear(): void {
    localStorage.removeItem(this.key);
  }
}
