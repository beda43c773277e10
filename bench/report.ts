import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';

/** The benchmarks' shared report: each script owns one marked section of docs/benchmarks.md. */

const REPORT = join(resolve(import.meta.dirname, '..'), 'docs/benchmarks.md');

/** "Measured <date> by `<command>` on <cores> × <CPU>, <memory>" — where and when a figure comes from. */
export function measuredOn(command: string): string {
  const cpu = cpus();
  return `Measured ${new Date().toISOString().slice(0, 10)} by \`${command}\` on ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB`;
}

/** Replaces the section between `<!-- bench:name -->` markers, or appends it, and prints it. */
export function writeReportSection(name: string, lines: readonly string[]): void {
  const section = `<!-- bench:${name} -->\n${lines.join('\n')}\n<!-- /bench:${name} -->`;
  const marked = new RegExp(`<!-- bench:${name} -->[\\s\\S]*<!-- /bench:${name} -->`);
  const report = existsSync(REPORT) ? readFileSync(REPORT, 'utf8') : '# Benchmarks\n';
  writeFileSync(REPORT, marked.test(report) ? report.replace(marked, section) : `${report.trimEnd()}\n\n${section}\n`);
  console.log(section);
}

/** The nearest-rank percentile of values sorted ascending (share 0.95 for p95). */
export function percentile(sorted: readonly number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)]!;
}
