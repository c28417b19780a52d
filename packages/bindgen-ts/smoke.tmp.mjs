import { resolvePath } from '@wit-ts/wit-parser';
import { generateHost, generateGuest } from '@wit-ts/bindgen-ts';
const [, , path, world, mode] = process.argv;
const r = resolvePath(path, { features: ['active'] });
const id = world ? [...r.worlds.keys()].find((i) => r.worlds[i].name === world) : r.worlds.length - 1;
const files = mode === 'guest' ? await generateGuest(r, id) : await generateHost(r, id);
for (const f of files) console.log('=== ' + f.path + '\n' + f.contents);
