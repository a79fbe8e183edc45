import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../electron/security/csp';

const require = createRequire(import.meta.url);
const csp = require('@doyensec/csp-evaluator') as {
  CspParser: new (raw: string) => { csp: unknown };
  CspEvaluator: new (parsed: unknown, version: unknown) => { evaluate(): Array<{ type: number; severity: number; description: string; directive: string }> };
  Version: { CSP3: unknown };
  Finding: { Severity: Record<'HIGH' | 'HIGH_MAYBE', number> };
};

const evaluate = (raw: string) => new csp.CspEvaluator(new csp.CspParser(raw).csp, csp.Version.CSP3).evaluate();
const { HIGH, HIGH_MAYBE } = csp.Finding.Severity;
const isHigh = (f: { severity: number }) => f.severity === HIGH || f.severity === HIGH_MAYBE;

describe("the renderer's Content-Security-Policy", () => {
  it('has no high-severity finding from the CSP evaluator', () => {
    const high = evaluate(CONTENT_SECURITY_POLICY).filter(isHigh);
    expect(high.map((f) => `${f.directive}: ${f.description}`)).toEqual([]);
  });

  it('the evaluator does flag a weak policy (the check can fail)', () => {
    const high = evaluate("script-src 'self' 'unsafe-inline' https:").filter(isHigh);
    expect(high.length).toBeGreaterThan(0);
  });

  it('forbids inline script, eval and every remote origin', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
  });
});
