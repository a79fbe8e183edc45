/**
 * The create-user form as data: its draft, the checks run as the admin types (the same shared
 * IAM rules main checks again), and the channel input it becomes.
 */
import { checkIamPath, checkTag, checkUserName, type NameIssue } from '../../../shared/iam-names/iam-names';
import { INVITE_DAYS_DEFAULT, INVITE_DAYS_MAX, MAX_GROUPS_PER_USER } from '../../../shared/admin-limits';
import type { CreateUserInput } from '../../../shared/ipc/channels/admin-users';

export interface TagRow {
  id: number;
  key: string;
  value: string;
}

export interface UserFormDraft {
  userName: string;
  path: string;
  groups: string[];
  tags: TagRow[];
  attach: 'user' | 'group';
  attachGroup: string;
  days: string;
}

export const emptyDraft = (): UserFormDraft => ({
  userName: '',
  path: '',
  groups: [],
  tags: [{ id: 1, key: '', value: '' }],
  attach: 'user',
  attachGroup: '',
  days: String(INVITE_DAYS_DEFAULT),
});

/** i18n keys (under adminUsers:form) with their params. */
export interface Message {
  key: string;
  params?: Record<string, string | number>;
}

export interface FormIssues {
  userName: Message[];
  path: Message[];
  groups: Message[];
  tags: Record<number, Message[]>;
  attach: Message[];
  days: Message[];
}

/** The shared rules show a space as '␠', which many fonts lack: name spaces in words instead. */
function nameMessage(i: NameIssue): Message {
  const display = String(i.params?.display ?? '');
  if (i.rule !== 'invalidCharacters' || !display.includes('␠')) {
    return { key: `userName.rules.${i.rule}`, ...(i.params ? { params: i.params } : {}) };
  }
  const others = display.split(' ').filter((c) => c && c !== '␠').join(' ');
  return others ? { key: 'userName.rules.spaceAndCharacters', params: { display: others } } : { key: 'userName.rules.space' };
}

const isBlank = (t: TagRow) => t.key === '' && t.value === '';

/** The group the policy goes to: the one picked, or the first chosen group if that one was deselected. */
export const attachGroupOf = (d: UserFormDraft): string =>
  d.groups.includes(d.attachGroup) ? d.attachGroup : (d.groups[0] ?? '');

export function checkDraft(d: UserFormDraft): FormIssues {
  const tags: Record<number, Message[]> = {};
  const seen = new Set<string>();
  for (const t of d.tags.filter((x) => !isBlank(x))) {
    const issues: Message[] = checkTag(t.key, t.value).map((i) => ({ key: `tags.rules.${i.rule}` }));
    if (seen.has(t.key)) issues.push({ key: 'tags.duplicate' });
    seen.add(t.key);
    if (issues.length) tags[t.id] = issues;
  }
  const days = Number(d.days);
  return {
    userName: checkUserName(d.userName).map(nameMessage),
    path: d.path === '' ? [] : checkIamPath(d.path).map((i) => ({ key: `path.rules.${i.rule}` })),
    groups: d.groups.length > MAX_GROUPS_PER_USER ? [{ key: 'groups.tooMany', params: { max: MAX_GROUPS_PER_USER } }] : [],
    tags,
    attach: d.attach === 'group' && !attachGroupOf(d) ? [{ key: 'attach.needGroup' }] : [],
    days: Number.isInteger(days) && days >= 1 && days <= INVITE_DAYS_MAX ? [] : [{ key: 'days.invalid', params: { max: INVITE_DAYS_MAX } }],
  };
}

export const hasIssues = (f: FormIssues): boolean =>
  [f.userName, f.path, f.groups, f.attach, f.days].some((m) => m.length > 0) || Object.keys(f.tags).length > 0;

export function toInput(d: UserFormDraft): CreateUserInput {
  return {
    userName: d.userName,
    ...(d.path ? { path: d.path } : {}),
    groups: d.groups,
    tags: d.tags.filter((t) => !isBlank(t)).map((t) => ({ key: t.key, value: t.value })),
    attachPolicyTo: d.attach === 'group' ? { kind: 'group', groupName: attachGroupOf(d) } : { kind: 'user' },
    inviteValidDays: Number(d.days),
  };
}
