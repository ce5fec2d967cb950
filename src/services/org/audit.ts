import type { AuditStore } from '../../core/persistence/port.js';
import type { AuditRecord } from '../../core/persistence/records.js';

/** Who did something and from where, as the audit log records it (S22). */
export interface Actor {
  readonly name: string;
  readonly ip: string | null;
  readonly at: string;
}

export interface AuditEvent {
  readonly action: string;
  readonly outcome?: AuditRecord['outcome'];
  readonly teamId?: string | null;
  readonly target?: string | null;
  readonly detail?: Readonly<Record<string, unknown>>;
}

/** Appends one entry to the audit log; never holds a password or a full token. */
export async function audit(store: AuditStore, actor: Actor, event: AuditEvent): Promise<void> {
  await store.appendAudit({
    at: actor.at,
    actor: actor.name,
    action: event.action,
    outcome: event.outcome ?? 'ok',
    teamId: event.teamId ?? null,
    target: event.target ?? null,
    ip: actor.ip,
    detail: event.detail ?? {},
  });
}
