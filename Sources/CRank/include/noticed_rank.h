#ifndef NOTICED_RANK_H
#define NOTICED_RANK_H

#include <sqlite3.h>

/// Registers the FTS5 auxiliary functions `noticed_bm25_stats` and `noticed_bm25_stats_in` on
/// `db`; SQLITE_OK on success.
int noticed_register_rank(sqlite3 *db);

#endif
