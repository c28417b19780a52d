// Validity of import/export names of the composition (component-model
// extern names): a kebab-case label or an interface name `ns:pkg/iface@v`.
// Hash, url and dependency names are valid extern names but not for WAC's
// imports and exports (wac refuses them too).

const WORD = '(?:[a-z][a-z0-9]*|[A-Z][A-Z0-9]*)';
const LABEL = new RegExp(`^%?${WORD}(?:-${WORD})*$`);
const INTERFACE = /^[a-z][a-z0-9-]*(?::[a-z][a-z0-9-]*)+\/[a-z][a-z0-9-]*(?:\/[a-z][a-z0-9-]*)*(?:@[0-9A-Za-z.+-]+)?$/;

/** Why `name` is not a valid import/export name, or undefined when it is. */
export function invalidName(name: string): string | undefined {
  if (/^(locked-dep|unlocked-dep|url|integrity)=/.test(name)) return `${'name'} cannot be a hash, url, or dependency`;
  if (INTERFACE.test(name)) return undefined;
  if (name.includes(':') || name.includes('/')) return `\`${name}\` is not a valid interface name`;
  if (!LABEL.test(name) || name.startsWith('%')) return `\`${name}\` is not in kebab case`;
  return undefined;
}
