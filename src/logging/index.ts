export { drsLogObserver } from './drs-log.js';
export { createLogger, type Logger } from './logger.js';
export { useOperationLog } from './operation-log.js';
export { yogaLogger } from './yoga-logger.js';
