export { createApp, type App, type AppOptions, type AppLimits } from './createApp.js';
export type { ListenOptions, RunningServer } from './listen.js';
