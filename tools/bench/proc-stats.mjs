// @ts-check
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

// Linux reports utime/stime in clock ticks; USER_HZ is 100 on every mainstream kernel build.
const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) the process has used so far. @param {number} pid */
export function cpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name may contain spaces and parentheses, so split after its closing one.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return (utime + stime) / TICKS_PER_SECOND;
}

/** @param {number} pid @param {'VmRSS'|'VmHWM'} field @returns {number} kilobytes */
export function memoryKb(pid, field) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  if (!match) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number(match[1]);
}

/**
 * Resets the kernel's peak-RSS mark so VmHWM covers one scenario only. Needs to own the process
 * (or root); when refused, the sampled peak below still bounds it.
 * @param {number} pid
 */
function resetPeakRss(pid) {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/**
 * Watches one server process during a scenario: CPU used and peak RSS between start and stop.
 * @param {number} pid
 */
export function watchProcess(pid) {
  const cpuAtStart = cpuSeconds(pid);
  const hwmReset = resetPeakRss(pid);
  let sampledPeakKb = memoryKb(pid, 'VmRSS');
  const timer = setInterval(() => {
    // A server that died mid-run is reported by stop(); the sampler just stops sampling.
    if (existsSync(`/proc/${pid}/status`))
      sampledPeakKb = Math.max(sampledPeakKb, memoryKb(pid, 'VmRSS'));
  }, 100);
  return {
    stop() {
      clearInterval(timer);
      if (!existsSync(`/proc/${pid}/stat`)) throw new Error(`server process ${pid} is gone`);
      const hwm = hwmReset ? memoryKb(pid, 'VmHWM') : 0;
      return {
        cpuSeconds: Math.round((cpuSeconds(pid) - cpuAtStart) * 100) / 100,
        peakRssMb: Math.round(Math.max(hwm, sampledPeakKb) / 102.4) / 10,
      };
    },
  };
}
