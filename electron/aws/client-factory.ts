import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { EC2Client } from '@aws-sdk/client-ec2';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { IAMClient } from '@aws-sdk/client-iam';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { S3Client } from '@aws-sdk/client-s3';
import { S3ControlClient } from '@aws-sdk/client-s3-control';
import { SNSClient } from '@aws-sdk/client-sns';
import { SSOClient } from '@aws-sdk/client-sso';
import { SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import { STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { trackAmbiguousAttempts } from './ambiguous-attempts';
import type { ServerClock } from './server-clock';

export type AwsCredentials = AwsCredentialIdentity | AwsCredentialIdentityProvider;
export type AwsService = 'iam' | 'sts' | 'sso-oidc' | 'sso' | 'organizations' | AccountGuardService;
/** The services the account guard (CloudTrail, alerts, S3 exposure, security groups) calls; all regional. */
export type AccountGuardService = 'cloudtrail' | 'eventbridge' | 'sns' | 's3' | 's3-control' | 'ec2';
export interface AccountGuardClients {
  cloudtrail: CloudTrailClient;
  eventbridge: EventBridgeClient;
  sns: SNSClient;
  s3: S3Client;
  's3-control': S3ControlClient;
  ec2: EC2Client;
}
export type SessionEndpoints = Partial<Record<AwsService, string>>;

export interface AwsClientFactoryOptions {
  /** Default region (IAM is global; STS/SSO are regional). */
  region: string;
  /** Endpoint overrides, e.g. the sandbox. When absent, the SDK's own AWS_ENDPOINT_URL_* handling applies. */
  endpoints?: Partial<Record<AwsService, string>>;
  /** Total attempts per call, including the first (SDK retry with backoff; adaptive mode rate-limits client side). */
  maxAttempts?: number;
  serverClock?: ServerClock;
}

export interface AwsClientFactory {
  readonly region: string;
  /** `endpoints` overrides the configured endpoint for this one client (e.g. an onboarding session's vetted invite endpoints). */
  iam(credentials: AwsCredentials, endpoints?: SessionEndpoints): IAMClient;
  sts(credentials: AwsCredentials, region?: string, endpoints?: SessionEndpoints): STSClient;
  ssoOidc(region?: string): SSOOIDCClient;
  sso(region?: string): SSOClient;
  /** AWS Organizations: one global endpoint, signed for us-east-1 (Organizations API reference, "Endpoint to call"). */
  organizations(credentials: AwsCredentials): OrganizationsClient;
  /** A client of one of the account-guard services in `region`. */
  guard<S extends AccountGuardService>(service: S, credentials: AwsCredentials, region: string): AccountGuardClients[S];
  /** The endpoint override in force for a service, if any (shown in the UI header). */
  endpointOverride(service: AwsService): string | null;
}

const ENV_NAMES: Record<AwsService, string> = {
  iam: 'AWS_ENDPOINT_URL_IAM',
  sts: 'AWS_ENDPOINT_URL_STS',
  'sso-oidc': 'AWS_ENDPOINT_URL_SSO_OIDC',
  sso: 'AWS_ENDPOINT_URL_SSO',
  organizations: 'AWS_ENDPOINT_URL_ORGANIZATIONS',
  // The SDK's service-specific names: AWS_ENDPOINT_URL_ + the service id in upper snake case.
  cloudtrail: 'AWS_ENDPOINT_URL_CLOUDTRAIL',
  eventbridge: 'AWS_ENDPOINT_URL_EVENTBRIDGE',
  sns: 'AWS_ENDPOINT_URL_SNS',
  s3: 'AWS_ENDPOINT_URL_S3',
  's3-control': 'AWS_ENDPOINT_URL_S3_CONTROL',
  ec2: 'AWS_ENDPOINT_URL_EC2',
};

/** Reads the standard endpoint overrides from an environment, so the app runs against AWS, the sandbox or any compatible endpoint. */
export function endpointsFromEnv(env: Record<string, string | undefined>): Partial<Record<AwsService, string>> {
  const out: Partial<Record<AwsService, string>> = {};
  for (const [service, name] of Object.entries(ENV_NAMES) as [AwsService, string][]) {
    const url = env[name] ?? env.AWS_ENDPOINT_URL;
    if (url) out[service] = url;
  }
  return out;
}

export function createAwsClientFactory(options: AwsClientFactoryOptions): AwsClientFactory {
  const common = (service: AwsService, region: string, own?: SessionEndpoints) => {
    const endpoint = own?.[service] ?? options.endpoints?.[service];
    return {
      region,
      maxAttempts: options.maxAttempts ?? 4,
      retryMode: 'adaptive' as const,
      ...(endpoint ? { endpoint } : {}),
    };
  };

  // Record the server's Date header on every response (success or error) for the TOTP clock, and
  // which SDK retries followed an attempt that may have run (ambiguous-attempts.ts).
  const withServerClock = <T extends { middlewareStack: IAMClient['middlewareStack'] }>(client: T): T => {
    trackAmbiguousAttempts(client);
    const clock = options.serverClock;
    if (!clock) return client;
    (client.middlewareStack as IAMClient['middlewareStack']).add(
      (next) => async (args) => {
        try {
          const result = await next(args);
          clock.observe(headerOf(result.response, 'date'));
          return result;
        } catch (error) {
          clock.observe(headerOf((error as { $response?: unknown }).$response, 'date'));
          throw error;
        }
      },
      { step: 'deserialize', name: 'observeServerDate', priority: 'low' },
    );
    return client;
  };

  return {
    region: options.region,
    iam: (credentials, endpoints) => withServerClock(new IAMClient({ ...common('iam', 'us-east-1', endpoints), credentials })),
    sts: (credentials, region, endpoints) =>
      withServerClock(new STSClient({ ...common('sts', region ?? options.region, endpoints), credentials }) as never) as STSClient,
    ssoOidc: (region) => withServerClock(new SSOOIDCClient({ ...common('sso-oidc', region ?? options.region) }) as never) as SSOOIDCClient,
    sso: (region) => withServerClock(new SSOClient({ ...common('sso', region ?? options.region) }) as never) as SSOClient,
    organizations: (credentials) =>
      withServerClock(new OrganizationsClient({ ...common('organizations', 'us-east-1'), credentials }) as never) as OrganizationsClient,
    guard: (service, credentials, region) => {
      const config = { ...common(service, region), credentials };
      const endpoint = options.endpoints?.[service];
      const make = {
        cloudtrail: () => new CloudTrailClient(config),
        eventbridge: () => new EventBridgeClient(config),
        sns: () => new SNSClient(config),
        // An overridden endpoint (the sandbox, LocalStack) takes path-style bucket addressing.
        s3: () => new S3Client({ ...config, ...(endpoint ? { forcePathStyle: true } : {}) }),
        // S3 Control puts the account id in front of the host; an overridden endpoint is used as it is.
        's3-control': () => new S3ControlClient({ ...config, ...(endpoint ? { endpointProvider: () => ({ url: new URL(endpoint) }) } : {}) }),
        ec2: () => new EC2Client(config),
      }[service];
      return withServerClock(make() as never) as never;
    },
    endpointOverride: (service) => options.endpoints?.[service] ?? null,
  };
}

function headerOf(response: unknown, name: string): string | undefined {
  const headers = (response as { headers?: Record<string, string> } | undefined)?.headers;
  if (!headers) return undefined;
  return headers[name] ?? headers[name.toLowerCase()] ?? headers[name.charAt(0).toUpperCase() + name.slice(1)];
}
