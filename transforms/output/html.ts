/**
 * HTML escaping, written once: the report's page and its charts escape with escapeHtml, and the
 * published-files check reads the page back with unescapeHtml.
 */
const ENTITIES: readonly (readonly [string, string])[] = [
  ['&', '&amp;'],
  ['<', '&lt;'],
  ['>', '&gt;'],
  ['"', '&quot;'],
];

/** Text made safe in HTML, as an element's content or a double-quoted attribute's value. */
export function escapeHtml(text: string): string {
  return ENTITIES.reduce((escaped, [character, entity]) => escaped.replaceAll(character, entity), text);
}

/** The text an escaped one stands for (also &#39;, which other writers use for '). */
export function unescapeHtml(text: string): string {
  const entities = [...ENTITIES.slice(1), ["'", '&#39;'] as const, ENTITIES[0] as readonly [string, string]];
  return entities.reduce((plain, [character, entity]) => plain.replaceAll(entity, character), text);
}
