// -----------------------------------------------------------------------------
// File: app/serve.h
// -----------------------------------------------------------------------------
//
// `kaoping serve`: opens the store under the data directory, loads and indexes the standard
// packs, creates the first admin and seeds the demo (once per database), then serves the API,
// /healthz, /metrics and the built web UI until SIGTERM/SIGINT, and shuts down gracefully:
// stop accepting, finish in-flight requests, close the store cleanly.

#ifndef KAOPING_APP_SERVE_H_
#define KAOPING_APP_SERVE_H_

#include <iosfwd>
#include <memory>

#include "app/config.h"
#include "base/status.h"

namespace kaoping::app {

extern const char* const kVersion;

// Runs until a stop signal. Prints the URL and, on first start, the first admin's credentials
// to `out`. Returns the reason start-up failed, or OK after a clean shutdown.
Status Serve(const Config& config, std::ostream& out);

}  // namespace kaoping::app

#endif  // KAOPING_APP_SERVE_H_
