import type { EventBridgeEvent, SQSEvent, SQSRecord } from 'aws-lambda';
import type { UploadRef } from '../../transforms/ingest/ingest-upload.ts';

/** The detail of an S3 "Object Created" event as EventBridge delivers it. */
export interface ObjectCreatedDetail {
  readonly version: string;
  readonly bucket: { readonly name: string };
  readonly object: {
    /** URL-encoded, as S3 writes keys into events (a space is '+'). */
    readonly key: string;
    readonly size?: number;
    readonly etag?: string;
    readonly 'version-id'?: string;
    readonly sequencer?: string;
  };
  readonly 'request-id'?: string;
  readonly requester?: string;
  readonly 'source-ip-address'?: string;
  readonly reason?: string;
}

export type ObjectCreatedEvent = EventBridgeEvent<'Object Created', ObjectCreatedDetail>;

/** S3 event keys are form-encoded: '+' for a space, %XX for the rest. */
export function decodeEventKey(key: string): string {
  return decodeURIComponent(key.replaceAll('+', '%20'));
}

export function encodeEventKey(key: string): string {
  return key
    .split('/')
    .map((segment) => encodeURIComponent(segment).replaceAll('%20', '+'))
    .join('/');
}

/** The upload an SQS record's body (an EventBridge event) announces. */
export function uploadFromRecord(record: Pick<SQSRecord, 'body'>): UploadRef {
  const event = JSON.parse(record.body) as Partial<ObjectCreatedEvent>;
  const detail = event.detail;
  if (event['detail-type'] !== 'Object Created' || !detail?.bucket?.name || !detail.object?.key) {
    throw new Error(`Not an S3 Object Created event: ${record.body.slice(0, 200)}`);
  }
  return {
    bucket: detail.bucket.name,
    key: decodeEventKey(detail.object.key),
    ...(detail.object['version-id'] ? { versionId: detail.object['version-id'] } : {}),
    ...(detail.object.etag ? { etag: detail.object.etag } : {}),
    ...(detail.object.sequencer ? { sequencer: detail.object.sequencer } : {}),
  };
}

export interface ObjectCreated {
  readonly bucket: string;
  readonly key: string;
  readonly size: number;
  readonly etag?: string;
  readonly versionId?: string;
  readonly time: Date;
  readonly sequencer: string;
}

/** An EventBridge "Object Created" event in the shape S3 sends it, for the local stack and tests. */
export function objectCreatedEvent(object: ObjectCreated, region = 'eu-west-2', account = '000000000000'): ObjectCreatedEvent {
  return {
    version: '0',
    id: crypto.randomUUID(),
    'detail-type': 'Object Created',
    source: 'aws.s3',
    account,
    time: object.time.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region,
    resources: [`arn:aws:s3:::${object.bucket}`],
    detail: {
      version: '0',
      bucket: { name: object.bucket },
      object: {
        key: encodeEventKey(object.key),
        size: object.size,
        ...(object.etag ? { etag: object.etag } : {}),
        ...(object.versionId ? { 'version-id': object.versionId } : {}),
        sequencer: object.sequencer,
      },
      'request-id': crypto.randomUUID().replaceAll('-', '').slice(0, 16).toUpperCase(),
      requester: account,
      'source-ip-address': '127.0.0.1',
      reason: 'PutObject',
    },
  };
}

/** An SQS batch carrying EventBridge events, as the queue delivers it to the function. */
export function sqsBatch(events: readonly ObjectCreatedEvent[], queueArn = 'arn:aws:sqs:eu-west-2:000000000000:workforce-ingest'): SQSEvent {
  return {
    Records: events.map((event) => {
      const body = JSON.stringify(event);
      return {
        messageId: crypto.randomUUID(),
        receiptHandle: crypto.randomUUID(),
        body,
        attributes: {
          ApproximateReceiveCount: '1',
          SentTimestamp: String(Date.parse(event.time)),
          SenderId: 'AIDAEVENTBRIDGE',
          ApproximateFirstReceiveTimestamp: String(Date.now()),
        },
        messageAttributes: {},
        md5OfBody: '',
        eventSource: 'aws:sqs',
        eventSourceARN: queueArn,
        awsRegion: queueArn.split(':')[3] ?? 'eu-west-2',
      };
    }),
  };
}
