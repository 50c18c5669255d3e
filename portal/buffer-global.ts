// Injected by esbuild where the validator uses the global Buffer.
export { Buffer } from './node-buffer.ts';
