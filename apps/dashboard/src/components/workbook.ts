import { useApp } from '../app/context';
import type { MessageKey } from '../i18n/messages';
import { dateText } from '../lib/period';
import type { TableModel } from '../lib/table';
import type { WorkbookNotes } from '../lib/xlsx';

/** The explanation sheet of a download: table, scope, date, data date, k and protection. */
export function useWorkbookNotes(model: TableModel, scope: string): WorkbookNotes {
  const { t, lang, freshness } = useApp();
  const protection = model.protection ?? 'suppression';
  const protectionText = ['cell_key', 'exact', 'suppression'].includes(protection) ? t(`protection_${protection}` as MessageKey) : protection;
  const today = new Date().toISOString().slice(0, 10);
  const lines: [string, string][] = [
    [t('xlsxExplanation'), model.caption],
    [t('xlsxScope'), scope],
    [t('xlsxDate'), dateText(today, lang)],
    ...(freshness.dataThrough ? ([[t('xlsxDataThrough'), dateText(freshness.dataThrough, lang)]] as [string, string][]) : []),
    [t('xlsxK'), String(model.k)],
    [t('xlsxProtection'), protectionText],
  ];
  if (model.additivity === 'approximate') lines.push(['', t('additivityNote')]);
  return { sheetName: t('xlsxExplanation'), lines };
}
