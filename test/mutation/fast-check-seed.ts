import fc from 'fast-check';

/**
 * Under Stryker, property tests draw the same inputs in every run (for every mutant and every
 * run of the suite), so a mutant is killed or survives for a reason, not by the luck of a draw.
 * `npm test` keeps fast-check's random seeds and so keeps exploring new inputs.
 */
fc.configureGlobal({ seed: 0x5eed, numRuns: 200 });
