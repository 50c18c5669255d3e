import { Stack, type StackProps } from 'aws-cdk-lib';
import { CfnOutput } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { TrustConfig } from '../transforms/config/trust-config.ts';
import { todayInLondon } from '../transforms/contract/dates.ts';
import { Access } from './constructs/access.ts';
import { AlarmTopic } from './constructs/alarm-topic.ts';
import { Catalog } from './constructs/catalog.ts';
import { DataLake } from './constructs/data-lake.ts';
import { Ingest } from './constructs/ingest.ts';
import { Portal } from './constructs/portal.ts';
import { Reporting } from './constructs/reporting.ts';
import type { ViewDefinition } from './view-schemas.ts';

export interface WorkforceStackProps extends StackProps {
  readonly config: TrustConfig;
  /** The Trust config as a file, bundled with the functions. */
  readonly configFile: string;
  /** The portal's built pages, from `writePortalAssets`. */
  readonly pagesDir: string;
  readonly views: readonly ViewDefinition[];
  /**
   * @default now: the day the partners' upload policies (and, before the first collection date,
   * the partition projection) are written for
   */
  readonly now?: Date;
}

/** A Children's Trust's workforce needs-analysis pipeline, from the Trust's config. */
export class WorkforceStack extends Stack {
  public readonly dataLake: DataLake;
  public readonly ingest: Ingest;
  public readonly catalog: Catalog;
  public readonly reporting: Reporting;
  public readonly access: Access;
  public readonly portal: Portal;

  constructor(scope: Construct, id: string, props: WorkforceStackProps) {
    super(scope, id, props);
    const { config } = props;
    this.dataLake = new DataLake(this, 'DataLake', { retention: config.retention });
    const alarms = new AlarmTopic(this, 'Alarms');
    const { configFile } = props;
    this.ingest = new Ingest(this, 'Ingest', { lake: this.dataLake, settings: config.ingest, configFile, alarms });
    const today = todayInLondon(props.now ?? new Date());
    this.catalog = new Catalog(this, 'Catalog', {
      lake: this.dataLake,
      views: props.views,
      bytesScannedCutoff: config.athenaBytesScannedCutoff,
      periods: config,
      today,
    });
    this.reporting = new Reporting(this, 'Reporting', {
      lake: this.dataLake,
      catalog: this.catalog,
      schedule: config.reportSchedule,
      configFile: props.configFile,
    });
    this.access = new Access(this, 'Access', {
      lake: this.dataLake,
      catalog: this.catalog,
      config,
      ...(props.now ? { now: props.now } : {}),
    });
    this.portal = new Portal(this, 'Portal', {
      lake: this.dataLake,
      config,
      configFile: props.configFile,
      pagesDir: props.pagesDir,
    });

    new CfnOutput(this, 'LandingBucket', {
      value: this.dataLake.landing.bucketName,
      description: 'Partners upload to s3://<this>/uploads/<partner_id>/<dataset>/<period>/',
    });
    new CfnOutput(this, 'ReportsBucket', {
      value: this.dataLake.reports.bucketName,
      description: 'Reports: reports/<period>/ and reports/latest/',
    });
    new CfnOutput(this, 'AthenaWorkGroup', {
      value: this.catalog.workGroup.name,
      description: 'Analysts query in this workgroup',
    });
    new CfnOutput(this, 'GlueDatabase', { value: this.catalog.databaseName });
    new CfnOutput(this, 'AnalystRoleArn', { value: this.access.analystRole.roleArn });
    new CfnOutput(this, 'ReportTopicArn', {
      value: this.reporting.topic.topicArn,
      description: 'Subscribe to hear when a report is ready',
    });
    const alarmTopicArn = alarms.topic.topicArn;
    new CfnOutput(this, 'AlarmTopicArn', { value: alarmTopicArn, description: 'Subscribe to hear when uploads fail' });
    for (const [partnerId, role] of this.access.partnerRoles)
      new CfnOutput(this, `PartnerRole-${partnerId}`, {
        value: role.roleArn,
        description: `Upload role for ${partnerId}`,
      });
  }
}
