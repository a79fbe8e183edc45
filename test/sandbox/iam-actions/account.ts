import type { ActionTable } from '../action-types';
import { AwsError, validationError } from '../errors';
import { buildCredentialReport } from '../credential-report';
import { XmlRaw, escapeXml } from '../xml';

const REPORT_TTL_MS = 4 * 3600 * 1000;

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
  GenerateCredentialReport: {
    handler: ({ state }) => {
      const now = state.now();
      const fresh = state.credentialReport && now.getTime() - state.credentialReport.generatedTime.getTime() < REPORT_TTL_MS;
      if (!fresh) state.credentialReport = { generatedTime: now, content: buildCredentialReport(state) };
      return fresh
        ? { State: 'COMPLETE' }
        : { State: 'STARTED', Description: 'No report exists. Starting a new report generation task' };
    },
  },
  GetCredentialReport: {
    handler: ({ state }) => {
      const r = state.credentialReport;
      if (!r)
        throw new AwsError('ReportNotPresent', 'Credential report not present. Use GenerateCredentialReport to generate a report.', 410);
      if (state.nowMs() - r.generatedTime.getTime() >= REPORT_TTL_MS)
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
