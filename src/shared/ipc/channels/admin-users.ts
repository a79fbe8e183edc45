export const adminUsersChannels = {} as const;

export const adminUsersEvents = {} as const;
