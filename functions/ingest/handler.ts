import { SqsRecordSchema } from '@aws-lambda-powertools/parser/schemas';
import type { SQSBatchResponse } from 'aws-lambda';
import { z } from 'zod';
import {
  ingestUpload,
  type IngestDependencies,
  type IngestOutcome,
  type UploadRef,
} from '../../transforms/ingest/ingest-upload.ts';
import { MalformedMessageError, uploadFromRecord } from './events.ts';

export interface IngestHandlerOptions {
  /** Hears each upload's outcome (the local stack prints progress with it). */
  readonly onOutcome?: (upload: UploadRef, outcome: IngestOutcome) => void;
  /**
   * Hears each failure; the message goes back to the queue for a retry (and, after the queue's
   * receive count, to the dead-letter queue). A MalformedMessageError says the message itself is
   * not an S3 Object Created event.
   */
  readonly onFailure?: (messageId: string, error: unknown) => void;
}

/** An SQS batch as Lambda's event source mapping delivers it; each record is checked on its own. */
const BatchSchema = z.object({ Records: z.array(z.unknown()) });

/**
 * The ingest function: an SQS batch of EventBridge "Object Created" events in, one upload ingested
 * per message, and the messages that failed reported back so that only they are retried. Each
 * record is validated with Powertools' SQS and S3-via-EventBridge schemas before anything is read.
 */
export function createIngestHandler(deps: IngestDependencies, options: IngestHandlerOptions = {}) {
  return async (event: unknown): Promise<SQSBatchResponse> => {
    const batch = BatchSchema.safeParse(event);
    if (!batch.success) throw new MalformedMessageError('The event is not an SQS batch: it has no Records list.');
    const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
    for (const candidate of batch.data.Records) {
      const record = SqsRecordSchema.safeParse(candidate);
      if (!record.success) {
        const messageId = (candidate as { messageId?: unknown } | null)?.messageId;
        const reason = new MalformedMessageError(
          `Not an SQS record (${record.error.issues[0]?.path.join('.') ?? ''}: ${record.error.issues[0]?.message ?? ''})`,
        );
        // Without a message id there is nothing to retry alone: fail the batch so that nothing is lost.
        if (typeof messageId !== 'string') throw reason;
        options.onFailure?.(messageId, reason);
        batchItemFailures.push({ itemIdentifier: messageId });
        continue;
      }
      try {
        const upload = uploadFromRecord(record.data);
        const outcome = await ingestUpload(upload, deps);
        options.onOutcome?.(upload, outcome);
      } catch (error) {
        options.onFailure?.(record.data.messageId, error);
        batchItemFailures.push({ itemIdentifier: record.data.messageId });
      }
    }
    return { batchItemFailures };
  };
}
