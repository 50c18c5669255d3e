import { Stack } from 'aws-cdk-lib';
import * as athena from 'aws-cdk-lib/aws-athena';
import * as glue from 'aws-cdk-lib/aws-glue';
import { Construct } from 'constructs';
import type { CollectionRule } from '../../transforms/config/collection-periods.ts';
import { TABLES, type ColumnType } from '../../transforms/tables/definitions.ts';
import { periodProjection } from '../partition-projection.ts';
import type { ViewDefinition } from '../view-schemas.ts';
import type { DataLake } from './data-lake.ts';
import { partitionFolder, tablePrefix } from '../../transforms/storage/object-layout.ts';

export interface CatalogProps {
  readonly lake: DataLake;
  readonly views: readonly ViewDefinition[];
  readonly bytesScannedCutoff: number;
  /** The Trust's collection dates, which the partition projection covers. */
  readonly periods: CollectionRule;
  /** The day the stack is written for (YYYY-MM-DD, UK): only matters before the first collection date. */
  readonly today: string;
  /** @default 'workforce' */
  readonly databaseName?: string;
}

const HIVE_TYPE: Record<ColumnType, string> = { string: 'string', bigint: 'bigint', double: 'double' };
const VIEW_HIVE_TYPE: Record<string, string> = {
  varchar: 'string',
  bigint: 'bigint',
  double: 'double',
  boolean: 'boolean',
  date: 'date',
  integer: 'int',
};

/** Analyst questions saved in the workgroup. */
export const NAMED_QUERIES = [
  {
    name: 'Headline rates by period',
    sql: "SELECT * FROM recruitment_rates WHERE partner_id = 'ALL' AND sector = 'ALL' AND role = 'ALL' ORDER BY period",
  },
  {
    name: 'Roles by vacancy rate, latest period',
    sql: "SELECT role, employees_headcount, vacancy_rate, turnover_rate, agency_rate, hard_to_fill_rate FROM recruitment_rates WHERE period = (SELECT max(period) FROM recruitment_rates) AND partner_id = 'ALL' AND sector = 'ALL' AND role <> 'ALL' ORDER BY vacancy_rate DESC",
  },
  {
    name: 'Under-represented groups, latest period',
    sql: "SELECT dimension, category, workforce_share, share_ci_low, share_ci_high, community_share, representation_ratio FROM diversity_vs_community WHERE period = (SELECT max(period) FROM diversity_vs_community) AND partner_id = 'ALL' AND assessment = 'under_represented'",
  },
  {
    name: 'Partners yet to submit, latest period',
    sql: "SELECT partner_id, dataset, latest_status FROM data_quality WHERE period = (SELECT max(period) FROM data_quality) AND latest_status <> 'accepted' ORDER BY partner_id, dataset",
  },
];

/**
 * The analysts' catalog: a Glue database with the lake's tables, from the project's one set of
 * table definitions, partitioned by period with partition projection over exactly the periods
 * the pipeline writes (no crawlers, no MSCK REPAIR);
 * the views, from the same SQL files the local mode runs; an Athena workgroup with
 * its configuration enforced; saved queries.
 */
export class Catalog extends Construct {
  public readonly databaseName: string;
  public readonly workGroup: athena.CfnWorkGroup;
  public readonly tables: glue.CfnTable[] = [];

  constructor(scope: Construct, id: string, props: CatalogProps) {
    super(scope, id);
    const { lake } = props;
    const account = Stack.of(this).account;
    this.databaseName = props.databaseName ?? 'workforce';
    const database = new glue.CfnDatabase(this, 'Database', {
      catalogId: account,
      databaseInput: { name: this.databaseName, description: "The Children's Trust workforce lake" },
    });

    for (const table of TABLES) {
      const location = `s3://${lake.lake.bucketName}/${tablePrefix(table.name)}`;
      const cfn = new glue.CfnTable(this, `Table-${table.name}`, {
        catalogId: account,
        databaseName: this.databaseName,
        tableInput: {
          name: table.name,
          description: table.description,
          tableType: 'EXTERNAL_TABLE',
          parameters: {
            classification: 'parquet',
            ...periodProjection(table.name, props.periods, props.today),
            'storage.location.template': `${location}${partitionFolder('${period}')}/`,
          },
          partitionKeys: [{ name: 'period', type: 'date' }],
          storageDescriptor: {
            location,
            columns: table.columns.map((c) => ({
              name: c.name,
              type: HIVE_TYPE[c.type],
              comment: c.description.slice(0, 255),
            })),
            inputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
            outputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
            serdeInfo: { serializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe' },
          },
        },
      });
      cfn.addResourceDependency(database);
      this.tables.push(cfn);
    }

    for (const view of props.views) {
      // Athena reads a view from Glue as a "Presto view": its SQL and columns, base64-encoded JSON.
      const presto = Buffer.from(
        JSON.stringify({
          originalSql: view.sql,
          catalog: 'awsdatacatalog',
          schema: this.databaseName,
          columns: view.columns,
          owner: 'workforce-needs-analysis',
          runAsInvoker: false,
        }),
      ).toString('base64');
      const cfn = new glue.CfnTable(this, `View-${view.name}`, {
        catalogId: account,
        databaseName: this.databaseName,
        tableInput: {
          name: view.name,
          tableType: 'VIRTUAL_VIEW',
          parameters: { presto_view: 'true', comment: 'Presto View' },
          viewOriginalText: `/* Presto View: ${presto} */`,
          viewExpandedText: '/* Presto View */',
          partitionKeys: [],
          storageDescriptor: {
            columns: view.columns.map((c) => ({ name: c.name, type: VIEW_HIVE_TYPE[c.type] ?? 'string' })),
            serdeInfo: {},
          },
        },
      });
      for (const table of this.tables) cfn.addResourceDependency(table);
    }

    this.workGroup = new athena.CfnWorkGroup(this, 'WorkGroup', {
      name: `${this.databaseName}-analysts`,
      description: 'Queries of the workforce lake: results encrypted, scans capped, configuration enforced',
      state: 'ENABLED',
      recursiveDeleteOption: true,
      workGroupConfiguration: {
        enforceWorkGroupConfiguration: true,
        engineVersion: { selectedEngineVersion: 'Athena engine version 3' },
        publishCloudWatchMetricsEnabled: true,
        bytesScannedCutoffPerQuery: props.bytesScannedCutoff,
        resultConfiguration: {
          outputLocation: `s3://${lake.athenaResults.bucketName}/results/`,
          encryptionConfiguration: { encryptionOption: 'SSE_KMS', kmsKey: lake.key.keyArn },
        },
      },
    });
    NAMED_QUERIES.forEach((query, i) => {
      const named = new athena.CfnNamedQuery(this, `Query${i}`, {
        name: query.name,
        database: this.databaseName,
        queryString: query.sql,
        workGroup: this.workGroup.ref,
      });
      named.addResourceDependency(this.workGroup);
    });
  }

  /** ARNs of the database, its tables and views, and the catalog, for IAM. */
  glueArns(): string[] {
    const stack = Stack.of(this);
    const arn = (resource: string) => stack.formatArn({ service: 'glue', resource });
    return [arn('catalog'), arn(`database/${this.databaseName}`), arn(`table/${this.databaseName}/*`)];
  }

  workGroupArn(): string {
    return Stack.of(this).formatArn({ service: 'athena', resource: 'workgroup', resourceName: this.workGroup.name });
  }
}
