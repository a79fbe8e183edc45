/**
 * The only URLs the app opens in the system browser: https on AWS's own sign-in and console
 * hosts. Everything else is refused.
 */
const ALLOWED_HOSTS = [
  /^([a-z0-9-]+\.)?signin\.aws\.amazon\.com$/,
  /^([a-z0-9-]+\.)?console\.aws\.amazon\.com$/,
  /^([a-z0-9-]+\.)?signin\.amazonaws-us-gov\.com$/,
  /^([a-z0-9-]+\.)?console\.amazonaws-us-gov\.com$/,
  /^([a-z0-9-]+\.)?signin\.amazonaws\.cn$/,
  /^([a-z0-9-]+\.)?console\.amazonaws\.cn$/,
  /^device\.sso\.[a-z0-9-]+\.amazonaws\.com$/,
  /^[a-z0-9-]+\.awsapps\.com$/,
  /^[a-z0-9-]+\.portal\.[a-z0-9-]+\.app\.aws$/, // newer IAM Identity Center portals
  /^docs\.aws\.amazon\.com$/,
];

export function isAllowedExternalUrl(raw: string, extraOrigins: readonly string[] = []): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  // A configured endpoint override (the sandbox's device-approval page) is allowed as-is.
  if (extraOrigins.includes(url.origin)) return true;
  if (url.protocol !== 'https:' || url.port !== '') return false;
  return ALLOWED_HOSTS.some((re) => re.test(url.hostname));
}
