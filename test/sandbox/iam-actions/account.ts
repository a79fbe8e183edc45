import type { ActionTable } from '../action-types';
import { AwsError, validationError } from '../errors';
import { buildCredentialReport, REPORT_REGENERATE_MS } from '../credential-report';
import { XmlRaw, escapeXml } from '../xml';

export const accountActions: ActionTable = {
  GetAccountSummary: {
    handler: ({ state }) => ({
      SummaryMap: new XmlRaw(
        Object.entries(state.summary())
          .map(([k, v]) => `<entry><key>${escapeXml(k)}</key><value>${v}</value></entry>`)
          .join(''),
      ),
    }),
  },
  /**
   * A new report only when there is none or the last one is at least 4 hours old; while one is
   * being generated INPROGRESS; else COMPLETE (IAM User Guide, "Getting credential reports").
   */
  GenerateCredentialReport: {
    handler: ({ state }) => {
      const now = state.nowMs();
      const r = state.credentialReport;
      if (r && now < r.readyAtMs) return { State: 'INPROGRESS', Description: 'Report generation in progress' };
      if (r && now - r.generatedTime.getTime() < REPORT_REGENERATE_MS) return { State: 'COMPLETE' };
      state.credentialReport = { generatedTime: new Date(now), content: buildCredentialReport(state), readyAtMs: now + state.credentialReportDelayMs };
      return { State: 'STARTED', Description: 'No report exists. Starting a new report generation task' };
    },
  },
  /** API reference: ReportNotPresent (410), ReportInProgress (404), ReportExpired (410); Content is base64. */
  GetCredentialReport: {
    handler: ({ state }) => {
      const r = state.credentialReport;
      if (!r)
        throw new AwsError('ReportNotPresent', 'Credential report not present. Use GenerateCredentialReport to generate a report.', 410);
      if (state.nowMs() < r.readyAtMs) throw new AwsError('ReportInProgress', 'Credential report is still being generated.', 404);
      if (state.nowMs() - r.generatedTime.getTime() >= REPORT_REGENERATE_MS)
        throw new AwsError('ReportExpired', 'The credential report is expired. Use GenerateCredentialReport to generate a new report.', 410);
      return { Content: Buffer.from(r.content, 'utf8').toString('base64'), ReportFormat: 'text/csv', GeneratedTime: r.generatedTime };
    },
  },
  ListAccountAliases: {
    handler: ({ state }) => ({ AccountAliases: state.accountAlias ? [state.accountAlias] : [], IsTruncated: false }),
  },
  CreateAccountAlias: {
    handler: ({ state, p }) => {
      const alias = p.req('AccountAlias');
      if (!/^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$/.test(alias))
        throw validationError(`1 validation error detected: Value '${alias}' at 'accountAlias' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$`);
      state.accountAlias = alias;
      return null;
    },
  },
  DeleteAccountAlias: {
    handler: ({ state, p }) => {
      const alias = p.req('AccountAlias');
      if (state.accountAlias !== alias) throw new AwsError('NoSuchEntity', `The account alias ${alias} cannot be found.`, 404);
      state.accountAlias = null;
      return null;
    },
  },
};
