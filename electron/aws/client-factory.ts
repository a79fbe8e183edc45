import { IAMClient } from '@aws-sdk/client-iam';
import { SSOClient } from '@aws-sdk/client-sso';
import { SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import { STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import type { ServerClock } from './server-clock';

export type AwsCredentials = AwsCredentialIdentity | AwsCredentialIdentityProvider;
export type AwsService = 'iam' | 'sts' | 'sso-oidc' | 'sso';
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
  /** The endpoint override in force for a service, if any (shown in the UI header). */
  endpointOverride(service: AwsService): string | null;
}

const ENV_NAMES: Record<AwsService, string> = {
  iam: 'AWS_ENDPOINT_URL_IAM',
  sts: 'AWS_ENDPOINT_URL_STS',
  'sso-oidc': 'AWS_ENDPOINT_URL_SSO_OIDC',
  sso: 'AWS_ENDPOINT_URL_SSO',
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

  // Record the server's Date header on every response (success or error) for the TOTP clock.
  const withServerClock = <T extends { middlewareStack: IAMClient['middlewareStack'] }>(client: T): T => {
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
    endpointOverride: (service) => options.endpoints?.[service] ?? null,
  };
}

function headerOf(response: unknown, name: string): string | undefined {
  const headers = (response as { headers?: Record<string, string> } | undefined)?.headers;
  if (!headers) return undefined;
  return headers[name] ?? headers[name.toLowerCase()] ?? headers[name.charAt(0).toUpperCase() + name.slice(1)];
}
