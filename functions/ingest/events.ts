import { JSONStringified } from '@aws-lambda-powertools/parser/helpers';
import { S3EventNotificationEventBridgeSchema } from '@aws-lambda-powertools/parser/schemas';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { z } from 'zod';
import type { UploadRef } from '../../transforms/ingest/ingest-upload.ts';

/**
 * An S3 "Object Created" event as EventBridge delivers it: Powertools' schema, held to the one
 * detail-type the rule forwards. The source address is any text: S3 writes an IPv6 address for
 * an upload over a dual-stack endpoint, which the stock schema's IPv4 check would turn away.
 */
export const ObjectCreatedEventSchema = S3EventNotificationEventBridgeSchema.extend({
  'detail-type': z.literal('Object Created'),
  detail: S3EventNotificationEventBridgeSchema.shape.detail.extend({ 'source-ip-address': z.string().optional() }),
});
export type ObjectCreatedEvent = z.infer<typeof ObjectCreatedEventSchema>;

/** An SQS record's body: the EventBridge event, as JSON text. */
const MessageBodySchema = JSONStringified(ObjectCreatedEventSchema);

/** A queue message that is not an S3 Object Created event: it cannot be ingested, however often it is tried. */
export class MalformedMessageError extends Error {
  override readonly name = 'MalformedMessageError';
}

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

/** What is wrong with a message, in one line: each failing field's path and zod's words for it. */
function reasonOf(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'body'}: ${issue.message}`)
    .join('; ');
}

/** The upload an SQS record's body (an EventBridge event) announces; MalformedMessageError if it is not one. */
export function uploadFromRecord(record: Pick<SQSRecord, 'body'>): UploadRef {
  const parsed = MessageBodySchema.safeParse(record.body);
  if (!parsed.success) throw new MalformedMessageError(`Not an S3 Object Created event (${reasonOf(parsed.error)})`);
  const { bucket, object } = parsed.data.detail;
  let key: string;
  try {
    key = decodeEventKey(object.key);
  } catch {
    throw new MalformedMessageError(`Not an S3 Object Created event (detail.object.key: not a form-encoded key)`);
  }
  return {
    bucket: bucket.name,
    key,
    ...(object['version-id'] ? { versionId: object['version-id'] } : {}),
    ...(object.etag ? { etag: object.etag } : {}),
    ...(object.sequencer ? { sequencer: object.sequencer } : {}),
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
export function objectCreatedEvent(
  object: ObjectCreated,
  region = 'eu-west-2',
  account = '000000000000',
): ObjectCreatedEvent {
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
export function sqsBatch(
  events: readonly ObjectCreatedEvent[],
  queueArn = 'arn:aws:sqs:eu-west-2:000000000000:workforce-ingest',
): SQSEvent {
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
