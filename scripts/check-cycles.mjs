#!/usr/bin/env node
// No import cycle in src/: fails on a cycle between layers (the first folder under src/, or one
// component's folder under src/components/), type-only imports included, and on a cycle between
// files through imports that stay at run time. A cycle of files held only by `import type` inside
// one layer is listed as a note (it leaves nothing behind in the built code).
// Usage: node scripts/check-cycles.mjs [dir]   (default: src)
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const root = resolve(process.argv[2] ?? 'src');

/** @returns {string[]} every .ts file below `dir` */
function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return walk(path);
    return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
  });
}

/** The file a relative specifier names (`./x.js` → `./x.ts`, a folder → its index.ts). */
function resolveSpecifier(from, specifier) {
  if (!specifier.startsWith('.')) return null;
  const base = resolve(dirname(from), specifier);
  for (const candidate of [base.replace(/\.js$/, '.ts'), `${base}.ts`, join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** Each import of `file`: its target and whether it is erased at run time (type-only). */
function importsOf(file) {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  /** @type {{ to: string, typeOnly: boolean }[]} */
  const out = [];
  const add = (specifier, typeOnly) => {
    const to = resolveSpecifier(file, specifier);
    if (to) out.push({ to, typeOnly });
  };
  const visit = (node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const named = clause?.namedBindings;
      const typeOnly =
        !!clause &&
        (clause.isTypeOnly ||
          (!clause.name &&
            !!named &&
            ts.isNamedImports(named) &&
            named.elements.length > 0 &&
            named.elements.every((e) => e.isTypeOnly)));
      add(node.moduleSpecifier.text, typeOnly);
    } else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      add(node.moduleSpecifier.text, node.isTypeOnly);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      add(node.arguments[0].text, false);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

/** Strongly connected components of more than one node (Tarjan). */
function cycles(graph) {
  let next = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const found = [];
  const connect = (v) => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v), index.get(w)));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component = [];
      let w;
      do {
        w = stack.pop();
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) connect(v);
  return found;
}

const name = (file) => relative(root, file);
const layerOf = (file) => {
  const parts = name(file).split('/');
  if (parts.length === 1) return '(root)';
  return parts[0] === 'components' ? `components/${parts[1]}` : parts[0];
};

const files = walk(root);
const edges = new Map(files.map((f) => [f, importsOf(f)]));
const graphOf = (keep) =>
  new Map(
    files.map((f) => [
      f,
      new Set(
        edges
          .get(f)
          .filter(keep)
          .map((e) => e.to),
      ),
    ]),
  );

const layers = new Map();
const why = new Map();
for (const [from, list] of edges) {
  const a = layerOf(from);
  if (!layers.has(a)) layers.set(a, new Set());
  for (const { to } of list) {
    const b = layerOf(to);
    if (a === b) continue;
    layers.get(a).add(b);
    const key = `${a} → ${b}`;
    if (!why.has(key)) why.set(key, new Set());
    why.get(key).add(`${name(from)} → ${name(to)}`);
  }
}

let failures = 0;
for (const component of cycles(layers)) {
  failures++;
  console.log(`✘ layers import each other: ${component.join(', ')}`);
  for (const a of component)
    for (const b of component) for (const line of why.get(`${a} → ${b}`) ?? []) console.log(`    ${line}`);
}
for (const component of cycles(graphOf((e) => !e.typeOnly))) {
  failures++;
  console.log(`✘ files import each other at run time: ${component.map(name).join(', ')}`);
}
const runtime = new Set(cycles(graphOf((e) => !e.typeOnly)).map((c) => c.join()));
for (const component of cycles(graphOf(() => true))) {
  if (!runtime.has(component.join()))
    console.log(`  note: type-only cycle ${component.map(name).join(', ')}`);
}
console.log(
  `${files.length} files, ${layers.size} layers: ${failures ? `${failures} import cycle(s)` : 'no import cycle'}`,
);
process.exit(failures ? 1 : 0);
