/** Read-model queries of events and DEN2DEN: they re-render when the followers write. */
import { useLiveQuery } from 'dexie-react-hooks';
import { useWorkspace } from '../app/workspace-context';
import type { EventRow, ExchangeRow, FeedbackRow, OfferRow } from './events-projector';

export function useEventRows(): EventRow[] | undefined {
  const { readModel } = useWorkspace().workspace;
  return useLiveQuery(() => readModel.events.orderBy('start').reverse().toArray(), [readModel]);
}

/** Participants' responses on this computer, to one event or to all. */
export function useFeedbackRows(event?: string): FeedbackRow[] | undefined {
  const { readModel } = useWorkspace().workspace;
  return useLiveQuery(
    () => (event ? readModel.feedback.where('event').equals(event).toArray() : readModel.feedback.toArray()),
    [readModel, event],
  );
}

export function useOfferRows(): OfferRow[] | undefined {
  const { readModel } = useWorkspace().workspace;
  return useLiveQuery(() => readModel.offers.toArray(), [readModel]);
}

export function useExchangeRows(): ExchangeRow[] | undefined {
  const { readModel } = useWorkspace().workspace;
  return useLiveQuery(() => readModel.exchanges.toArray(), [readModel]);
}
