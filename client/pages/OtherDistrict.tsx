import { useTranslation } from 'react-i18next';
import type { District } from '../../server/schemas/contract.ts';
import { districtPagePath } from '../api/district.ts';

/** An address of another district than the account's: said plainly, with the way to its own. */
export default function OtherDistrict({ own, asked }: { own: District; asked: District }) {
  const { t } = useTranslation();
  return (
    <div className="sign-in" data-testid="other-district">
      <div className="sign-in-card">
        <h1>{t('app.title')}</h1>
        <p>{t('otherDistrict.message', { own: own.name, asked: asked.name })}</p>
        <a href={districtPagePath(own.code)} data-testid="own-district-link">{t('otherDistrict.own', { district: own.name })}</a>
        <a href="/city">{t('nav.city')}</a>
      </div>
    </div>
  );
}
