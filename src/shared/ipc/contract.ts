/**
 * The IPC contract: every channel between renderer and main, with its input schema and output
 * schema, and every main-to-renderer event. This is the only place a channel name is written.
 * Each feature declares its channels in `channels/<feature>.ts`; they are merged here.
 */
import type { z } from 'zod';
import { appChannels, appEvents } from './channels/app';
import { onboardingChannels, onboardingEvents } from './channels/onboarding';
import { adminChannels, adminEvents } from './channels/admin';
import { adminUsersChannels, adminUsersEvents } from './channels/admin-users';
import { adminBulkChannels, adminBulkEvents } from './channels/admin-bulk';
import { adminHandoffChannels, adminHandoffEvents } from './channels/admin-handoff';
import { adminStatusChannels, adminStatusEvents } from './channels/admin-status';
import { adminGuardChannels, adminGuardEvents } from './channels/admin-guard';
import { adminAccountsChannels, adminAccountsEvents } from './channels/admin-accounts';
import { resyncChannels, resyncEvents } from './channels/resync';

export const channels = {
  ...appChannels,
  ...onboardingChannels,
  ...adminChannels,
  ...adminUsersChannels,
  ...adminBulkChannels,
  ...adminHandoffChannels,
  ...adminStatusChannels,
  ...adminGuardChannels,
  ...adminAccountsChannels,
  ...resyncChannels,
} as const;

export const events = {
  ...appEvents,
  ...onboardingEvents,
  ...adminEvents,
  ...adminUsersEvents,
  ...adminBulkEvents,
  ...adminHandoffEvents,
  ...adminStatusEvents,
  ...adminGuardEvents,
  ...adminAccountsEvents,
  ...resyncEvents,
} as const;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
/** What the renderer passes. */
export type ChannelInput<C extends ChannelName> = z.input<Channels[C]['input']>;
/** What the handler receives after validation. */
export type ChannelParsedInput<C extends ChannelName> = z.output<Channels[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.output<Channels[C]['output']>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export const isChannelName = (name: unknown): name is ChannelName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(channels, name);

export const isEventName = (name: unknown): name is EventName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
