import { parseIgnoredDomains } from '../../src/attribution/ignored-domains';
import {
  MAX_RECORD_LENGTH,
  parseAccessLogRecord,
  type AttributionEvent,
  type ParseResult,
} from '../../src/attribution/parse-record';
import {
  FIXTURE_IGNORED_DOMAINS,
  accessLogFixtureCases,
  accessLogRecord,
  badgeHit,
  expectedResult,
  wrappedRecord,
} from './access-log-fixture';

const UUID = '3b5e2c1a-7d4f-4e8b-a9c0-2f1e3d4c5b6a';
const fixtureDomains = parseIgnoredDomains(FIXTURE_IGNORED_DOMAINS);

function saved(event: Partial<AttributionEvent>): ParseResult {
  return {
    kind: 'saved',
    event: { imageUuid: null, resource: '/static/img/cc-by.svg', ...event } as AttributionEvent,
  };
}

/** A badge hit saved from the referer https://blog.example.net/. */
function savedFromBlog(event: Partial<AttributionEvent>): ParseResult {
  return saved({
    fullReferer: 'https://blog.example.net/',
    refererDomain: 'blog.example.net',
    ...event,
  });
}

describe('parseAccessLogRecord', () => {
  describe('fixture lines (test/fixtures/access-log*.jsonl)', () => {
    it.each(accessLogFixtureCases())('$name', ({ line, expected }) => {
      const result = parseAccessLogRecord(line, fixtureDomains);

      expect(result).toMatchObject(expectedResult(expected));
    });
  });

  describe('referer normalisation', () => {
    it.each<{ name: string; referer: string; want: Partial<AttributionEvent> }>([
      {
        name: 'when the host is in upper case, then it is stored lower-cased and the path kept',
        referer: 'HTTPS://WWW.Example.COM/Path/Page',
        want: {
          fullReferer: 'https://www.example.com/Path/Page',
          refererDomain: 'www.example.com',
        },
      },
      {
        name: 'when the host is an IDN, then it is stored in its ASCII (punycode) form',
        referer: 'https://Bücher.example/seite?q=1',
        want: {
          fullReferer: 'https://xn--bcher-kva.example/seite',
          refererDomain: 'xn--bcher-kva.example',
        },
      },
      {
        name: 'when the host ends with a dot, then the domain drops it',
        referer: 'https://blog.example.net./a',
        want: { fullReferer: 'https://blog.example.net./a', refererDomain: 'blog.example.net' },
      },
      {
        name: 'when the port is the scheme default, then it is dropped',
        referer: 'https://blog.example.net:443/a',
        want: { fullReferer: 'https://blog.example.net/a', refererDomain: 'blog.example.net' },
      },
      {
        name: 'when the referer is an IPv6 literal with port, then the domain is the bare address',
        referer: 'http://[2001:DB8::1]:8080/p?token=secret',
        want: { fullReferer: 'http://[2001:db8::1]:8080/p', refererDomain: '2001:db8::1' },
      },
      {
        name: 'when the referer is an IPv4 address, then it is stored as is',
        referer: 'http://192.0.2.10/wiki',
        want: { fullReferer: 'http://192.0.2.10/wiki', refererDomain: '192.0.2.10' },
      },
      {
        name: 'when the referer has no path, then the stored referer ends with "/"',
        referer: 'https://blog.example.net',
        want: { fullReferer: 'https://blog.example.net/', refererDomain: 'blog.example.net' },
      },
      {
        name: 'when the referer has only a user name and a fragment, then both are dropped',
        referer: 'https://alice@blog.example.net/p#section-2',
        want: { fullReferer: 'https://blog.example.net/p', refererDomain: 'blog.example.net' },
      },
    ])('$name', ({ referer, want }) => {
      const result = parseAccessLogRecord(wrappedRecord(badgeHit(referer)), []);

      expect(result).toEqual(saved(want));
    });
  });

  describe('ignored domains', () => {
    it.each<{ name: string; domains: string; referer: string; kind: ParseResult['kind'] }>([
      {
        name: 'when the referer host differs from the list only in case, then it is ignored',
        domains: 'Example.ORG',
        referer: 'https://WWW.EXAMPLE.org/',
        kind: 'ignored',
      },
      {
        name: 'when the referer host is the ignored domain with a trailing dot, then it is ignored',
        domains: 'example.org',
        referer: 'https://example.org./photos',
        kind: 'ignored',
      },
      {
        name: 'when an IDN domain is listed in Unicode, then its punycode referer is ignored',
        domains: 'bücher.example',
        referer: 'https://www.xn--bcher-kva.example/',
        kind: 'ignored',
      },
      {
        name: 'when the ignored domain is only a suffix of a label, then it is not ignored',
        domains: 'example.org',
        referer: 'https://myexample.org/',
        kind: 'saved',
      },
      {
        name: 'when the ignored domain appears inside the host, then it is not ignored',
        domains: 'example.org',
        referer: 'https://example.org.attacker.example/',
        kind: 'saved',
      },
      {
        name: 'when the ignored domain is in the referer credentials, then it is not ignored',
        domains: 'example.org',
        referer: 'https://example.org@blog.example.net/',
        kind: 'saved',
      },
      {
        name: 'when the ignored domain is listed with a port-less host, then any port is ignored',
        domains: 'example.org',
        referer: 'https://search.example.org:8443/',
        kind: 'ignored',
      },
      {
        name: 'when an IP address is listed, then an address ending in it is not ignored',
        domains: '0.0.1',
        referer: 'http://127.0.0.1/',
        kind: 'saved',
      },
      {
        name: 'when an IPv6 address is listed, then the same address in any spelling is ignored',
        domains: '[2001:db8:0:0::1]',
        referer: 'http://[2001:DB8::1]/',
        kind: 'ignored',
      },
    ])('$name', ({ domains, referer, kind }) => {
      const result = parseAccessLogRecord(
        wrappedRecord(badgeHit(referer)),
        parseIgnoredDomains(domains),
      );

      expect(result.kind).toBe(kind);
    });
  });

  describe('referers that name no embedding page', () => {
    it.each<{ name: string; referer: unknown; want: ParseResult }>([
      { name: 'when the referer is "-"', referer: '-', want: ignoredBecause('no referer') },
      { name: 'when the referer is empty', referer: '', want: ignoredBecause('no referer') },
      { name: 'when the referer is JSON null', referer: null, want: ignoredBecause('no referer') },
      { name: 'when the referer is relative', referer: '/page', want: notHttp() },
      {
        name: 'when the referer has no authority',
        referer: 'https:blog.example.net/',
        want: notHttp(),
      },
      {
        name: 'when the referer is an ftp URL',
        referer: 'ftp://files.example.net/',
        want: notHttp(),
      },
      {
        name: 'when the referer is a data URL',
        referer: 'data:text/html,<p>x</p>',
        want: notHttp(),
      },
      {
        name: 'when the referer has an invalid port',
        referer: 'https://a.example:99999/',
        want: notHttp(),
      },
      {
        name: 'when the referer has a space in the host',
        referer: 'https://a b.example/',
        want: notHttp(),
      },
      {
        name: 'when the referer is a number',
        referer: 42,
        want: malformedBecause('http_referer is missing or not a string'),
      },
    ])('$name, then the record is not saved', ({ referer, want }) => {
      const line = wrappedRecord({ request: 'GET /cc-by.svg HTTP/1.1', http_referer: referer });

      const result = parseAccessLogRecord(line, []);

      expect(result).toEqual(want);
    });
  });

  describe('requested resource', () => {
    it.each<{ name: string; request: string; want: ParseResult }>([
      {
        name: 'when the query names an upper-case UUID, then the image UUID is lower-cased',
        request: `GET /static/img/cc-by.svg?image_id=${UUID.toUpperCase()} HTTP/1.1`,
        want: savedFromBlog({ imageUuid: UUID }),
      },
      {
        name: 'when image_id is the nil UUID, then it is kept (any version is a UUID)',
        request: 'GET /static/img/cc-by.svg?image_id=00000000-0000-0000-0000-000000000000 HTTP/2.0',
        want: savedFromBlog({ imageUuid: '00000000-0000-0000-0000-000000000000' }),
      },
      {
        name: 'when image_id is a UUID in braces, then no image UUID is stored',
        request: `GET /static/img/cc-by.svg?image_id={${UUID}} HTTP/1.1`,
        want: savedFromBlog({}),
      },
      {
        name: 'when image_id is a UUID without hyphens, then no image UUID is stored',
        request: `GET /static/img/cc-by.svg?image_id=${UUID.replace(/-/g, '')} HTTP/1.1`,
        want: savedFromBlog({}),
      },
      {
        name: 'when image_id appears twice, then the first one counts',
        request: `GET /static/img/cc-by.svg?image_id=${UUID}&image_id=nope HTTP/1.1`,
        want: savedFromBlog({ imageUuid: UUID }),
      },
      {
        name: 'when the UUID is in another parameter, then no image UUID is stored',
        request: `GET /static/img/cc-by.svg?other_id=${UUID} HTTP/1.1`,
        want: savedFromBlog({}),
      },
      {
        name: 'when the target is in absolute form, then the resource is its path',
        request: `GET https://search.example.org/static/img/cc-by.svg?image_id=${UUID} HTTP/1.1`,
        want: savedFromBlog({ imageUuid: UUID }),
      },
      {
        name: 'when the request line has no version (HTTP/0.9), then it is still read',
        request: 'GET /static/img/cc-by.svg',
        want: savedFromBlog({}),
      },
      {
        name: 'when the path ends in .svg but has a fragment, then the fragment is not stored',
        request: 'GET /static/img/cc-by.svg#badge HTTP/1.1',
        want: savedFromBlog({}),
      },
      {
        name: 'when .svg is only in the query, then it is not a badge image',
        request: 'GET /static/img/logo.png?as=.svg HTTP/1.1',
        want: ignoredBecause('not a badge image'),
      },
      {
        name: 'when the path continues after .svg, then it is not a badge image',
        request: 'GET /static/img/cc-by.svg.png HTTP/1.1',
        want: ignoredBecause('not a badge image'),
      },
      {
        name: 'when the target is "*", then it is not a badge image',
        request: 'OPTIONS * HTTP/1.1',
        want: ignoredBecause('not a badge image'),
      },
      {
        name: 'when the request line is binary noise, then it is malformed',
        request: '\\x16\\x03\\x01\\x02\\x00\\x01\\x00\\x01\\xFC\\x03\\x03',
        want: malformedBecause('request line without a path'),
      },
      {
        name: 'when the path holds a NUL character, then it is malformed (PostgreSQL refuses NUL)',
        request: 'GET /static/img/cc-by\u0000.svg HTTP/1.1',
        want: malformedBecause('request line without a path'),
      },
      {
        name: 'when the path holds a tab, then it is malformed',
        request: 'GET /static/img/cc-by.svg\tHTTP/1.1',
        want: malformedBecause('request line without a path'),
      },
      {
        name: 'when the request line has too many parts, then it is malformed',
        request: 'GET /static/img/cc by.svg HTTP/1.1',
        want: malformedBecause('request line without a path'),
      },
      {
        name: 'when the third part is not an HTTP version, then it is malformed',
        request: 'GET /static/img/cc-by.svg banana',
        want: malformedBecause('request line without a path'),
      },
    ])('$name', ({ request, want }) => {
      const line = wrappedRecord({ request, http_referer: 'https://blog.example.net/' });

      const result = parseAccessLogRecord(line, fixtureDomains);

      expect(result).toEqual(want);
    });
  });

  describe('record shape', () => {
    const hit = badgeHit('https://blog.example.net/');
    const wantSaved = savedFromBlog({});

    it.each<{ name: string; line: string; want: ParseResult }>([
      {
        name: 'when the line is empty, then it is malformed',
        line: '',
        want: malformedBecause('not JSON'),
      },
      {
        name: 'when the line is a JSON array, then it is malformed',
        line: '[1,2]',
        want: notObject(),
      },
      {
        name: 'when the line is a JSON string, then it is malformed',
        line: '"GET /a.svg"',
        want: notObject(),
      },
      { name: 'when the line is JSON null, then it is malformed', line: 'null', want: notObject() },
      {
        name: 'when the line is a JSON number, then it is malformed',
        line: '42',
        want: notObject(),
      },
      {
        name: 'when the wrapped message is a JSON array, then it is malformed',
        line: JSON.stringify({ message: '[1]' }),
        want: malformedBecause('wrapped message is not a JSON object'),
      },
      {
        name: 'when the request field is missing, then it is malformed',
        line: accessLogRecord({ http_referer: 'https://blog.example.net/' }),
        want: malformedBecause('request is missing or not a string'),
      },
      {
        name: 'when the http_referer field is missing, then it is malformed',
        line: accessLogRecord({ request: 'GET /cc-by.svg HTTP/1.1' }),
        want: malformedBecause('http_referer is missing or not a string'),
      },
      {
        name: 'when the line starts with a byte-order mark, then it is read',
        line: `\uFEFF${accessLogRecord(hit)}`,
        want: wantSaved,
      },
      {
        name: 'when the line ends with CR (a CRLF file), then it is read',
        line: `${wrappedRecord(hit)}\r`,
        want: wantSaved,
      },
      {
        name: 'when an unwrapped record has the empty-value defect last, then it is repaired',
        line: accessLogRecord(hit).replace(/}$/, ',"upstream_response_time":}'),
        want: wantSaved,
      },
      {
        name: 'when several values are empty, then each is repaired',
        line: accessLogRecord(hit).replace(/^{/, '{"a":, "b":\t,"upstream_status":,'),
        want: wantSaved,
      },
      {
        name: 'when the empty value is the referer, then the record has no referer',
        line: accessLogRecord({ request: 'GET /cc-by.svg HTTP/1.1' }).replace(
          /^{/,
          '{"http_referer":,',
        ),
        want: ignoredBecause('no referer'),
      },
      {
        name: 'when the shipper sent the record as an object under message, then it is read',
        line: JSON.stringify({ '@timestamp': '2026-12-03T10:15:42Z', message: hit }),
        want: wantSaved,
      },
      {
        name: 'when message is neither text nor an object, then the request is missing',
        line: JSON.stringify({ message: 42 }),
        want: malformedBecause('request is missing or not a string'),
      },
      {
        name: 'when a record has both message and request, then it is taken as unwrapped',
        line: accessLogRecord({ ...hit, message: 'client closed connection' }),
        want: wantSaved,
      },
      {
        name: 'when the record is just under the length limit, then it is read',
        line: padTo(accessLogRecord(hit), MAX_RECORD_LENGTH),
        want: wantSaved,
      },
      {
        name: 'when the record is over the length limit, then it is malformed without parsing',
        line: padTo(accessLogRecord(hit), MAX_RECORD_LENGTH + 1),
        want: malformedBecause('record too long'),
      },
    ])('$name', ({ line, want }) => {
      const result = parseAccessLogRecord(line, fixtureDomains);

      expect(result).toEqual(want);
    });
  });

  describe('totality', () => {
    it('when any prefix or damaged copy of a fixture line is parsed, then a result comes back', () => {
      const lines = accessLogFixtureCases().map(({ line }) => line);
      const variants = lines.flatMap((line) => [
        ...Array.from({ length: line.length }, (_, end) => line.slice(0, end)),
        line.replace(/"/g, ''),
        line.replace(/:/g, ':,'),
        line.replace(/\\"/g, '"'),
      ]);

      const kinds = new Set(
        variants.map((line) => parseAccessLogRecord(line, fixtureDomains).kind),
      );

      expect([...kinds].every((kind) => ['saved', 'ignored', 'malformed'].includes(kind))).toBe(
        true,
      );
    });
  });
});

/** `line` with spaces added inside the JSON object until it is exactly `length` long. */
function padTo(line: string, length: number): string {
  return `${line.slice(0, -1)}${' '.repeat(length - line.length)}}`;
}

function ignoredBecause(reason: Extract<ParseResult, { kind: 'ignored' }>['reason']): ParseResult {
  return { kind: 'ignored', reason };
}

function malformedBecause(
  reason: Extract<ParseResult, { kind: 'malformed' }>['reason'],
): ParseResult {
  return { kind: 'malformed', reason };
}

function notHttp(): ParseResult {
  return ignoredBecause('referer is not an absolute http(s) URL');
}

function notObject(): ParseResult {
  return malformedBecause('not a JSON object');
}
