import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/**
 * The shipped clipboard port (Electron 45's clipboard: async readText / write / writeText, sync
 * clear — electron.d.ts) against an in-memory clipboard that behaves so: a secret goes out in one
 * write with the platform's "concealed" formats, is cleared after its time, on lock, and only if
 * it is still what the clipboard holds (never what the user copied since).
 */
const board = vi.hoisted(() => ({
  text: '',
  writes: [] as Array<Record<string, unknown>>,
  clears: 0,
  failWrite: false,
  failRead: false,
}));

vi.mock('electron', () => {
  class ClipboardItem {
    constructor(readonly data: Record<string, unknown>) {}
  }
  const clipboard = {
    async write(items: ClipboardItem[]) {
      if (board.failWrite) throw new Error('unsupported format');
      for (const item of items) {
        board.writes.push(item.data);
        board.text = String(item.data['text/plain']);
      }
    },
    async writeText(text: string) {
      board.text = text;
    },
    async readText() {
      if (board.failRead) throw new Error('clipboard busy');
      return board.text;
    },
    clear() {
      board.clears++;
      board.text = '';
    },
  };
  return { clipboard, ClipboardItem, app: { getPath: () => '/tmp' }, dialog: {}, shell: {}, safeStorage: {} };
});

const { createElectronPorts } = await import('../../../../electron/platform/electron-ports');
const { concealedFormats } = await import('../../../../electron/platform/concealed-clipboard');

const SECRET = 'Tmp-Password-4711!';
const settle = () => vi.advanceTimersByTimeAsync(0);

describe('the Electron clipboard port', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    Object.assign(board, { text: '', writes: [], clears: 0, failWrite: false, failRead: false });
  });
  afterEach(() => vi.useRealTimers());

  it('writes a secret once, with the platform\u2019s concealed formats, and clears it after its time', async () => {
    const clip = createElectronPorts(() => null).clipboard;
    clip.writeSecret(SECRET, 30_000);
    await settle();
    expect(board.writes).toEqual([{ 'text/plain': SECRET, ...concealedFormats(process.platform) }]);
    expect(clip.holdsSecret()).toBe(true);
    await vi.advanceTimersByTimeAsync(29_999);
    expect([board.text, board.clears]).toEqual([SECRET, 0]);
    await vi.advanceTimersByTimeAsync(1);
    expect([board.text, board.clears, clip.holdsSecret()]).toEqual(['', 1, false]);
  });

  it('never clears what the user copied since; it forgets the secret all the same', async () => {
    const clip = createElectronPorts(() => null).clipboard;
    clip.writeSecret(SECRET, 30_000);
    await settle();
    board.text = 'something the user copied';
    await vi.advanceTimersByTimeAsync(30_000);
    expect([board.text, board.clears, clip.holdsSecret()]).toEqual(['something the user copied', 0, false]);
  });

  it('a lock clears at once, and the timer does not clear again later', async () => {
    const clip = createElectronPorts(() => null).clipboard;
    clip.writeSecret(SECRET, 30_000);
    await settle();
    await clip.clearSecret();
    expect([board.text, board.clears, clip.holdsSecret()]).toEqual(['', 1, false]);
    board.text = SECRET; // the same text copied again by the user, by hand
    await vi.advanceTimersByTimeAsync(60_000);
    expect([board.text, board.clears]).toEqual([SECRET, 1]);
    // Nothing held: a second lock touches nothing.
    await clip.clearSecret();
    expect(board.clears).toBe(1);
  });

  it('a second secret replaces the first and gets its own full time', async () => {
    const clip = createElectronPorts(() => null).clipboard;
    clip.writeSecret('first-secret', 30_000);
    await vi.advanceTimersByTimeAsync(20_000);
    clip.writeSecret(SECRET, 30_000);
    await vi.advanceTimersByTimeAsync(20_000);
    expect([board.text, board.clears]).toEqual([SECRET, 0]);
    await vi.advanceTimersByTimeAsync(10_000);
    expect([board.text, board.clears]).toEqual(['', 1]);
  });

  it('where the concealed formats cannot be written, the text still goes (plainly) and is still cleared', async () => {
    board.failWrite = true;
    const clip = createElectronPorts(() => null).clipboard;
    clip.writeSecret(SECRET, 30_000);
    await settle();
    expect(board.text).toBe(SECRET);
    await vi.advanceTimersByTimeAsync(30_000);
    expect([board.text, board.clears]).toEqual(['', 1]);
  });

  it('when the clipboard cannot be read back, it is cleared (a secret left behind is the worse mistake)', async () => {
    const clip = createElectronPorts(() => null).clipboard;
    clip.writeSecret(SECRET, 30_000);
    await settle();
    board.failRead = true;
    await clip.clearSecret();
    expect([board.text, board.clears, clip.holdsSecret()]).toEqual(['', 1, false]);
  });

  it('ordinary text is never a secret: not held, never cleared', async () => {
    const clip = createElectronPorts(() => null).clipboard;
    clip.writeText('arn:aws:iam::123456789012:user/kim');
    await vi.advanceTimersByTimeAsync(120_000);
    // A lock with no secret out leaves the clipboard alone, even one that cannot be read.
    board.failRead = true;
    await clip.clearSecret();
    expect([board.text, board.clears, clip.holdsSecret()]).toEqual(['arn:aws:iam::123456789012:user/kim', 0, false]);
  });
});
