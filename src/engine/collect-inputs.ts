import { compilePattern } from '../runbook/pattern.js';
import { hostsWithRole } from '../runbook/hosts-with-role.js';
import { interpolateKnown } from '../runbook/interpolate.js';
import type { Input } from '../runbook/schema.js';
import { emitEvent, type EngineDeps, type RunContext } from './engine-context.js';
import { captureVariables } from './evaluate-command.js';
import type { InputRequest } from './ports.js';

/** Ask for inputs not yet known, validate them, and store them as variables. */
export async function collectInputs(
  inputs: Readonly<Record<string, Input>>,
  deps: EngineDeps,
  run: RunContext,
  stepId?: string,
  options: { reask?: boolean } = {},
): Promise<void> {
  for (const [key, input] of Object.entries(inputs)) {
    const previous = run.variables[key];
    if (previous !== undefined && !options.reask) continue;
    const request = toRequest(key, input, run, stepId);
    // Asked again on a retry: the last answer is the default, except for secrets.
    if (previous !== undefined && input.type !== 'secret')
      request.default = input.type === 'boolean' ? previous === 'true' : previous;
    emitEvent(deps, {
      type: 'prompt-opened',
      ...(stepId ? { stepId } : {}),
      prompt: 'input',
      text: request.prompt,
    });
    const answer = await deps.operator.ask(request);
    const value = typeof answer === 'boolean' ? String(answer) : answer;
    const invalid = request.validate?.(answer);
    if (invalid !== undefined && invalid !== true)
      throw new Error(`operator returned an invalid value for ${key}: ${invalid}`);
    run.variables[key] = value;
    if (input.type === 'secret') {
      run.secretKeys.add(key);
      deps.secrets.register(value);
    }
    emitEvent(deps, {
      type: 'input-provided',
      key,
      ...(stepId ? { stepId } : {}),
      secret: input.type === 'secret',
      ...(input.type === 'secret' ? {} : { value }),
    });
    if (input.capture && input.type !== 'secret') splitAnswer(value, input.capture, deps, run, stepId);
  }
}

/**
 * Parts of an answer as variables of their own (`db1:5432` → {{pgHost}}, {{pgPort}}), without shelling
 * out; journaled like inputs, so a resume has them.
 */
function splitAnswer(
  value: string,
  patterns: readonly string[],
  deps: EngineDeps,
  run: RunContext,
  stepId: string | undefined,
): void {
  for (const [name, part] of Object.entries(captureVariables(value, patterns))) {
    run.variables[name] = part;
    emitEvent(deps, {
      type: 'input-provided',
      key: name,
      ...(stepId ? { stepId } : {}),
      secret: false,
      value: part,
    });
  }
}

function toRequest(key: string, input: Input, run: RunContext, stepId?: string): InputRequest {
  const exclude = (input.exclude ?? [])
    .map((text) => interpolateKnown(text, run.variables))
    .filter((text) => !text.includes('{{'));
  const excluded = (value: string) => exclude.some((x) => x.toLowerCase() === value.toLowerCase());
  const listed =
    input.type === 'host' && input.from ? hostsWithRole(run.environment, input.from) : input.choices;
  const choices = listed?.filter((choice) => !excluded(choice));
  const fallback = input.default === undefined ? undefined : interpolateDefault(input.default, run);
  return {
    key,
    type: input.type,
    prompt: interpolateKnown(input.prompt, run.variables),
    ...(fallback === undefined ? {} : { default: fallback }),
    ...(choices ? { choices } : {}),
    ...(input.pattern ? { pattern: input.pattern } : {}),
    confirm: input.confirm,
    ...(stepId ? { stepId } : {}),
    ...(exclude.length ? { exclude } : {}),
    validate: (value) =>
      typeof value === 'string' && excluded(value)
        ? `${value} is not allowed here`
        : validateInput(input, value, choices),
  };
}

function interpolateDefault(value: string | boolean, run: RunContext): string | boolean {
  return typeof value === 'string' ? interpolateKnown(value, run.variables) : value;
}

/** Returns true or a message that says what a valid answer looks like. */
export function validateInput(
  input: Input,
  value: string | boolean,
  choices?: readonly string[],
): string | true {
  if (input.type === 'boolean') return typeof value === 'boolean' || 'answer yes or no';
  if (typeof value !== 'string') return 'expected text';
  if (value.length === 0) return 'an answer is required';
  // A NUL cannot be passed in a command's argv or environment: the command would fail after it was journaled.
  if (value.includes('\0')) return 'must not contain a NUL character';
  if (input.minLength && value.length < input.minLength) return `at least ${input.minLength} characters`;
  if (choices && !choices.includes(value)) return `one of: ${choices.join(', ')}`;
  if (input.pattern && !compilePattern(input.pattern).test(value)) return `must match /${input.pattern}/`;
  if (input.type === 'host' && !/^[A-Za-z0-9][A-Za-z0-9.-]*$/.test(value))
    return 'a host name: letters, digits, dots, dashes';
  return true;
}
