import { z } from 'zod';
import { DEFAULT_LIMITS } from '../validation/validate.ts';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export const PartnerSchema = z.object({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: (issue) => `'${String(issue.input)}' is not a partner id: use lower-case letters, digits and single hyphens (riverside-council).` }),
  name: z.string().min(1),
});

export const TrustConfigSchema = z
  .object({
    trust: z.string().min(1),
    communityAreas: z.array(z.string().min(1)).min(1, { error: 'Name at least one community area (an ONS GSS code such as E06000035).' }),
    baselinePeriod: z.string().regex(ISO_DATE, { error: 'Give the baseline period as YYYY-MM-DD.' }),
    partners: z.array(PartnerSchema).min(1, { error: 'Configure at least one partner.' }),
    suppressionThreshold: z.number().int().min(1).default(5),
    reportSchedule: z.string().min(1).default('cron(0 6 1 * ? *)'),
    limits: z
      .object({
        maxFileBytes: z.number().int().positive().default(DEFAULT_LIMITS.maxFileBytes),
        maxRows: z.number().int().positive().default(DEFAULT_LIMITS.maxRows),
      })
      .prefault({}),
  })
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.partners.forEach((partner, index) => {
      if (seen.has(partner.id)) ctx.addIssue({ code: 'custom', path: ['partners', index, 'id'], message: `Partner id '${partner.id}' appears twice.` });
      seen.add(partner.id);
    });
  });

export type TrustConfig = z.infer<typeof TrustConfigSchema>;

/** Parses a Trust config; the error names each bad field by its path. */
export function parseTrustConfig(input: unknown, source = 'trust config'): TrustConfig {
  const result = TrustConfigSchema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `  ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  throw new TrustConfigError(`The ${source} is not valid:\n${problems.join('\n')}`);
}

export class TrustConfigError extends Error {
  override readonly name = 'TrustConfigError';
}
