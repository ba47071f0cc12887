/** A parsed XML element: enough for the small files ssomanage reads (-updatedb). */
export type XmlElement = {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
};

export type XmlParseResult = { ok: true; root: XmlElement } | { ok: false; error: string };

const TOKEN =
  /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[([\s\S]*?)\]\]>|<(\/?)([A-Za-z_][\w.-]*)((?:\s+[\w.:-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)|(<)/g;

function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

function parseAttributes(source: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const match of source.matchAll(/([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    attributes[match[1]!] = decodeEntities(match[2] ?? match[3] ?? '');
  }
  return attributes;
}

function lineOf(source: string, index: number): number {
  return source.slice(0, index).split('\n').length;
}

/** A strict, small XML parser: well-formedness errors name the line, like an XML parser would. */
export function parseXml(source: string): XmlParseResult {
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  for (const match of source.replace(/^\uFEFF/, '').matchAll(TOKEN)) {
    const [, cdata, closing, name, attrs, selfClosing, text, stray] = match;
    const line = lineOf(source, match.index ?? 0);
    if (stray) return { ok: false, error: `unexpected '<' at line ${line}` };
    if (text !== undefined || cdata !== undefined) {
      const value = cdata ?? decodeEntities(text ?? '');
      if (stack.length === 0 && value.trim() !== '')
        return { ok: false, error: `text outside the root element at line ${line}` };
      if (stack.length > 0) stack[stack.length - 1]!.text += value;
      continue;
    }
    if (!name) continue;
    if (closing) {
      const open = stack.pop();
      if (!open || open.name !== name) {
        return {
          ok: false,
          error: `end tag '${name}' does not match start tag '${open?.name ?? '(none)'}' at line ${line}`,
        };
      }
      continue;
    }
    const element: XmlElement = { name, attributes: parseAttributes(attrs ?? ''), children: [], text: '' };
    if (stack.length > 0) stack[stack.length - 1]!.children.push(element);
    else if (root) return { ok: false, error: `more than one root element at line ${line}` };
    else root = element;
    if (!selfClosing) stack.push(element);
  }
  if (stack.length > 0)
    return { ok: false, error: `element '${stack[stack.length - 1]!.name}' is not closed` };
  return root ? { ok: true, root } : { ok: false, error: 'the file has no root element' };
}
