import { ArnFormat, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

export interface AlarmTopicProps {
  /** @default RemovalPolicy.RETAIN */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The topic the pipeline's alarms publish to, encrypted with a key of its own. CloudWatch can
 * publish to an encrypted topic only if the key's policy lets cloudwatch.amazonaws.com use the
 * key; that grant goes on this key, which protects nothing but alarm notices, not on the data
 * lake's key. Both grants are held to this stack's own alarms (aws:SourceAccount, aws:SourceArn).
 */
export class AlarmTopic extends Construct {
  public readonly key: kms.Key;
  public readonly topic: sns.Topic;
  private readonly namePrefix: string;

  constructor(scope: Construct, id: string, props: AlarmTopicProps = {}) {
    super(scope, id);
    const stack = Stack.of(this);
    this.namePrefix = `${stack.stackName}-`;
    this.key = new kms.Key(this, 'Key', {
      enableKeyRotation: true,
      description: "Encrypts the workforce pipeline's alarm notices",
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: 'Workforce pipeline alarms',
      masterKey: this.key,
      enforceSSL: true,
    });

    const cloudwatch = new iam.ServicePrincipal('cloudwatch.amazonaws.com');
    const ownAlarms = stack.formatArn({
      service: 'cloudwatch',
      resource: 'alarm',
      resourceName: `${this.namePrefix}*`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    const conditions = {
      StringEquals: { 'aws:SourceAccount': stack.account },
      ArnLike: { 'aws:SourceArn': ownAlarms },
    };
    const sid = 'CloudWatchAlarmsPublish';
    const grant = (actions: string[], resources: string[]) =>
      new iam.PolicyStatement({ sid, principals: [cloudwatch], actions, resources, conditions });
    this.key.addToResourcePolicy(grant(['kms:Decrypt', 'kms:GenerateDataKey*'], ['*']));
    this.topic.addToResourcePolicy(grant(['sns:Publish'], [this.topic.topicArn]));
  }

  /** The name for an alarm of this stack: one the key and topic policies let publish. */
  alarmName(name: string): string {
    return `${this.namePrefix}${name}`;
  }
}
