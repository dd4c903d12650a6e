/** Replay mode: core blocks from a recorded event stream instead of the engine. */
export { RecordingSource } from './recording-source.js';
