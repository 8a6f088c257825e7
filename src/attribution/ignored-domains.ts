/**
 * The domains whose pages do not count as embedding sites (SPEC §7): usually the search
 * engine's own site. A listed domain also covers its subdomains; matching is by whole host
 * labels, so `example.org` covers `www.example.org` but not `notexample.org`.
 */

/** Host names in the canonical form that `new URL()` gives a referer's host. */
export type IgnoredDomains = readonly string[];

/**
 * Parses the comma-separated `ATTRIBUTION_IGNORED_DOMAINS` value. Each entry goes through the
 * same WHATWG host parser as the referers, so upper case, IDN (punycode) and IPv4 spellings
 * compare equal to what the referer side produces. Throws an Error naming the bad entry; the
 * config module adds the variable's name.
 */
export function parseIgnoredDomains(value: string): IgnoredDomains {
  const domains = value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map(normaliseIgnoredDomain);
  return Object.freeze([...new Set(domains)]);
}

function normaliseIgnoredDomain(entry: string): string {
  // "*.example.org" and ".example.org" are common ways to say "and its subdomains", which a
  // listed domain means anyway.
  const bare = entry.replace(/^\*?\./, '');
  if (!/^[^/?#@:\s\\]+$/.test(bare) && !/^\[[0-9a-fA-F:.]+\]$/.test(bare)) {
    throw new Error(`"${entry}" is not a host name (give hosts only, no scheme, port or path)`);
  }
  const host = hostOf(bare);
  if (host === undefined) {
    throw new Error(`"${entry}" is not a host name`);
  }
  return host;
}

function hostOf(bare: string): string | undefined {
  try {
    return canonicalHost(new URL(`http://${bare}/`).hostname);
  } catch {
    return undefined;
  }
}

/**
 * The form in which hosts are compared and stored: without the brackets of an IPv6 literal
 * (they belong to URL syntax, not to the address) and without the trailing dot of a fully
 * qualified name (`example.org.` is the same host as `example.org`).
 */
export function canonicalHost(urlHostname: string): string {
  const unbracketed = urlHostname.startsWith('[') ? urlHostname.slice(1, -1) : urlHostname;
  return unbracketed.endsWith('.') ? unbracketed.slice(0, -1) : unbracketed;
}

/** True when `host` (canonical form) is a listed domain or a subdomain of one. */
export function isIgnoredHost(host: string, ignored: IgnoredDomains): boolean {
  return ignored.some((domain) => host === domain || hostIsUnder(host, domain));
}

function hostIsUnder(host: string, domain: string): boolean {
  // An IP address has no subdomains: "0.0.1" must not cover "127.0.0.1".
  if (isIpAddress(domain)) return false;
  return host.length > domain.length + 1 && host.endsWith(`.${domain}`);
}

function isIpAddress(host: string): boolean {
  // After the WHATWG host parser an IPv4 address is always a dotted quad, an IPv6 one holds ':'.
  return host.includes(':') || /^\d+\.\d+\.\d+\.\d+$/.test(host);
}
