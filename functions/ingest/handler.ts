import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { ingestUpload, type IngestDependencies, type IngestOutcome, type UploadRef } from '../../transforms/ingest/ingest-upload.ts';
import { uploadFromRecord } from './events.ts';

export interface IngestHandlerOptions {
  /** Hears each upload's outcome (the local stack prints progress with it). */
  readonly onOutcome?: (upload: UploadRef, outcome: IngestOutcome) => void;
  /** Hears each failure; the message goes back to the queue for a retry. */
  readonly onFailure?: (messageId: string, error: unknown) => void;
}

/**
 * The ingest function: an SQS batch of EventBridge "Object Created" events in, one upload ingested
 * per message, and the messages that failed reported back so that only they are retried.
 */
export function createIngestHandler(deps: IngestDependencies, options: IngestHandlerOptions = {}) {
  return async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
    for (const record of event.Records) {
      try {
        const upload = uploadFromRecord(record);
        const outcome = await ingestUpload(upload, deps);
        options.onOutcome?.(upload, outcome);
      } catch (error) {
        options.onFailure?.(record.messageId, error);
        batchItemFailures.push({ itemIdentifier: record.messageId });
      }
    }
    return { batchItemFailures };
  };
}
