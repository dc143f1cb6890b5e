import { scaffoldError } from './errors.js';

/** The spellings of one name that templates use. */
export interface NameForms {
  /** `OrderItem` */
  readonly Name: string;
  /** `orderItem` */
  readonly name: string;
  /** `order-item` */
  readonly kebab: string;
}

/** Splits `OrderItem`, `order-item`, `order_item` or `orderItem` into the forms templates need. */
export function nameForms(raw: string): NameForms {
  if (!/^[A-Za-z][A-Za-z0-9_-]{0,63}$/.test(raw)) {
    throw scaffoldError('KREPIS_SCAFFOLD_BAD_NAME', `"${raw}" is not a usable name`, 'use letters and digits, e.g. `krepis generate crud Order`');
  }
  const words = raw
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[\s_-]+/)
    .filter(Boolean)
    .map((word) => word.toLowerCase());
  const Name = words.map((word) => word[0]!.toUpperCase() + word.slice(1)).join('');
  return { Name, name: Name[0]!.toLowerCase() + Name.slice(1), kebab: words.join('-') };
}

/** Replaces `__Name__`, `__name__`, `__kebab__` and any extra `__key__` in `text`. */
export function render(text: string, forms: NameForms, extra: Readonly<Record<string, string>> = {}): string {
  const values: Record<string, string> = { ...extra, Name: forms.Name, name: forms.name, kebab: forms.kebab };
  return text.replace(/__([A-Za-z]+)__/g, (whole, key: string) => values[key] ?? whole);
}
