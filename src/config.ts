/**
 * The only module that reads `process.env`. Every setting is declared once
 * with its variable, default and meaning; `loadConfig` parses them all into a
 * frozen object, and a bad value throws a ConfigError naming the variable so
 * that the runner can stop with one clear line.
 */

import { parseIgnoredDomains, type IgnoredDomains } from './attribution/ignored-domains';
import {
  SASL_MECHANISMS,
  type KafkaSettings,
  type SaslMechanism,
} from './attribution/kafka-settings';

export class ConfigError extends Error {
  constructor(variable: string, problem: string) {
    super(`${variable}: ${problem}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

function text(env: Env, name: string, fallback: string): string {
  const value = env[name];
  return value === undefined || value === '' ? fallback : value;
}

function optionalText(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value === '' ? undefined : value;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;

  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || value < min || value > max) {
    throw new ConfigError(name, `must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function list(env: Env, name: string, fallback: readonly string[]): readonly string[] {
  const raw = env[name];
  if (raw === undefined) return fallback;

  return raw
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function basePath(env: Env): string {
  const raw = text(env, 'BASE_PATH', '');
  if (raw === '' || raw === '/') return '';

  if (!/^(\/[A-Za-z0-9._~-]+)+\/?$/.test(raw)) {
    throw new ConfigError('BASE_PATH', `must look like /analytics, got "${raw}"`);
  }
  return raw.replace(/\/$/, '');
}

function origins(env: Env): readonly string[] {
  const values = list(env, 'ALLOWED_ORIGINS', []);
  for (const value of values) {
    if (!isOrigin(value)) {
      throw new ConfigError(
        'ALLOWED_ORIGINS',
        `"${value}" is not an origin like https://example.org`,
      );
    }
  }
  return values.map((value) => new URL(value).origin);
}

function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value;
  } catch {
    return false;
  }
}

function databaseUrl(env: Env): string | undefined {
  const value = optionalText(env, 'DATABASE_URL');
  if (value !== undefined && !/^postgres(ql)?:\/\//.test(value)) {
    throw new ConfigError('DATABASE_URL', 'must start with postgresql://');
  }
  return value;
}

function timeZone(env: Env): string {
  const value = text(env, 'REPORT_TIMEZONE', 'UTC');
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
  } catch {
    throw new ConfigError('REPORT_TIMEZONE', `"${value}" is not an IANA time zone name`);
  }
  return value;
}

function logLevel(env: Env): string {
  const value = text(env, 'LOG_LEVEL', 'info');
  const levels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
  if (!levels.includes(value)) {
    throw new ConfigError('LOG_LEVEL', `must be one of ${levels.join(', ')}`);
  }
  return value;
}

function identifier(env: Env, name: string, fallback: string): string {
  const value = text(env, name, fallback);
  if (!/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/.test(value)) {
    throw new ConfigError(name, `"${value}" is not a table name like image or public.image`);
  }
  return value;
}

function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = text(env, name, String(fallback));
  if (raw !== 'true' && raw !== 'false') {
    throw new ConfigError(name, `must be true or false, got "${raw}"`);
  }
  return raw === 'true';
}

function ignoredDomains(env: Env): IgnoredDomains {
  // Set but empty means "ignore no domain", so the default applies only when unset.
  try {
    return parseIgnoredDomains(env.ATTRIBUTION_IGNORED_DOMAINS ?? 'localhost');
  } catch (error) {
    throw new ConfigError('ATTRIBUTION_IGNORED_DOMAINS', (error as Error).message);
  }
}

function kafka(env: Env): KafkaSettings {
  return Object.freeze({
    brokers: list(env, 'KAFKA_BROKERS', []),
    topic: text(env, 'KAFKA_TOPIC', 'access-log'),
    groupId: text(env, 'KAFKA_GROUP_ID', 'search-analytics-attribution'),
    ssl: flag(env, 'KAFKA_SSL', false),
    sasl: kafkaSasl(env),
  });
}

function kafkaSasl(env: Env): KafkaSettings['sasl'] {
  const mechanism = optionalText(env, 'KAFKA_SASL_MECHANISM');
  if (mechanism === undefined) return undefined;
  if (!(SASL_MECHANISMS as readonly string[]).includes(mechanism)) {
    throw new ConfigError('KAFKA_SASL_MECHANISM', `must be one of ${SASL_MECHANISMS.join(', ')}`);
  }
  const username = optionalText(env, 'KAFKA_SASL_USERNAME');
  const password = optionalText(env, 'KAFKA_SASL_PASSWORD');
  if (username === undefined) throw new ConfigError('KAFKA_SASL_USERNAME', 'must be set with SASL');
  if (password === undefined) throw new ConfigError('KAFKA_SASL_PASSWORD', 'must be set with SASL');
  return { mechanism: mechanism as SaslMechanism, username, password };
}

export function loadConfig(env: Env = process.env) {
  return Object.freeze({
    port: integer(env, 'PORT', 8090, 0, 65535),
    host: text(env, 'HOST', '127.0.0.1'),
    basePath: basePath(env),
    allowedOrigins: origins(env),
    logLevel: logLevel(env),
    databaseUrl: databaseUrl(env),
    dataDir: text(env, 'DATA_DIR', './data'),
    dbPoolMax: integer(env, 'DB_POOL_MAX', 10, 1, 100),
    dbConnectTimeoutMs: integer(env, 'DB_CONNECT_TIMEOUT_MS', 2000, 100, 60000),
    ingestQueueMax: integer(env, 'INGEST_QUEUE_MAX', 10000, 1, 1000000),
    shutdownTimeoutMs: integer(env, 'SHUTDOWN_TIMEOUT_MS', 10000, 0, 600000),
    reportsToken: optionalText(env, 'REPORTS_TOKEN'),
    reportTimeZone: timeZone(env),
    catalogImageTable: identifier(env, 'CATALOG_IMAGE_TABLE', 'image'),
    retentionDays: integer(env, 'RETENTION_DAYS', 30, 1, 36500),
    attributionIgnoredDomains: ignoredDomains(env),
    kafka: kafka(env),
  });
}

export type Config = ReturnType<typeof loadConfig>;
