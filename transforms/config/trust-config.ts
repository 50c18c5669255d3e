import { z } from 'zod';
import { DEFAULT_LIMITS } from '../contract/limits.ts';
import { isIsoDate } from '../contract/dates.ts';

/** A role or a user: a named principal. An account root would let anyone in that account in. */
const PRINCIPAL_ARN = /^arn:aws[a-z-]*:iam::\d{12}:(role|user)\/[\w+=,.@/-]+$/;
const principalArn = (field: string) =>
  z.string().regex(PRINCIPAL_ARN, {
    error: (issue) =>
      `'${String(issue.input)}' is not a role or user ARN (arn:aws:iam::<account>:role/<name> or …:user/<name>). ${field} names ` +
      'who may take the role; to let any principal of the account take it, set allowAnyPrincipalInAccount: true instead.',
  });
const isoDate = (what: string) =>
  z.string().refine(isIsoDate, {
    error: (issue) => `${what}: '${String(issue.input)}' is not a real date written YYYY-MM-DD.`,
  });

export const PartnerSchema = z.object({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, {
    error: (issue) =>
      `'${String(issue.input)}' is not a partner id: use lower-case letters, digits and single hyphens (riverside-council).`,
  }),
  name: z.string().min(1),
  /**
   * Who may take the partner's upload role in AWS: IAM roles or users. Required for `cdk synth`
   * unless allowAnyPrincipalInAccount is set.
   */
  principalArns: z.array(principalArn('principalArns')).optional(),
  /** One principal; the same as a principalArns of one. */
  principalArn: principalArn('principalArn').optional(),
});

/** The principals a partner names, from either field. */
export const partnerPrincipals = (partner: Pick<Partner, 'principalArn' | 'principalArns'>): string[] => [
  ...new Set([...(partner.principalArn ? [partner.principalArn] : []), ...(partner.principalArns ?? [])]),
];

const days = (fallback: number) => z.number().int().min(1).default(fallback);

export const TrustConfigSchema = z
  .object({
    trust: z.string().min(1),
    communityAreas: z
      .array(z.string().min(1))
      .min(1, { error: 'Name at least one community area (an ONS GSS code such as E06000035).' }),
    baselinePeriod: z.string().refine(isIsoDate, { error: 'Give the baseline period as a real date, YYYY-MM-DD.' }),
    /**
     * The Trust's collection dates (the periods partners upload for).
     * @default the baseline's day and month every year from the baseline on (30 September)
     */
    collectionDates: z.array(isoDate('collectionDates')).min(1).optional(),
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
    athenaBytesScannedCutoff: z
      .number()
      .int()
      .min(10 * 1024 * 1024)
      .default(10 * 1024 ** 3),
    /**
     * The ingest function's memory (MB); and, optionally, concurrency reserved for it, which is
     * then also the most copies the queue runs at once (at least 2, the queue's minimum).
     * @default no reserved concurrency: the queue runs at most 5 at once
     */
    ingest: z
      .object({
        memorySize: z.number().int().min(128).max(10240).default(1769),
        reservedConcurrency: z.number().int().min(2).optional(),
      })
      .prefault({}),
    /** Who may take the analyst role in AWS (IAM roles or users). Required for `cdk synth` unless allowAnyPrincipalInAccount is set. */
    analystPrincipalArns: z.array(principalArn('analystPrincipalArns')).default([]),
    /**
     * Lets any principal of the Trust's account that IAM allows to call sts:AssumeRole take the
     * partner and analyst roles that name no principals. Off unless the Trust says so.
     * @default false
     */
    allowAnyPrincipalInAccount: z.boolean().default(false),
  })
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.partners.forEach((partner, index) => {
      if (seen.has(partner.id))
        ctx.addIssue({
          code: 'custom',
          path: ['partners', index, 'id'],
          message: `Partner id '${partner.id}' appears twice.`,
        });
      seen.add(partner.id);
    });
    if (config.collectionDates === undefined && config.baselinePeriod.slice(5) === '02-29') {
      ctx.addIssue({
        code: 'custom',
        path: ['baselinePeriod'],
        message: 'A 29 February baseline does not recur every year: list the collection dates in collectionDates.',
      });
    }
    if (config.collectionDates !== undefined) {
      const sorted = [...config.collectionDates].sort();
      if (new Set(sorted).size !== sorted.length)
        ctx.addIssue({ code: 'custom', path: ['collectionDates'], message: 'A collection date appears twice.' });
      if (!config.collectionDates.includes(config.baselinePeriod)) {
        ctx.addIssue({
          code: 'custom',
          path: ['baselinePeriod'],
          message: `The baseline ${config.baselinePeriod} must be one of the collectionDates.`,
        });
      }
    }
  });

export type TrustConfig = z.infer<typeof TrustConfigSchema>;
export type Partner = z.infer<typeof PartnerSchema>;

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
