import { z } from 'zod';
import { defineChannel } from '../define';

/**
 * Guarding the account itself (seed 004's checklist and seeds 000/001's root alerts): CloudTrail, alerts on root
 * activity, S3 Block Public Access, open security groups. Each check is a readiness row that fails on its own.
 */

const empty = z.object({}).strict();

const status = z.enum(['ok', 'fail', 'unknown']);
const couldNotCheck = {
  /** For `unknown`: the action the admin may not call, and the AWS error name. */
  missingPermission: z.string().nullable(),
  errorCode: z.string().nullable(),
};

export const ALERT_KINDS = ['signInSuccess', 'signInFailure', 'mfaDeactivated', 'accessKeyCreated'] as const;
export const alertKindSchema = z.enum(ALERT_KINDS);

const trailRow = z.object({
  name: z.string(),
  homeRegion: z.string(),
  multiRegion: z.boolean(),
  logging: z.boolean().nullable(),
  managementEvents: z.boolean().nullable(),
  /** Created by this app (so it can be removed here). */
  ours: z.boolean(),
});

export const publicAccessBlockSchema = z
  .object({ BlockPublicAcls: z.boolean(), IgnorePublicAcls: z.boolean(), BlockPublicPolicy: z.boolean(), RestrictPublicBuckets: z.boolean() })
  .strict();

const openRule = z.object({
  region: z.string(),
  groupId: z.string(),
  groupName: z.string(),
  vpcId: z.string().nullable(),
  /** '22', '3389', 'all' or a range like '0-65535' that includes 22 or 3389 */
  ports: z.string(),
  protocol: z.string(),
  cidr: z.string(),
});

export const guardCheckSchema = z.discriminatedUnion('id', [
  z.object({ id: z.literal('cloudTrail'), status, ...couldNotCheck, region: z.string(), trails: z.array(trailRow) }),
  z.object({
    id: z.literal('rootAlerts'),
    status,
    ...couldNotCheck,
    region: z.string(),
    /** Each kind of root activity and the enabled rules (with a target) that alert on it. */
    coverage: z.array(z.object({ kind: alertKindSchema, rules: z.array(z.string()) })),
    /** This app's alert setup, when there is one: where it delivers (the webhook's host only, never its URL). */
    ours: z
      .object({
        slackHost: z.string().nullable(),
        emails: z.array(z.object({ endpoint: z.string(), confirmed: z.boolean() })),
      })
      .nullable(),
  }),
  z.object({ id: z.literal('s3PublicAccess'), status, ...couldNotCheck, current: publicAccessBlockSchema.nullable() }),
  z.object({
    id: z.literal('securityGroups'),
    status,
    ...couldNotCheck,
    regionsChecked: z.array(z.string()),
    /** Regions whose groups could not be read, with why. */
    regionErrors: z.array(z.object({ region: z.string(), missingPermission: z.string().nullable(), errorCode: z.string() })),
    findings: z.array(openRule),
  }),
]);

/** No character that could end a JSON string or open an input-transformer placeholder. */
const plainText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .regex(/^[^<>"\\\p{Cc}]+$/u);

/** The alert text in the admin's language: built in the renderer from i18n, checked here, templated in main. */
export const alertTextSchema = z
  .object({
    headings: z.object({ signInSuccess: plainText(120), signInFailure: plainText(120), mfaDeactivated: plainText(120), accessKeyCreated: plainText(120), test: plainText(120) }).strict(),
    results: z.object({ signInSuccess: plainText(60), signInFailure: plainText(60), mfaDeactivated: plainText(60), accessKeyCreated: plainText(60), test: plainText(60) }).strict(),
    labels: z.object({ account: plainText(30), time: plainText(30), sourceIp: plainText(30), result: plainText(30) }).strict(),
  })
  .strict();

const planId = z.string().regex(/^[a-f0-9]{32}$/);

const createdItem = z.object({ service: z.string(), kind: z.string(), name: z.string(), detail: z.string().nullable() });

export const adminGuardChannels = {
  'admin:guard:checks': defineChannel({ input: empty, output: z.object({ checks: z.array(guardCheckSchema) }) }),

  /** What creating the trail would create, exactly; nothing is created yet. */
  'admin:guard:trailPlan': defineChannel({
    input: empty,
    output: z.object({
      planId,
      region: z.string(),
      trailName: z.string(),
      bucketName: z.string(),
      bucketPolicy: z.string(),
      items: z.array(createdItem),
    }),
  }),
  'admin:guard:trailApply': defineChannel({ input: z.object({ planId }).strict(), output: z.object({ trailArn: z.string() }) }),
  /** Undo: deletes this app's trail, and its bucket when the bucket is still empty. */
  'admin:guard:trailRemove': defineChannel({
    input: empty,
    output: z.object({ trailName: z.string(), bucketName: z.string().nullable(), bucketKept: z.enum(['notEmpty', 'notDeleted']).nullable() }),
  }),

  /**
   * What setting up root alerts would create. The webhook URL is sent once, here, and stays in main (in the plan)
   * until it is handed to EventBridge; the answer names its host only.
   */
  'admin:guard:alertsPlan': defineChannel({
    input: z
      .object({
        slackWebhookUrl: z.string().trim().max(2048).optional(),
        email: z.string().trim().max(254).email().optional(),
        text: alertTextSchema,
      })
      .strict(),
    output: z.object({
      planId,
      region: z.string(),
      slackHost: z.string().nullable(),
      /** The host is not Slack's webhook host: allowed (any HTTPS endpoint taking Slack's {"text"} body), but said. */
      slackHostUnusual: z.boolean(),
      email: z.string().nullable(),
      rules: z.array(z.object({ kind: z.union([alertKindSchema, z.literal('test')]), name: z.string(), pattern: z.string(), preview: z.string() })),
      items: z.array(createdItem),
    }),
  }),
  'admin:guard:alertsApply': defineChannel({ input: z.object({ planId }).strict(), output: z.object({ created: z.array(createdItem) }) }),
  /** Proves delivery through AWS: a test event on the bus, routed by this app's test rule to the same targets. */
  'admin:guard:alertsTest': defineChannel({
    input: empty,
    output: z.object({ eventId: z.string(), region: z.string(), patternsChecked: z.array(z.object({ kind: alertKindSchema, matches: z.boolean() })) }),
  }),
  'admin:guard:alertsRemove': defineChannel({ input: empty, output: z.object({ removed: z.array(createdItem) }) }),

  /** Turns on all four account-level Block Public Access settings; answers what was there before (for undo). */
  'admin:guard:blockPublicAccess': defineChannel({ input: empty, output: z.object({ previous: publicAccessBlockSchema.nullable() }) }),
  /**
   * Undo: puts back what this app's last `blockPublicAccess` found in this account (none: removes the setting).
   * Main remembers it; the renderer cannot choose what is written.
   */
  'admin:guard:restorePublicAccess': defineChannel({
    input: empty,
    output: z.object({ restored: publicAccessBlockSchema.nullable() }),
  }),
} as const;

export const adminGuardEvents = {} as const;
