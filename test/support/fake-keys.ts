/**
 * Obviously fake access key ids for tests, built at run time so the repository holds no
 * AKIA…-shaped literal that a secret scanner would have to judge.
 */
export const fakeAccessKeyId = (tag: string): string => `AKIA${tag.toUpperCase().replace(/[^A-Z0-9]/g, '').padEnd(16, '0').slice(0, 16)}`;
