import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import { smsElementsAlias } from '../sms-elements-alias.mjs';

export default defineConfig({
  root: import.meta.dirname,
  // Tell Vue's template compiler that sms-* tags are custom elements, not Vue components.
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('sms-') } } })],
  resolve: { alias: smsElementsAlias() },
  build: { chunkSizeWarningLimit: 2000 }, // the demo backend's seed data is large
});
