/**
 * A 小类 by the words other systems and offices write for it: its code, its name, its 大类 and
 * name joined by / - or >, or one half of a two-part name (暴露垃圾/清运不及时, which systems
 * shorten to either half; a whole name wins over a half), case aside.
 */
export interface NamedCategory {
  code: string;
  name: string;
  /** A 小类's 大类; null for a 大类. */
  parentCode: string | null;
}

export function leafCategoryFinder<T extends NamedCategory>(categories: readonly T[]): (text: string) => T | undefined {
  const leaves = categories.filter((category) => category.parentCode !== null);
  const parentName = new Map(categories.map((category) => [category.code, category.name]));
  const byText = new Map<string, T>();
  for (const category of leaves) {
    const parent = parentName.get(category.parentCode!) ?? '';
    for (const text of [category.code, category.name, `${parent}/${category.name}`, `${parent}-${category.name}`, `${parent}>${category.name}`]) {
      byText.set(text.toLowerCase(), category);
    }
  }
  for (const category of leaves) {
    for (const part of category.name.split('/').filter((half) => half !== category.name)) {
      if (!byText.has(part.toLowerCase())) byText.set(part.toLowerCase(), category);
    }
  }
  return (text) => byText.get(text.trim().toLowerCase());
}
