/** Process exit codes shared by all commands. */
export const EXIT_OK = 0;
/** Some input could not be processed (bad file, failed import). */
export const EXIT_FAILURE = 1;
/** The command line itself was wrong. */
export const EXIT_USAGE = 2;
