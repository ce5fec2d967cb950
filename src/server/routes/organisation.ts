import { z } from 'zod';
import { CADENCES } from '../../core/workspace/schema.js';
import { modelAsFile } from '../../services/model-files.js';
import { listModels, MAX_MODEL_BYTES, updateSettings, uploadModel } from '../../services/org/settings.js';
import { organisationSettings } from '../../services/org/teams.js';
import { actorOf, replyWith } from '../reply.js';
import { defineRoute } from '../route.js';
import type { Route } from '../route.js';
import { levelTargets } from '../schemas.js';

const TAGS = ['organisation'];
const YAML_TYPES = ['application/yaml', 'text/yaml'];

const getOrganisation = defineRoute({
  method: 'GET',
  url: '/api/v1/organisation',
  summary: 'The organisation settings: name, model, default targets, domain weights, staleCounts, default cadence',
  tags: TAGS,
  policy: { action: 'signed-in', scope: 'none' },
  responses: { 200: { description: 'The settings; the ETag is their version' } },
  handler: async (_request, context) => {
    const settings = await organisationSettings(context.store);
    return { status: 200, body: settings, version: settings.version };
  },
});

const changeOrganisation = defineRoute({
  method: 'PATCH',
  url: '/api/v1/organisation',
  summary: 'Change the organisation settings (admins); targets and weights are checked against the model',
  tags: TAGS,
  policy: { action: 'admin', scope: 'none' },
  ifMatch: true,
  body: z.strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    model: z.string().min(1).max(300).optional(),
    defaultTargets: z.union([z.number().int().min(0).max(20), levelTargets]).nullable().optional(),
    domainWeights: z.record(z.string().max(64), z.number().positive().max(100)).optional(),
    staleCounts: z.boolean().optional(),
    defaultCadence: z.enum(CADENCES).optional(),
  }),
  responses: { 200: { description: 'The new settings' }, 400: { description: 'Unknown model, domain or level' }, 412: { description: 'Changed meanwhile' }, 428: { description: 'If-Match missing' } },
  handler: async (request, context) =>
    replyWith(await updateSettings(context.store, context.models, request.ifMatch ?? 0, request.body, actorOf(request, context)), 200),
});

const models = defineRoute({
  method: 'GET',
  url: '/api/v1/models',
  summary: 'The built-in model and the uploaded ones; `current` marks the one in use',
  tags: TAGS,
  policy: { action: 'signed-in', scope: 'none' },
  responses: { 200: { description: '`{models: [{id, modelId, version, name, format, builtin, current, uploadedAt, uploadedBy}]}`' } },
  handler: async (_request, context) => replyWith(await listModels(context.store, context.models), 200, (list) => ({ models: list })),
});

const currentModel = defineRoute({
  method: 'GET',
  url: '/api/v1/models/current',
  summary: "The organisation's model as JSON in the model file format (levels, domains, practices)",
  tags: TAGS,
  policy: { action: 'signed-in', scope: 'none' },
  responses: { 200: { description: 'The model' } },
  handler: async (_request, context) => ({ status: 200, body: modelAsFile(await context.models.current(context.store)) }),
});

const upload = defineRoute({
  method: 'POST',
  url: '/api/v1/models',
  summary: 'Upload a model (admins): a Stepwise model file or the official DSOMM model.yaml, as YAML',
  description: 'Send the file as `application/yaml` or `text/yaml`, at most 5 MB. The model is stored as `id@version` and can then be chosen with `PATCH /api/v1/organisation {model}`.',
  tags: TAGS,
  policy: { action: 'admin', scope: 'none' },
  upload: { mediaTypes: YAML_TYPES, maxBytes: MAX_MODEL_BYTES },
  responses: {
    201: { description: '`{id, modelId, version, name, format, domains, practices, warnings}`' },
    400: { description: 'Not a valid model (the problem names line and column)' },
    409: { description: 'This id and version were uploaded already' },
  },
  handler: async (request, context) => replyWith(await uploadModel(context.store, request.upload ?? new Uint8Array(), actorOf(request, context)), 201),
});

export const organisationRoutes: readonly Route[] = [getOrganisation, changeOrganisation, models, currentModel, upload];
