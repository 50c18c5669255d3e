import { z } from 'zod';
import { DEFAULT_LIMITS } from '../validation/validate.ts';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const ARN = /^arn:aws[a-z-]*:iam::\d{12}:(root|role\/.+|user\/.+)$/;

export const PartnerSchema = z.object({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: (issue) => `'${String(issue.input)}' is not a partner id: use lower-case letters, digits and single hyphens (riverside-council).` }),
  name: z.string().min(1),
  /** Who may take the partner's upload role in AWS. @default the Trust's own account */
  principalArn: z.string().regex(ARN, { error: 'principalArn is an IAM ARN: arn:aws:iam::<account>:root, …:role/<name> or …:user/<name>.' }).optional(),
});

const days = (fallback: number) => z.number().int().min(1).default(fallback);

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
    /** How long the buckets keep things (S3 lifecycle rules), in days. */
    retention: z
      .object({
        uploadsDays: days(730),
        validationReportsDays: days(730),
        noncurrentVersionsDays: days(90),
        athenaResultsDays: days(30),
        accessLogsDays: days(365),
      })
      .prefault({}),
    /** The Athena workgroup's per-query limit on data scanned. @default 10 GiB */
    athenaBytesScannedCutoff: z.number().int().min(10 * 1024 * 1024).default(10 * 1024 ** 3),
    /** The ingest function's memory (MB) and the most copies that run at once. */
    ingest: z.object({ memorySize: z.number().int().min(128).max(10240).default(1769), reservedConcurrency: z.number().int().min(1).default(5) }).prefault({}),
    /** Who may take the analyst role in AWS. @default the Trust's own account */
    analystPrincipalArns: z.array(z.string().regex(ARN, { error: 'analystPrincipalArns holds IAM ARNs.' })).default([]),
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
