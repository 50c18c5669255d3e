import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { TrustConfig } from '../../transforms/config/trust-config.ts';
import type { Catalog } from './catalog.ts';
import type { DataLake } from './data-lake.ts';
import { acknowledge, glueTablesFinding, objectsFinding } from '../nag.ts';

/** CloudFormation takes descriptions in Latin-1 only. */
const latin1 = (text: string) => text.replace(/[^\t\n\r\x20-\x7E\xA1-\xFF]/g, '-');

export interface AccessProps {
  readonly lake: DataLake;
  readonly catalog: Catalog;
  readonly partners: TrustConfig['partners'];
  readonly analystPrincipalArns: readonly string[];
}

const principalFor = (arns: readonly string[]): iam.IPrincipal =>
  arns.length === 0 ? new iam.AccountRootPrincipal() : new iam.CompositePrincipal(...arns.map((arn) => new iam.ArnPrincipal(arn)));

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
    const { lake, catalog } = props;
    const s3ViaService = { StringEquals: { 'kms:ViaService': `s3.${Stack.of(this).region}.amazonaws.com` } };

    for (const partner of props.partners) {
      const role = new iam.Role(this, `Partner-${partner.id}`, {
        assumedBy: principalFor(partner.principalArn ? [partner.principalArn] : []),
        description: latin1(`${partner.name}: uploads its files and reads its validation reports`),
        inlinePolicies: {
          uploads: new iam.PolicyDocument({
            statements: [
              new iam.PolicyStatement({ sid: 'PutOwnUploads', actions: ['s3:PutObject'], resources: [lake.landing.arnForObjects(`uploads/${partner.id}/*`)] }),
              new iam.PolicyStatement({ sid: 'ReadOwnReports', actions: ['s3:GetObject'], resources: [lake.landing.arnForObjects(`validation/${partner.id}/*`)] }),
              new iam.PolicyStatement({
                sid: 'ListOwnPrefixes',
                actions: ['s3:ListBucket'],
                resources: [lake.landing.bucketArn],
                conditions: { StringLike: { 's3:prefix': [`uploads/${partner.id}/*`, `validation/${partner.id}/*`] } },
              }),
              new iam.PolicyStatement({ sid: 'UseKeyThroughS3', actions: ['kms:GenerateDataKey', 'kms:Encrypt', 'kms:Decrypt'], resources: [lake.key.keyArn], conditions: s3ViaService }),
            ],
          }),
        },
      });
      acknowledge(role, objectsFinding(lake.landing, `uploads/${partner.id}/*`), 'The partner uploads files under its own prefix, under names it chooses.');
      acknowledge(role, objectsFinding(lake.landing, `validation/${partner.id}/*`), 'The partner reads the reports on its own uploads, named by upload.');
      this.partnerRoles.set(partner.id, role);
    }

    this.analystRole = new iam.Role(this, 'Analyst', {
      assumedBy: principalFor(props.analystPrincipalArns),
      description: 'Queries the lake with Athena and reads the reports; no access to raw uploads',
      inlinePolicies: {
        analysis: new iam.PolicyDocument({
          statements: [
            new iam.PolicyStatement({
              sid: 'QueryInWorkgroup',
              actions: ['athena:StartQueryExecution', 'athena:GetQueryExecution', 'athena:GetQueryResults', 'athena:StopQueryExecution', 'athena:GetWorkGroup', 'athena:ListNamedQueries', 'athena:GetNamedQuery', 'athena:BatchGetNamedQuery', 'athena:ListQueryExecutions'],
              resources: [catalog.workGroupArn()],
            }),
            new iam.PolicyStatement({ sid: 'ReadCatalog', actions: ['glue:GetDatabase', 'glue:GetDatabases', 'glue:GetTable', 'glue:GetTables', 'glue:GetPartition', 'glue:GetPartitions'], resources: catalog.glueArns() }),
            new iam.PolicyStatement({ sid: 'ReadLakeAndReports', actions: ['s3:GetObject', 's3:ListBucket', 's3:GetBucketLocation'], resources: [lake.lake.bucketArn, lake.lake.arnForObjects('lake/*'), lake.reports.bucketArn, lake.reports.arnForObjects('reports/*')] }),
            new iam.PolicyStatement({ sid: 'QueryResults', actions: ['s3:GetObject', 's3:PutObject', 's3:ListBucket', 's3:GetBucketLocation', 's3:AbortMultipartUpload'], resources: [lake.athenaResults.bucketArn, lake.athenaResults.arnForObjects('results/*')] }),
            new iam.PolicyStatement({ sid: 'UseKeyThroughS3', actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: [lake.key.keyArn], conditions: s3ViaService }),
          ],
        }),
      },
    });
    acknowledge(this.analystRole, objectsFinding(lake.lake, 'lake/*'), 'Analysts read every file of the lake\'s tables through Athena.');
    acknowledge(this.analystRole, objectsFinding(lake.reports, 'reports/*'), 'Analysts read every report.');
    acknowledge(this.analystRole, objectsFinding(lake.athenaResults, 'results/*'), 'Athena writes analysts\' query results under results/, under names it chooses.');
    acknowledge(this.analystRole, glueTablesFinding(catalog.databaseName), 'Analysts query every table and view of the workforce database.');
  }
}
