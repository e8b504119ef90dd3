/** One measured figure of one run, with the goal it is held against. */
export type Figure = {
  name: string;
  value: number | null;
  unit: string;
  /** The goal: the figure must be at least (>=), at most (<=) or exactly (=) this. */
  goal?: { op: '>=' | '<=' | '='; value: number };
  /** A ceiling measured in the same run (same unit), and the share of it the goal asks for. */
  ceiling?: { name: string; value: number; goal?: number };
  conditions?: string;
  note?: string;
};

export type BenchEnv = {
  quick: boolean;
  /** PostgreSQL server URL of the bench database (created if missing). */
  dbUrl: string;
  /** Figures measured earlier in this run, by "scenario/name" (e.g. the submission figure). */
  seen: Map<string, number>;
  log: (m: string) => void;
};

export type Scenario = {
  name: string;
  /** Data the scenario needs, prepared once before its runs (idempotent). */
  prepare?: (env: BenchEnv) => Promise<void>;
  run: (env: BenchEnv, run: number) => Promise<Figure[]>;
};
