import { storageCase } from '../../../kernel/test/storage.case.js';
import { standaloneTwinPorts } from '../index.js';

// The kernel's one Storage suite, run against the twin's simulated storage.
storageCase('twin simulated storage', () => standaloneTwinPorts().storage);
