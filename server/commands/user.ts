import { notYet } from '../command';

export const userCommand = notYet(
  'user',
  'user add NAME --password PW (--org SLUG | --secretariat) --url URL',
  'add a user',
);
