import { isIgnoredHost, parseIgnoredDomains } from '../../src/attribution/ignored-domains';

describe('parseIgnoredDomains', () => {
  it.each<{ name: string; given: string; want: string[] }>([
    { name: 'when the value is empty, then nothing is ignored', given: '', want: [] },
    {
      name: 'when entries have spaces, case and empty items, then they are normalised',
      given: ' Example.ORG , ,search.example.org,',
      want: ['example.org', 'search.example.org'],
    },
    {
      name: 'when an entry starts with "*." or ".", then the prefix is dropped',
      given: '*.cdn.example.net,.static.example.net',
      want: ['cdn.example.net', 'static.example.net'],
    },
    {
      name: 'when an entry is an IDN, then it is kept in punycode',
      given: 'bücher.example',
      want: ['xn--bcher-kva.example'],
    },
    {
      name: 'when an entry ends with a dot, then the dot is dropped',
      given: 'example.org.',
      want: ['example.org'],
    },
    {
      name: 'when an entry is listed twice, then it appears once',
      given: 'example.org,EXAMPLE.org',
      want: ['example.org'],
    },
    {
      name: 'when an entry is an IPv6 literal, then it is kept without brackets',
      given: '[2001:DB8::1]',
      want: ['2001:db8::1'],
    },
  ])('$name', ({ given, want }) => {
    expect(parseIgnoredDomains(given)).toEqual(want);
  });

  it.each([
    'https://example.org',
    'example.org:8080',
    'example.org/path',
    'exa mple.org',
    'a@b.example',
  ])('when an entry is %p, then it is refused with its name in the message', (entry) => {
    expect(() => parseIgnoredDomains(`example.net,${entry}`)).toThrow(entry);
  });
});

describe('isIgnoredHost', () => {
  const ignored = ['example.org', '192.0.2.1'];

  it.each<{ host: string; want: boolean }>([
    { host: 'example.org', want: true },
    { host: 'www.example.org', want: true },
    { host: 'a.b.example.org', want: true },
    { host: 'notexample.org', want: false },
    { host: 'example.org.evil.example', want: false },
    { host: 'org', want: false },
    { host: '192.0.2.1', want: true },
    { host: '10.192.0.2.1', want: false },
  ])('when the host is $host, then ignored is $want', ({ host, want }) => {
    expect(isIgnoredHost(host, ignored)).toBe(want);
  });
});
