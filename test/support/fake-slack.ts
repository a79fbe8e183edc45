import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SlackPost {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** Slack's incoming-webhook body is {"text": …}; null when the body was not that. */
  text: string | null;
}

export interface FakeSlack {
  /** https://127.0.0.1:PORT/services/T…/B…/… — shaped like a Slack incoming-webhook URL */
  webhookUrl: string;
  /** the self-signed certificate (PEM) the sandbox's API destinations must trust */
  caPem: string;
  posts: SlackPost[];
  waitForPosts(count: number, timeoutMs?: number): Promise<SlackPost[]>;
  close(): Promise<void>;
}

/**
 * A stand-in for a Slack incoming webhook: HTTPS on loopback with a throwaway self-signed certificate made by
 * openssl (EventBridge API destinations call HTTPS endpoints only). Answers 200 "ok" like Slack.
 */
export async function startFakeSlack(): Promise<FakeSlack> {
  const dir = mkdtempSync(join(tmpdir(), 'fake-slack-'));
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  const caPem = readFileSync(cert, 'utf8');
  const keyPem = readFileSync(key, 'utf8');
  rmSync(dir, { recursive: true, force: true });
  const posts: SlackPost[] = [];
  const server: Server = createServer({ key: keyPem, cert: caPem }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let text: string | null;
      try {
        const parsed = JSON.parse(body) as { text?: unknown };
        text = typeof parsed.text === 'string' ? parsed.text : null;
      } catch {
        text = null;
      }
      posts.push({ path: req.url ?? '/', headers: req.headers, body, text });
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const secretPath = `/services/T0SANDBOX/B0SANDBOX/${Math.random().toString(36).slice(2, 12)}${Math.random().toString(36).slice(2, 12)}`;
  return {
    webhookUrl: `https://127.0.0.1:${port}${secretPath}`,
    caPem,
    posts,
    async waitForPosts(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (posts.length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
      return [...posts];
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
