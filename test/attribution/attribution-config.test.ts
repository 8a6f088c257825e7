import { ConfigError, loadConfig } from '../../src/config';

describe('attribution and Kafka settings', () => {
  it.each<{ name: string; env: Record<string, string>; want: readonly string[] }>([
    {
      name: 'when ATTRIBUTION_IGNORED_DOMAINS is unset, then localhost is ignored',
      env: {},
      want: ['localhost'],
    },
    {
      name: 'when ATTRIBUTION_IGNORED_DOMAINS is empty, then no domain is ignored',
      env: { ATTRIBUTION_IGNORED_DOMAINS: '' },
      want: [],
    },
    {
      name: 'when ATTRIBUTION_IGNORED_DOMAINS lists hosts, then they are normalised',
      env: { ATTRIBUTION_IGNORED_DOMAINS: 'Search.Example.org, localhost' },
      want: ['search.example.org', 'localhost'],
    },
  ])('$name', ({ env, want }) => {
    expect(loadConfig(env).attributionIgnoredDomains).toEqual(want);
  });

  it('when Kafka is not configured, then the defaults apply and no broker is known', () => {
    expect(loadConfig({}).kafka).toEqual({
      brokers: [],
      topic: 'access-log',
      groupId: 'search-analytics-attribution',
      ssl: false,
      sasl: undefined,
    });
  });

  it('when Kafka is configured with SASL and TLS, then every setting is taken', () => {
    const env = {
      KAFKA_BROKERS: 'kafka-1:9092, kafka-2:9092',
      KAFKA_TOPIC: 'nginx',
      KAFKA_GROUP_ID: 'analytics',
      KAFKA_SSL: 'true',
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'worker',
      KAFKA_SASL_PASSWORD: 'secret',
    };

    expect(loadConfig(env).kafka).toEqual({
      brokers: ['kafka-1:9092', 'kafka-2:9092'],
      topic: 'nginx',
      groupId: 'analytics',
      ssl: true,
      sasl: { mechanism: 'scram-sha-512', username: 'worker', password: 'secret' },
    });
  });

  it.each<[string, Record<string, string>]>([
    ['ATTRIBUTION_IGNORED_DOMAINS', { ATTRIBUTION_IGNORED_DOMAINS: 'https://example.org/' }],
    ['KAFKA_SSL', { KAFKA_SSL: 'yes' }],
    ['KAFKA_SASL_MECHANISM', { KAFKA_SASL_MECHANISM: 'gssapi' }],
    ['KAFKA_SASL_USERNAME', { KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_PASSWORD: 'secret' }],
    ['KAFKA_SASL_PASSWORD', { KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'worker' }],
  ])('when %s is wrong, then loading stops naming it', (variable, env) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`^${variable}: `));
  });
});
