import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { smsElementsAlias } from '../sms-elements-alias.mjs';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  resolve: { alias: smsElementsAlias() },
  build: { chunkSizeWarningLimit: 2000 }, // the demo backend's seed data is large
});
