import { checkTables } from '../shared/index.js';
import { consistentDraft, previousOf, rng } from '../test/support/generate.js';
const r = rng(2024);
const ds = Array.from({ length: 2000 }, (_, i) => consistentDraft(i % 2 ? '2019' : '2021', r));
const prev = ds.map((d, i) => (i % 2 ? previousOf(d) : undefined));
const f = process.argv[2] === 'prev' ? (d: any, i: number) => checkTables(d, prev[i] ? { previous: prev[i] } : {}) : (d: any) => checkTables(d);
for (let w = 0; w < 3; w++) ds.forEach(f);
const res: number[] = [];
for (let w = 0; w < 15; w++) { const c0 = process.cpuUsage(); ds.forEach(f); const c = process.cpuUsage(c0); res.push((c.user + c.system) / ds.length); }
res.sort((a, b) => a - b);
console.log('cpu µs/check min', res[0]!.toFixed(2), 'median', res[7]!.toFixed(2));
