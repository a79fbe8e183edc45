/**
 * The preview's file dialogs, in the page (part of the bridge init script; plain DOM, outside the
 * app's React tree). Opening a file uses Chromium's own file chooser (`<input type=file>`); saving
 * and choosing a folder use a dialog over the real file system of this computer, listed through the
 * `__previewListDir` binding — a browser cannot tell a page the path it saved to, and the app's
 * handlers write to a path. Node side: browser-dialogs.ts. Text: src/i18n/{ko,en}/preview.json.
 */
import en from '../../src/i18n/en/preview.json';
import ko from '../../src/i18n/ko/preview.json';

interface Listing {
  path: string;
  parent: string | null;
  dirs: string[];
  files: string[];
  error?: 'unreadable';
}
interface Picked {
  name: string;
  base64: string;
}
type PreviewWindow = Window & {
  __previewListDir?(path: string): Promise<Listing>;
  __previewPick(accept: string): Promise<Picked | null>;
  __previewSaveAs(o: { mode: 'save' | 'folder'; title: string; dir: string; name: string }): Promise<string | null>;
};
const w = window as unknown as PreviewWindow;

const text = (key: keyof typeof en, params: Record<string, string> = {}): string => {
  const table = document.documentElement.lang === 'en' ? en : ko;
  return table[key].replace(/\{\{(\w+)\}\}/g, (_, p: string) => params[p] ?? '');
};

/** Chromium's file chooser; the chosen file's bytes go back to Node (which keeps a private copy). */
w.__previewPick = (accept) =>
  new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.style.display = 'none';
    document.body.append(input);
    const done = (v: Picked | null) => {
      input.remove();
      resolve(v);
    };
    input.addEventListener('cancel', () => done(null));
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      if (!file) return done(null);
      void file.arrayBuffer().then((buf) => {
        const bytes = new Uint8Array(buf);
        let binary = '';
        for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
        done({ name: file.name, base64: btoa(binary) });
      });
    });
    input.click();
  });

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  Object.assign(e, props);
  e.append(...children);
  return e;
}

/** Save-as (a folder and a name) or choose-a-folder, over the real file system. */
w.__previewSaveAs = ({ mode, title, dir, name }) =>
  new Promise((resolve) => {
    let listing: Listing | null = null;
    let confirmOverwrite = false;
    const dialog = el('dialog', { className: 'card' });
    dialog.dataset.testid = 'preview-file-dialog';
    Object.assign(dialog.style, { width: 'min(640px, 92vw)', maxHeight: '86vh', overflow: 'auto' });
    const heading = el('h2', { id: 'preview-dialog-title' }, title);
    dialog.setAttribute('aria-labelledby', heading.id);
    const pathInput = el('input', { id: 'preview-dialog-path', type: 'text', className: 'mono' });
    const up = el('button', { type: 'button', className: 'secondary' }, text('up'));
    const go = el('button', { type: 'button', className: 'secondary' }, text('go'));
    const list = el('ul');
    list.setAttribute('aria-label', text('subfolders'));
    Object.assign(list.style, { listStyle: 'none', padding: '0', maxHeight: '40vh', overflow: 'auto', border: '1px solid var(--border)', borderRadius: '6px' });
    const nameInput = el('input', { id: 'preview-dialog-name', type: 'text', value: name });
    const problem = el('p', { className: 'field-error', id: 'preview-dialog-problem' });
    problem.setAttribute('role', 'alert');
    const ok = el('button', { type: 'submit', className: 'primary' }, mode === 'save' ? text('save') : text('chooseFolder'));
    const cancel = el('button', { type: 'button', className: 'secondary' }, text('cancel'));
    const form = el(
      'form',
      {},
      heading,
      el('p', { className: 'hint' }, mode === 'save' ? text('saveHint') : text('folderHint')),
      el('div', { className: 'field' }, el('label', { htmlFor: pathInput.id }, text('folder')), pathInput, el('div', { className: 'actions' }, up, go)),
      list,
      ...(mode === 'save' ? [el('div', { className: 'field' }, el('label', { htmlFor: nameInput.id }, text('fileName')), nameInput)] : []),
      problem,
      el('div', { className: 'actions' }, ok, cancel),
    );
    dialog.append(form);
    document.body.append(dialog);

    const finish = (value: string | null) => {
      dialog.close();
      dialog.remove();
      resolve(value);
    };
    const show = async (path: string) => {
      const next = await (w.__previewListDir?.(path) ?? Promise.resolve({ path, parent: null, dirs: [], files: [], error: 'unreadable' as const }));
      problem.textContent = next.error ? text('unreadable') : '';
      if (next.error && listing) return;
      listing = next;
      confirmOverwrite = false;
      ok.textContent = mode === 'save' ? text('save') : text('chooseFolder');
      pathInput.value = next.path;
      up.disabled = next.parent === null;
      list.replaceChildren(
        ...(next.dirs.length === 0
          ? [el('li', { className: 'hint' }, text('empty'))]
          : next.dirs.map((d) => {
              const b = el('button', { type: 'button', className: 'link-button' }, `📁 ${d}`);
              b.dataset.folder = d;
              b.addEventListener('click', () => void show(`${next.path.replace(/\/$/, '')}/${d}`));
              return el('li', {}, b);
            })),
      );
    };
    up.addEventListener('click', () => listing?.parent && void show(listing.parent));
    go.addEventListener('click', () => void show(pathInput.value));
    pathInput.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        void show(pathInput.value);
      }
    });
    nameInput.addEventListener('input', () => {
      confirmOverwrite = false;
      ok.textContent = text('save');
    });
    cancel.addEventListener('click', () => finish(null));
    dialog.addEventListener('cancel', (e) => {
      e.preventDefault();
      finish(null);
    });
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      if (!listing) return;
      const base = listing.path.replace(/\/$/, '');
      if (mode === 'folder') return finish(listing.path);
      const file = nameInput.value.trim();
      if (!file) return void (problem.textContent = text('nameRequired'));
      if (/[/\\]/.test(file) || file === '.' || file === '..') return void (problem.textContent = text('nameInvalid'));
      if (listing.files.includes(file) && !confirmOverwrite) {
        confirmOverwrite = true;
        problem.textContent = text('exists', { name: file });
        ok.textContent = text('replace');
        return;
      }
      finish(`${base}/${file}`);
    });
    dialog.showModal();
    void show(dir);
  });
