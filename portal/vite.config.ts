import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The portal's build (`npm run build:portal`): one page, its script and styles under `assets/`, into
 * portal/dist — served beside the API by the local runtime, and from S3 through CloudFront in AWS.
 */
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [react()],
  build: { outDir: path.join(import.meta.dirname, 'dist'), emptyOutDir: true, sourcemap: false, target: 'es2022' },
  logLevel: 'warn',
});
