import { z } from 'zod';
import type { Policy, Principal } from './policy.js';
import type { Refusal } from './problem.js';
import type { ServerContext } from './context.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What a handler receives: the validated parts of the request and who sent it. */
export interface RouteRequest<P, Q, B> {
  readonly params: P;
  readonly query: Q;
  readonly body: B;
  /** The bytes of an upload, for routes that take a file instead of JSON. */
  readonly upload: Uint8Array | undefined;
  readonly principal: Principal;
  /** The team the policy resolved, for team-scoped routes. */
  readonly teamId: string | undefined;
  /** The version named by `If-Match`, for routes that require it. */
  readonly ifMatch: number | undefined;
  readonly ip: string;
  /** True when the request came over HTTPS (directly or through a trusted proxy). */
  readonly https: boolean;
  readonly correlationId: string;
}

/** A JSON answer; `version` becomes the ETag. */
export interface JsonReply {
  readonly status: number;
  readonly body?: unknown;
  /** The body already serialised as JSON, as text or UTF-8 bytes (a large read view built from cached JSON); wins over `body`. */
  readonly json?: string | Uint8Array;
  readonly version?: number;
  readonly headers?: Readonly<Record<string, string>>;
}

/** A download. */
export interface FileReply {
  readonly status: 200;
  readonly file: string | Uint8Array;
  readonly mediaType: string;
  readonly fileName: string;
  /** Shown by the browser rather than saved (the web UI's own files): no Content-Disposition. */
  readonly inline?: boolean;
}

export type Reply = JsonReply | FileReply | Refusal;

export interface ResponseDoc {
  readonly description: string;
  readonly schema?: z.ZodType;
  readonly mediaType?: string;
}

const EMPTY = z.strictObject({});
type Empty = typeof EMPTY;

export interface RouteShape<PS extends z.ZodType, QS extends z.ZodType, BS extends z.ZodType> {
  readonly method: Method;
  /** Fastify path, parameters as `:name`. */
  readonly url: string;
  readonly summary: string;
  readonly description?: string;
  readonly tags: readonly string[];
  /** S13: the action and team scope; `undefined` is never valid and refuses everyone. */
  readonly policy: Policy;
  readonly params?: PS;
  readonly query?: QS;
  readonly body?: BS;
  /** A file upload in the body instead of JSON. */
  readonly upload?: { readonly mediaTypes: readonly string[]; readonly maxBytes: number };
  /** Largest JSON body accepted (default 1 MiB). */
  readonly bodyLimit?: number;
  /** S19: the request must name the version it read in `If-Match`. */
  readonly ifMatch?: boolean;
  readonly responses: Readonly<Record<number, ResponseDoc>>;
  handler(request: RouteRequest<z.output<PS>, z.output<QS>, z.output<BS>>, context: ServerContext): Promise<Reply>;
}

/** A route with its types erased, as the router and the OpenAPI generator see it. */
export interface Route {
  readonly method: Method;
  readonly url: string;
  readonly summary: string;
  readonly description?: string;
  readonly tags: readonly string[];
  readonly policy: Policy;
  readonly params: z.ZodType;
  readonly query: z.ZodType;
  readonly body: z.ZodType | undefined;
  readonly upload: RouteShape<Empty, Empty, Empty>['upload'];
  readonly bodyLimit: number | undefined;
  readonly ifMatch: boolean;
  readonly responses: Readonly<Record<number, ResponseDoc>>;
  handler(request: RouteRequest<unknown, unknown, unknown>, context: ServerContext): Promise<Reply>;
}

/** Declares a route; parameters, query and body are validated by their schemas before the handler runs. */
export function defineRoute<PS extends z.ZodType = Empty, QS extends z.ZodType = Empty, BS extends z.ZodType = Empty>(shape: RouteShape<PS, QS, BS>): Route {
  return {
    method: shape.method,
    url: shape.url,
    summary: shape.summary,
    ...(shape.description === undefined ? {} : { description: shape.description }),
    tags: shape.tags,
    policy: shape.policy,
    params: shape.params ?? EMPTY,
    query: shape.query ?? EMPTY,
    body: shape.body,
    upload: shape.upload,
    bodyLimit: shape.bodyLimit,
    ifMatch: shape.ifMatch ?? false,
    responses: shape.responses,
    handler: (request, context) => shape.handler(request as RouteRequest<z.output<PS>, z.output<QS>, z.output<BS>>, context),
  };
}

/** True when a reply is a refusal rather than content. */
export function isRefusal(reply: Reply): reply is Refusal {
  return 'refused' in reply;
}

/** True when a reply is a download. */
export function isFileReply(reply: Reply): reply is FileReply {
  return 'file' in reply;
}
