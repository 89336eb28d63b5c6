import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Parser from 'tree-sitter';
import Bicep from 'tree-sitter-bicep';

/**
 * A small model of Bicep files, read from tree-sitter-bicep's real grammar (no Bicep compiler can be installed
 * here): the declarations of each file, plus an evaluator for the plain expressions Candor's resource names are
 * built from (strings, interpolation, parameters, variables and a few pure functions such as uniqueString).
 * Anything it cannot evaluate comes back as `Unknown`, never as a guess.
 */

type Node = Parser.SyntaxNode;

const parser = new Parser();
parser.setLanguage(Bicep as unknown as Parser.Language);

export interface ParamDecl {
  name: string;
  node: Node;
  type: string;
  defaultValue: Node | null;
  /** Decorator name → its argument nodes, e.g. minLength → [number]. */
  decorators: Map<string, Node[]>;
}

export interface ResourceDecl {
  symbol: string;
  /** e.g. Microsoft.Storage/storageAccounts, without the API version. */
  type: string;
  apiVersion: string;
  body: Node;
  existing: boolean;
  conditional: boolean;
}

export interface ModuleDecl {
  symbol: string;
  /** As written, relative to the declaring file. */
  path: string;
  body: Node;
}

export interface BicepFile {
  file: string;
  source: string;
  tree: Parser.Tree;
  targetScope: string;
  params: Map<string, ParamDecl>;
  vars: Map<string, Node>;
  resources: ResourceDecl[];
  modules: ModuleDecl[];
  outputs: Map<string, Node>;
}

export function parseBicep(file: string, source: string = readFileSync(file, 'utf8')): BicepFile {
  const tree = parser.parse(source);
  const model: BicepFile = {
    file,
    source,
    tree,
    targetScope: 'resourceGroup',
    params: new Map(),
    vars: new Map(),
    resources: [],
    modules: [],
    outputs: new Map(),
  };
  let decorators = new Map<string, Node[]>();
  for (const node of tree.rootNode.namedChildren) {
    // A comment between a decorator and its declaration belongs to neither.
    if (node.type === 'comment') continue;
    if (node.type === 'decorators') {
      for (const decorator of node.namedChildren) {
        const call = decorator.namedChildren[0];
        if (call?.type === 'call_expression') {
          decorators.set(call.childForFieldName('function')!.text, call.childForFieldName('arguments')!.namedChildren);
        } else if (call) {
          decorators.set(call.text, []);
        }
      }
      continue;
    }
    const name = node.namedChildren[0]?.text ?? '';
    switch (node.type) {
      case 'target_scope_assignment':
        model.targetScope = stringLiteral(node.namedChildren.find((c) => c.type === 'string')!) ?? '';
        break;
      case 'parameter_declaration': {
        const typeNode = node.namedChildren[1]!;
        const defaultValue = node.namedChildren[2] ?? null;
        model.params.set(name, { name, node, type: typeNode.text, defaultValue, decorators });
        break;
      }
      case 'variable_declaration':
        model.vars.set(name, node.namedChildren[1]!);
        break;
      case 'resource_declaration': {
        const [type = '', apiVersion = ''] = (stringLiteral(node.namedChildren[1]!) ?? '').split('@');
        const value = node.namedChildren[node.namedChildren.length - 1]!;
        const conditional = value.type === 'if_statement';
        model.resources.push({
          symbol: name,
          type,
          apiVersion,
          body: conditional ? value.namedChildren[value.namedChildren.length - 1]! : value,
          existing: node.children.some((c) => c.type === 'existing'),
          conditional,
        });
        break;
      }
      case 'module_declaration': {
        const value = node.namedChildren[node.namedChildren.length - 1]!;
        model.modules.push({
          symbol: name,
          path: stringLiteral(node.namedChildren[1]!) ?? '',
          body: value.type === 'if_statement' ? value.namedChildren[value.namedChildren.length - 1]! : value,
        });
        break;
      }
      case 'output_declaration':
        model.outputs.set(name, node.namedChildren[node.namedChildren.length - 1]!);
        break;
    }
    decorators = new Map();
  }
  return model;
}

/** Every ERROR or MISSING node, as `file:line:column message`. */
export function syntaxErrors(model: BicepFile): string[] {
  const errors: string[] = [];
  const visit = (node: Node): void => {
    if (node.type === 'ERROR' || node.isMissing) {
      const { row, column } = node.startPosition;
      const what = node.isMissing ? `missing ${node.type}` : `unexpected "${node.text.slice(0, 40)}"`;
      errors.push(`${path.basename(model.file)}:${row + 1}:${column + 1} ${what}`);
    }
    for (const child of node.children) visit(child);
  };
  visit(model.tree.rootNode);
  if (errors.length === 0 && model.tree.rootNode.hasError) errors.push(`${path.basename(model.file)}: parse error`);
  return errors;
}

/** The text of a string without interpolation, else null. */
export function stringLiteral(node: Node): string | null {
  if (node.type !== 'string') return null;
  if (node.namedChildren.some((c) => c.type === 'interpolation')) return null;
  return node.namedChildren.map((c) => c.text).join('');
}

/** An object's properties by key (identifier or plain string keys). */
export function objectProperties(object: Node): Map<string, Node> {
  const properties = new Map<string, Node>();
  if (object.type !== 'object') return properties;
  for (const property of object.namedChildren) {
    if (property.type !== 'object_property') continue;
    const [key, value] = property.namedChildren;
    const name = key?.type === 'string' ? stringLiteral(key) : key?.text;
    if (name != null && value) properties.set(name, value);
  }
  return properties;
}

/**
 * Identifiers used as references (not declared names, object keys, function names or loop variables), with the
 * name of the declaration they sit in.
 */
export function references(model: BicepFile): Array<{ name: string; node: Node }> {
  const found: Array<{ name: string; node: Node }> = [];
  const visit = (node: Node): void => {
    if (node.type === 'identifier' && isReference(node)) found.push({ name: node.text, node });
    for (const child of node.namedChildren) visit(child);
  };
  visit(model.tree.rootNode);
  return found;
}

function isReference(node: Node): boolean {
  const parent = node.parent;
  if (!parent) return false;
  const declarations = [
    'parameter_declaration',
    'variable_declaration',
    'resource_declaration',
    'module_declaration',
    'output_declaration',
  ];
  if (declarations.includes(parent.type) && parent.namedChildren[0]?.id === node.id) return false;
  if (parent.type === 'object_property' && parent.namedChildren[0]?.id === node.id) return false;
  if (parent.type === 'call_expression' && parent.childForFieldName('function')?.id === node.id) return false;
  if (parent.type === 'for_statement' && parent.childForFieldName('initializer')?.id === node.id) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------------------------
// Evaluation
// ---------------------------------------------------------------------------------------------------------------

export class Unknown {
  constructor(readonly why: string) {}
}

export type Value = string | number | boolean | null | Unknown | Value[] | { [key: string]: Value };

export interface Scope {
  model: BicepFile;
  params: Map<string, Value>;
}

const hash = (args: Value[]) => createHash('sha256').update(JSON.stringify(args)).digest();

/** Pure functions with a deterministic stand-in of the same shape as Azure's (uniqueString: 13 chars of [a-z0-9]). */
const FUNCTIONS: Record<string, (args: Value[]) => Value> = {
  toLower: ([s]) => (typeof s === 'string' ? s.toLowerCase() : new Unknown('toLower of a non-string')),
  toUpper: ([s]) => (typeof s === 'string' ? s.toUpperCase() : new Unknown('toUpper of a non-string')),
  uniqueString: (args) => {
    const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
    return [...hash(args).subarray(0, 13)].map((b) => alphabet[b % 32]).join('');
  },
  guid: (args) => {
    const h = hash(args).toString('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
  },
  take: ([s, n]) => (typeof s === 'string' && typeof n === 'number' ? s.slice(0, n) : new Unknown('take')),
  substring: ([s, start, length]) =>
    typeof s === 'string' && typeof start === 'number'
      ? s.substr(start, typeof length === 'number' ? length : undefined)
      : new Unknown('substring'),
  replace: ([s, a, b]) =>
    typeof s === 'string' && typeof a === 'string' && typeof b === 'string'
      ? s.split(a).join(b)
      : new Unknown('replace'),
  empty: ([v]) =>
    v instanceof Unknown
      ? v
      : v === null ||
        v === '' ||
        (Array.isArray(v) && v.length === 0) ||
        (typeof v === 'object' && Object.keys(v).length === 0),
  length: ([v]) => (typeof v === 'string' || Array.isArray(v) ? v.length : new Unknown('length')),
  union: (args) => {
    const objects = args.filter(
      (a): a is { [key: string]: Value } =>
        a !== null && typeof a === 'object' && !Array.isArray(a) && !(a instanceof Unknown),
    );
    return objects.length === args.length
      ? objects.reduce<{ [key: string]: Value }>((merged, o) => ({ ...merged, ...o }), {})
      : new Unknown('union');
  },
  subscription: () => ({
    id: '/subscriptions/11111111-2222-4333-8444-555555555555',
    subscriptionId: '11111111-2222-4333-8444-555555555555',
  }),
  tenant: () => ({ tenantId: '99999999-8888-4777-8666-555555555555' }),
  resourceGroup: () => new Unknown('resourceGroup()'),
  environment: () => ({ authentication: { loginEndpoint: 'https://login.microsoftonline.com/' } }),
};

export function evaluate(node: Node, scope: Scope): Value {
  switch (node.type) {
    case 'string': {
      let text = '';
      for (const part of node.namedChildren) {
        if (part.type === 'interpolation') {
          const value = evaluate(part.namedChildren[0]!, scope);
          if (value instanceof Unknown) return value;
          if (typeof value === 'object') return new Unknown('interpolated object');
          text += String(value);
        } else {
          text += part.text;
        }
      }
      return text;
    }
    case 'number':
      return Number(node.text);
    case 'boolean':
      return node.text === 'true';
    case 'null':
      return null;
    case 'parenthesized_expression':
      return evaluate(node.namedChildren[0]!, scope);
    case 'array':
      return node.namedChildren.map((c) => evaluate(c, scope));
    case 'object': {
      const out: Record<string, Value> = {};
      for (const [key, value] of objectProperties(node)) out[key] = evaluate(value, scope);
      return out;
    }
    case 'identifier': {
      const name = node.text;
      if (scope.params.has(name)) return scope.params.get(name)!;
      const variable = scope.model.vars.get(name);
      if (variable) return evaluate(variable, scope);
      return new Unknown(`${name} is known only at deployment`);
    }
    case 'member_expression': {
      const object = evaluate(node.childForFieldName('object')!, scope);
      const property = node.childForFieldName('property')!.text;
      if (object && typeof object === 'object' && !Array.isArray(object) && !(object instanceof Unknown)) {
        return property in object ? object[property]! : new Unknown(`no property ${property}`);
      }
      return object instanceof Unknown ? object : new Unknown(`.${property} of a non-object`);
    }
    case 'subscript_expression': {
      // A lookup in a map (`table[key]`) or an array (`list[0]`).
      const object = evaluate(node.childForFieldName('object')!, scope);
      const index = evaluate(node.childForFieldName('index')!, scope);
      if (object instanceof Unknown) return object;
      if (index instanceof Unknown) return index;
      if (Array.isArray(object) && typeof index === 'number') return object[index] ?? new Unknown(`no item ${index}`);
      if (object && typeof object === 'object' && !Array.isArray(object) && typeof index === 'string')
        return index in object ? object[index]! : new Unknown(`no property ${index}`);
      return new Unknown('subscript');
    }
    case 'call_expression': {
      const name = node.childForFieldName('function')!.text;
      const fn = FUNCTIONS[name];
      if (!fn) return new Unknown(`function ${name}`);
      const args = node.childForFieldName('arguments')!.namedChildren.map((a) => evaluate(a, scope));
      // An unknown argument can still give a known result (uniqueString of anything is 13 characters), but not the same
      // one: only functions whose shape does not depend on their arguments' values may take unknowns.
      if (args.some((a) => a instanceof Unknown) && !['uniqueString', 'guid'].includes(name)) {
        return args.find((a) => a instanceof Unknown)!;
      }
      return fn(args);
    }
    case 'ternary_expression': {
      const condition = evaluate(node.childForFieldName('condition')!, scope);
      if (typeof condition !== 'boolean') return new Unknown('condition');
      return evaluate(node.childForFieldName(condition ? 'consequence' : 'alternative')!, scope);
    }
    case 'unary_expression': {
      const value = evaluate(node.childForFieldName('argument')!, scope);
      return typeof value === 'boolean' && node.childForFieldName('operator')!.text === '!'
        ? !value
        : new Unknown('unary');
    }
    default:
      return new Unknown(node.type);
  }
}

/** A file's parameter values: the ones given, else the declared defaults (evaluated in the same scope). */
export function bindParams(model: BicepFile, given: ReadonlyMap<string, Value>): Scope {
  const scope: Scope = { model, params: new Map() };
  for (const [name, param] of model.params) {
    if (given.has(name)) scope.params.set(name, given.get(name)!);
    else if (param.defaultValue) scope.params.set(name, evaluate(param.defaultValue, scope));
    else scope.params.set(name, new Unknown(`parameter ${name} has no value`));
  }
  return scope;
}

/** azd's substitution in main.parameters.json: `${NAME}` and `${NAME=default}` from the azd environment. */
export function azdSubstitute(text: string, env: Readonly<Record<string, string>>): string {
  return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?:=([^}]*))?\}/g, (_, name: string, fallback?: string) => {
    const value = env[name];
    return value !== undefined && value !== '' ? value : (fallback ?? '');
  });
}
