/**
 * Summarizes a V8 CPU profile (the .cpuprofile file that `npm run bench -- --profile DIR` writes
 * for the app): where the CPU time went, by package or project folder and by function.
 * Run with `npx tsx bench/profile-summary.ts FILE [top]`.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileSummary {
  totalMs: number;
  /** Self time per package (`node_modules/NAME`), project folder (`src/cache`) or `(node)` for Node's own code. */
  byArea: [string, number][];
  /** Self time per function, with its file and line. */
  byFunction: [string, number][];
}

/** Names where a URL's code lives: a package, a project folder, Node itself or V8 (GC, idle). */
export function areaOf(url: string): string {
  if (url === '') return '(V8: idle, GC, native)';
  if (url.startsWith('node:')) return '(node)';
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (inPackage) return inPackage[1] ?? url;
  const inProject = /\/(src\/[^/]+|commands|views|bench|test\/[^/]+)\//.exec(url);
  return inProject?.[1] ?? url;
}

export function summarizeProfile(profile: CpuProfile): ProfileSummary {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((nodeId, index) => {
    selfUs.set(nodeId, (selfUs.get(nodeId) ?? 0) + (profile.timeDeltas[index] ?? 0));
  });

  const byArea = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const [nodeId, us] of selfUs) {
    const frame = nodes.get(nodeId)?.callFrame;
    if (!frame) continue;
    const area = areaOf(frame.url);
    byArea.set(area, (byArea.get(area) ?? 0) + us / 1000);
    const file = frame.url.replace(/^.*\/(node_modules\/)?/, '');
    const name = `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + us / 1000);
  }
  const sorted = (map: Map<string, number>) => [...map.entries()].sort((a, b) => b[1] - a[1]);
  return {
    totalMs: (profile.endTime - profile.startTime) / 1000,
    byArea: sorted(byArea),
    byFunction: sorted(byFunction),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const file = process.argv[2];
  if (!file) throw new Error('Usage: npx tsx bench/profile-summary.ts FILE.cpuprofile [top]');
  const top = Number(process.argv[3] ?? 25);
  const summary = summarizeProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile);
  const line = ([name, ms]: [string, number]) =>
    `${ms.toFixed(0).padStart(8)} ms ${((100 * ms) / summary.totalMs).toFixed(1).padStart(5)} %  ${name}`;
  console.log(`profile of ${(summary.totalMs / 1000).toFixed(1)} s`);
  console.log('\nself time by area:');
  for (const entry of summary.byArea.slice(0, top)) console.log(line(entry));
  console.log('\nself time by function:');
  for (const entry of summary.byFunction.slice(0, top)) console.log(line(entry));
}
