import { describe, expect, it } from 'vitest';
import { createAwsClientFactory, endpointsFromEnv } from '../../../../electron/aws/client-factory';
import { ServerClock } from '../../../../electron/aws/server-clock';
import { systemClock } from '../../../../electron/platform/clock';

describe('client factory: the account-guard services', () => {
  it('reads the SDK\'s service-specific endpoint variables (AWS_ENDPOINT_URL_<SERVICE ID>), else AWS_ENDPOINT_URL', () => {
    const env = {
      AWS_ENDPOINT_URL: 'http://all:1',
      AWS_ENDPOINT_URL_CLOUDTRAIL: 'http://ct:1',
      AWS_ENDPOINT_URL_EVENTBRIDGE: 'http://eb:1',
      AWS_ENDPOINT_URL_SNS: 'http://sns:1',
      AWS_ENDPOINT_URL_S3_CONTROL: 'http://s3c:1',
      AWS_ENDPOINT_URL_EC2: 'http://ec2:1',
    };
    expect(endpointsFromEnv(env)).toMatchObject({ cloudtrail: 'http://ct:1', eventbridge: 'http://eb:1', sns: 'http://sns:1', s3: 'http://all:1', 's3-control': 'http://s3c:1', ec2: 'http://ec2:1' });
  });

  it('gives each service the region asked for, adaptive retries and the server clock; S3 goes path-style behind an override', async () => {
    const f = createAwsClientFactory({ region: 'ap-northeast-2', endpoints: { s3: 'http://127.0.0.1:9', 's3-control': 'http://127.0.0.1:9' }, serverClock: new ServerClock(systemClock) });
    const creds = { accessKeyId: 'x', secretAccessKey: 'y' };
    const ec2 = f.guard('ec2', creds, 'eu-west-1');
    expect(await ec2.config.region()).toBe('eu-west-1');
    expect(await ec2.config.retryStrategy()).toMatchObject({ mode: 'adaptive' });
    expect(ec2.middlewareStack.identify().some((m) => m.startsWith('observeServerDate'))).toBe(true);
    expect(f.guard('s3', creds, 'us-east-1').config.forcePathStyle).toBe(true);
    expect(createAwsClientFactory({ region: 'us-east-1' }).guard('s3', creds, 'us-east-1').config.forcePathStyle).toBe(false);
  });
});
