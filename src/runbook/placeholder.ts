/** `{{name}}` placeholders. They are replaced inside one string or one argv element, never in shell text. */
export const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_.-]*)\s*\}\}/g;
