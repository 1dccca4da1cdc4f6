// The audit trail as the store keeps it: the chain's head, the events made durable by the journal
// but not yet in the audit file, and the file itself (none for an in-memory store, which keeps
// every event pending). Reads merge the file and the pending events, deduplicated by seq.
import type { AuditEvent } from '../contract/audit.js';
import { matchesAudit, needlesOf, type AuditFile, type AuditFilter } from './audit-file.js';

export class AuditTrail {
  private head: AuditEvent | null = null;
  private pending: AuditEvent[] = [];
  constructor(private readonly file: AuditFile | null) {}

  /** The last event of the chain, wherever it is. */
  get last(): AuditEvent | null { return this.head; }

  /** Events waiting for the audit file (a copy). */
  unflushed(): AuditEvent[] { return this.pending.slice(); }

  /** Reads the head from the file; events a data file carries inline (a restored backup)
   *  go to the file first. */
  async load(inline: readonly AuditEvent[]): Promise<void> {
    if (!this.file) { for (const e of inline) this.add(e); return; }
    this.head = await this.file.last();
    const missing = inline.filter((e) => !this.head || e.seq > this.head.seq);
    if (missing.length) {
      await this.file.append(missing);
      this.head = missing.at(-1)!;
    }
  }

  add(e: AuditEvent): void {
    if (this.head && e.seq <= this.head.seq) return; // already there (a journal replayed twice)
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

  private async each(visit: (e: AuditEvent) => void, needles: string[] = []): Promise<void> {
    const pending = this.pending.slice();
    const first = pending[0]?.seq ?? Infinity;
    await this.file?.each((e) => { if (e.seq < first) visit(e); }, needles);
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
    let window: AuditEvent[] = [], total = 0;
    await this.each((e) => {
      if (!matchesAudit(e, f)) return;
      total++;
      window.push(e);
      if (window.length > 2 * keep + 1000) window = window.slice(-keep);
    }, needlesOf(f));
    return { items: window.slice(-keep).reverse().slice(offset, offset + limit), total };
  }
}
