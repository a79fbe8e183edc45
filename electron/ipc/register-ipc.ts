import { ipcMain, type WebContents } from 'electron';
import { isEventName } from '../../src/shared/ipc/contract';
import type { Logger } from '../logging/logger';
import { dispatch } from './dispatch';
import type { HandlerContext, HandlerTable } from './handler-types';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from './transport';

/**
 * The only place in the app that touches ipcMain. One channel carries every call; the contract
 * name travels as data and `dispatch` validates it. Calls from any frame other than our own
 * top-level page are dropped.
 */
export function registerIpc(handlers: HandlerTable, isTrustedSender: (url: string, isMainFrame: boolean) => boolean, log: Logger): void {
  ipcMain.handle(INVOKE_CHANNEL, async (event, channel: unknown, payload: unknown) => {
    const frame = event.senderFrame;
    const isMainFrame = !!frame && frame === event.sender.mainFrame;
    if (!frame || !isTrustedSender(frame.url, isMainFrame)) {
      log.warn('ipc.untrustedSender', { url: frame?.url.slice(0, 200) });
      return { ok: false, error: { code: 'ipc.untrustedSender' } };
    }
    return dispatch(handlers, channel, payload, contextFor(event.sender), log);
  });
}

function contextFor(sender: WebContents): HandlerContext {
  return {
    emit: (name, payload) => {
      if (isEventName(name) && !sender.isDestroyed()) sender.send(EVENT_CHANNEL, name, payload);
    },
  };
}
