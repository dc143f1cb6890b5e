export { defineModel, type Model, type Infer } from './defineModel.js';
export { defineService, type ServiceDefinition, type ServiceApi } from './defineService.js';
export { defineController, type ControllerDefinition, type ControllerOptions, type RouteBuilder, type RouteContext, type RouteDefinition, type RouteHandler, type RouteOptions, type HttpMethod, type ServiceMap, type ServiceApis } from './defineController.js';
export { reply, isReply, type Reply } from './reply.js';
