// Test oracle for the build tests (run as a child process, never imported by
// vitest): for each case, jco's `embed --dummy` + `new` + `wit`, and jco's
// verdict on OUR component (`transpile`, `wit`). A Rust panic poisons jco for
// the rest of the process, so after an error this process exits (status 3)
// and the caller restarts it from the next case.
// argv[2]: JSON file [{ id, witPath, world, allFeatures, ours }] (`ours`: path
// of our component or null); argv[3]: first index.
import { readFileSync } from 'node:fs';
import { componentEmbed, componentNew, componentWit, transpile } from '@bytecodealliance/jco';

const cases = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const first = Number(process.argv[3] ?? 0);
const out = (o) => process.stdout.write(JSON.stringify(o) + '\n');
for (let i = first; i < cases.length; i++) {
  const c = cases[i];
  const r = { index: i, id: c.id };
  let stage = 'jco';
  try {
    if (c.ours) {
      stage = 'ours-wit';
      const ours = readFileSync(c.ours);
      r.oursWit = await componentWit(ours);
      stage = 'ours-transpile';
      await transpile(ours, { name: 'component' });
      r.transpiled = true;
    }
    if (c.skipJco) {
      out(r);
      continue;
    }
    stage = 'jco';
    const opts = { dummy: true, witPath: c.witPath, world: c.world };
    if (c.allFeatures) opts.features = { tag: 'all' };
    const embedded = await componentEmbed(opts);
    r.jcoEmbedded = Buffer.from(embedded).toString('base64');
    const component = await componentNew(embedded);
    r.jcoWit = await componentWit(component);
    r.jcoComponent = Buffer.from(component).toString('base64');
    out(r);
  } catch (e) {
    r.error = `${stage}: ${String(e?.message ?? e).slice(0, 2000)}`;
    out(r);
    process.exit(3);
  }
}
process.exit(0);
