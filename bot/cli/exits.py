"""The terminal's exit statuses, one set for every command (the README lists them)."""

EXIT_OK = 0
EXIT_NOT_FOUND = 1  # nothing matched
EXIT_FAILED = 1  # a build, fetch or update failed: as scripts already test for "not 0 or 2"
EXIT_USAGE = 2  # the command line or the configuration is wrong
EXIT_INTERRUPTED = 130  # Ctrl-C, as shells report SIGINT (128 + 2)
