/**
 * The entry of the one-file browser bundle (`dist/browser/vega-streams.bundle.js`): the root
 * entry and the operators together, so that a page without a bundler gets both with one copy of
 * rxjs and of the error classes.
 */
export * from './index.js';
export * from './operators/index.js';
