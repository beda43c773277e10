import { useTranslation } from 'react-i18next';
import { ISSUE_SOURCES } from '../../server/domain/issue-vocabulary.ts';
import type { Category } from '../../server/schemas/contract.ts';
import { ISSUE_STATE_CHOICES, type IssueLayerFilter } from '../issue-layer-filter.ts';

interface IssueLayerControlsProps {
  visible: boolean;
  onVisibleChange: (visible: boolean) => void;
  filter: IssueLayerFilter;
  onFilterChange: (name: keyof IssueLayerFilter, value: string | null) => void;
  categories: readonly Category[];
  /** How many problems the filter matched, once known. */
  count: number | undefined;
}

/** The problem layer's switch and filters: state, category (a whole group or one kind) and source. */
export default function IssueLayerControls({ visible, onVisibleChange, filter, onFilterChange, categories, count }: IssueLayerControlsProps) {
  const { t } = useTranslation();
  const groups = categories.filter((category) => category.parentCode === null);
  return (
    <div className="map-toolbar issue-toolbar" data-testid="issue-layer-controls">
      <label>
        <input type="checkbox" checked={visible} onChange={(event) => onVisibleChange(event.target.checked)} data-testid="toggle-issues" />
        {t('layers.issues')}
      </label>
      <select value={filter.state} disabled={!visible} onChange={(event) => onFilterChange('state', event.target.value)} data-testid="issue-state-filter" aria-label={t('issues.state')}>
        {ISSUE_STATE_CHOICES.map((choice) => (
          <option key={choice} value={choice}>{choice === 'open' || choice === 'overdue' ? t(`issueLayer.${choice}`) : t(`states.${choice}`)}</option>
        ))}
      </select>
      <select value={filter.category ?? ''} disabled={!visible} onChange={(event) => onFilterChange('category', event.target.value || null)} data-testid="issue-category-filter" aria-label={t('issues.category')}>
        <option value="">{t('issueLayer.allCategories')}</option>
        {groups.map((group) => (
          <optgroup key={group.code} label={group.name}>
            <option value={group.code}>{t('issueLayer.wholeGroup', { name: group.name })}</option>
            {categories.filter((category) => category.parentCode === group.code).map((category) => (
              <option key={category.code} value={category.code}>{category.name}</option>
            ))}
          </optgroup>
        ))}
      </select>
      <select value={filter.source ?? ''} disabled={!visible} onChange={(event) => onFilterChange('source', event.target.value || null)} data-testid="issue-source-filter" aria-label={t('issues.source')}>
        <option value="">{t('issueLayer.allSources')}</option>
        {ISSUE_SOURCES.map((source) => <option key={source} value={source}>{t(`sources.${source}`)}</option>)}
      </select>
      {visible && count !== undefined && <span className="muted" data-testid="issue-layer-count">{t('issueLayer.count', { count })}</span>}
    </div>
  );
}
