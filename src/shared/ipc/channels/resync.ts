export const resyncChannels = {} as const;

export const resyncEvents = {} as const;
