import { defineConfig } from 'vite';
import { smsElementsAlias } from '../sms-elements-alias.mjs';

// Angular in JIT mode: Vite compiles the TypeScript (with experimentalDecorators from
// tsconfig.json) and @angular/compiler compiles the components in the browser. No Angular CLI;
// see docs/decisions/0006-framework-examples.md.
export default defineConfig({
  root: import.meta.dirname,
  resolve: { alias: smsElementsAlias() },
  build: { chunkSizeWarningLimit: 2000 }, // JIT ships the compiler; the demo backend's seed is large
});
