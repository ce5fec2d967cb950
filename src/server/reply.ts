import type { Result } from '../core/errors.js';
import type { Actor } from '../services/org/audit.js';
import type { ServerContext } from './context.js';
import { actorName } from './policy.js';
import { refusalOf } from './problem.js';
import type { Reply, RouteRequest } from './route.js';

/** The audit actor of a request. */
export function actorOf(request: RouteRequest<unknown, unknown, unknown>, context: ServerContext): Actor {
  return { name: actorName(request.principal), ip: request.ip, at: context.clock.now().toISOString() };
}

/** A JSON reply from a service result; a versioned value sends its version as the ETag. */
export function replyWith<T>(result: Result<T>, status: number, show: (value: T) => unknown = (value) => value): Reply {
  if (!result.ok) return refusalOf(result.error);
  const version = versionOf(result.value);
  return { status, body: show(result.value), ...(version === undefined ? {} : { version }) };
}

function versionOf(value: unknown): number | undefined {
  if (typeof value !== 'object' || value === null || !('version' in value)) return undefined;
  const version: unknown = value.version;
  return typeof version === 'number' ? version : undefined;
}
