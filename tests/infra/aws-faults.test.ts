import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app.ts';
import { temporaryFolder } from '../lake-helpers.ts';
import { ACCOUNT, decide, REGION, resolve, type PolicyStatement } from '../support/iam-policy.ts';

const CONFIG_FILE = 'sample-data/trust.config.json';
const NOW = new Date('2026-11-28T12:00:00Z');

type Resource = { Type: string; Properties: Record<string, any> };
type Principled = PolicyStatement & { Principal?: { Service?: string | string[]; AWS?: unknown } };

/** The statements of a policy document that name a service principal. */
const forService = (statements: readonly Principled[], service: string) =>
  statements.filter((s) => [s.Principal?.Service ?? []].flat().includes(service));

describe('Stack: what the offline checks cannot see, read from the template', () => {
  let template: Template;
  let resources: Record<string, Resource>;
  const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
  const logicalIdOf = (ref: unknown) => (ref as { Ref?: string; 'Fn::GetAtt'?: [string, string] }).Ref ?? (ref as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];

  beforeAll(async () => {
    const stack = await buildApp(new App({ outdir: temporaryFolder('cdk-out-') }), CONFIG_FILE, { now: NOW });
    template = Template.fromStack(stack);
    resources = template.toJSON().Resources;
  });

  describe('the dead-letter alarm reaches its topic', () => {
    const alarm = () => {
      const [[, found]] = ofType('AWS::CloudWatch::Alarm').filter(([id]) => id.includes('DeadLetter')) as [[string, Resource]];
      return found;
    };
    const alarmArn = () => `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:${resolve(alarm().Properties.AlarmName)}`;
    const topicId = () => logicalIdOf(alarm().Properties.AlarmActions[0]);
    const cloudWatch = { 'aws:SourceAccount': ACCOUNT };

    it('lets CloudWatch use the key of the topic it publishes to, for this stack\'s alarms only', () => {
      const keyId = logicalIdOf((resources[topicId()] as Resource).Properties.KmsMasterKeyId);
      const keyPolicy = forService((resources[keyId] as Resource).Properties.KeyPolicy.Statement, 'cloudwatch.amazonaws.com');
      const use = (action: string, sourceArn: string) => decide(keyPolicy, { action, resource: '*', time: NOW, context: { ...cloudWatch, 'aws:SourceArn': sourceArn } });

      expect(use('kms:Decrypt', alarmArn())).toBe('allowed');
      expect(use('kms:GenerateDataKey', alarmArn())).toBe('allowed');
      expect(use('kms:Decrypt', `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:someone-elses-alarm`)).toBe('denied');
      expect(decide(keyPolicy, { action: 'kms:Decrypt', resource: '*', time: NOW, context: { 'aws:SourceArn': alarmArn(), 'aws:SourceAccount': '999999999999' } })).toBe('denied');
    });

    it('lets CloudWatch publish to the topic, for this stack\'s alarms only', () => {
      const [[, policy]] = ofType('AWS::SNS::TopicPolicy').filter(([, p]) => p.Properties.Topics.some((t: unknown) => logicalIdOf(t) === topicId())) as [[string, Resource]];
      const statements = forService(policy.Properties.PolicyDocument.Statement, 'cloudwatch.amazonaws.com');
      const topicArn = topicId();
      const publish = (sourceArn: string) => decide(statements, { action: 'sns:Publish', resource: topicArn, time: NOW, context: { ...cloudWatch, 'aws:SourceArn': sourceArn } });

      expect(publish(alarmArn())).toBe('allowed');
      expect(publish(`arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:someone-elses-alarm`)).toBe('denied');
    });

    it('grants CloudWatch nothing on the data lake\'s key', () => {
      const lakeKey = ofType('AWS::KMS::Key').find(([id]) => id.startsWith('DataLake')) as [string, Resource];
      expect(forService(lakeKey[1].Properties.KeyPolicy.Statement, 'cloudwatch.amazonaws.com')).toEqual([]);
    });
  });
});
