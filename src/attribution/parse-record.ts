/**
 * Turns one web-server access-log record into an attribution event, or says why not
 * (SPEC §7). Pure and total: every input gives a result, nothing throws.
 */
import { canonicalHost, isIgnoredHost, type IgnoredDomains } from './ignored-domains';
import { parseLenientJson } from './lenient-json';

/** The stored fields of an `attribution_referrer_event` row. */
export interface AttributionEvent {
  imageUuid: string | null;
  fullReferer: string;
  refererDomain: string;
  resource: string;
}

export type IgnoredReason =
  | 'not a badge image'
  | 'no referer'
  | 'referer is not an absolute http(s) URL'
  | 'referer on an ignored domain';

export type MalformedReason =
  | 'record too long'
  | 'message without a value'
  | 'not JSON'
  | 'not a JSON object'
  | 'wrapped message is not a JSON object'
  | 'request is missing or not a string'
  | 'http_referer is missing or not a string'
  | 'request line without a path';

export type ParseResult =
  | { kind: 'saved'; event: AttributionEvent }
  | { kind: 'ignored'; reason: IgnoredReason }
  | { kind: 'malformed'; reason: MalformedReason };

/**
 * nginx keeps a request line and each header under 8 KiB by default
 * (large_client_header_buffers), so a genuine record is far below this; a longer line is
 * corrupt input, refused before any parsing work.
 */
export const MAX_RECORD_LENGTH = 64 * 1024;

/** RFC 9110 §5.6.2 token, the syntax of a method. */
const HTTP_TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * A request-target has no control characters or spaces (RFC 9112 §3.2). Refusing them here
 * also keeps NUL, which PostgreSQL cannot store in text, out of the stored resource.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const REQUEST_TARGET = /^[^\x00-\x20\x7f]+$/;

const CANONICAL_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `ignoredDomains` must come from `parseIgnoredDomains` (canonical host names). */
export function parseAccessLogRecord(line: string, ignoredDomains: IgnoredDomains): ParseResult {
  if (line.length > MAX_RECORD_LENGTH) return malformed('record too long');

  const record = readRecord(line);
  if (typeof record === 'string') return malformed(record);

  const { request, http_referer: referer } = record;
  if (typeof request !== 'string') return malformed('request is missing or not a string');
  // A null referer is what the repair makes of an empty logged value: present but empty.
  if (referer === null) return ignored('no referer');
  if (typeof referer !== 'string') return malformed('http_referer is missing or not a string');

  const target = requestTarget(request);
  if (target === undefined) return malformed('request line without a path');

  return classify(target, referer, ignoredDomains);
}

type LogRecord = Record<string, unknown>;

/**
 * A log shipper wraps the web server's JSON in `{"message": "<JSON as a string>", ...}`; an
 * object that has its own `request` is taken as the unwrapped record. Without either, the
 * object is returned as it is, for the caller to find `request` missing.
 */
function readRecord(line: string): LogRecord | MalformedReason {
  // A byte-order mark can start a file written by Windows tools; JSON.parse refuses it.
  const text = line.charCodeAt(0) === 0xfeff ? line.slice(1) : line;
  const outer = parseLenientJson(text);
  if (outer === undefined) return 'not JSON';
  if (!isObject(outer)) return 'not a JSON object';
  if ('request' in outer) return outer;
  // Some shippers decode the JSON themselves and send the object.
  if (isObject(outer.message)) return outer.message;
  if (typeof outer.message !== 'string') return outer;

  const inner = parseLenientJson(outer.message);
  return isObject(inner) ? inner : 'wrapped message is not a JSON object';
}

function isObject(value: unknown): value is LogRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The request-target of an HTTP request line, `METHOD SP target [SP HTTP-version]`
 * (RFC 9112 §3; the version is absent in HTTP/0.9). nginx logs "-" or garbage for requests it
 * could not read: those have no target and are malformed.
 */
function requestTarget(requestLine: string): string | undefined {
  const parts = requestLine.split(' ');
  if (parts.length < 2 || parts.length > 3) return undefined;
  const [method, target] = parts;
  if (!HTTP_TOKEN.test(method) || !REQUEST_TARGET.test(target)) return undefined;
  if (parts.length === 3 && !/^HTTP\/\d(\.\d)?$/.test(parts[2])) return undefined;
  return target;
}

function classify(target: string, referer: string, ignoredDomains: IgnoredDomains): ParseResult {
  const requested = splitTarget(target);
  if (requested === undefined || !requested.path.endsWith('.svg')) {
    return ignored('not a badge image');
  }
  if (referer === '' || referer === '-') return ignored('no referer');

  const refererUrl = parseHttpUrl(referer);
  if (refererUrl === undefined) return ignored('referer is not an absolute http(s) URL');

  const refererDomain = canonicalHost(refererUrl.hostname);
  if (isIgnoredHost(refererDomain, ignoredDomains)) return ignored('referer on an ignored domain');

  return {
    kind: 'saved',
    event: {
      imageUuid: imageUuidOf(requested.query),
      // Credentials, query and fragment can carry personal data (SPEC §7); the port stays.
      fullReferer: `${refererUrl.protocol}//${refererUrl.host}${refererUrl.pathname}`,
      refererDomain,
      resource: requested.path,
    },
  };
}

/**
 * Path and query of an origin-form target (`/path?query`) or of an absolute-form one
 * (`http://host/path?query`, RFC 9112 §3.2.2, sent to proxies). Other forms (`*`, `host:port`)
 * name no file.
 */
function splitTarget(target: string): { path: string; query: string } | undefined {
  if (target.startsWith('/')) {
    const [withoutFragment] = target.split('#', 1);
    const queryStart = withoutFragment.indexOf('?');
    if (queryStart === -1) return { path: withoutFragment, query: '' };
    return {
      path: withoutFragment.slice(0, queryStart),
      query: withoutFragment.slice(queryStart + 1),
    };
  }
  const url = parseHttpUrl(target);
  return url === undefined ? undefined : { path: url.pathname, query: url.search };
}

/** An absolute URL with an explicit `http://` or `https://` authority, else undefined. */
function parseHttpUrl(text: string): URL | undefined {
  // The WHATWG parser also takes "https:host/path"; a referer sent by a browser never has that
  // shape, so only the RFC 3986 scheme-and-authority form counts as absolute here.
  if (!/^https?:\/\//i.test(text)) return undefined;
  return parseUrl(text);
}

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

function imageUuidOf(query: string): string | null {
  const imageId = new URLSearchParams(query).get('image_id');
  return imageId !== null && CANONICAL_UUID.test(imageId) ? imageId.toLowerCase() : null;
}

function malformed(reason: MalformedReason): ParseResult {
  return { kind: 'malformed', reason };
}

function ignored(reason: IgnoredReason): ParseResult {
  return { kind: 'ignored', reason };
}
