import { Annotations, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { collectionDatesUntil, isYearly, nextCollectionDate } from '../../transforms/config/collection-periods.ts';
import { partnerPrincipals, type TrustConfig } from '../../transforms/config/trust-config.ts';
import { PARTNER_DATASETS, TRUST_DATASETS } from '../../transforms/contract/datasets/registry.ts';
import { todayInLondon } from '../../transforms/contract/dates.ts';
import type { Catalog } from './catalog.ts';
import type { DataLake } from './data-lake.ts';
import { listOnly } from '../iam-statements.ts';
import { acknowledge, glueTablesFinding, objectsFinding } from '../nag.ts';
import { PREFIXES, TRUST_UPLOADER, uploadsPrefix, validationPrefix } from '../../transforms/storage/object-layout.ts';

/** CloudFormation takes descriptions in Latin-1 only. */
const latin1 = (text: string) => text.replace(/[^\t\n\r\x20-\x7E\xA1-\xFF]/g, '-');

export interface AccessProps {
  readonly lake: DataLake;
  readonly catalog: Catalog;
  readonly config: Pick<
    TrustConfig,
    'partners' | 'analystPrincipalArns' | 'allowAnyPrincipalInAccount' | 'baselinePeriod' | 'collectionDates'
  >;
  /**
   * The day the policies are written for: collection dates up to it are open; later ones open by
   * themselves on their day (an aws:CurrentTime condition).
   * @default now
   */
  readonly now?: Date;
}

/** How many collection dates after today a yearly rule writes into the partners' policies. */
export const FUTURE_COLLECTION_DATES = 5;

/** A Trust config that names no principal for a role: synth stops here, naming the field. */
export class PrincipalsMissingError extends Error {
  override readonly name = 'PrincipalsMissingError';
}

/**
 * Who may do what. Each partner's role can put objects only under uploads/<partner_id>/ and read
 * only validation/<partner_id>/ of the landing bucket. The analyst role queries Athena and reads
 * the lake and the reports, never the landing bucket.
 */
export class Access extends Construct {
  public readonly partnerRoles = new Map<string, iam.Role>();
  public readonly analystRole: iam.Role;

  constructor(scope: Construct, id: string, props: AccessProps) {
    super(scope, id);
    const { lake, catalog, config } = props;
    const s3ViaService = { StringEquals: { 'kms:ViaService': `s3.${Stack.of(this).region}.amazonaws.com` } };
    const today = todayInLondon(props.now ?? new Date());
    const openDates = collectionDatesUntil(config, today);
    const futureDates = futureCollectionDates(config, today);

    const principalFor = (arns: readonly string[], field: string, who: string): iam.IPrincipal => {
      if (arns.length > 0) return new iam.CompositePrincipal(...arns.map((arn) => new iam.ArnPrincipal(arn)));
      if (!config.allowAnyPrincipalInAccount) {
        throw new PrincipalsMissingError(
          `${field}: name who may take ${who} (IAM role or user ARNs). Without them the role would trust the whole account. ` +
            'To let any principal of the account that may call sts:AssumeRole take it, set allowAnyPrincipalInAccount: true in the Trust config.',
        );
      }
      Annotations.of(this).addWarningV2(
        `workforce:AccountPrincipals:${who}`,
        `${who} trusts the account root, because ${field} names no principal and the config sets allowAnyPrincipalInAccount: ` +
          'any IAM principal of this account that may call sts:AssumeRole can take it. Name the principals in the config to narrow it.',
      );
      return new iam.AccountRootPrincipal();
    };

    config.partners.forEach((partner, index) => {
      const uploads = (dates: readonly string[]) =>
        dates.flatMap((date) => PARTNER_DATASETS.map((dataset) => `${uploadsPrefix(partner.id, dataset, date)}*`));
      const role = new iam.Role(this, `Partner-${partner.id}`, {
        assumedBy: principalFor(
          partnerPrincipals(partner),
          `partners[${index}].principalArns`,
          `${partner.id}'s upload role`,
        ),
        description: latin1(`${partner.name}: uploads its files and reads its validation reports`),
        inlinePolicies: {
          uploads: new iam.PolicyDocument({
            statements: [
              // Only its own datasets (never a community profile), only for the Trust's collection
              // dates; a date still to come opens on its day.
              ...(openDates.length
                ? [
                    new iam.PolicyStatement({
                      sid: 'PutOwnUploadsOpenPeriods',
                      actions: ['s3:PutObject'],
                      resources: uploads(openDates).map((p) => lake.landing.arnForObjects(p)),
                    }),
                  ]
                : []),
              ...futureDates.map(
                (date) =>
                  new iam.PolicyStatement({
                    sid: `PutOwnUploadsFrom${date.replaceAll('-', '')}`,
                    actions: ['s3:PutObject'],
                    resources: uploads([date]).map((p) => lake.landing.arnForObjects(p)),
                    conditions: { DateGreaterThanEquals: { 'aws:CurrentTime': `${date}T00:00:00Z` } },
                  }),
              ),
              new iam.PolicyStatement({
                sid: 'ReadOwnReports',
                actions: ['s3:GetObject'],
                resources: [lake.landing.arnForObjects(`${validationPrefix(partner.id)}*`)],
              }),
              new iam.PolicyStatement({
                sid: 'ListOwnPrefixes',
                actions: ['s3:ListBucket'],
                resources: [lake.landing.bucketArn],
                conditions: {
                  StringLike: { 's3:prefix': [`${uploadsPrefix(partner.id)}*`, `${validationPrefix(partner.id)}*`] },
                },
              }),
              new iam.PolicyStatement({
                sid: 'UseKeyThroughS3',
                actions: ['kms:GenerateDataKey', 'kms:Encrypt', 'kms:Decrypt'],
                resources: [lake.key.keyArn],
                conditions: s3ViaService,
              }),
            ],
          }),
        },
      });
      for (const pattern of uploads([...openDates, ...futureDates])) {
        acknowledge(
          role,
          objectsFinding(lake.landing, pattern),
          'The partner uploads its files for a collection period under names it chooses.',
        );
      }
      acknowledge(
        role,
        objectsFinding(lake.landing, `${validationPrefix(partner.id)}*`),
        'The partner reads the reports on its own uploads, named by upload.',
      );
      this.partnerRoles.set(partner.id, role);
    });

    const trustUploads = TRUST_DATASETS.map((dataset) => `${uploadsPrefix(TRUST_UPLOADER, dataset)}*`);
    this.analystRole = new iam.Role(this, 'Analyst', {
      assumedBy: principalFor(config.analystPrincipalArns, 'analystPrincipalArns', 'the analyst role'),
      description: 'Queries the lake with Athena and reads the reports; no access to raw uploads',
      inlinePolicies: {
        analysis: new iam.PolicyDocument({
          statements: [
            new iam.PolicyStatement({
              sid: 'QueryInWorkgroup',
              actions: [
                'athena:StartQueryExecution',
                'athena:GetQueryExecution',
                'athena:GetQueryResults',
                'athena:StopQueryExecution',
                'athena:GetWorkGroup',
                'athena:ListNamedQueries',
                'athena:GetNamedQuery',
                'athena:BatchGetNamedQuery',
                'athena:ListQueryExecutions',
              ],
              resources: [catalog.workGroupArn()],
            }),
            new iam.PolicyStatement({
              sid: 'ReadCatalog',
              actions: [
                'glue:GetDatabase',
                'glue:GetDatabases',
                'glue:GetTable',
                'glue:GetTables',
                'glue:GetPartition',
                'glue:GetPartitions',
              ],
              resources: catalog.glueArns(),
            }),
            new iam.PolicyStatement({
              sid: 'ReadLakeAndReports',
              actions: ['s3:GetObject'],
              resources: [
                lake.lake.arnForObjects(`${PREFIXES.lake}*`),
                lake.reports.arnForObjects(`${PREFIXES.reports}*`),
              ],
            }),
            // Listing only where the analyst may read: the lake's tables (not the pipeline's state), the reports.
            listOnly(lake.lake, [`${PREFIXES.lake}*`], 'ListLake'),
            listOnly(lake.reports, [`${PREFIXES.reports}*`], 'ListReports'),
            listOnly(lake.athenaResults, ['results/*'], 'ListQueryResults'),
            new iam.PolicyStatement({
              sid: 'LocateBuckets',
              actions: ['s3:GetBucketLocation'],
              resources: [lake.lake.bucketArn, lake.reports.bucketArn, lake.athenaResults.bucketArn],
            }),
            new iam.PolicyStatement({
              sid: 'QueryResults',
              actions: ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload'],
              resources: [lake.athenaResults.arnForObjects('results/*')],
            }),
            // The Trust's own data (its community profiles) is loaded by its analysts, under the Trust's prefix.
            new iam.PolicyStatement({
              sid: 'PutTrustCommunityProfiles',
              actions: ['s3:PutObject'],
              resources: trustUploads.map((p) => lake.landing.arnForObjects(p)),
            }),
            new iam.PolicyStatement({
              sid: 'UseKeyThroughS3',
              actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
              resources: [lake.key.keyArn],
              conditions: s3ViaService,
            }),
          ],
        }),
      },
    });
    for (const pattern of trustUploads)
      acknowledge(
        this.analystRole,
        objectsFinding(lake.landing, pattern),
        "Analysts load the Trust's community profiles, under names they choose.",
      );
    acknowledge(
      this.analystRole,
      objectsFinding(lake.lake, `${PREFIXES.lake}*`),
      "Analysts read every file of the lake's tables through Athena.",
    );
    acknowledge(this.analystRole, objectsFinding(lake.reports, `${PREFIXES.reports}*`), 'Analysts read every report.');
    acknowledge(
      this.analystRole,
      objectsFinding(lake.athenaResults, 'results/*'),
      "Athena writes analysts' query results under results/, under names it chooses.",
    );
    acknowledge(
      this.analystRole,
      glueTablesFinding(catalog.databaseName),
      'Analysts query every table and view of the workforce database.',
    );
  }
}

/** The collection dates after today that the policies open in advance: every listed one, or the next few yearly. */
function futureCollectionDates(rule: Pick<TrustConfig, 'baselinePeriod' | 'collectionDates'>, today: string): string[] {
  if (!isYearly(rule)) return [...(rule.collectionDates ?? [])].filter((date) => date > today).sort();
  const dates: string[] = [];
  let from = today;
  for (let i = 0; i < FUTURE_COLLECTION_DATES; i++) {
    const next = nextCollectionDate(rule, from) as string;
    dates.push(next);
    from = next;
  }
  return dates;
}
