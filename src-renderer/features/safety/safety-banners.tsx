// The safety banners over the shares list; each says what is risky and what to do about it.
import type { Share } from '../../../src-shared/contract/index.js';
import { Notice } from '../../components/notices.js';
import { safetyBanners } from './safety-rules.js';

export function SafetyBanners({ shares }: { readonly shares: readonly Share[] }) {
  const banners = safetyBanners(shares);
  if (banners.length === 0) return null;
  return (
    <div className="banners">
      {banners.map((b) => (
        <Notice key={b.key} tone="warning" title={b.title}>{b.text}</Notice>
      ))}
    </div>
  );
}
