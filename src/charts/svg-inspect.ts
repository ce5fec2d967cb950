/**
 * A strict little reader for the markup these charts produce, so tests (here and in the report
 * and web layers) can check structure instead of matching substrings: every `<` must open a
 * well-formed tag, tags must nest, attribute values must be quoted. Not a general XML parser.
 */

/** An element of parsed chart markup. */
export interface SvgElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly SvgNode[];
}

export type SvgNode = SvgElement | string;

const ENTITIES: Readonly<Record<string, string>> = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"', '&#39;': "'", '&apos;': "'" };
const TAG = /^<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>/;
const ATTRIBUTE = /([\w:.-]+)="([^"<]*)"/g;
const DECLARATION = /^<\?xml[^?]*\?>\s*/;

function decode(text: string): string {
  return text.replace(/&(?:lt|gt|amp|quot|apos|#39);/g, (entity) => ENTITIES[entity] ?? entity);
}

function parseAttributes(source: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const match of source.matchAll(ATTRIBUTE)) {
    const name = match[1] ?? '';
    if (Object.hasOwn(attributes, name)) throw new Error(`duplicate attribute ${name}`);
    attributes[name] = decode(match[2] ?? '');
  }
  return attributes;
}

interface OpenElement {
  readonly name: string;
  readonly attributes: Record<string, string>;
  readonly children: SvgNode[];
}

/** Parses chart markup into its root element; throws on anything malformed. */
export function parseSvg(markup: string): SvgElement {
  const root: OpenElement = { name: '#document', attributes: {}, children: [] };
  const stack: OpenElement[] = [root];
  let rest = markup.replace(DECLARATION, '');
  while (rest.length > 0) {
    const top = stack[stack.length - 1] ?? root;
    const lt = rest.indexOf('<');
    if (lt !== 0) {
      const text = lt === -1 ? rest : rest.slice(0, lt);
      top.children.push(decode(text));
      rest = lt === -1 ? '' : rest.slice(lt);
      continue;
    }
    const match = TAG.exec(rest);
    if (match === null) throw new Error(`malformed tag at: ${rest.slice(0, 60)}`);
    const [whole, closing, name = '', attributeSource = '', selfClosing] = match;
    rest = rest.slice(whole.length);
    if (closing === '/') {
      if (top.name !== name) throw new Error(`</${name}> closes <${top.name}>`);
      stack.pop();
      continue;
    }
    const element: OpenElement = { name, attributes: parseAttributes(attributeSource), children: [] };
    top.children.push(element);
    if (selfClosing !== '/') stack.push(element);
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack[stack.length - 1]?.name ?? ''}>`);
  const elements = root.children.filter((node) => typeof node !== 'string');
  const first = elements[0];
  if (elements.length !== 1 || first === undefined) throw new Error('expected exactly one root element');
  return first;
}

/** Every element in document order (the element itself first). */
export function allElements(element: SvgElement): SvgElement[] {
  const found: SvgElement[] = [element];
  for (const child of element.children) if (typeof child !== 'string') found.push(...allElements(child));
  return found;
}

/** Elements whose class list contains `className`. */
export function byClass(element: SvgElement, className: string): SvgElement[] {
  return allElements(element).filter((node) => (node.attributes.class ?? '').split(/\s+/).includes(className));
}

/** Elements of a tag name. */
export function byName(element: SvgElement, name: string): SvgElement[] {
  return allElements(element).filter((node) => node.name === name);
}

/** All text inside an element, `<title>` text left out unless asked for. */
export function textOf(element: SvgElement, withTitles = false): string {
  return element.children
    .map((child) => {
      if (typeof child === 'string') return child;
      return child.name === 'title' && !withTitles ? '' : textOf(child, withTitles);
    })
    .join('');
}

/** Text of the element's own `<title>` child, if any. */
export function titleOf(element: SvgElement): string | undefined {
  const title = element.children.find((child): child is SvgElement => typeof child !== 'string' && child.name === 'title');
  return title === undefined ? undefined : textOf(title);
}

const UNSAFE_ELEMENTS = new Set(['script', 'foreignobject', 'iframe', 'img', 'image', 'object', 'embed', 'a', 'style', 'animate', 'set', 'use']);

/** What would make chart markup unsafe to inline: script-capable elements, event handlers, javascript: links. Empty when safe. */
export function unsafeParts(root: SvgElement): string[] {
  const problems: string[] = [];
  for (const element of allElements(root)) {
    if (UNSAFE_ELEMENTS.has(element.name.toLowerCase())) problems.push(`<${element.name}>`);
    for (const [name, value] of Object.entries(element.attributes)) {
      if (/^on/i.test(name)) problems.push(`${name}= on <${element.name}>`);
      if (/href$/i.test(name) && /^\s*javascript:/i.test(value)) problems.push(`javascript: link on <${element.name}>`);
    }
  }
  return problems;
}
