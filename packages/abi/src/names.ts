// WIT kebab-case → JS lowerCamelCase, matching jco (heck's to_lower_camel_case):
// the first word is lower-cased, later words are capitalised, and WIT's
// `%`-escape of keywords is dropped. WIT words are all-lower or all-upper.
export function toCamelCase(name: string): string {
  const words = (name.startsWith('%') ? name.slice(1) : name).split('-');
  let out = words[0].toLowerCase();
  for (let i = 1; i < words.length; i++) {
    const w = words[i];
    if (w.length > 0) out += w[0].toUpperCase() + w.slice(1).toLowerCase();
  }
  return out;
}
