export { openApiDocument, type OpenApiOptions } from './openApiDocument.js';
