/** The Kafka settings of `attribution consume`, as config.ts parses them from the environment. */

/** The SASL mechanisms kafkajs implements with a user name and password. */
export const SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;

export type SaslMechanism = (typeof SASL_MECHANISMS)[number];

export interface KafkaSettings {
  /** Empty when KAFKA_BROKERS is unset: `attribution consume` then refuses to start. */
  readonly brokers: readonly string[];
  readonly topic: string;
  readonly groupId: string;
  readonly ssl: boolean;
  readonly sasl?: { mechanism: SaslMechanism; username: string; password: string };
}
