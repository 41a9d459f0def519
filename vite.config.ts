import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

// `--mode e2e` is the test build: the same production bundle plus the test hooks (worker failures, main-thread
// sweeps), which code keeps behind `import.meta.env.VITE_TEST_HOOKS === '1'` so every other build drops them.
export default defineConfig(({ mode }) => ({
  define: { 'import.meta.env.VITE_TEST_HOOKS': JSON.stringify(mode === 'e2e' ? '1' : '0') },
  plugins: [
    react(),
    VitePWA({
      // Prompt mode: a new build waits until the user accepts "Update available"; it never reloads by itself.
      registerType: 'prompt',
      // src/pwa/register.ts imports virtual:pwa-register; nothing is injected into index.html.
      injectRegister: false,
      // globPatterns below already picks up the icons; listing them again would duplicate precache entries.
      includeManifestIcons: false,
      manifest: {
        name: 'KNN Lab',
        short_name: 'KNN Lab',
        description: 'Train, tune and keep a k-nearest-neighbours house-price model in your browser.',
        theme_color: '#1f4e79',
        background_color: '#ffffff',
        display: 'standalone',
        start_url: '.',
        scope: '.',
        icons: [
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: 'icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // Everything the app needs offline: the page, its chunks (the worker chunk carries the dataset), icons,
        // any JSON. The plugin adds manifest.webmanifest itself; globbing it too would list it twice.
        globPatterns: ['**/*.{js,css,html,svg,png,json}'],
        // The worker chunk inlines the dataset; keep it precached even if it grows past Workbox's 2 MiB default.
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
      },
      // The service worker is a build artefact; dev keeps plain Vite HMR.
      devOptions: { enabled: false },
    }),
  ],
  worker: { format: 'es' },
  // KNN_OUT_DIR lets a second build (e.g. a benchmark beside a test run) use its own folder; the test build has
  // its own by default, so dist/ only ever holds what ships.
  build: {
    outDir: process.env.KNN_OUT_DIR ?? (mode === 'e2e' ? 'dist-e2e' : 'dist'),
    target: 'es2022',
    sourcemap: true,
  },
  preview: { port: 4173, strictPort: true },
}));
