import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
  PutItemCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import type { LeaseStore } from '../../transforms/ingest/ports.ts';

/**
 * Leases in a DynamoDB table (partition key `pk`, TTL attribute `ttl`): a conditional write
 * takes the lease when it is free, expired, or already ours.
 */
export interface DynamoDbLeaseStoreOptions {
  /** The clock, in milliseconds since the epoch. @default Date.now */
  readonly now?: () => number;
}

export class DynamoDbLeaseStore implements LeaseStore {
  private readonly now: () => number;

  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
    options: DynamoDbLeaseStoreOptions = {},
  ) {
    this.now = options.now ?? Date.now;
  }

  async acquire(name: string, holder: string, ttlMs: number): Promise<boolean> {
    const now = this.now();
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: {
            pk: { S: `lease#${name}` },
            holder: { S: holder },
            expires: { N: String(now + ttlMs) },
            ttl: { N: String(Math.ceil((now + ttlMs) / 1000) + 3600) },
          },
          ConditionExpression: 'attribute_not_exists(pk) OR expires < :now OR holder = :holder',
          ExpressionAttributeValues: { ':now': { N: String(now) }, ':holder': { S: holder } },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async release(name: string, holder: string): Promise<void> {
    try {
      await this.client.send(
        new DeleteItemCommand({
          TableName: this.tableName,
          Key: { pk: { S: `lease#${name}` } },
          ConditionExpression: 'holder = :holder',
          ExpressionAttributeValues: { ':holder': { S: holder } },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
}
