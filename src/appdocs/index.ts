export { generateDocs, loadControllers, type DocsResult } from './generateDocs.js';
