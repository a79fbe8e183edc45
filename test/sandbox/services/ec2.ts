import { AwsError } from '../errors';
import type { Params } from '../query-protocol';
import { ENABLED_REGIONS, OPT_IN_REGIONS, type IpPermission } from './guard-state';
import { ec2Xml, type Ec2Value, type ServiceCtx } from './protocol';

/**
 * Amazon EC2 (EC2 Query protocol: lowerCamel XML, lists as <item>), DescribeRegions and DescribeSecurityGroups.
 * Amazon EC2 API Reference. A request to a region that is not enabled for the account fails with AuthFailure, as
 * AWS answers for an opt-in region the account has not opted in to.
 */

export const EC2_NS = 'http://ec2.amazonaws.com/doc/2016-11-15/';

type Ec2Action = (ctx: ServiceCtx, p: Params) => Record<string, Ec2Value>;

const permXml = (perm: IpPermission): Ec2Value => ({
  ipProtocol: perm.IpProtocol,
  fromPort: perm.FromPort,
  toPort: perm.ToPort,
  groups: [],
  ipRanges: (perm.IpRanges ?? []).map((r) => ({ cidrIp: r.CidrIp, description: r.Description })),
  ipv6Ranges: (perm.Ipv6Ranges ?? []).map((r) => ({ cidrIpv6: r.CidrIpv6, description: r.Description })),
  prefixListIds: [],
});

function indexed(p: Params, name: string): string[] {
  const out: string[] = [];
  for (let i = 1; p.has(`${name}.${i}`); i++) out.push(p.str(`${name}.${i}`) as string);
  return out;
}

export const ec2Actions: Record<string, Ec2Action> = {
  DescribeRegions(ctx, p) {
    ctx.authorize('ec2:DescribeRegions');
    const all = p.str('AllRegions') === 'true';
    const names = indexed(p, 'RegionName');
    const rows = [
      ...ENABLED_REGIONS.map((r) => ({ r, status: 'opt-in-not-required' })),
      ...(all ? OPT_IN_REGIONS.map((r) => ({ r, status: 'not-opted-in' })) : []),
    ].filter((x) => names.length === 0 || names.includes(x.r));
    for (const n of names)
      if (!rows.some((x) => x.r === n)) throw new AwsError('InvalidParameterValue', `Invalid region: ${n}`, 400);
    return { regionInfo: rows.map(({ r, status }) => ({ regionName: r, regionEndpoint: `ec2.${r}.amazonaws.com`, optInStatus: status })) };
  },

  DescribeSecurityGroups(ctx, p) {
    ctx.authorize('ec2:DescribeSecurityGroups');
    const ids = indexed(p, 'GroupId');
    const groups = ctx.guard.region(ctx.region).securityGroups.filter((g) => ids.length === 0 || ids.includes(g.groupId));
    for (const id of ids) if (!groups.some((g) => g.groupId === id)) throw new AwsError('InvalidGroup.NotFound', `The security group '${id}' does not exist`, 400);
    const max = p.int('MaxResults', 5, 1000);
    if (max !== undefined && ids.length) throw new AwsError('InvalidParameterCombination', 'The parameter groupIds cannot be used with the parameter maxResults', 400);
    const start = Number(p.str('NextToken') ?? 0) || 0;
    const size = max ?? 1000;
    const page = groups.slice(start, start + size);
    return {
      securityGroupInfo: page.map((g) => ({
        ownerId: g.ownerId,
        groupId: g.groupId,
        groupName: g.groupName,
        groupDescription: g.description,
        vpcId: g.vpcId,
        ipPermissions: g.ingress.map(permXml),
        ipPermissionsEgress: [permXml({ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] })],
      })),
      nextToken: start + size < groups.length ? String(start + size) : undefined,
    };
  },
};

export function ec2Region(region: string): void {
  if (!ENABLED_REGIONS.includes(region)) throw new AwsError('AuthFailure', 'AWS was not able to validate the provided access credentials', 401);
}

export function renderEc2(action: string, result: Record<string, Ec2Value>, requestId: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${EC2_NS}"><requestId>${requestId}</requestId>${ec2Xml(result)}</${action}Response>`;
}

export function renderEc2Error(code: string, message: string, requestId: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${code}</Code><Message>${ec2Xml(message)}</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>`;
}
