import type { AccountState } from '../state';

/**
 * The account-level services beside IAM (CloudTrail, EventBridge, SNS, S3, S3 Control, EC2), kept apart from
 * state.ts. Regional resources live under their region; S3 buckets are global names with a region.
 */

export interface Trail {
  name: string;
  arn: string;
  homeRegion: string;
  s3BucketName: string;
  s3KeyPrefix?: string;
  isMultiRegionTrail: boolean;
  includeGlobalServiceEvents: boolean;
  logFileValidationEnabled: boolean;
  kmsKeyId?: string;
  isLogging: boolean;
  /** Classic event selectors; the default on CreateTrail is all management events. */
  eventSelectors: Array<{ ReadWriteType: 'ReadOnly' | 'WriteOnly' | 'All'; IncludeManagementEvents: boolean }>;
  tags: Array<{ Key: string; Value: string }>;
}

export interface EventTarget {
  Id: string;
  Arn: string;
  RoleArn?: string;
  Input?: string;
  InputPath?: string;
  InputTransformer?: { InputPathsMap?: Record<string, string>; InputTemplate: string };
}

export interface Rule {
  name: string;
  arn: string;
  eventPattern: string;
  state: 'ENABLED' | 'DISABLED';
  description?: string;
  targets: EventTarget[];
}

export interface Connection {
  name: string;
  arn: string;
  authorizationType: string;
  /** the auth parameters, secrets included, as EventBridge keeps them (in Secrets Manager on AWS) */
  authParameters: unknown;
  state: 'AUTHORIZED' | 'DEAUTHORIZED';
  creationTime: Date;
}

export interface ApiDestination {
  name: string;
  arn: string;
  connectionArn: string;
  invocationEndpoint: string;
  httpMethod: string;
  rateLimitPerSecond: number;
  creationTime: Date;
}

export interface Subscription {
  arn: string;
  topicArn: string;
  protocol: string;
  endpoint: string;
  confirmed: boolean;
}

export interface Topic {
  arn: string;
  name: string;
  attributes: Record<string, string>;
  subscriptions: Subscription[];
}

export interface IpPermission {
  IpProtocol: string;
  FromPort?: number;
  ToPort?: number;
  IpRanges?: Array<{ CidrIp: string; Description?: string }>;
  Ipv6Ranges?: Array<{ CidrIpv6: string; Description?: string }>;
}

export interface SecurityGroup {
  groupId: string;
  groupName: string;
  description: string;
  vpcId: string;
  ownerId: string;
  ingress: IpPermission[];
}

export interface Bucket {
  name: string;
  region: string;
  creationDate: Date;
  policy?: string;
  encryption?: unknown;
  publicAccessBlock?: PublicAccessBlock;
  objects: Map<string, { body: string; lastModified: Date }>;
}

export interface PublicAccessBlock {
  BlockPublicAcls: boolean;
  IgnorePublicAcls: boolean;
  BlockPublicPolicy: boolean;
  RestrictPublicBuckets: boolean;
}

export interface RegionState {
  trails: Map<string, Trail>;
  rules: Map<string, Rule>;
  connections: Map<string, Connection>;
  apiDestinations: Map<string, ApiDestination>;
  topics: Map<string, Topic>;
  securityGroups: SecurityGroup[];
}

/** One delivery EventBridge made to a target (an API destination POST or an SNS publish). */
export interface Delivery {
  time: Date;
  region: string;
  rule: string;
  targetArn: string;
  kind: 'apiDestination' | 'sns';
  /** the body as sent (transformed input) */
  body: string;
  /** HTTP status of the endpoint, or an error, for API destinations */
  status?: number;
  error?: string;
  /** SNS: the confirmed subscriptions (protocol:endpoint) it fanned out to */
  fanOut?: string[];
}

/** Regions enabled by default (DescribeRegions without AllRegions lists these), per the EC2 API reference. */
export const ENABLED_REGIONS = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'ca-central-1', 'eu-central-1', 'eu-west-1', 'eu-west-2',
  'eu-west-3', 'eu-north-1', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-south-1', 'ap-southeast-1',
  'ap-southeast-2', 'sa-east-1',
];
/** Opt-in regions, not enabled in a new account. */
export const OPT_IN_REGIONS = ['af-south-1', 'ap-east-1', 'me-south-1', 'eu-south-1'];

export class GuardState {
  readonly regions = new Map<string, RegionState>();
  readonly buckets = new Map<string, Bucket>();
  accountPublicAccessBlock?: PublicAccessBlock;
  readonly deliveries: Delivery[] = [];
  /** Every event put on a default bus (service events and PutEvents), newest last. */
  readonly events: Array<{ region: string; event: Record<string, unknown> }> = [];
  /** CA certificates API destinations trust besides the system's (tests serve HTTPS on loopback). */
  trustedCa: string[] = [];
  /** Bucket names are global across AWS: another account of the sandbox may own this one. */
  bucketOwnedElsewhere: (name: string) => boolean = () => false;
  private sgCounter = 0;

  constructor(readonly account: AccountState) {}

  get accountId(): string {
    return this.account.accountId;
  }

  region(name: string): RegionState {
    let r = this.regions.get(name);
    if (!r) {
      r = { trails: new Map(), rules: new Map(), connections: new Map(), apiDestinations: new Map(), topics: new Map(), securityGroups: [] };
      // Every region's default VPC has a default group that only admits itself (EC2 user guide, default security groups).
      r.securityGroups.push(this.newGroup(name, 'default', 'default VPC security group', []));
      this.regions.set(name, r);
    }
    return r;
  }

  newGroup(region: string, groupName: string, description: string, ingress: IpPermission[]): SecurityGroup {
    this.sgCounter++;
    const hex = (this.sgCounter + 0x1000).toString(16).padStart(17, '0');
    return { groupId: `sg-${hex}`, groupName, description, vpcId: `vpc-${region.replace(/[^a-z0-9]/g, '').slice(0, 8)}0001`, ownerId: this.accountId, ingress };
  }

  /** Trails whose events reach `region`: the region's own trails and multi-region trails homed anywhere. */
  trailsCovering(region: string): Trail[] {
    const out: Trail[] = [];
    for (const [name, r] of this.regions)
      for (const t of r.trails.values()) if (name === region || t.isMultiRegionTrail) out.push(t);
    return out;
  }
}
