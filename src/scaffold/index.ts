export { initApp, type InitResult } from './initApp.js';
export { generate, listTemplates, type GenerateResult, type TemplateInfo } from './generate.js';
export { nameForms, type NameForms } from './names.js';
