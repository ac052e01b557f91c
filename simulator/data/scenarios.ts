/** Endpoint `db_type` values of the SDK enum. */
export type DbType = 'mysql' | 'mongodb' | 'gaussdbv5' | 'postgresql' | 'kafka' | 'gaussdbv5ha' | 'taurus';
export type DbUseType = 'migration' | 'sync' | 'cloudDataGuard';

/** A source → target pairing the v3 APIs support (REFERENCE §2), with its `inst_info.engine_type`. */
export interface Scenario {
  engine: string;
  source: DbType;
  target: DbType;
  useTypes: readonly DbUseType[];
}

const SCENARIOS = {
  mysql: { engine: 'mysql', source: 'mysql', target: 'mysql', useTypes: ['migration', 'sync'] },
  mysqlDr: { engine: 'cloudDataGuard-mysql', source: 'mysql', target: 'mysql', useTypes: ['cloudDataGuard'] },
  mongodb: { engine: 'mongodb', source: 'mongodb', target: 'mongodb', useTypes: ['migration', 'sync'] },
  postgresql: { engine: 'postgresql', source: 'postgresql', target: 'postgresql', useTypes: ['sync'] },
  gaussdb: { engine: 'gaussdbv5', source: 'gaussdbv5', target: 'gaussdbv5', useTypes: ['sync', 'migration'] },
  mysqlKafka: { engine: 'mysql-to-kafka', source: 'mysql', target: 'kafka', useTypes: ['sync'] },
  taurusKafka: { engine: 'taurus-to-kafka', source: 'taurus', target: 'kafka', useTypes: ['sync'] },
  gaussKafka: { engine: 'gaussdbv5ha-to-kafka', source: 'gaussdbv5ha', target: 'kafka', useTypes: ['sync'] },
  mysqlTaurus: { engine: 'mysql-to-taurus', source: 'mysql', target: 'taurus', useTypes: ['migration', 'sync'] },
} as const satisfies Record<string, Scenario>;

export type ScenarioName = keyof typeof SCENARIOS;

/** MySQL→MySQL dominates real DRS use; the Kafka and GaussDB links are rarer. */
export const SCENARIO_WEIGHTS: Readonly<Record<ScenarioName, number>> = {
  mysql: 40,
  mysqlDr: 10,
  mongodb: 10,
  postgresql: 9,
  gaussdb: 7,
  mysqlKafka: 9,
  taurusKafka: 4,
  gaussKafka: 3,
  mysqlTaurus: 8,
};

export function scenarioNamed(name: ScenarioName): Scenario {
  return SCENARIOS[name];
}

/** Default service ports per engine. */
export const DB_PORTS: Readonly<Record<DbType, readonly number[]>> = {
  mysql: [3306, 3306, 3307],
  taurus: [3306],
  postgresql: [5432],
  mongodb: [8635, 27017],
  gaussdbv5: [8000],
  gaussdbv5ha: [8000],
  kafka: [9092, 9093],
};

/** What the engine's cloud instance IDs end with (RDS `in01`, DDS `in02`, …). */
export const INSTANCE_SUFFIX: Readonly<Record<DbType, string>> = {
  mysql: 'in01',
  postgresql: 'in03',
  mongodb: 'in02',
  gaussdbv5: 'in14',
  gaussdbv5ha: 'in14',
  taurus: 'in07',
  kafka: 'in01',
};

export const DB_USERS: Readonly<Record<DbType, readonly string[]>> = {
  mysql: ['root', 'drs_user', 'repl'],
  taurus: ['root', 'drs_user'],
  postgresql: ['root', 'postgres', 'drs_sync'],
  mongodb: ['rwuser', 'drs_user'],
  gaussdbv5: ['root', 'drs_user'],
  gaussdbv5ha: ['root', 'drs_user'],
  kafka: ['kafka_user', 'drs_producer'],
};
