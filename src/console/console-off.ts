import type { RequestHandler } from 'express';
import { consolePath } from './console-page.js';

/**
 * With the console off (`CONSOLE_ENABLED=false`, the default with NODE_ENV=production), `/console`
 * and everything below it answer 404 saying which setting turns it on, instead of Express's bare 404.
 */
export const consoleOff: RequestHandler = (request, response, next) => {
  if (request.path !== consolePath && !request.path.startsWith(`${consolePath}/`)) {
    next();
    return;
  }
  response
    .status(404)
    .type('text/plain')
    .send('The GitClub console is off on this server: CONSOLE_ENABLED=true turns it on (it is off by default with NODE_ENV=production).\n');
};
