// The tracing entry point, loaded before the server (`node --import ./dist/tracing.js dist/main.js`,
// or by `npm start`): tracing has to be set up before the modules it patches are imported. Without
// an OTLP endpoint it does nothing and loads none of the OpenTelemetry SDK.
import { ConfigError } from '../config-error.js';
import { tracingSettings } from './tracing-settings.js';

try {
  const settings = tracingSettings(process.env);
  if (settings) {
    const { startTracing } = await import('./start-tracing.js');
    await startTracing(settings);
  }
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`Configuration error: ${error.message}`);
  process.exit(1);
}
