/* eslint-disable @typescript-eslint/no-require-imports -- the preload is CommonJS, so is its loader */
// Loads the built (sandboxed, CommonJS) preload with a recording `electron`, then exercises what it
// exposed the way the page would. Prints the result as JSON.
const Module = require('node:module');
const exposed = {};
const sent = [];
const listeners = [];
const stub = {
  contextBridge: { exposeInMainWorld: (name, value) => (exposed[name] = value) },
  ipcRenderer: {
    invoke: async (channel, name, payload) => {
      sent.push({ channel, name, payload });
      return name === 'app:info'
        ? { ok: true, value: { version: '1', platform: 'p', endpointOverride: null, region: 'r' } }
        : { ok: false, error: { code: 'aws.Throttling', params: { status: 400 }, retryable: true } };
    },
    on: (channel) => listeners.push(channel),
    removeListener: () => {},
  },
};
const load = Module._load;
Module._load = function (request, ...rest) {
  if (request === 'electron') return stub;
  return load.call(this, request, ...rest);
};
require(process.argv[2]);

void (async () => {
  const api = exposed.api;
  const info = await api.invoke('app:info', {});
  const failure = await api.invoke('onboarding:cancel', {}).catch((e) => e);
  const unknown = await api.invoke('fs:readFile', {}).catch((e) => e);
  const unsubscribe = api.on('app:locked', () => {});
  process.stdout.write(
    JSON.stringify({
      exposedNames: Object.keys(exposed),
      apiKeys: Object.keys(api).sort(),
      frozen: Object.isFrozen(api),
      info,
      failure,
      failureIsError: failure instanceof Error,
      unknown,
      sent,
      listeners,
      unsubscribeIsFunction: typeof unsubscribe === 'function',
    }),
  );
})();
