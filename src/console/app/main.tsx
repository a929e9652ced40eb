// The console's browser entry, bundled by esbuild on the server's first request (console-bundle.ts).
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
