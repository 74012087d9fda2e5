#pragma once

#include "CommandLine.h"

namespace gb {

// `gembalance --import-gemini-balance <source>`: reads the settings as a normal start does
// (environment, .env), opens and migrates the configured database, imports the
// gemini-balance database into it and prints a summary. Returns the process exit code:
// 0 on success, 1 on failure (the reason on stderr).
int runImportCommand(int argc, char *argv[], const CommandLineOptions &options);

} // namespace gb
