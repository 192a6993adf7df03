/** The contract between the outbox and its senders, as the outbox defines it (`../outbox/types.ts`). */
export type {
  Channel,
  DeliveryOutcome,
  EventData,
  EventType,
  OutboxMessage,
  Sender,
} from '../outbox/types.ts'
