import { useTranslation } from 'react-i18next';
import { useCoordinateSystems } from '../api/hooks.ts';

/** The coordinate system a file is in, as the server knows them; `fromFile` offers leaving it to the file (its .prj or crs) as the first choice. */
export default function CoordinateSystemSelect({ value, onChange, testId, fromFile = false }: {
  value: string; onChange: (code: string) => void; testId: string; fromFile?: boolean;
}) {
  const { t } = useTranslation();
  const { data: systems } = useCoordinateSystems();
  return (
    <label>{t('imports.coordinateSystem')}
      <select value={value} onChange={(event) => onChange(event.target.value)} data-testid={testId}>
        {fromFile && <option value="">{t('imports.fromFile')}</option>}
        {systems?.systems.map((system) => <option key={system.code} value={system.code}>{system.code} · {system.name}</option>)}
      </select>
    </label>
  );
}
