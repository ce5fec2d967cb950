import type { VNode } from 'preact';
import { render } from 'preact-render-to-string';

const SVG_NS = 'http://www.w3.org/2000/svg';
const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

/** Renders a chart element to SVG markup for inlining in HTML (text and attributes escaped by Preact). */
export function renderSvg(node: VNode): string {
  return render(node);
}

/** Renders a chart to a standalone `.svg` document: XML declaration plus the SVG namespace on the root. */
export function standaloneSvg(node: VNode): string {
  const markup = renderSvg(node);
  if (!markup.startsWith('<svg')) throw new Error('standaloneSvg needs an element that renders an <svg> root');
  const openTag = markup.slice(0, markup.indexOf('>') + 1);
  const withNamespace = /\sxmlns="/.test(openTag) ? markup : `<svg xmlns="${SVG_NS}"${markup.slice('<svg'.length)}`;
  return `${XML_DECLARATION}${withNamespace}\n`;
}
