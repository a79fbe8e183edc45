/**
 * The renderer's only door to the main process. Store actions call `api`; components never do.
 * In Electron the preload puts it on window; in the e2e harness and preview, an init script does.
 */
import type { Api } from '../shared/ipc/create-api';
import '../shared/ipc/window-api';

export const api: Api = window.api;
