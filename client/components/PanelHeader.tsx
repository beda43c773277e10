import { useTranslation } from 'react-i18next';

/** A side panel's title and its close button; test ids follow the panel's own (`<panel>-title`, `<panel>-close`). */
export default function PanelHeader({ panel, title, onClose }: { panel: string; title: string; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <header className="panel-header">
      <h2 data-testid={`${panel}-title`}>{title}</h2>
      <button type="button" onClick={onClose} aria-label={t('grids.close')} data-testid={`${panel}-close`}>×</button>
    </header>
  );
}
