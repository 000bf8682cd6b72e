#ifndef NOTICED_RANK_H
#define NOTICED_RANK_H

#include <sqlite3.h>

/// Registers the FTS5 auxiliary function `noticed_bm25_stats` on `db`; SQLITE_OK on success.
int noticed_register_rank(sqlite3 *db);

#endif
