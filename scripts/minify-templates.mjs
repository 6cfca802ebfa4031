import ts from 'typescript';

/**
 * Shrinks the static text of Lit's tagged templates in our sources at build time:
 * - `css` templates: comments dropped, white space collapsed, and removed around `{ } ; ,`;
 * - `html` and `svg` templates: any run of white space that contains a line break becomes one
 *   space (the same rendering: HTML collapses white space, and our templates hold no `<pre>`).
 * Templates are found with the TypeScript parser, so strings, regular expressions and
 * expressions (`${…}`) are never touched; templates nested in expressions are handled too.
 */

const TAGS = new Set(['css', 'html', 'svg']);

function minifyCss(text) {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,])\s*/g, '$1')
    .replace(/;}/g, '}');
}

function minifyMarkup(text) {
  return text.replace(/\s*\n\s*/g, ' ');
}

/** Returns `source` with the static parts of its `css`/`html`/`svg` templates minified. */
export function minifyTemplates(source, fileName = 'file.ts') {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const edits = [];
  const visit = (node) => {
    if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && TAGS.has(node.tag.text)) {
      const minify = node.tag.text === 'css' ? minifyCss : minifyMarkup;
      const template = node.template;
      const parts = ts.isNoSubstitutionTemplateLiteral(template)
        ? [[template, 1]]
        : [
            [template.head, 2],
            ...template.templateSpans.map((s) => [s.literal, ts.isTemplateTail(s.literal) ? 1 : 2]),
          ];
      for (const [part, closing] of parts) {
        const start = part.getStart(file) + 1;
        const end = part.getEnd() - closing;
        const text = source.slice(start, end);
        const next = minify(text);
        if (next !== text) edits.push([start, end, next]);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  let out = source;
  for (const [start, end, text] of edits.sort((a, b) => b[0] - a[0])) {
    out = out.slice(0, start) + text + out.slice(end);
  }
  return out;
}

/** Vite plugin: applies {@link minifyTemplates} to our own `src/**\/*.ts`. */
export function minifyTemplatesPlugin() {
  return {
    name: 'sms-minify-templates',
    enforce: 'pre',
    transform(code, id) {
      const path = id.split('?')[0];
      if (!/\/src\/.*\.ts$/.test(path) || !/\b(css|html|svg)`/.test(code)) return null;
      return { code: minifyTemplates(code, path), map: null };
    },
  };
}
