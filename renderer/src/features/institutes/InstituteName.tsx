import { useTranslation } from 'react-i18next';
import { instituteLabel, type InstituteInfo } from './directory-view';

/** An institute's name (and acronym), flagged when it comes from inferred reference data. */
export function InstituteName({ info }: { info: InstituteInfo }) {
  const { t } = useTranslation();
  return (
    <span title={info.org}>
      {instituteLabel(info)}
      {info.inferred ? <span className="badge inferred">{t('setup.unverified')}</span> : null}
    </span>
  );
}
