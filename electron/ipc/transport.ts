/** The two Electron IPC channels that carry the whole contract (call, and main-to-renderer event). */
export const INVOKE_CHANNEL = 'api:invoke';
export const EVENT_CHANNEL = 'api:event';
