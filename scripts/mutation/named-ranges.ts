/**
 * A module may mutate parts of a file, named: `electron/resync/resync-session.ts#holdsSecrets,wipe`
 * mutates only the functions, methods, getters and object properties of those names (every one
 * in the file). The names are resolved to line ranges (Stryker's `file:start-end`) from the
 * TypeScript syntax tree at each run, so the ranges follow the code as it moves.
 */
import { readFileSync } from 'node:fs';
import ts from 'typescript';

export interface NamedPart {
  file: string;
  names: string[];
}

/** `file#a,b` → the file and the names; a plain path → no names (the whole file). */
export function parseMutateEntry(entry: string): NamedPart {
  const [file, names] = entry.split('#') as [string, string | undefined];
  return { file, names: names ? names.split(',').filter(Boolean) : [] };
}

/** The 1-based line ranges of every declaration of `name` in the source, per name. */
export function namedLineRanges(source: string, fileName: string, names: readonly string[]): Map<string, Array<[number, number]>> {
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found = new Map<string, Array<[number, number]>>(names.map((n) => [n, []]));
  const lineOf = (pos: number) => sf.getLineAndCharacterOfPosition(pos).line + 1;
  const visit = (node: ts.Node): void => {
    const named =
      ts.isMethodDeclaration(node) ||
      ts.isGetAccessorDeclaration(node) ||
      ts.isFunctionDeclaration(node) ||
      ts.isPropertyAssignment(node) ||
      (ts.isVariableDeclaration(node) && !!node.initializer && (ts.isArrowFunction(node.initializer) || ts.isFunctionExpression(node.initializer)));
    const name = named && node.name && ts.isIdentifier(node.name) ? node.name.text : null;
    if (name !== null && found.has(name)) found.get(name)!.push([lineOf(node.getStart(sf)), lineOf(node.getEnd())]);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/** Stryker `mutate` patterns for the entries of a module (a plain path stays as it is). */
export function toStrykerPatterns(entries: readonly string[], read: (file: string) => string = (f) => readFileSync(f, 'utf8')): string[] {
  return entries.flatMap((entry) => {
    const { file, names } = parseMutateEntry(entry);
    if (names.length === 0) return [file];
    const ranges = namedLineRanges(read(file), file, names);
    for (const [name, at] of ranges) if (at.length === 0) throw new Error(`mutation: ${file} has no function, method or property named ${name}`);
    // Two names on one line (an inline holder object) give the same range once.
    return [...new Set([...ranges.values()].flat().map(([start, end]) => `${file}:${start}-${end}`))];
  });
}
