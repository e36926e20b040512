// Entry of one function instance's worker thread (local/lambda.ts). Plain JavaScript
// because a worker starts without the parent's loader: register tsx here (the worker
// is created with execArgv [] so tsx's own flags are not inherited twice), then load
// the TypeScript sandbox.
import { register } from 'tsx/esm/api';

register();
await import(new URL('./lambda-runtime.ts', import.meta.url).href);
