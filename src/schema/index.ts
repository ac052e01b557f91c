import { builder } from './builder.js';
import './job.js';

export const schema = builder.toSchema({ sortSchema: false });
