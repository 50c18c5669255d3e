import { CfnOutput, Duration, Fn, RemovalPolicy } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { TrustConfig } from '../../transforms/config/trust-config.ts';
import { LATEST_REPORT_FOLDER, PREFIXES } from '../../transforms/storage/object-layout.ts';
import { keyThrough, listOnly } from '../iam-statements.ts';
import { bundledFunction } from '../lambda-bundling.ts';
import { acknowledge, acknowledgeFunctionRole, objectsFinding } from '../nag.ts';
import type { DataLake } from './data-lake.ts';

export interface PortalProps {
  readonly lake: DataLake;
  readonly config: TrustConfig;
  /** The Trust config as a file, bundled with the API function. */
  readonly configFile: string;
}

/** The Cognito group of the Trust's own staff, and of one partner's staff. */
export const TRUST_GROUP = 'trust';
export const partnerGroup = (partnerId: string): string => `partner-${partnerId}`;

/**
 * The partner portal in AWS: its pages in a private bucket behind CloudFront, sign-in with a
 * Cognito user pool (the Trust adds each user to one group), and its API (API Gateway HTTP API,
 * every route behind the pool's JWT authorizer) served on the same origin under /api/.
 */
export class Portal extends Construct {
  public readonly assets: s3.Bucket;
  public readonly userPool: cognito.UserPool;
  public readonly api: apigw.HttpApi;
  public readonly function: lambda.IFunction;
  public readonly distribution: cloudfront.Distribution;

  constructor(scope: Construct, id: string, props: PortalProps) {
    super(scope, id);
    const { lake, config } = props;

    this.userPool = new cognito.UserPool(this, 'Users', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: { minLength: 12, requireDigits: true, requireLowercase: true, requireUppercase: true, requireSymbols: true },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const plusTier = 'Threat protection needs the Plus feature plan; accounts are few, created by the Trust, with MFA required.';
    acknowledge(this.userPool, 'AwsSolutions-COG8', plusTier);
    acknowledge(this.userPool, 'AwsSolutions-COG3', 'Threat protection needs the Plus feature plan; accounts are few, '
      + 'created by the Trust, with MFA required.');
    new cognito.CfnUserPoolGroup(this, 'TrustGroup', { userPoolId: this.userPool.userPoolId, groupName: TRUST_GROUP,
      description: 'The Trust\'s staff: coverage of every partner and the report' });
    for (const partner of config.partners) {
      new cognito.CfnUserPoolGroup(this, `Group-${partner.id}`, {
        userPoolId: this.userPool.userPoolId,
        groupName: partnerGroup(partner.id),
        description: `Staff of ${partner.name}: their own uploads and reports only`.slice(0, 2048),
      });
    }
    const client = this.userPool.addClient('Pages', { authFlows: { userSrp: true }, generateSecret: false,
      preventUserExistenceErrors: true, idTokenValidity: Duration.hours(1), accessTokenValidity: Duration.hours(1) });

    const fn = bundledFunction(this, 'Function', {
      entry: 'functions/portal-api/lambda.ts',
      description: 'The partner portal\'s API: a partner\'s history, reports and upload forms',
      memorySize: 512,
      timeout: Duration.seconds(10),
      environment: {
        LANDING_BUCKET: lake.landing.bucketName,
        LAKE_BUCKET: lake.lake.bucketName,
        REPORTS_BUCKET: lake.reports.bucketName,
      },
      files: [props.configFile],
    });
    const uploads = `${PREFIXES.uploads}*`;
    const validation = `${PREFIXES.validation}*`;
    const ledger = `${PREFIXES.state}ledger/*`;
    const latest = `${LATEST_REPORT_FOLDER}/*`;
    // The presigned POST is signed with the function's credentials: S3 lets it through only if the
    // role may PutObject, and only to the one key and size the signed policy names.
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [lake.landing.arnForObjects(uploads)] }));
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [lake.landing.arnForObjects(validation)] }));
    fn.addToRolePolicy(listOnly(lake.landing, [validation]));
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [lake.lake.arnForObjects(ledger)] }));
    fn.addToRolePolicy(listOnly(lake.lake, [ledger]));
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [lake.reports.arnForObjects(latest)] }));
    fn.addToRolePolicy(listOnly(lake.reports, [latest]));
    fn.addToRolePolicy(keyThrough(this, lake.key, ['kms:Decrypt', 'kms:GenerateDataKey'], ['s3']));
    acknowledgeFunctionRole(fn);
    acknowledge(fn, objectsFinding(lake.landing, uploads), 'Partners\' browsers upload under uploads/ through forms this '
      + 'function signs, each for one key in the partner\'s own folder.');
    acknowledge(fn, objectsFinding(lake.landing, validation), 'Partners read their validation reports; the function '
      + 'checks the folder is the caller\'s.');
    acknowledge(fn, objectsFinding(lake.lake, ledger), 'Which upload is in force in each slot, for the partner\'s coverage.');
    acknowledge(fn, objectsFinding(lake.reports, latest), 'The Trust\'s staff read the latest report\'s files.');
    this.function = fn;

    const issuer = `https://cognito-idp.${this.userPool.stack.region}.amazonaws.com/${this.userPool.userPoolId}`;
    const authorizer = new HttpJwtAuthorizer('Cognito', issuer, { jwtAudience: [client.userPoolClientId] });
    this.api = new apigw.HttpApi(this, 'Api', { description: 'The partner portal\'s API', defaultAuthorizer: authorizer,
      createDefaultStage: true });
    this.api.addRoutes({ path: '/api/{proxy+}', methods: [apigw.HttpMethod.GET, apigw.HttpMethod.POST],
      integration: new HttpLambdaIntegration('Lambda', fn) });
    const accessLogs = new logs.LogGroup(this, 'ApiLogs', { retention: logs.RetentionDays.SIX_MONTHS });
    const stage = this.api.defaultStage?.node.defaultChild as apigw.CfnStage;
    stage.accessLogSettings = {
      destinationArn: accessLogs.logGroupArn,
      format: JSON.stringify({ requestId: '$context.requestId', ip: '$context.identity.sourceIp', user: '$context.authorizer.claims.sub',
        route: '$context.routeKey', status: '$context.status', error: '$context.authorizer.error' }),
    };
    stage.defaultRouteSettings = { throttlingBurstLimit: 50, throttlingRateLimit: 20 };

    this.assets = new s3.Bucket(this, 'Assets', {
      // S3-managed keys: CloudFront's origin access control reads them with no KMS key policy to keep.
      encryption: s3.BucketEncryption.S3_MANAGED,
      versioned: true,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: lake.logs,
      serverAccessLogsPrefix: 'portal-assets/',
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const headers = new cloudfront.ResponseHeadersPolicy(this, 'Headers', {
      securityHeadersBehavior: {
        contentSecurityPolicy: { override: true, contentSecurityPolicy: "default-src 'self'; script-src 'self'; "
          + "style-src 'self'; img-src 'self' data:; connect-src 'self' https://cognito-idp."
          + `${this.userPool.stack.region}.amazonaws.com https://${lake.landing.bucketRegionalDomainName}; `
          + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'" },
        strictTransportSecurity: { override: true, accessControlMaxAge: Duration.days(365), includeSubdomains: true },
        contentTypeOptions: { override: true },
        frameOptions: { override: true, frameOption: cloudfront.HeadersFrameOption.DENY },
        referrerPolicy: { override: true, referrerPolicy: cloudfront.HeadersReferrerPolicy.NO_REFERRER },
      },
    });
    const apiDomain = Fn.select(2, Fn.split('/', this.api.apiEndpoint));
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'The partner portal',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.assets),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: headers,
      },
      additionalBehaviors: {
        '/api/*': {
          origin: new origins.HttpOrigin(apiDomain),
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
          cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
          originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: headers,
        },
      },
      enableLogging: true,
      logBucket: lake.logs,
      logFilePrefix: 'portal-cdn/',
    });
    acknowledge(this.distribution, 'AwsSolutions-CFR1', 'Partners are UK organisations, but staff may work abroad; '
      + 'sign-in with MFA guards the portal, not geography.');
    acknowledge(this.distribution, 'AwsSolutions-CFR2', 'The pages are static and every API route needs a Cognito token; '
      + 'API Gateway throttles. A WAF can be added by the Trust.');
    acknowledge(this.distribution, 'AwsSolutions-CFR4', 'The CloudFront default certificate\'s policy is fixed by AWS; '
      + 'a Trust that adds its own domain and certificate sets TLS 1.2 there.');

    new CfnOutput(this, 'PortalUrl', { value: `https://${this.distribution.distributionDomainName}/` });
    new CfnOutput(this, 'PortalAssetsBucket', { value: this.assets.bucketName, description: 'Copy the built portal pages here' });
    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId, description: 'Add each user to trust or partner-<id>' });
    new CfnOutput(this, 'UserPoolClientId', { value: client.userPoolClientId });
  }
}
