/**
 * Hostile strings for every untrusted field (bodies, names, labels, file names, MIME types, URLs,
 * drafts). Each payload that could run script calls the page's sentinel `__xss()` instead of
 * `alert`, so a test can tell whether anything ran. Classes follow the reliability study (C1/C2):
 * basic tags, event handlers, attribute breakouts, SVG/MathML, srcdoc, URL sinks, template
 * injection, CSS injection, document-level tags, mutation-XSS shapes, bidi and control characters.
 */
const S = '__xss()';

const base = [
  `<script>${S}</script>`,
  `<img src=x onerror=${S}>`,
  `"><iMg SrC="x" oNeRRor="${S};">`,
  `/<img/src='x'/onerror='${S}'>aaa</img>`,
  `<svg><script>${S}</script></svg>`,
  `<svg onload=${S}>`,
  `<iframe srcdoc="<img src=x onerror=${S}>">`,
  `<a href="javascript:${S}">x</a>`,
  `<javascript://%0a${S};fetch('logout')>`,
  `[x](javascript:${S})`,
  `[x](JaVaScRiPt:${S})`,
  `[x]( javascript:${S})`,
  `asdf" autofocus onfocus="${S}`,
  `{{constructor.constructor('${S}')()}}`,
  '${' + S + '}',
  '`${' + S + '}`',
  `<style>@import 'https://evil.example/x.css'</style>`,
  'red;background:url(https://evil.example/?c=)',
  `:smile:<img src=x onerror=${S}>`,
  '<b>bold</b>',
  `@channel<img src=x onerror=${S}>`,
  '<h1>x</h1>',
  `"><img src=x onerror=${S}>.png`,
  `<math><mtext><table><mglyph><style><img src=x onerror=${S}>`,
  `<form><button formaction=javascript:${S}>x`,
  '<base href="https://evil.example/">',
  `<meta http-equiv=refresh content="0;url=javascript:${S}">`,
  '<a href="https://evil.example" target=_blank>tab</a>',
  `<object data="javascript:${S}"></object>`,
  `<embed src="javascript:${S}">`,
  `<link rel=import href="data:text/html,<script>${S}</script>">`,
  `<details open ontoggle=${S}>`,
  `<video><source onerror=${S}></video>`,
  `<audio src=x onerror=${S}>`,
  `<body onload=${S}>`,
  `<input autofocus onfocus=${S}>`,
  `<marquee onstart=${S}>`,
  `<div style="background:url(javascript:${S})">`,
  `<img src="x" onerror="&#95;&#95;xss()">`,
  `<img src=x onerror=eval(atob('X194c3MoKQ=='))>`,
  `<scr<script>ipt>${S}</scr</script>ipt>`,
  `<!--<img src="--><img src=x onerror=${S}//">`,
  `<noscript><p title="</noscript><img src=x onerror=${S}>">`,
  `<template><img src=x onerror=${S}></template>`,
  `<x-foo onclick=${S}>click</x-foo>`,
  `</textarea><img src=x onerror=${S}>`,
  `</title><img src=x onerror=${S}>`,
  `';${S};//`,
  `";${S};//`,
  `javascript:${S}`,
  `JaVaScRiPt:${S}`,
  ` javascript:${S}`,
  `java\tscript:${S}`,
  `java\nscript:${S}`,
  `\u0001javascript:${S}`,
  `javascript://%0a${S}`,
  `data:text/html,<script>${S}</script>`,
  `vbscript:${S}`,
  'file:///etc/passwd',
  `javascript&colon;${S}`,
  `&#106;avascript:${S}`,
  'https://аpple.com/login',
  'https://user:pass@example.com/',
  '//evil.example/x',
  'https://example.com/\u202Egpj.exe',
  `image/svg+xml"><script>${S}</script>`,
  `text/html; charset=<img src=x onerror=${S}>`,
  '\u202E\u2066evil\u2069 name',
  '__proto__',
  'constructor',
  'x'.repeat(5000),
];

/** At least 60 payloads. */
export const XSS_PAYLOADS: readonly string[] = base;

/** The sentinel hostile payloads call; `hits()` says how often anything ran. */
export function installSentinel(): { hits(): number; reset(): void } {
  let count = 0;
  (globalThis as unknown as { __xss: () => void }).__xss = () => {
    count++;
  };
  return {
    hits: () => count,
    reset: () => {
      count = 0;
    },
  };
}

const FORBIDDEN = new Set([
  'script',
  'iframe',
  'object',
  'embed',
  'base',
  'meta',
  'link',
  'style',
  'form',
  'frame',
]);
const URL_ATTRIBUTES = ['href', 'src', 'action', 'formaction', 'srcset', 'poster', 'data', 'xlink:href'];

/** Whether a URL in an attribute is one we allow: http(s), tel, mailto, blob:, and data: images. */
export function allowedUrl(value: string): boolean {
  if (value === '' || value.startsWith('#')) return true;
  let url: URL;
  try {
    url = new URL(value, location.href);
  } catch {
    return false;
  }
  if (['http:', 'https:', 'tel:', 'mailto:', 'blob:'].includes(url.protocol)) return true;
  return url.protocol === 'data:' && /^data:image\/(png|jpeg|gif|webp|avif|bmp);/i.test(value);
}

/**
 * Walks the document and every (open) shadow root under `root` and lists what hostile data
 * could have produced: inline event-handler attributes, forbidden elements inside shadow roots
 * (the test page itself has scripts), and URLs outside the allow-list. Empty when clean.
 */
export function findInjected(root: Node = document): string[] {
  const problems: string[] = [];
  const visit = (node: Node) => {
    if (node instanceof Element) {
      const tag = node.localName;
      for (const attr of node.getAttributeNames()) {
        if (/^on/i.test(attr)) problems.push(`<${tag} ${attr}>`);
        if (URL_ATTRIBUTES.includes(attr.toLowerCase())) {
          const value = node.getAttribute(attr) ?? '';
          if (!allowedUrl(value)) problems.push(`<${tag} ${attr}="${value.slice(0, 60)}">`);
        }
      }
      if (node.shadowRoot) {
        for (const el of node.shadowRoot.querySelectorAll('*')) {
          if (FORBIDDEN.has(el.localName)) problems.push(`<${el.localName}> in <${tag}>'s shadow root`);
        }
        visit(node.shadowRoot);
      }
    }
    for (const child of node.childNodes) visit(child);
  };
  visit(root);
  return problems;
}
