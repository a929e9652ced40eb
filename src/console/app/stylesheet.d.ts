// esbuild bundles imported stylesheets into the console's CSS file (console-bundle.ts); TypeScript only needs to know they exist.
declare module '*.css';
