import { z } from 'zod';
import { TEAM_ID } from '../core/workspace/schema.js';

/** Shapes shared by several routes. Bodies are strict: unknown fields are refused (S15). */
export const teamIdParam = z.strictObject({ teamId: z.string().regex(TEAM_ID, 'not a team id') });
export const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'not an id');
export const username = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._@-]{1,63}$/, 'usernames are 2 to 64 letters, digits, ".", "_", "@" or "-"');
export const displayName = z.string().trim().min(1).max(200);
export const password = z.string().min(1).max(1024);
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD');
export const levelTargets = z.record(z.string().max(64), z.number().int().min(0).max(20));
export const problemSchema = z.object({ type: z.string(), title: z.string(), status: z.number(), detail: z.string().optional(), correlationId: z.string() });
