import { describe, expect, it } from 'vitest';
import { checkIamPath, checkTag, checkUserName, mfaDeviceNameFor } from '../../../../src/shared/iam-names/iam-names';

describe('checkUserName', () => {
  it.each(['a', 'jane.doe', 'jane.doe@example.com', 'A_b+c=d,e.f@g-h', 'x'.repeat(64), '123'])('accepts %s', (name) => {
    expect(checkUserName(name)).toEqual([]);
  });

  it('required', () => {
    expect(checkUserName('')).toEqual([{ rule: 'required' }]);
  });

  it('tooLong past 64', () => {
    expect(checkUserName('x'.repeat(65))).toEqual([{ rule: 'tooLong', params: { max: 64, length: 65 } }]);
  });

  it('invalidCharacters lists the offending characters once each, in order', () => {
    expect(checkUserName('김철수 kim 김')).toEqual([
      { rule: 'invalidCharacters', params: { chars: '김철수 ', display: '김 철 수 ␠', count: 4 } },
    ]);
    expect(checkUserName('jane/doe:x!')).toEqual([
      { rule: 'invalidCharacters', params: { chars: '/:!', display: '/ : !', count: 3 } },
    ]);
  });

  it('shows invisible characters by code point', () => {
    const issue = checkUserName('a\u00a0b\tc')[0]!;
    expect(issue.params).toMatchObject({ chars: '\u00a0\t', display: 'U+00A0 U+0009' });
  });

  it('reports both problems at once', () => {
    expect(checkUserName('é'.repeat(65)).map((i) => i.rule)).toEqual(['tooLong', 'invalidCharacters']);
  });
});

describe('checkIamPath', () => {
  it.each(['/', '/engineering/', '/a/b/c/', '/division_abc/subdivision_xyz/', '/!~/'])('accepts %s', (p) => {
    expect(checkIamPath(p)).toEqual([]);
  });

  it.each(['', 'engineering', '/engineering', 'engineering/', '/eng ineering/', '/한국/'])('pathFormat for %j', (p) => {
    expect(checkIamPath(p)).toEqual([{ rule: 'pathFormat' }]);
  });

  it('tooLong past 512', () => {
    expect(checkIamPath(`/${'a'.repeat(510)}/`)).toEqual([]);
    expect(checkIamPath(`/${'a'.repeat(511)}/`)).toEqual([{ rule: 'tooLong' }]);
  });
});

describe('checkTag', () => {
  it('accepts letters, digits, spaces and _.:/=+-@ in any script', () => {
    expect(checkTag('Department', 'Engineering')).toEqual([]);
    expect(checkTag('team:owner', 'jane.doe@example.com')).toEqual([]);
    expect(checkTag('부서', '개발 팀 1')).toEqual([]);
    expect(checkTag('CostCenter', '')).toEqual([]);
    expect(checkTag('path', '/a/b+c=d-e_f')).toEqual([]);
  });

  it('keyRequired', () => {
    expect(checkTag('', 'x')).toEqual([{ rule: 'keyRequired' }]);
  });

  it('keyTooLong / valueTooLong at 128 / 256 characters', () => {
    expect(checkTag('k'.repeat(128), 'v'.repeat(256))).toEqual([]);
    expect(checkTag('k'.repeat(129), 'v')).toEqual([{ rule: 'keyTooLong' }]);
    expect(checkTag('k', 'v'.repeat(257))).toEqual([{ rule: 'valueTooLong' }]);
    expect(checkTag('키'.repeat(128), '값'.repeat(256))).toEqual([]);
  });

  it('invalidCharacters in key or value', () => {
    expect(checkTag('a!b', 'x')).toEqual([{ rule: 'invalidCharacters' }]);
    expect(checkTag('a', 'semi;colon')).toEqual([{ rule: 'invalidCharacters' }]);
    expect(checkTag('a', 'line\nbreak')).toEqual([{ rule: 'invalidCharacters' }]);
  });

  it('reservedPrefix aws: (any case)', () => {
    expect(checkTag('aws:createdBy', 'x')).toEqual([{ rule: 'reservedPrefix' }]);
    expect(checkTag('AWS:x', 'x')).toEqual([{ rule: 'reservedPrefix' }]);
    expect(checkTag('awsome', 'x')).toEqual([]);
  });

  it('reservedByApp: the onboarding window key (any case) — an admin cannot set a window date of their own', () => {
    expect(checkTag('iam-onboarding-window', '2099-01-01T00:00:00Z')).toEqual([{ rule: 'reservedByApp' }]);
    expect(checkTag('IAM-Onboarding-Window', 'x')).toEqual([{ rule: 'reservedByApp' }]);
    expect(checkTag('iam-onboarding-window-note', 'x')).toEqual([]);
  });
});

describe('mfaDeviceNameFor', () => {
  it('is the user name (matches mfa/${aws:username} in the enforcement policy)', () => {
    expect(mfaDeviceNameFor('jane.doe')).toBe('jane.doe');
  });
});
