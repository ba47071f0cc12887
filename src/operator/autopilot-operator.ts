import type { Operator, OperatorMessage } from '../engine/ports.js';
import type { Answers } from './answers-file.js';
import { createAnswersOperator } from './answers-operator.js';

/**
 * The drill autopilot: the answers a prepared operator would give, plus one judgement an answers file
 * cannot express — after a crash mid-action, accept the action when its checks pass, else run it again.
 */
export function createAutopilotOperator(
  answers: Answers,
  options: { show: (message: OperatorMessage) => void },
): Operator {
  const base = createAnswersOperator(answers, { source: 'autopilot', show: options.show });
  return {
    ...base,
    identity: () => 'autopilot',
    // A drill's lab belongs to the drill: a stale lock on it is the autopilot's own crashed run.
    confirm: (request) =>
      request.stepId === 'take-over-stale-lock' ? Promise.resolve(true) : base.confirm(request),
    chooseOnFailure: (request) => {
      if (request.phase === 'in-doubt') return Promise.resolve(request.checksPassed ? 'accept' : 'rerun');
      return base.chooseOnFailure(request);
    },
  };
}
