import { z } from 'zod';
import { createUser, publicUser, updateUserAccount } from '../../services/org/accounts.js';
import { refuse } from '../problem.js';
import { actorOf, replyWith } from '../reply.js';
import { defineRoute } from '../route.js';
import type { Route } from '../route.js';
import { displayName, password, username, uuid } from '../schemas.js';

const TAGS = ['users'];
const ADMIN = { action: 'admin', scope: 'none' } as const;
const userIdParam = z.strictObject({ userId: uuid });

const listUsers = defineRoute({
  method: 'GET',
  url: '/api/v1/users',
  summary: 'Every user of the instance (admins only)',
  tags: TAGS,
  policy: ADMIN,
  responses: { 200: { description: '`{users: [...]}`' } },
  handler: async (_request, context) => ({ status: 200, body: { users: (await context.store.listUsers()).map(publicUser) } }),
});

const addUser = defineRoute({
  method: 'POST',
  url: '/api/v1/users',
  summary: 'Create a user',
  tags: TAGS,
  policy: ADMIN,
  body: z.strictObject({ username, displayName, password, isAdmin: z.boolean().optional(), isAuditor: z.boolean().optional() }),
  responses: { 201: { description: 'Created' }, 409: { description: 'Username taken' } },
  handler: async (request, context) => replyWith(await createUser(context.store, context.passwords, request.body, actorOf(request, context)), 201, publicUser),
});

const showUser = defineRoute({
  method: 'GET',
  url: '/api/v1/users/:userId',
  summary: 'One user with their team roles',
  tags: TAGS,
  policy: ADMIN,
  params: userIdParam,
  responses: { 200: { description: 'The user' }, 404: { description: 'No such user' } },
  handler: async (request, context) => {
    const user = await context.store.userById(request.params.userId);
    if (user === undefined) return refuse(404, 'no such user');
    const memberships = await context.store.membershipsOfUser(user.id);
    return { status: 200, body: { ...publicUser(user), memberships: memberships.map(({ teamId, role }) => ({ teamId, role })) }, version: user.version };
  },
});

const changeUser = defineRoute({
  method: 'PATCH',
  url: '/api/v1/users/:userId',
  summary: 'Change a user: name, admin or auditor, disabled (ends their sessions), or reset the password',
  tags: TAGS,
  policy: ADMIN,
  params: userIdParam,
  ifMatch: true,
  body: z.strictObject({ displayName: displayName.optional(), isAdmin: z.boolean().optional(), isAuditor: z.boolean().optional(), disabled: z.boolean().optional(), password: password.optional() }),
  responses: { 200: { description: 'Changed' }, 412: { description: 'Changed meanwhile' }, 428: { description: 'If-Match missing' } },
  handler: async (request, context) => {
    const result = await updateUserAccount(context.store, context.passwords, request.params.userId, request.ifMatch ?? 0, request.body, actorOf(request, context));
    return replyWith(result, 200, publicUser);
  },
});

export const userRoutes: readonly Route[] = [listUsers, addUser, showUser, changeUser];
