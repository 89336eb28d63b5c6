import type { PackageValues } from '../deployValues';

const PLACEHOLDER = /\{\{([A-Z][A-Z0-9_]*)\}\}/g;

export class TemplateError extends Error {
  override readonly name = 'TemplateError';
}

/** The placeholder values manifest.template.json uses. */
export function manifestPlaceholders(values: PackageValues): Record<string, string> {
  return {
    CANDOR_HOST_NAME: values.hostName,
    CANDOR_CLIENT_ID: values.clientId,
    CANDOR_APP_ID: values.appId,
    CANDOR_APP_VERSION: values.appVersion,
  };
}

/**
 * Replaces `{{NAME}}` inside the template's string values. It works on the parsed JSON, not the text, so a value
 * can never break out of its string; a placeholder without a value is an error rather than a blank.
 */
export function fillTemplate(template: unknown, values: Readonly<Record<string, string>>): unknown {
  const unknownNames = new Set<string>();
  const fill = (node: unknown): unknown => {
    if (typeof node === 'string') {
      return node.replace(PLACEHOLDER, (whole, name: string) => {
        const value = values[name];
        if (value === undefined) {
          unknownNames.add(name);
          return whole;
        }
        return value;
      });
    }
    if (Array.isArray(node)) return node.map(fill);
    if (node && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, fill(value)]));
    }
    return node;
  };
  const filled = fill(template);
  if (unknownNames.size > 0) {
    throw new TemplateError(`The template uses placeholders with no value: ${[...unknownNames].sort().join(', ')}`);
  }
  return filled;
}

/** Every placeholder name the template uses (so a test can see the template and the filler agree). */
export function placeholdersIn(template: unknown): Set<string> {
  const names = new Set<string>();
  const walk = (node: unknown): void => {
    if (typeof node === 'string') for (const match of node.matchAll(PLACEHOLDER)) names.add(match[1]!);
    else if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') Object.values(node).forEach(walk);
  };
  walk(template);
  return names;
}
