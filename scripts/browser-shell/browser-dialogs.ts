import type { BrowserContext, Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, parse, relative, resolve } from 'node:path';
import { writePrivateFile } from '../../electron/platform/private-file';
import type { ClipboardPort, Dialogs, FileFilter } from '../../electron/platform/ports';

/** Bigger files are not copied through the page (the app refuses far smaller CSVs and invites anyway). */
const MAX_PICK_BYTES = 64 * 1024 * 1024;

export interface BrowserDialogOptions {
  page(): Page;
  /** Private folder for the copies of opened files (removed with the preview's temporary home). */
  stageDir: string;
  /** Where save and folder dialogs start: the person's real home, never the preview's temporary one. */
  startDir: string;
  /** Paths inside this folder (the preview's temporary home) are not offered as a starting point. */
  avoidDir?: string;
}

/**
 * Dialogs for the app in a plain Chromium window (`npm run preview`): every file button works.
 * - open: Chromium's own file chooser; the chosen file is copied (0600) into a private folder and
 *   that path goes to the handler, which reads it as in Electron.
 * - save / choose folder: a dialog in the page over this computer's real folders (page-dialogs.ts);
 *   the handler writes to the path the person chose, exactly as with Electron's native dialog.
 */
export function createBrowserDialogs(o: BrowserDialogOptions): Dialogs {
  mkdirSync(o.stageDir, { recursive: true, mode: 0o700 });
  const startIn = (defaultPath: string | undefined) => {
    const dir = defaultPath ? dirname(defaultPath) : o.startDir;
    return o.avoidDir && isInside(dir, o.avoidDir) ? o.startDir : dir;
  };
  const saveAs = (mode: 'save' | 'folder', title: string, dir: string, name: string) =>
    o
      .page()
      .evaluate((a) => (window as unknown as { __previewSaveAs(x: typeof a): Promise<string | null> }).__previewSaveAs(a), { mode, title, dir, name })
      .then((p) => (p ? resolve(p) : null));
  return {
    async openFile({ filters }) {
      const picked = await o
        .page()
        .evaluate((accept) => (window as unknown as { __previewPick(a: string): Promise<{ name: string; base64: string } | null> }).__previewPick(accept), acceptOf(filters));
      if (!picked || picked.base64.length > (MAX_PICK_BYTES * 4) / 3 + 4) return null;
      const dir = join(o.stageDir, randomUUID());
      mkdirSync(dir, { mode: 0o700 });
      const path = join(dir, basename(picked.name) || 'file');
      await writePrivateFile(path, Buffer.from(picked.base64, 'base64'));
      return path;
    },
    saveFile: ({ title, defaultPath }) => saveAs('save', title ?? '', startIn(defaultPath), defaultPath ? parse(defaultPath).base : ''),
    chooseFolder: ({ title }) => saveAs('folder', title ?? '', o.startDir, ''),
  };
}

const isInside = (path: string, dir: string) => {
  const rel = relative(resolve(dir), resolve(path));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

const acceptOf = (filters: FileFilter[] | undefined) => (filters ?? []).flatMap((f) => f.extensions.map((e) => `.${e}`)).join(',');

/** What the save/folder dialog lists: sub-folders (not hidden) and file names of one folder. */
export function listDir(path: string): { path: string; parent: string | null; dirs: string[]; files: string[]; error?: 'unreadable' } {
  const abs = resolve(path || '/');
  const parent = dirname(abs) === abs ? null : dirname(abs);
  try {
    const entries = readdirSync(abs, { withFileTypes: true });
    const isDir = (e: (typeof entries)[number]) => e.isDirectory() || (e.isSymbolicLink() && safeIsDir(join(abs, e.name)));
    const visible = entries.filter((e) => !e.name.startsWith('.'));
    return {
      path: abs,
      parent,
      dirs: visible.filter(isDir).map((e) => e.name).sort((a, b) => a.localeCompare(b)),
      files: entries.filter((e) => !isDir(e)).map((e) => e.name),
    };
  } catch {
    return { path: abs, parent, dirs: [], files: [], error: 'unreadable' };
  }
}

const safeIsDir = (p: string) => {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
};

/** The binding the page's save/folder dialog lists folders through (our own top-level page only). */
export async function exposeListDir(context: BrowserContext, isOwnPage: (url: string) => boolean): Promise<void> {
  await context.exposeBinding('__previewListDir', (source, path: unknown) => {
    if (source.frame !== source.page.mainFrame() || !isOwnPage(source.frame.url())) return { path: '', parent: null, dirs: [], files: [], error: 'unreadable' };
    return listDir(typeof path === 'string' ? path : '');
  });
}

/**
 * The system clipboard of the preview's browser (navigator.clipboard, permission granted to our
 * origin): a copied password can be pasted elsewhere, and is cleared like the app clears it. A
 * browser cannot mark it concealed; that is Electron's (electron-ports.ts).
 */
export function createPageClipboard(page: () => Page): ClipboardPort & { read(): Promise<string> } {
  let secret: string | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const write = (text: string) => page().evaluate((t) => navigator.clipboard.writeText(t), text).catch(() => {});
  const read = () => page().evaluate(() => navigator.clipboard.readText()).catch(() => '');
  const clearSecret = async () => {
    if (timer) clearTimeout(timer);
    timer = null;
    const ours = secret;
    secret = null;
    if (ours !== null && (await read()) === ours) await write('');
  };
  return {
    read,
    writeText: (text) => void write(text),
    writeSecret(text, clearAfterMs) {
      secret = text;
      void write(text);
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void clearSecret(), clearAfterMs);
      timer.unref?.();
    },
    holdsSecret: () => secret !== null,
    clearSecret,
  };
}
