/**
 * Scenario descriptions for the twin: app code imports these from `@krepis/kernel`; the twin in
 * Krepis (`krepis verify`) discovers `*.twin.ts` files and runs them. No simulator code lives here.
 */
export { defineScenario, isScenario, ScenarioDefinitionError } from './defineScenario.js';
export type {
  Actor,
  ActorContext,
  ActorSpec,
  ChaosProfile,
  Check,
  Deferred,
  LivenessProperty,
  Scenario,
  ScenarioDefinition,
  ScenarioSetup,
  StateView,
  TaskHandle,
  WorkloadProfile,
} from './types.js';
