import { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import type { TrustConfig } from '../../transforms/config/trust-config.ts';
import {
  LATEST_REPORT_FOLDER,
  PREFIXES,
  uploadsPrefix,
  validationPrefix,
} from '../../transforms/storage/object-layout.ts';
import { keyThrough, listOnly } from '../iam-statements.ts';
import { bundledFunction } from '../lambda-bundling.ts';
import { acknowledge, acknowledgeFunctionRole, objectsFinding } from '../nag.ts';
import type { DataLake } from './data-lake.ts';

export interface PortalApiFunctionProps {
  readonly lake: DataLake;
  readonly config: TrustConfig;
  /** The Trust config as a file, bundled with the function. */
  readonly configFile: string;
}

/**
 * The portal API's function and what its role may do: sign upload forms for the partners' own
 * upload folders (the form works only if the signer may PutObject there), read the partners'
 * validation reports, which upload is in force in each slot, and the latest report. It reads no
 * upload, writes nothing itself, and touches no other prefix of any bucket.
 */
export class PortalApiFunction extends Construct {
  public readonly function: lambda.IFunction;

  constructor(scope: Construct, id: string, props: PortalApiFunctionProps) {
    super(scope, id);
    const { lake, config } = props;
    const fn = bundledFunction(this, 'Handler', {
      entry: 'functions/portal-api/lambda.ts',
      description: "The partner portal's API: a partner's history, reports and upload forms",
      memorySize: 512,
      timeout: Duration.seconds(10),
      environment: {
        LANDING_BUCKET: lake.landing.bucketName,
        LAKE_BUCKET: lake.lake.bucketName,
        REPORTS_BUCKET: lake.reports.bucketName,
      },
      files: [props.configFile],
    });
    this.function = fn;

    // One folder per configured partner: never the Trust's own uploads/_trust/.
    const partnerUploads = config.partners.map((p) => `${uploadsPrefix(p.id)}*`);
    // Each configured partner's validation reports: not the _unrouted/ folder of uploads no partner owns.
    const partnerReports = config.partners.map((p) => `${validationPrefix(p.id)}*`);
    const ledger = `${PREFIXES.state}ledger/*`;
    const latest = `${LATEST_REPORT_FOLDER}/*`;
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'SignUploadForms',
        actions: ['s3:PutObject'],
        resources: partnerUploads.map((pattern) => lake.landing.arnForObjects(pattern)),
      }),
    );
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['s3:GetObject'],
        resources: partnerReports.map((pattern) => lake.landing.arnForObjects(pattern)),
      }),
    );
    fn.addToRolePolicy(listOnly(lake.landing, partnerReports));
    fn.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [lake.lake.arnForObjects(ledger)] }),
    );
    fn.addToRolePolicy(listOnly(lake.lake, [ledger]));
    fn.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [lake.reports.arnForObjects(latest)] }),
    );
    fn.addToRolePolicy(listOnly(lake.reports, [latest]));
    // Reading SSE-KMS objects, and S3 encrypting an upload signed with this role's credentials.
    fn.addToRolePolicy(keyThrough(this, lake.key, ['kms:Decrypt', 'kms:GenerateDataKey'], ['s3']));

    acknowledgeFunctionRole(fn);
    for (const pattern of partnerUploads)
      acknowledge(
        fn,
        objectsFinding(lake.landing, pattern),
        "A partner's browser uploads into its own folder with a form this function signs for one key, " +
          'checked against the caller’s Cognito group; the function itself writes nothing.',
      );
    for (const pattern of partnerReports)
      acknowledge(
        fn,
        objectsFinding(lake.landing, pattern),
        'A partner reads its own validation reports; the function lists only under the caller’s own folder.',
      );
    acknowledge(
      fn,
      objectsFinding(lake.lake, ledger),
      "Which upload is in force in each partner's slot, for what is still due and the Trust's coverage.",
    );
    acknowledge(fn, objectsFinding(lake.reports, latest), "The Trust's staff read the latest report's files.");
  }
}
