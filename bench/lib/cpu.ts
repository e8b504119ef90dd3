import fs from 'node:fs';

/**
 * CPU time (user + system) a process has used so far, in ms. On a shared, busy machine wall-clock
 * figures swing with everyone else's load; the CPU a request or an export costs the server does not.
 */
export function cpuMsOf(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime, fields 14 and 15 of stat, in clock ticks (100 per second on Linux)
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
