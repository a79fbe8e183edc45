/**
 * The clipboard formats that tell a desktop "this is a password", written next to the text in one
 * atomic clipboard.write() (Electron's `electron application/osclipboard;format="<name>"` custom
 * format carries a raw platform format; docs/api/clipboard.md). None is a guarantee — a clipboard
 * manager may ignore them — so the text is also cleared after 30 s, on idle lock and on quit.
 *
 * - Windows: `ExcludeClipboardContentFromMonitorProcessing` (any data) keeps the entry out of
 *   clipboard history, cloud clipboard and monitoring apps; `CanIncludeInClipboardHistory` and
 *   `CanUploadToCloudClipboard` as DWORD 0 say the same to readers that only know those
 *   (learn.microsoft.com/windows/win32/dataxchg/clipboard-formats, "Cloud Clipboard and Clipboard
 *   History Formats").
 * - macOS: `org.nspasteboard.ConcealedType` (nspasteboard.org), honoured by clipboard managers.
 * - Linux: `x-kde-passwordManagerHint` = `secret` (KDE Klipper; also what KeePassXC writes, and
 *   what wl-clipboard reports as CLIPBOARD_STATE=sensitive).
 */
export const osFormat = (name: string): string => `electron application/osclipboard;format="${name}"`;

const DWORD_ZERO = new Uint8Array(4);

export function concealedFormats(platform: string): Record<string, Blob> {
  switch (platform) {
    case 'win32':
      return {
        [osFormat('ExcludeClipboardContentFromMonitorProcessing')]: new Blob([DWORD_ZERO]),
        [osFormat('CanIncludeInClipboardHistory')]: new Blob([DWORD_ZERO]),
        [osFormat('CanUploadToCloudClipboard')]: new Blob([DWORD_ZERO]),
      };
    case 'darwin':
      return { [osFormat('org.nspasteboard.ConcealedType')]: new Blob(['']) };
    default:
      return { [osFormat('x-kde-passwordManagerHint')]: new Blob(['secret']) };
  }
}
