/**
 * Checks every expression the survey sheet collected, once all names are known: syntax
 * and unknown functions with their position, references to questions that do not exist,
 * choice lists that are missing, and choice_filter columns the choices sheet lacks.
 *
 * Names follow pyxform: unique within their group or repeat, not across the form. A name
 * used in several groups is stored under a path (`household.age`), because answers are
 * keyed by name; a `${age}` that could mean either is refused, as pyxform refuses it.
 *
 * Leaving out a question carries through: a rule that refers only to left-out questions
 * is dropped (it can never be known), a rule that also reads other answers reads the
 * left-out one as empty, and each left-out question is reported once, naming the rules
 * that used it.
 */
import { checkExpression, children, textRefs } from '../expr/check';
import type { Expr } from '../expr/parser';
import { walkItems, type FormItem, type FormProblem, type GroupItem, type RepeatItem } from '../model';
import type { ChoicesResult } from './sheets';
import type { ExpressionCell, SurveyResult } from './survey';

function closest(name: string, candidates: Iterable<string>): string | undefined {
  const lower = name.toLowerCase();
  for (const candidate of candidates) {
    const other = candidate.toLowerCase();
    if (other === lower || other.replace(/_/g, '') === lower.replace(/_/g, '')) return candidate;
  }
  return undefined;
}

/** Drops a rule from its item: the rule can never be evaluated. */
function dropRule(cell: ExpressionCell): void {
  const owner = cell.owner;
  if (cell.key === 'relevant') delete owner.relevant;
  if (owner.kind === 'repeat' && cell.key === 'repeat_count') delete owner.repeatCount;
  if (owner.kind !== 'question') return;
  if (cell.key === 'required') delete owner.required;
  if (cell.key === 'read_only') delete owner.readOnly;
  if (cell.key === 'constraint') delete owner.constraint;
  if (cell.key === 'calculation') delete owner.calculation;
  if (cell.key === 'choice_filter') delete owner.choiceFilter;
}

/**
 * Renames items whose name is used in more than one group (or repeat) to a path of their
 * enclosing names, and reports names used twice in the same group, which pyxform refuses.
 * Returns the written names that are now ambiguous in a `${reference}`.
 */
function qualifyDuplicates(
  sheetName: string,
  items: FormItem[],
  problems: FormProblem[],
): Map<string, number[]> {
  const byName = new Map<string, { item: FormItem; path: (GroupItem | RepeatItem)[] }[]>();
  const visit = (list: FormItem[], path: (GroupItem | RepeatItem)[]): void => {
    for (const item of list) {
      byName.set(item.name, [...(byName.get(item.name) ?? []), { item, path }]);
      if (item.kind !== 'question') visit(item.items, [...path, item]);
    }
  };
  visit(items, []);
  const taken = new Set(byName.keys());
  const ambiguous = new Map<string, number[]>();
  for (const [name, uses] of byName) {
    if (uses.length < 2) continue;
    const parents = new Map<unknown, number>();
    for (const { item, path } of uses) {
      const parent = path.at(-1) ?? 'top';
      const first = parents.get(parent);
      if (first !== undefined) {
        problems.push({
          sheet: sheetName,
          row: item.row,
          column: 'name',
          message: `The name "${name}" is already used on row ${first}${path.length ? ` in the same group "${path.at(-1)?.name}"` : ''}.`,
          fix: 'Names must differ within a group; rename one of the two.',
          severity: 'error',
        });
      } else parents.set(parent, item.row);
    }
    ambiguous.set(
      name,
      uses.map((u) => u.item.row),
    );
    // Qualified from the innermost group outwards until unique; top-level ones keep their name.
    for (const { item, path } of uses) {
      if (path.length === 0) continue;
      let qualified = item.name;
      for (let depth = path.length - 1; depth >= 0; depth -= 1) {
        qualified = `${path[depth]?.name}.${qualified}`;
        if (!taken.has(qualified)) break;
      }
      taken.add(qualified);
      item.name = qualified;
    }
  }
  return ambiguous;
}

export function checkSurvey(
  sheetName: string,
  survey: SurveyResult,
  choices: ChoicesResult,
  choicesSheetName: string,
  problems: FormProblem[],
): void {
  const ambiguous = qualifyDuplicates(sheetName, survey.items, problems);
  const names = new Map<string, number>();
  for (const { item } of walkItems(survey.items)) {
    names.set(item.name, item.row);
    if (item.kind === 'question' && item.listName && !Object.hasOwn(choices.lists, item.listName)) {
      problems.push({
        sheet: sheetName,
        row: item.row,
        column: 'type',
        message: `The choice list "${item.listName}" is not on the ${choicesSheetName} sheet.`,
        fix: `Add rows with list_name "${item.listName}" to the choices sheet, or correct the list's name.`,
        severity: 'error',
      });
    }
  }
  const leftOut = new Map(survey.leftOut.map((l) => [l.name, l]));
  const quiet = new Set(survey.quiet.map((q) => q.name));
  /** Per left-out question, the rules that used it ("row 9 relevant"). */
  const usedBy = new Map<string, string[]>();
  const useOf = (name: string, row: number, column: string): void => {
    const uses = usedBy.get(name) ?? [];
    const where = `row ${row} (${column})`;
    if (!uses.includes(where)) uses.push(where);
    usedBy.set(name, uses);
  };
  /** Whether `${name}` is fine; reports it when it names nothing or more than one question. */
  const checkRef = (row: number, column: string, name: string, position: number): boolean => {
    if (names.has(name) && !ambiguous.has(name)) return true;
    if (quiet.has(name)) return true;
    if (leftOut.has(name)) {
      useOf(name, row, column);
      return true;
    }
    const rows = ambiguous.get(name);
    if (rows) {
      problems.push({
        sheet: sheetName,
        row,
        column,
        message: `\${${name}} could mean any of the questions named "${name}" (rows ${rows.join(', ')}).`,
        fix: 'Give the question this rule means a name of its own, and use that name here.',
        severity: 'error',
        position,
      });
      return false;
    }
    const near = closest(name, names.keys());
    problems.push({
      sheet: sheetName,
      row,
      column,
      message: `\${${name}} does not name a question of this form.`,
      fix: near ? `Did you mean \${${near}}?` : 'Check the spelling against the name column.',
      severity: 'error',
      position,
    });
    return false;
  };
  for (const cell of survey.expressions) {
    const checked = checkExpression(cell.source, { allowColumns: cell.allowColumns });
    if (!checked.expr && /\binstance\s*\(/.test(cell.source)) {
      // A secondary instance (instance('list')/root/item[…]): valid ODK, not evaluated here.
      problems.push({
        sheet: sheetName,
        row: cell.row,
        column: cell.column,
        message: `This ${cell.key} reads a secondary instance (instance(…)), which NMI Workbench does not evaluate; the rule is ignored.`,
        severity: 'warning',
      });
      dropRule(cell);
      continue;
    }
    for (const issue of checked.issues) {
      problems.push({
        sheet: sheetName,
        row: cell.row,
        column: cell.column,
        message: `${issue.message} (at character ${issue.pos + 1} of "${cell.source}").`,
        ...(issue.fix ? { fix: issue.fix } : {}),
        severity: issue.warning ? 'warning' : 'error',
        position: issue.pos + 1,
      });
    }
    for (const ref of checked.refs) checkRef(cell.row, cell.column, ref.name, ref.pos + 1);
    if (checked.refs.length > 0 && checked.refs.every((ref) => leftOut.has(ref.name))) dropRule(cell);
    if (cell.allowColumns && checked.expr) {
      const visit = (node: Expr): void => {
        if (node.kind === 'column' && !choices.columns.has(node.name)) {
          problems.push({
            sheet: sheetName,
            row: cell.row,
            column: cell.column,
            message: `The choices sheet has no column "${node.name}" for this filter.`,
            fix: `Add a "${node.name}" column to the choices sheet, or correct the filter.`,
            severity: 'error',
            position: node.pos + 1,
          });
        }
        children(node).forEach(visit);
      };
      visit(checked.expr);
    }
  }
  for (const text of survey.texts) {
    for (const ref of textRefs(text.text)) checkRef(text.row, text.column, ref.name, ref.pos + 1);
  }
  for (const left of survey.leftOut) {
    const uses = usedBy.get(left.name);
    const what =
      left.type === 'loop' ? `The loop "${left.name}"` : `The ${left.type} question "${left.name}"`;
    problems.push({
      sheet: sheetName,
      row: left.row,
      column: 'type',
      message: `${what} is left out: this type is not supported.${
        uses
          ? ` Rules and texts that use it treat it as unanswered, and a rule that uses only left-out questions is ignored: ${uses.join(', ')}.`
          : ''
      }`,
      severity: 'warning',
    });
  }
}
