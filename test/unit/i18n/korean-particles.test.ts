import { describe, expect, it } from 'vitest';
import { withParticle } from '../../../src/i18n/korean-particles';

describe('Korean particles chosen from the word', () => {
  it('Hangul words: from the last syllable (es-hangul), including ㄹ before 로', () => {
    expect(withParticle('개발자', '을/를')).toBe('개발자를');
    expect(withParticle('그룹', '을/를')).toBe('그룹을');
    expect(withParticle('서울', '으로/로')).toBe('서울로');
    expect(withParticle('부산', '으로/로')).toBe('부산으로');
    expect(withParticle('사과', '와/과')).toBe('사과와');
  });

  it('IAM names in Latin letters: as a Korean speaker reads their ending', () => {
    expect(withParticle('lee.seoyeon', '을/를')).toBe('lee.seoyeon을');
    expect(withParticle('kim.minji', '을/를')).toBe('kim.minji를');
    expect(withParticle('jdoe', '으로/로')).toBe('jdoe로');
    expect(withParticle('admin', '이/가')).toBe('admin이');
    expect(withParticle('jdoe-acme-prod-2', '으로/로')).toBe('jdoe-acme-prod-2로');
    expect(withParticle('mail', '으로/로')).toBe('mail로');
    expect(withParticle('devops-team', '은/는')).toBe('devops-team은');
    expect(withParticle('SSO', '을/를')).toBe('SSO를');
  });

  it('digits and quotes: v3 → 삼 (을), a closing quote is skipped', () => {
    expect(withParticle('v3', '을/를')).toBe('v3을');
    expect(withParticle('v2', '을/를')).toBe('v2를');
    expect(withParticle('‘jdoe’', '으로/로')).toBe('‘jdoe’로');
    expect(withParticle('‘그룹’', '을/를')).toBe('‘그룹’을');
  });
});
