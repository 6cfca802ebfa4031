/** The single-file build: the whole API with every element registered and every dependency inside. */
import './define.js';

export * from './index.js';
