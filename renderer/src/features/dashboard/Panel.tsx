/** A dashboard panel: its chart, the table behind it (toggle), and "Export to Excel" of that table. */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { toErrorData } from '@shared/errors';
import type { TableExport } from '@shared/excel/table-sheet';
import { saveWorkbook } from '../returns/workbook-file';
import { fmt } from '../../app/format';
import { ScrollBox } from '../../app/ScrollBox';

export function Panel({
  id,
  table,
  children,
  note,
}: {
  id: string;
  table: TableExport;
  /** The chart; absent for panels that are a table only. */
  children?: ReactNode;
  note?: ReactNode;
}) {
  const { t } = useTranslation();
  // The chart first, until the person asks for the table (a panel without a chart shows its table).
  const [tableChosen, setTableChosen] = useState<boolean>();
  const showTable = tableChosen ?? !children;
  const [message, setMessage] = useState<string>();

  const exportTable = async () => {
    setMessage(undefined);
    try {
      const { exportTable: write, tableFileName } = await import('@shared/excel/table-sheet');
      const path = await saveWorkbook(tableFileName(table.title), await write(table));
      if (path) setMessage(t('returns.exported', { path }));
    } catch (error) {
      setMessage(t('returns.exportFailed', { message: toErrorData(error).message }));
    }
  };

  return (
    <section className="panel" aria-labelledby={`${id}-title`} data-testid={`panel-${id}`}>
      <div className="panel-head">
        <h2 id={`${id}-title`}>{table.title}</h2>
        <div className="actions">
          {children ? (
            <button
              type="button"
              className="secondary"
              aria-pressed={showTable}
              onClick={() => setTableChosen(!showTable)}
            >
              {showTable ? t('dashboard.showChart') : t('dashboard.showTable')}
            </button>
          ) : null}
          <button type="button" className="secondary" onClick={() => void exportTable()}>
            {t('dashboard.export')}
          </button>
        </div>
      </div>
      {table.subtitle ? <p className="hint">{fmt.inText(table.subtitle)}</p> : null}
      {note}
      {children && !showTable ? <div className="panel-chart">{children}</div> : null}
      <div className={showTable ? 'panel-table' : 'panel-table print-only'}>
        <DataTable table={table} />
      </div>
      {message ? (
        <p role="status" className="hint">
          {message}
        </p>
      ) : null}
    </section>
  );
}

export function DataTable({ table }: { table: TableExport }) {
  const { t } = useTranslation();
  if (table.rows.length === 0) return <p>{t('dashboard.nothing')}</p>;
  return (
    <ScrollBox>
      <table className="list">
        <thead>
          <tr>
            {table.columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, i) => (
            <tr key={i}>
              {row.map((cell, j) => (
                <td key={j} className={typeof cell === 'number' ? 'number' : undefined}>
                  {typeof cell === 'number'
                    ? fmt.number(cell)
                    : typeof cell === 'string'
                      ? fmt.inText(cell)
                      : ''}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollBox>
  );
}
