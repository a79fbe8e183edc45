/** One measure, in this fresh process: `measure-child.ts <bench file> <measure name>`; prints its result as the last line. */
const [file, name] = process.argv.slice(2);
const mod = (await import(`../${file}`)) as { measures: Record<string, () => Promise<Record<string, number>>> };
const fn = mod.measures[name ?? ''];
if (!fn) throw new Error(`no measure ${name} in ${file}`);
const result = await fn();
process.stdout.write(`\n${JSON.stringify(result)}\n`);
process.exit(0);
export {};
