/** The institutes' directory as this computer knows it (Settings). */
import { useTranslation } from 'react-i18next';
import { useInstituteRows } from '../../data/library-hooks';
import { InstituteName } from './InstituteName';
import { useInstitutes } from './use-institutes';
import { ScrollBox } from '../../app/ScrollBox';

export function InstitutesDirectory() {
  const { t } = useTranslation();
  const rows = useInstituteRows();
  const { list } = useInstitutes();
  return (
    <section aria-labelledby="directory-title">
      <h2 id="directory-title">{t('institutes.directoryTitle')}</h2>
      <p className="hint">{t('institutes.directoryExplain')}</p>
      {rows !== undefined && rows.length === 0 ? <p>{t('institutes.directoryEmpty')}</p> : null}
      <ScrollBox>
        <table className="list" data-testid="institutes-directory">
          <thead>
            <tr>
              <th scope="col">{t('institutes.name')}</th>
              <th scope="col">{t('institutes.economy')}</th>
              <th scope="col">{t('institutes.slug')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((info) => (
              <tr key={info.org}>
                <td>
                  <InstituteName info={info} />
                </td>
                <td>{info.economy || <span className="hint">{t('institutes.economyUnknown')}</span>}</td>
                <td>
                  <code>org-{info.org}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
    </section>
  );
}
