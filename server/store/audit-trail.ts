// The audit trail as the store keeps it: the chain's head, the events made durable by the journal
// but not yet in the audit file, and the file itself (none for an in-memory store, which keeps
// every event pending). Reads merge the file and the pending events, deduplicated by seq.
import type { AuditEvent } from '../contract/audit.js';
import { linkError, type ChainHead } from './audit-chain.js';
import { AuditFileError, matchesAudit, needlesOf, type AuditFile, type AuditFilter } from './audit-file.js';

export class AuditTrail {
  private head: AuditEvent | null = null;
  private pending: AuditEvent[] = [];
  constructor(private readonly file: AuditFile | null) {}

  /** The last event of the chain, wherever it is. */
  get last(): AuditEvent | null {
    return this.head;
  }

  /** Events waiting for the audit file (a copy). */
  unflushed(): AuditEvent[] {
    return this.pending.slice();
  }

  /** Reads the file through once (every line an event, each linked to the one before) and
   *  checks that it holds `expected`, the head the snapshot recorded: a trail cut short or
   *  rewritten stops the store. Events a data file carries inline (a restored backup) go to the
   *  file first. */
  async load(inline: readonly AuditEvent[], expected: ChainHead | null): Promise<void> {
    if (!this.file) {
      for (const e of inline) this.add(e);
      return;
    }
    const { head, at } = await this.file.scan(expected?.seq);
    this.head = head;
    const missing = inline.filter((e) => !head || e.seq > head.seq);
    // each event links to the one before it: the file's head, then the inline events in turn
    for (const e of missing) {
      this.check(e);
      this.head = e;
    }
    if (missing.length) await this.file.append(missing);
    if (!expected?.seq) return;
    const found = at ?? missing.find((e) => e.seq === expected.seq);
    if (!found)
      throw new AuditFileError(
        `piste d’audit ${this.file.path} tronquée : l’instantané en attend l’événement ${expected.seq}, elle s’arrête à ${this.head?.seq ?? 0}`,
      );
    if (found.hash !== expected.hash)
      throw new AuditFileError(
        `piste d’audit ${this.file.path} : l’événement ${expected.seq} n’a pas l’empreinte que l’instantané a enregistrée`,
      );
  }

  /** An event that follows the head must link to it (sequence number and hash). */
  private check(e: AuditEvent): void {
    if (this.head && e.seq <= this.head.seq) return;
    const why = linkError(e, this.head, false);
    if (why) throw new AuditFileError(`événement d’audit ${e.seq} : ${why}`);
  }

  /** Takes an event made durable by the journal (at start, or as a write lands). */
  add(e: AuditEvent): void {
    if (this.head && e.seq <= this.head.seq) return; // already there (a journal replayed twice)
    this.check(e);
    this.pending.push(e);
    this.head = e;
  }

  /** Appends events to the file, then stops holding them. */
  async flush(events: readonly AuditEvent[]): Promise<void> {
    if (!this.file || !events.length) return;
    await this.file.append(events);
    const upTo = events.at(-1)!.seq;
    this.pending = this.pending.filter((e) => e.seq > upTo);
  }

  /** Every event in order, the file's then the pending ones. */
  async each(visit: (e: AuditEvent) => void, needles: string[] = []): Promise<void> {
    const pending = this.pending.slice();
    const first = pending[0]?.seq ?? Infinity;
    await this.file?.each((e) => {
      if (e.seq < first) visit(e);
    }, needles);
    for (const e of pending) visit(e);
  }

  /** Every event, oldest first (verification, tests); queries use page(). */
  async all(): Promise<AuditEvent[]> {
    const out: AuditEvent[] = [];
    await this.each((e) => out.push(e));
    return out;
  }

  /** A page of the events matching `f`, newest first, and how many match; never holds the
   *  whole trail (a window of the newest matches slides along the file). */
  async page(f: AuditFilter, offset: number, limit: number): Promise<{ items: AuditEvent[]; total: number }> {
    const keep = offset + limit;
    let window: AuditEvent[] = [],
      total = 0;
    await this.each((e) => {
      if (!matchesAudit(e, f)) return;
      total++;
      window.push(e);
      if (window.length > 2 * keep + 1000) window = window.slice(-keep);
    }, needlesOf(f));
    return {
      items: window
        .slice(-keep)
        .reverse()
        .slice(offset, offset + limit),
      total,
    };
  }
}
