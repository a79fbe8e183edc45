export const adminChannels = {} as const;

export const adminEvents = {} as const;
