import { z } from 'zod';

/** Practice ids are `domain.slug`; domain ids are kebab-case words. */
export const DOMAIN_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const PRACTICE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*\.[a-z0-9]+(?:[-_.][a-z0-9]+)*$/;

const text = (what: string) => z.string().trim().min(1, `${what} must not be empty`);
const scale = z.number().int().min(1).max(5);

export const levelSchema = z.strictObject({
  level: z.number().int().min(0).max(20),
  name: text('level name'),
  description: z.string().optional(),
});

export const domainSchema = z.strictObject({
  id: z.string().regex(DOMAIN_ID, 'domain id must be kebab-case, e.g. "secrets"'),
  name: text('domain name'),
  description: z.string().default(''),
});

export const mappingsSchema = z
  .strictObject({
    dsomm: z.array(z.string()).default([]),
    samm: z.array(z.string()).default([]),
    iso27001: z.array(z.string()).default([]),
    ssdf: z.array(z.string()).default([]),
  })
  .default({ dsomm: [], samm: [], iso27001: [], ssdf: [] });

export const practiceSchema = z.strictObject({
  id: z.string().regex(PRACTICE_ID, 'practice id must be "domain.slug", e.g. "secrets.central-vault"'),
  domain: z.string(),
  level: z.number().int().min(1).max(20),
  title: text('title'),
  description: z.string().default(''),
  guidance: z.string().default(''),
  risk: scale.default(3),
  effort: scale.default(3),
  dependsOn: z.array(z.string()).default([]),
  freshnessDays: z.number().int().positive().optional(),
  detectors: z.array(z.string()).default([]),
  mappings: mappingsSchema,
  backlog: z
    .strictObject({
      title: text('backlog title'),
      acceptance: z.array(z.string()).default([]),
    })
    .optional(),
  references: z.array(z.string()).optional(),
});

/** The model file format of PRODUCT.md §7; the built-in model uses it too. */
export const modelFileSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'model id may hold letters, digits, ".", "_" and "-"'),
  version: z.union([z.number().int().nonnegative(), z.string().min(1)]),
  name: text('model name'),
  description: z.string().optional(),
  levels: z.array(levelSchema).min(1),
  domains: z.array(domainSchema).min(1),
  practices: z.array(practiceSchema).min(1),
});

export type ModelFile = z.output<typeof modelFileSchema>;
export type PracticeFile = z.output<typeof practiceSchema>;
export type Mappings = z.output<typeof mappingsSchema>;

/** Keys whose numbers must stay as written (ISO control 8.10 is not 8.1). */
export const MODEL_TEXT_KEYS = ['iso27001', 'ssdf', 'samm', 'dsomm', 'version'] as const;
