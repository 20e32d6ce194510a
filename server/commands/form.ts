import { notYet } from '../command';

export const formCommand = notYet(
  'form',
  'form check FILE.xlsx',
  'check an XLSForm workbook and print its problems',
);
