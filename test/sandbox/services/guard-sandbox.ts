import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Delivery, GuardState, IpPermission, PublicAccessBlock } from './guard-state';
import { simulateRootApiCall, simulateRootSignIn } from './simulate-events';

/** What tests (in process) and the control surface (out of process) can do with the account-guard services. */
export interface GuardSandbox {
  /** Root console sign-in, delivered to the region's default bus (us-east-1 unless given); resolves after delivery. */
  simulateRootSignIn(o: { result: 'Success' | 'Failure'; sourceIp?: string; region?: string }): Promise<Record<string, unknown>>;
  /** Root IAM API call; reaches EventBridge only through a logging trail. */
  simulateRootApiCall(o: { eventName: 'DeactivateMFADevice' | 'CreateAccessKey'; sourceIp?: string }): Promise<{ event: Record<string, unknown>; delivered: boolean }>;
  deliveries(): Delivery[];
  clearDeliveries(): void;
  /** Waits until `count` deliveries exist (PutEvents delivers asynchronously). */
  waitForDeliveries(count: number, timeoutMs?: number): Promise<Delivery[]>;
  addSecurityGroup(region: string, groupName: string, ingress: IpPermission[]): string;
  setAccountPublicAccessBlock(b: PublicAccessBlock | null): void;
  /** The recipient clicks the confirmation link of every pending subscription to `endpoint`. */
  confirmSubscriptions(endpoint: string): number;
  /** API destinations trust this CA (a test's HTTPS receiver on loopback). */
  trustCa(pem: string): void;
  view(): GuardView;
  /**
   * An account already guarded by hand, the seeds' way: a logging multi-region trail, the seeds' EventBridge
   * patterns (001: console sign-in by Root; 000: DeactivateMFADevice by Root; plus CreateAccessKey by Root) with an
   * SNS target, and account-level Block Public Access on.
   */
  guardLikeTheSeeds(): void;
}

export interface GuardView {
  trails: Array<{ name: string; homeRegion: string; isMultiRegionTrail: boolean; isLogging: boolean; s3BucketName: string; logFileValidationEnabled: boolean }>;
  rules: Array<{ region: string; name: string; state: string; eventPattern: string; targets: Array<{ Id: string; Arn: string; RoleArn?: string; InputTemplate?: string }> }>;
  connections: Array<{ region: string; name: string; authorizationType: string }>;
  apiDestinations: Array<{ region: string; name: string; invocationEndpoint: string }>;
  topics: Array<{ region: string; name: string; arn: string; policy: string; subscriptions: Array<{ protocol: string; endpoint: string; confirmed: boolean }> }>;
  buckets: Array<{ name: string; region: string; policy?: string; encryption?: unknown; publicAccessBlock?: PublicAccessBlock; objectCount: number }>;
  accountPublicAccessBlock: PublicAccessBlock | null;
}

export function createGuardSandbox(guard: GuardState): GuardSandbox {
  const now = (): Date => guard.account.now();
  const sb: GuardSandbox = {
    simulateRootSignIn: (o) => simulateRootSignIn(guard, o, now()),
    simulateRootApiCall: (o) => simulateRootApiCall(guard, o, now()),
    deliveries: () => [...guard.deliveries],
    clearDeliveries: () => {
      guard.deliveries.length = 0;
    },
    async waitForDeliveries(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (guard.deliveries.length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
      return [...guard.deliveries];
    },
    addSecurityGroup(region, groupName, ingress) {
      const g = guard.newGroup(region, groupName, `${groupName} (sandbox scenario)`, ingress);
      guard.region(region).securityGroups.push(g);
      return g.groupId;
    },
    setAccountPublicAccessBlock(b) {
      guard.accountPublicAccessBlock = b ?? undefined;
    },
    confirmSubscriptions(endpoint) {
      let n = 0;
      for (const r of guard.regions.values())
        for (const t of r.topics.values())
          for (const s of t.subscriptions)
            if (s.endpoint === endpoint && !s.confirmed) {
              s.confirmed = true;
              n++;
            }
      return n;
    },
    trustCa(pem) {
      guard.trustedCa.push(pem);
    },
    guardLikeTheSeeds() {
      const acct = guard.accountId;
      const bucket = `seed-trail-${acct}`;
      guard.buckets.set(bucket, { name: bucket, region: 'us-east-1', creationDate: now(), objects: new Map() });
      guard.region('us-east-1').trails.set('trail-root-login', {
        name: 'trail-root-login',
        arn: `arn:aws:cloudtrail:us-east-1:${acct}:trail/trail-root-login`,
        homeRegion: 'us-east-1',
        s3BucketName: bucket,
        isMultiRegionTrail: true,
        includeGlobalServiceEvents: true,
        logFileValidationEnabled: false,
        isLogging: true,
        eventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true }],
        tags: [],
      });
      const r = guard.region('us-east-1');
      const topicArn = `arn:aws:sns:us-east-1:${acct}:root-alerts`;
      r.topics.set('root-alerts', {
        arn: topicArn,
        name: 'root-alerts',
        attributes: { Policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sns:Publish', Resource: topicArn }] }) },
        subscriptions: [],
      });
      const rule = (name: string, pattern: object) =>
        r.rules.set(name, { name, arn: `arn:aws:events:us-east-1:${acct}:rule/${name}`, eventPattern: JSON.stringify(pattern), state: 'ENABLED', targets: [{ Id: 'sns', Arn: topicArn }] });
      rule('root_login_detected', { 'detail-type': ['AWS Console Sign In via CloudTrail'], detail: { userIdentity: { type: ['Root'] } } });
      rule('root_mfa_deactivated', { 'detail-type': ['AWS API Call via CloudTrail'], detail: { userIdentity: { type: ['Root'] }, eventName: ['DeactivateMFADevice'] } });
      rule('root_access_key', { 'detail-type': ['AWS API Call via CloudTrail'], detail: { userIdentity: { type: ['Root'] }, eventName: ['CreateAccessKey'] } });
      guard.accountPublicAccessBlock = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };
    },
    view() {
      const regions = [...guard.regions.entries()];
      return {
        trails: regions.flatMap(([, r]) =>
          [...r.trails.values()].map((t) => ({
            name: t.name,
            homeRegion: t.homeRegion,
            isMultiRegionTrail: t.isMultiRegionTrail,
            isLogging: t.isLogging,
            s3BucketName: t.s3BucketName,
            logFileValidationEnabled: t.logFileValidationEnabled,
          })),
        ),
        rules: regions.flatMap(([region, r]) =>
          [...r.rules.values()].map((x) => ({
            region,
            name: x.name,
            state: x.state,
            eventPattern: x.eventPattern,
            targets: x.targets.map((t) => ({ Id: t.Id, Arn: t.Arn, ...(t.RoleArn ? { RoleArn: t.RoleArn } : {}), ...(t.InputTransformer ? { InputTemplate: t.InputTransformer.InputTemplate } : {}) })),
          })),
        ),
        connections: regions.flatMap(([region, r]) => [...r.connections.values()].map((c) => ({ region, name: c.name, authorizationType: c.authorizationType }))),
        apiDestinations: regions.flatMap(([region, r]) => [...r.apiDestinations.values()].map((d) => ({ region, name: d.name, invocationEndpoint: d.invocationEndpoint }))),
        topics: regions.flatMap(([region, r]) =>
          [...r.topics.values()].map((t) => ({
            region,
            name: t.name,
            arn: t.arn,
            policy: t.attributes.Policy ?? '',
            subscriptions: t.subscriptions.map((s) => ({ protocol: s.protocol, endpoint: s.endpoint, confirmed: s.confirmed })),
          })),
        ),
        buckets: [...guard.buckets.values()].map((b) => ({
          name: b.name,
          region: b.region,
          ...(b.policy ? { policy: b.policy } : {}),
          ...(b.encryption ? { encryption: b.encryption } : {}),
          ...(b.publicAccessBlock ? { publicAccessBlock: b.publicAccessBlock } : {}),
          objectCount: b.objects.size,
        })),
        accountPublicAccessBlock: guard.accountPublicAccessBlock ?? null,
      };
    },
  };
  return sb;
}

/** The control surface under /__sandbox/guard/ (JSON), for `npm run sandbox` users and out-of-process tests. */
export function createGuardControl(sb: GuardSandbox) {
  const json = (res: ServerResponse, status: number, body: unknown): void => {
    const text = JSON.stringify(body ?? null);
    res.statusCode = status;
    res.setHeader('Content-Type', 'application/json');
    res.end(text);
  };
  return async (req: IncomingMessage, res: ServerResponse, body: Buffer, path: string): Promise<void> => {
    const method = req.method ?? 'GET';
    let input: Record<string, unknown> = {};
    try {
      if (body.length) input = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    } catch {
      return json(res, 400, { error: 'body must be JSON' });
    }
    const sourceIp = typeof input.sourceIp === 'string' ? input.sourceIp : undefined;
    if (method === 'POST' && path === '/root-sign-in') {
      const result = input.result === 'Failure' ? 'Failure' : 'Success';
      const region = typeof input.region === 'string' ? input.region : undefined;
      return json(res, 200, { event: await sb.simulateRootSignIn({ result, ...(sourceIp ? { sourceIp } : {}), ...(region ? { region } : {}) }) });
    }
    if (method === 'POST' && (path === '/root-deactivate-mfa' || path === '/root-create-access-key'))
      return json(res, 200, await sb.simulateRootApiCall({ eventName: path === '/root-deactivate-mfa' ? 'DeactivateMFADevice' : 'CreateAccessKey', ...(sourceIp ? { sourceIp } : {}) }));
    if (path === '/deliveries') {
      if (method === 'DELETE') {
        sb.clearDeliveries();
        return json(res, 200, { ok: true });
      }
      return json(res, 200, sb.deliveries());
    }
    if (method === 'POST' && path === '/security-group') {
      const id = sb.addSecurityGroup(String(input.region ?? 'us-east-1'), String(input.groupName ?? 'open'), (input.ingress as IpPermission[] | undefined) ?? []);
      return json(res, 200, { groupId: id });
    }
    if (method === 'POST' && path === '/account-public-access-block') {
      sb.setAccountPublicAccessBlock(Object.keys(input).length ? (input as unknown as PublicAccessBlock) : null);
      return json(res, 200, { ok: true });
    }
    if (method === 'POST' && path === '/sns/confirm') return json(res, 200, { confirmed: sb.confirmSubscriptions(String(input.endpoint ?? '')) });
    if (method === 'GET' && path === '/state') return json(res, 200, sb.view());
    return json(res, 404, { error: `no control route ${method} /__sandbox/guard${path}` });
  };
}
