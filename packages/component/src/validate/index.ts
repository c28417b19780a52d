/**
 * Component validator entry points. Implemented checks are listed in
 * VALIDATOR_CHECKS (kept next to the code so the list stays honest).
 */
import { ValidationError, type ValidationIssue } from '../errors.js';
import type { Component } from '../model.js';
import { validateIn } from './component.js';
import { Ctx } from './scope.js';

export { isLabel, parseExternName, uniquenessKey } from './names.js';

/** Validate a decoded component; returns all issues found (empty = valid). */
export function validateComponent(c: Component): ValidationIssue[] {
  const ctx = new Ctx();
  validateIn(ctx, c, null);
  return ctx.issues;
}

/** Validate and throw the first issue as a ValidationError. */
export function assertValidComponent(c: Component): void {
  const issues = validateComponent(c);
  if (issues.length > 0) throw new ValidationError(issues[0]);
}

export const VALIDATOR_CHECKS: readonly string[] = [
  'index spaces for all 13 sorts built incrementally; every index operand range-checked',
  'type references have the right sort (valtype -> defined value type, own/borrow -> resource, func/component/instance/module type operands)',
  'defvaltype rules: non-empty record/variant/tuple/enum/flags, <= 32 flags, fixed-list length > 0, map key types, no borrow in stream/future elements, no stream<char>, elem_size < 2^28',
  'labels (fields, cases, flags, enum tags, params) kebab-case and strongly-unique',
  'function results may not contain borrow',
  'resource types: only in concrete components, rep i32, destructor signature [i32] -> []',
  'component/instance type declarators: allowed alias forms, import/export names, nested scopes',
  'core module types: own type index space, no nested module types, duplicate import/export names',
  'outer aliases: count within enclosing scopes, allowed sorts, no type transitively referring to resources across a component boundary',
  'export aliases: instance exports the name with the right sort (component and core)',
  'component instantiation: every import supplied by name, argument subtyping (functions, values, types, instances, components, modules), abstract resources bound by arguments, fresh resources per instantiation and per imported instance, duplicate arguments',
  'core instantiation: every module import supplied, right kind, function signature equality, table element type / limits, memory limits / shared / index type, global type / mutability, only instance arguments',
  'core modules (decoded parts): duplicate imports, memory/table limits',
  'canon lift/lower: option duplicates, memory/realloc requirements (lists, strings, flat limits), realloc/callback/post-return signatures, post-return/callback only on lift, async only with async function types, core signature agreement with the flattened function type',
  'canon built-ins: resource.new/rep require a locally defined resource, resource.drop a resource, stream.*/future.* the right type kind, context slots i32, memory/table/type operands',
  'import/export names (also inline instance exports): extern-name grammar (plain, [constructor]/[method]/[static], interface names with semver), strong uniqueness, attribute rules (implements: instance, plain name, interface-name value; no duplicate attributes)',
  'annotated functions: [constructor] returns own<R> / result<own<R>>, [method] takes (param "self" (borrow R)), [static] names a known resource, R named by an import/export of the same scope',
  'external visibility: records/variants/enums/flags/resources in import/export types must be named by an import/export of the same component or component type (imports only by imports; exported instances name their type exports; nothing inherited through outer aliases); component types checked when defined, instance types when used; inline instance exports give resources no name for annotated functions',
  'exports: no core sorts other than modules, ascribed type is a supertype of the exported item',
  'start: function arity and result count; values consumed exactly once',
];
