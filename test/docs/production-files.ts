// What the production tests share: the compose files parsed (merge keys resolved), and readers.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { parse } from 'yaml';
import { projectRoot } from '../../src/project-root.js';

export interface Service {
  image?: string;
  build?: unknown;
  restart?: string;
  command?: string[];
  environment?: Record<string, string>;
  secrets?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  deploy?: { replicas?: number; resources?: { limits?: { cpus?: string; memory?: string } } };
  ports?: string[];
  expose?: string[];
  volumes?: string[];
  tmpfs?: string[];
  networks?: string[];
  logging?: { driver?: string; options?: Record<string, string> };
  read_only?: boolean;
  cap_drop?: string[];
  cap_add?: string[];
  security_opt?: string[];
  shm_size?: string;
  stop_grace_period?: string;
  init?: boolean;
}
export interface Compose {
  services: Record<string, Service>;
  secrets?: Record<string, { file: string }>;
  volumes?: Record<string, unknown>;
  networks?: Record<string, { internal?: boolean } | null>;
}

/** A file of the repository, by its path from the root. */
export const read = (file: string) => readFileSync(join(projectRoot, file), 'utf8');
export const compose = (file: string) => parse(read(file), { merge: true }) as Compose;
export const production = compose('docker-compose.production.yml');

/** Seconds in a compose or Caddy duration ("25s", "1m30s"). */
export function seconds(duration: string | undefined): number {
  const parts = [...(duration ?? '').matchAll(/(\d+)(h|m|s)/g)];
  expect(parts.map(([part]) => part).join(''), `"${duration}" is a duration`).toBe(duration);
  return parts.reduce((total, [, value, unit]) => total + Number(value) * { h: 3600, m: 60, s: 1 }[unit as 'h' | 'm' | 's'], 0);
}

/** The services serving the Rolegate image (not the one-off migrate container, which runs a command): the proxy's upstreams. */
export const apiServices = Object.entries(production.services).filter(
  ([, service]) => service.image === 'rolegate:production' && service.command === undefined,
);

/** A service's named volumes and bind mounts, as [source, target, mode?]. */
export const mounts = (service: Service) => (service.volumes ?? []).map((volume) => volume.split(':') as [string, string, string?]);
