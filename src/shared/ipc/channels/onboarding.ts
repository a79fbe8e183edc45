export const onboardingChannels = {} as const;

export const onboardingEvents = {} as const;
