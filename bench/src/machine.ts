import { availableParallelism, cpus, loadavg, platform, release, totalmem } from 'node:os';
import { postgresVersion } from './infra/postgres.js';
import type { MachineInfo } from './results.js';
import { round } from './stats.js';

export function loadAverage(): [number, number, number] {
  const [one = 0, five = 0, fifteen = 0] = loadavg();
  return [round(one), round(five), round(fifteen)];
}

export async function machineInfo(postgresUrl: string): Promise<MachineInfo> {
  return {
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    cores: availableParallelism(),
    memoryGiB: round(totalmem() / 1024 ** 3, 1),
    node: process.version,
    platform: `${platform()} ${release()}`,
    postgres: await postgresVersion(postgresUrl),
    loadAverageAtStart: loadAverage(),
  };
}
