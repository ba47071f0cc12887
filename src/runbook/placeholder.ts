/**
 * `{{name}}` placeholders. They are replaced inside one string or one argv element, never in shell text.
 * In a regular expression a value is escaped unless written `{{name | regex}}` (interpolate-pattern.ts).
 */
export const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_.-]*)\s*(?:\|\s*(regex)\s*)?\}\}/g;
