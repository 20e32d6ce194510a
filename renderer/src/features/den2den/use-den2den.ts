/** What the DEN2DEN screens read: offers (own copy first), exchanges as views, needs, who is who. */
import { useMemo } from 'react';
import { exchangeViews } from '@shared/den2den/exchange';
import { useExchangeRows, useOfferRows } from '../../data/events-hooks';
import { preferOwn } from '../../data/events-projector';
import { useFunding } from '../funding/use-funding';

export function useDen2Den() {
  const funding = useFunding();
  const offerRows = useOfferRows();
  const exchangeRows = useExchangeRows();
  const offers = useMemo(
    () =>
      preferOwn(offerRows ?? []).sort(
        (a, b) => a.kind.localeCompare(b.kind) || a.title.localeCompare(b.title),
      ),
    [offerRows],
  );
  const views = useMemo(() => exchangeViews(exchangeRows ?? []), [exchangeRows]);
  return {
    workspace: funding.workspace,
    author: funding.author,
    isSecretariat: funding.isSecretariat,
    institutes: funding.institutes,
    loading: funding.loading || offerRows === undefined || exchangeRows === undefined,
    offers,
    views,
    /** This institute's needs of its latest assessment cycle. */
    needs: funding.needs.filter((n) => n.org === funding.author.org),
  };
}
