import { resultOf, type Stage } from './StageContext.js';
import { typeCheck } from './typeCheck.js';

/** The TypeScript checker over the files the change affects (incremental language service). */
export const typesStage: Stage = async (context) => {
  const check = typeCheck(context);
  const fallback = context.project.config.tsconfig ? '' : ' (no tsconfig.json: strict defaults)';
  const pre = check.preexisting > 0 ? `, ${check.preexisting} pre-existing error(s) ignored` : '';
  return resultOf(check.issues, `${check.checkedFiles} file(s) checked${fallback}${pre}`, { checkedFiles: check.checkedFiles, preexisting: check.preexisting });
};
