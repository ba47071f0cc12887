/** `{{name}}` placeholders. They are replaced inside one string or one argv element, never in shell text. */
const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_.-]*)\s*\}\}/g;

export type Variables = Readonly<Record<string, string>>;

export class UnknownVariableError extends Error {
  readonly variable: string;
  constructor(variable: string, text: string) {
    super(`unknown variable {{${variable}}} in "${text}"`);
    this.name = 'UnknownVariableError';
    this.variable = variable;
  }
}

/** Names of the variables a text refers to, in order of appearance. */
export function findVariables(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((match) => match[1]!);
}

export function interpolate(text: string, variables: Variables): string {
  return text.replace(PLACEHOLDER, (_, name: string) => {
    const value = variables[name];
    if (value === undefined) throw new UnknownVariableError(name, text);
    return value;
  });
}

/** Each element is interpolated on its own, so a value with spaces or quotes stays one argument. */
export function interpolateArgv(argv: readonly string[], variables: Variables): string[] {
  return argv.map((element) => interpolate(element, variables));
}

/** Like interpolate, but unknown variables stay as `{{name}}` (plan output before inputs are known). */
export function interpolateKnown(text: string, variables: Variables): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => variables[name] ?? whole);
}
