// Loads the built main bundle against the stub and prints what it asked of Electron, as JSON.
const main = process.argv[2];
await import(main);
await new Promise((r) => setTimeout(r, 200));
process.stdout.write(JSON.stringify(globalThis.__electronStubCalls));
process.exit(0);
