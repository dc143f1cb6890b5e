import type { ResolvedConfig } from '../../src/config/index.js';
import { Overlay, type ProjectService } from '../../src/agent/index.js';
import type { StageContext } from '../../src/agent/pipeline/StageContext.js';
import { materializeOverlay, type MaterializedOverlay } from '../../src/agent/overlay/materialize.js';

/** A stage context for one change (file → new text), as the loop builds it for an attempt. */
export function stageContextFor(root: string, config: ResolvedConfig, project: ProjectService, edits: Record<string, string>): StageContext & AsyncDisposable {
  const overlay = new Overlay(root);
  for (const [file, text] of Object.entries(edits)) overlay.write(file, text);
  let copy: MaterializedOverlay | undefined;
  return {
    root, config, overlay, project, changes: overlay.changes(),
    materialize: async () => (copy ??= await materializeOverlay(overlay)).dir,
    async [Symbol.asyncDispose]() {
      await copy?.[Symbol.asyncDispose]();
      project.setOverlay(new Map());
    },
  };
}
