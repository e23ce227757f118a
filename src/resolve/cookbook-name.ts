// The cookbook name a role gets: Chef's rules for cookbook names (lower-case letters, digits and
// underscores).

export function cookbookName(name: string): string {
  const s = name
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return s || 'cookbook';
}
