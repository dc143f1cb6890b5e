import { resultOf, type Stage } from './StageContext.js';
import { typeCheck } from './typeCheck.js';

/** Every imported module, imported name and referenced symbol must exist (counted apart from other type errors). */
export const hallucinationStage: Stage = async (context) => {
  const check = typeCheck(context);
  return resultOf(
    check.hallucinations.map((issue) => ({ ...issue, message: `does not exist: ${issue.message}` })),
    'every import and referenced name resolves',
    { hallucinations: check.hallucinations.length },
  );
};
