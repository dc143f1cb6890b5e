import type { Overlay } from './Overlay.js';
import { WorkspaceCopy } from './WorkspaceCopy.js';

export interface MaterializedOverlay extends AsyncDisposable {
  dir: string;
}

/** A one-off temp copy of the workspace with the overlay's files written into it. */
export async function materializeOverlay(overlay: Overlay): Promise<MaterializedOverlay> {
  const copy = await WorkspaceCopy.create(overlay.root);
  await copy.sync(overlay.changes());
  return copy;
}
