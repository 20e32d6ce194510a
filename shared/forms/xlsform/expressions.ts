/**
 * Checks every expression the survey sheet collected, once all names are known: syntax
 * and unknown functions with their position, references to questions that do not exist,
 * choice lists that are missing, and choice_filter columns the choices sheet lacks.
 */
import { checkExpression, children, textRefs } from '../expr/check';
import type { Expr } from '../expr/parser';
import { walkItems, type FormItem, type FormProblem } from '../model';
import type { ChoicesResult } from './sheets';
import type { SurveyResult } from './survey';

function closest(name: string, candidates: Iterable<string>): string | undefined {
  const lower = name.toLowerCase();
  for (const candidate of candidates) {
    const other = candidate.toLowerCase();
    if (other === lower || other.replace(/_/g, '') === lower.replace(/_/g, '')) return candidate;
  }
  return undefined;
}

export function checkSurvey(
  sheetName: string,
  survey: SurveyResult,
  choices: ChoicesResult,
  choicesSheetName: string,
  problems: FormProblem[],
): void {
  const names = new Map<string, number>();
  const rowsByName = new Map<string, FormItem>();
  for (const { item } of walkItems(survey.items)) {
    const first = names.get(item.name);
    if (first !== undefined) {
      problems.push({
        sheet: sheetName,
        row: item.row,
        column: 'name',
        message: `The name "${item.name}" is already used on row ${first}.`,
        fix: 'Give every question, group and repeat its own name.',
        severity: 'error',
      });
    } else {
      names.set(item.name, item.row);
      rowsByName.set(item.name, item);
    }
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
  const unknownRef = (row: number, column: string, name: string, position: number): void => {
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
  };
  for (const cell of survey.expressions) {
    const checked = checkExpression(cell.source, { allowColumns: cell.allowColumns });
    for (const issue of checked.issues) {
      problems.push({
        sheet: sheetName,
        row: cell.row,
        column: cell.column,
        message: `${issue.message} (at character ${issue.pos + 1} of "${cell.source}").`,
        ...(issue.fix ? { fix: issue.fix } : {}),
        severity: 'error',
        position: issue.pos + 1,
      });
    }
    for (const ref of checked.refs) {
      if (!names.has(ref.name)) unknownRef(cell.row, cell.column, ref.name, ref.pos + 1);
    }
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
    for (const ref of textRefs(text.text)) {
      if (!names.has(ref.name)) unknownRef(text.row, text.column, ref.name, ref.pos + 1);
    }
  }
}
