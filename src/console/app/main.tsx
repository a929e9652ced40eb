// The console's browser entry, bundled by esbuild (console-bundle.ts): in memory on the server's
// first request when it runs from the sources, into dist/assets/console/ by `npm run build`.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ConsoleApp } from './console-app.js';
import './console.css';

const root = document.getElementById('console');
if (root)
  createRoot(root).render(
    <StrictMode>
      <ConsoleApp />
    </StrictMode>,
  );
