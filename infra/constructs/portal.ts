import { Aws, CfnOutput, Duration, Fn, RemovalPolicy } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { PortalConfig } from '../../portal/portal-config.ts';
import type { TrustConfig } from '../../transforms/config/trust-config.ts';
import { partnerGroup, TRUST_GROUP } from '../../functions/portal-api/groups.ts';
import { acknowledge } from '../nag.ts';
import type { DataLake } from './data-lake.ts';
import { PortalApiFunction } from './portal-function.ts';
import { PortalPages } from './portal-pages.ts';

export interface PortalProps {
  readonly lake: DataLake;
  readonly config: TrustConfig;
  /** The Trust config as a file, bundled with the API function. */
  readonly configFile: string;
  /** The built pages (index.html, app.js, worker.js, style.css), from `writePortalAssets`. */
  readonly pagesDir: string;
  /**
   * Origins whose pages may read the answers of uploads to the landing bucket (CORS). The signed
   * form, not CORS, decides what may be written.
   * @default ['https://*.cloudfront.net']: the portal's own distribution, whose name cannot be
   * given here without a dependency cycle (its security headers name the bucket)
   */
  readonly uploadOrigins?: readonly string[];
}

/**
 * The partner portal in AWS: its pages in a private bucket behind CloudFront (origin access
 * control, security headers), sign-in with a Cognito user pool's hosted pages (authorization code
 * with PKCE; the Trust adds each user to `trust` or to one `partner-<id>` group; no self sign-up;
 * MFA required), and its API (API Gateway HTTP API, every route behind the pool's JWT authorizer)
 * served on the same origin under /api/. Files go from the browser straight to the landing bucket
 * with a form the API signs for one key in the partner's own folder.
 */
export class Portal extends Construct {
  public readonly userPool: cognito.UserPool;
  public readonly client: cognito.UserPoolClient;
  public readonly domain: cognito.UserPoolDomain;
  public readonly api: apigw.HttpApi;
  public readonly function: lambda.IFunction;
  public readonly pages: PortalPages;

  constructor(scope: Construct, id: string, props: PortalProps) {
    super(scope, id);
    const { lake, config } = props;

    this.userPool = new cognito.UserPool(this, 'Users', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12,
        requireDigits: true,
        requireLowercase: true,
        requireUppercase: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(7),
      },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(
      this.userPool,
      'AwsSolutions-COG3',
      'Threat protection (advanced security) needs the Plus feature plan; the accounts are few, created by the ' +
        'Trust, and every sign-in needs a one-time code (MFA required).',
    );
    acknowledge(
      this.userPool,
      'AwsSolutions-COG8',
      'The Plus feature plan (threat protection) is not needed for a few accounts the Trust creates, each with MFA.',
    );
    new cognito.CfnUserPoolGroup(this, 'TrustGroup', {
      userPoolId: this.userPool.userPoolId,
      groupName: TRUST_GROUP,
      description: "The Trust's staff: coverage of every partner and the report",
    });
    for (const partner of config.partners) {
      new cognito.CfnUserPoolGroup(this, `Group-${partner.id}`, {
        userPoolId: this.userPool.userPoolId,
        groupName: partnerGroup(partner.id),
        description: `Staff of ${partner.name}: their own uploads and reports only`.slice(0, 2048),
      });
    }
    // A prefix unique to this stack (the first part of its id), as sign-in domains are global.
    const stackUnique = Fn.select(0, Fn.split('-', Fn.select(2, Fn.split('/', Aws.STACK_ID))));
    this.domain = this.userPool.addDomain('SignIn', {
      cognitoDomain: { domainPrefix: Fn.join('-', ['workforce', stackUnique]) },
    });

    const fn = new PortalApiFunction(this, 'Function', { lake, config, configFile: props.configFile });
    this.function = fn.function;

    // Created before the client, whose sign-in comes back to the distribution's address.
    this.pages = new PortalPages(this, 'Pages', {
      logs: lake.logs,
      pagesDir: props.pagesDir,
      connect: [this.domain.baseUrl(), `https://${lake.landing.bucketRegionalDomainName}`],
    });
    const portalUrl = `https://${this.pages.distribution.distributionDomainName}/`;
    this.client = this.userPool.addClient('Pages', {
      generateSecret: false,
      authFlows: { userSrp: true },
      preventUserExistenceErrors: true,
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL],
        callbackUrls: [portalUrl],
        logoutUrls: [portalUrl],
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      enableTokenRevocation: true,
    });

    const authorizer = new HttpJwtAuthorizer('Cognito', this.userPool.userPoolProviderUrl, {
      jwtAudience: [this.client.userPoolClientId],
    });
    this.api = new apigw.HttpApi(this, 'Api', {
      description: "The partner portal's API",
      defaultAuthorizer: authorizer,
      createDefaultStage: true,
    });
    this.api.addRoutes({
      path: '/api/{proxy+}',
      methods: [apigw.HttpMethod.GET, apigw.HttpMethod.POST],
      integration: new HttpLambdaIntegration('Lambda', this.function),
    });
    const accessLogs = new logs.LogGroup(this, 'ApiLogs', { retention: logs.RetentionDays.SIX_MONTHS });
    const stage = this.api.defaultStage?.node.defaultChild as apigw.CfnStage;
    stage.accessLogSettings = {
      destinationArn: accessLogs.logGroupArn,
      format: JSON.stringify({
        requestId: '$context.requestId',
        ip: '$context.identity.sourceIp',
        user: '$context.authorizer.claims.sub',
        route: '$context.routeKey',
        status: '$context.status',
        error: '$context.authorizer.error',
      }),
    };
    stage.defaultRouteSettings = { throttlingBurstLimit: 50, throttlingRateLimit: 20 };
    this.pages.serveApi(Fn.select(2, Fn.split('/', this.api.apiEndpoint)));

    const portalConfig: PortalConfig = {
      apiBase: '',
      signIn: {
        kind: 'cognito',
        domain: this.domain.baseUrl(),
        clientId: this.client.userPoolClientId,
        redirectUri: portalUrl,
      },
    };
    this.pages.publish(portalConfig);

    lake.landing.addCorsRule({
      allowedMethods: [s3.HttpMethods.POST],
      allowedOrigins: [...(props.uploadOrigins ?? ['https://*.cloudfront.net'])],
      allowedHeaders: ['*'],
      exposedHeaders: ['x-amz-version-id', 'ETag'],
      maxAge: 3000,
    });

    new CfnOutput(this, 'PortalUrl', { value: portalUrl, description: 'The partner portal' });
    new CfnOutput(this, 'UserPoolId', {
      value: this.userPool.userPoolId,
      description: `Add each user to ${TRUST_GROUP} or to one partner-<id> group`,
    });
    new CfnOutput(this, 'SignInDomain', { value: this.domain.baseUrl() });
  }
}
