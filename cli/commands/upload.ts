import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { uploadIdOf } from '../../transforms/ingest/ingest-upload.ts';
import { todayInLondon } from '../../transforms/contract/dates.ts';
import {
  DATASETS,
  namesInWords,
  PARTNER_DATASETS,
  TRUST_DATASETS,
} from '../../transforms/contract/datasets/registry.ts';
import { routeUploadKey } from '../../transforms/ingest/routing.ts';
import {
  TRUST_UPLOADER,
  UPLOAD_KEY_FORM,
  uploadKey,
  uploadsPrefix,
  validationKey,
} from '../../transforms/storage/object-layout.ts';
import { parseCommandArgs, usageMistake } from '../args.ts';
import { describeAwsError } from '../aws-errors.ts';
import { datasetChoice, periodChoice } from '../choices.ts';
import { requireTrustConfig } from '../config.ts';
import { EXIT, UsageError, type Output } from '../usage.ts';

const PARTNER_FILES = namesInWords(PARTNER_DATASETS, 'and');
const TRUST_FILES = namesInWords(
  TRUST_DATASETS.map((name) => DATASETS[name].title.toLowerCase()),
  'and',
);

export const UPLOAD_USAGE = `workforce upload <file> --partner X --dataset D --period P [--bucket B [--role-arn ARN]] [--data DIR] [--config F]
       workforce upload <file> --trust --dataset ${TRUST_DATASETS.join('|')} --period DATE [...]

Puts a file where the pipeline picks it up: ${UPLOAD_KEY_FORM}.
A partner sends its ${PARTNER_FILES} files for one of the Trust's open collection
periods. The Trust's own ${TRUST_FILES} goes with --trust (under ${uploadsPrefix(TRUST_UPLOADER)}), dated by
its reference date.
  --bucket    the Trust's landing bucket in AWS (the stack's LandingBucket output). Without it, the
              file goes to the local stack kept in DIR (a new version each time, as in a versioned
              bucket) and is checked at once, as 'workforce run' does, updating DIR/lake,
              DIR/validation and DIR/reports; its report is printed.
  --role-arn  the partner's upload role (the stack's PartnerRole-<partner> output), taken with
              your AWS credentials; without it, your credentials are used as they are
  --out, --data  the local stack's folder (default out); give a 'workforce serve' data folder
              to send the file to that service
  --config    the Trust config (default ./trust.config.json)`;

export async function uploadCommand(args: string[], output: Output): Promise<number> {
  const options = {
    partner: { type: 'string' },
    trust: { type: 'boolean', default: false },
    dataset: { type: 'string' },
    period: { type: 'string' },
    bucket: { type: 'string' },
    'role-arn': { type: 'string' },
    out: { type: 'string', default: 'out' },
    data: { type: 'string' },
    config: { type: 'string' },
  } as const;
  const mistake = (message: string) => usageMistake('upload', UPLOAD_USAGE, message);
  const { values, positionals } = parseCommandArgs({ command: 'upload', usage: UPLOAD_USAGE, options }, args);
  const [file, ...extra] = positionals;
  if (file === undefined || extra.length > 0) throw mistake('Give exactly one file to upload.');
  const partner = values.trust ? TRUST_UPLOADER : values.partner;
  if (values.trust && values.partner)
    throw new UsageError("Give --partner for a partner's file, or --trust for the Trust's own, not both.");
  if (!partner || !values.dataset || !values.period) {
    throw mistake('Say whose file it is and what it holds: --partner (or --trust), --dataset and --period.');
  }
  const dataset = datasetChoice(values.dataset);
  const period = periodChoice('--period', values.period);
  if (!existsSync(file) || !statSync(file).isFile()) throw new UsageError(`Cannot read ${file}.`);
  const config = requireTrustConfig(values.config, join(values.data ?? values.out, 'trust.config.json'));
  const key = uploadKey(partner, dataset, period, basename(file));
  const route = routeUploadKey(key, config, todayInLondon());
  if (!route.ok) throw new UsageError(route.message);

  if (values.bucket) {
    const context = { bucket: values.bucket, roleArn: values['role-arn'] };
    try {
      return await uploadToAws(file, key, values.bucket, values['role-arn'], output);
    } catch (error) {
      const plain = describeAwsError(error, context);
      if (plain) throw new UsageError(plain);
      throw error;
    }
  }

  // The pipeline and the report are loaded only now, once the arguments hold: a mistake is answered at once.
  const { runLocalUploads } = await import('../../functions/local/local-pipeline.ts');
  const outDir = values.data ?? values.out;
  const result = await runLocalUploads({ uploads: [{ path: file, key }], config, outDir });
  const [outcome] = result.outcomes;
  const status =
    outcome?.outcome.status === 'replayed'
      ? `${outcome.outcome.recorded} (checked by the running service)`
      : (outcome?.outcome.status ?? 'not processed');
  output.out(`Uploaded to the local stack as ${key}: ${status}.`);
  if (outcome && 'reportKey' in outcome.outcome) {
    const reportPath = join(outDir, outcome.outcome.reportKey.replace(/\.json$/, '.txt'));
    output.out(`\n${readFileSync(reportPath, 'utf8').trim()}\n\nThis report: ${reportPath}`);
  }
  if (outcome?.outcome.status === 'accepted') {
    const { writeLocalReport } = await import('../../functions/local/local-report.ts');
    const { htmlPath } = await writeLocalReport({
      lakeDir: result.lakeDir,
      config,
      reportsDir: join(outDir, 'reports'),
    });
    output.out(`Needs-analysis report: ${htmlPath}`);
  }
  return EXIT.ok;
}

/**
 * The SDK's own warnings ("An error was encountered in a non-retryable streaming request") say
 * nothing a user can act on; the error it then throws is told in one plain line.
 */
const QUIET = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };

async function uploadToAws(
  file: string,
  key: string,
  bucket: string,
  roleArn: string | undefined,
  output: Output,
): Promise<number> {
  // The AWS SDK is loaded only for an upload to AWS.
  const [{ PutObjectCommand, S3Client }, { AssumeRoleCommand, STSClient }] = await Promise.all([
    import('@aws-sdk/client-s3'),
    import('@aws-sdk/client-sts'),
  ]);
  let credentials;
  if (roleArn) {
    const assume = new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: `workforce-upload-${Date.now()}` });
    const { Credentials } = await new STSClient({ logger: QUIET }).send(assume);
    if (!Credentials?.AccessKeyId || !Credentials.SecretAccessKey) {
      throw new UsageError(`AWS gave no credentials for the role ${roleArn}.`);
    }
    credentials = {
      accessKeyId: Credentials.AccessKeyId,
      secretAccessKey: Credentials.SecretAccessKey,
      sessionToken: Credentials.SessionToken,
    };
  }
  const s3 = new S3Client({ logger: QUIET, ...(credentials ? { credentials } : {}) });
  const size = statSync(file).size;
  const response = await s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: key,
      Body: createReadStream(file),
      ContentLength: size,
      ContentType: 'text/csv',
    }),
  );
  const uploadId = uploadIdOf({
    bucket,
    key,
    ...(response.VersionId ? { versionId: response.VersionId } : {}),
    ...(response.ETag ? { etag: response.ETag.replaceAll('"', '') } : {}),
  });
  const [, partnerId = '', dataset = '', period = ''] = key.split('/');
  output.out(`Uploaded s3://${bucket}/${key}${response.VersionId ? ` (version ${response.VersionId})` : ''}.`);
  output.out(
    `Its validation report will be at s3://${bucket}/${validationKey({ partnerId, dataset, period }, uploadId)} (and .txt) within a minute or two.`,
  );
  return EXIT.ok;
}
