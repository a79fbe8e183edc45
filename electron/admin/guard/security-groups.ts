import { DescribeRegionsCommand, DescribeSecurityGroupsCommand, type IpPermission, type SecurityGroup } from '@aws-sdk/client-ec2';
import { awsErrorName } from '../../aws/aws-error';
import { mapLimit, tagAction, type ActionTagged } from '../iam-call';
import type { GuardClients } from './guard-clients';

export interface OpenRule {
  region: string;
  groupId: string;
  groupName: string;
  vpcId: string | null;
  ports: string;
  protocol: string;
  cidr: string;
}

const WORLD = new Set(['0.0.0.0/0', '::/0']);
const WATCHED = [22, 3389];

/** The ports of one ingress permission that matter here: all traffic, or a TCP range that includes SSH or RDP. */
function exposedPorts(p: IpPermission): string | null {
  const proto = p.IpProtocol ?? '';
  if (proto === '-1' || proto === 'all') return 'all';
  if (proto !== 'tcp' && proto !== '6') return null;
  const from = p.FromPort ?? 0;
  const to = p.ToPort ?? 65535;
  const hit = WATCHED.filter((port) => from <= port && port <= to);
  if (hit.length === 0) return null;
  return from === to ? String(from) : `${from}-${to}`;
}

export function openRules(region: string, groups: SecurityGroup[]): OpenRule[] {
  const out: OpenRule[] = [];
  for (const g of groups)
    for (const p of g.IpPermissions ?? []) {
      const ports = exposedPorts(p);
      if (!ports) continue;
      const cidrs = [...(p.IpRanges ?? []).map((r) => r.CidrIp ?? ''), ...(p.Ipv6Ranges ?? []).map((r) => r.CidrIpv6 ?? '')];
      for (const cidr of cidrs.filter((x) => WORLD.has(x)))
        out.push({ region, groupId: g.GroupId ?? '', groupName: g.GroupName ?? '', vpcId: g.VpcId ?? null, ports, protocol: p.IpProtocol === '-1' ? 'all' : (p.IpProtocol ?? ''), cidr });
    }
  return out;
}

/**
 * Every region enabled for the account (ec2:DescribeRegions lists only those by default), each read on its own:
 * a region that fails is reported with why, the others still count.
 */
export async function scanSecurityGroups(c: GuardClients) {
  const regions = await tagAction('ec2:DescribeRegions', c.get('ec2', c.homeRegion).send(new DescribeRegionsCommand({})));
  const names = (regions.Regions ?? []).map((r) => r.RegionName ?? '').filter(Boolean).sort();
  const results = await mapLimit(names, 4, async (region) => {
    try {
      const groups: SecurityGroup[] = [];
      let NextToken: string | undefined;
      do {
        const out = await tagAction('ec2:DescribeSecurityGroups', c.get('ec2', region).send(new DescribeSecurityGroupsCommand({ NextToken, MaxResults: 1000 })));
        groups.push(...(out.SecurityGroups ?? []));
        NextToken = out.NextToken;
      } while (NextToken);
      return { region, findings: openRules(region, groups), error: null };
    } catch (error) {
      return { region, findings: [], error: { region, missingPermission: (error as ActionTagged).$action ?? null, errorCode: awsErrorName(error) || 'internal' } };
    }
  });
  return {
    regionsChecked: results.filter((r) => !r.error).map((r) => r.region),
    regionErrors: results.flatMap((r) => (r.error ? [r.error] : [])),
    findings: results.flatMap((r) => r.findings),
  };
}
