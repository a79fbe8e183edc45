import { parseArgs } from 'node:util';
import { startSandbox } from './index';

/**
 * `npm run sandbox [-- --port N]`: starts the sandbox, prints `export NAME=value` lines on stdout
 * (eval-able) and everything else on stderr; stops cleanly on SIGINT / SIGTERM.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', short: 'p' },
      'account-id': { type: 'string' },
      alias: { type: 'string' },
      region: { type: 'string' },
    },
    allowPositionals: false,
  });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid --port ${values.port}`);
  const sb = await startSandbox({
    port,
    ...(values['account-id'] ? { accountId: values['account-id'] } : {}),
    accountAlias: values.alias ?? 'sandbox',
    ...(values.region ? { region: values.region } : {}),
  });
  sb.scenario.setPasswordPolicy({
    MinimumPasswordLength: 14,
    RequireSymbols: true,
    RequireNumbers: true,
    RequireUppercaseCharacters: true,
    RequireLowercaseCharacters: true,
    AllowUsersToChangePassword: true,
    PasswordReusePrevention: 5,
  });
  const demo = sb.scenario.newUser({ userName: 'demo.user', attachEnforcementPolicy: true, tags: { purpose: 'demo' } });

  const quote = (v: string): string => `'${v.replace(/'/g, `'\\''`)}'`;
  for (const k of [
    'AWS_ACCESS_KEY_ID',
    'AWS_SECRET_ACCESS_KEY',
    'AWS_REGION',
    'AWS_DEFAULT_REGION',
    'AWS_ENDPOINT_URL_IAM',
    'AWS_ENDPOINT_URL_STS',
    'AWS_ENDPOINT_URL_SSO_OIDC',
    'AWS_ENDPOINT_URL_SSO',
    'AWS_ENDPOINT_URL_CLOUDTRAIL',
    'AWS_ENDPOINT_URL_EVENTBRIDGE',
    'AWS_ENDPOINT_URL_SNS',
    'AWS_ENDPOINT_URL_S3',
    'AWS_ENDPOINT_URL_S3_CONTROL',
    'AWS_ENDPOINT_URL_EC2',
  ])
    process.stdout.write(`export ${k}=${quote(sb.env[k] as string)}\n`);

  const err = (s: string): void => {
    process.stderr.write(s + '\n');
  };
  err(`# AWS sandbox (IAM, STS, SSO, CloudTrail, EventBridge, SNS, S3, EC2) listening on ${sb.url} (account ${sb.accountId}, alias sandbox, region ${sb.region})`);
  err(`# admin user: ${sb.admin.userName} (AdministratorAccess); credentials are in the exports above`);
  err(`# try the wizard with:`);
  err(`#   user name:          ${demo.userName}`);
  err(`#   temporary password: ${demo.password}`);
  err(`#   access key id:      ${demo.accessKeyId}`);
  err(`#   secret access key:  ${demo.secretAccessKey}`);
  err(`# example: aws --endpoint-url ${sb.url} iam list-users`);
  err(`# control surface: ${sb.url}/__sandbox/info ; SSO device approval: ${sb.url}/__sandbox/sso/device`);
  err(`# simulate a root sign-in: curl -X POST -d '{"result":"Success"}' ${sb.url}/__sandbox/guard/root-sign-in ; deliveries: ${sb.url}/__sandbox/guard/deliveries`);
  err(`# Ctrl-C to stop`);

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    err(`# ${signal}: stopping sandbox`);
    sb.stop().then(
      () => process.exit(0),
      (e: unknown) => {
        err(`# error while stopping: ${(e as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((e: unknown) => {
  process.stderr.write(`sandbox failed to start: ${(e as Error).message}\n`);
  process.exit(1);
});
