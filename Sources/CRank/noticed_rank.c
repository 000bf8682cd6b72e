// `noticed_bm25_stats(fts, weight...)`: what FTS5's bm25() computes per row, without the
// per-phrase document counts. bm25() finds those by running every phrase of the query over
// the whole index once per statement; for a long phrase of common bigrams that is most of a
// search's time. The caller estimates the counts from the rows it ranks (see
// WindowRanking.swift) and finishes the formula.
//
// Result: a blob of doubles [rows in the table, mean tokens per row, tokens in this row,
// then per phrase the column-weighted count of its instances in this row].
#include "noticed_rank.h"
#include <stddef.h>

static void bm25_stats(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int nVal,
                       sqlite3_value **apVal) {
    int nPhrase = api->xPhraseCount(fts);
    double *out = sqlite3_malloc64(sizeof(double) * (3 + (sqlite3_uint64)nPhrase));
    if (out == NULL) {
        sqlite3_result_error_nomem(ctx);
        return;
    }
    sqlite3_int64 nRow = 0, nTotal = 0;
    int nTok = 0, nInst = 0;
    int rc = api->xRowCount(fts, &nRow);
    if (rc == SQLITE_OK) rc = api->xColumnTotalSize(fts, -1, &nTotal);
    if (rc == SQLITE_OK) rc = api->xColumnSize(fts, -1, &nTok);
    if (rc == SQLITE_OK) rc = api->xInstCount(fts, &nInst);
    out[0] = (double)nRow;
    out[1] = nRow > 0 ? (double)nTotal / (double)nRow : 0.0;
    out[2] = (double)nTok;
    for (int i = 0; i < nPhrase; i++) out[3 + i] = 0.0;
    for (int i = 0; rc == SQLITE_OK && i < nInst; i++) {
        int phrase = 0, column = 0, offset = 0;
        rc = api->xInst(fts, i, &phrase, &column, &offset);
        if (rc == SQLITE_OK && phrase >= 0 && phrase < nPhrase) {
            out[3 + phrase] += column < nVal ? sqlite3_value_double(apVal[column]) : 1.0;
        }
    }
    if (rc != SQLITE_OK) {
        sqlite3_free(out);
        sqlite3_result_error_code(ctx, rc);
        return;
    }
    sqlite3_result_blob(ctx, out, (int)(sizeof(double) * (3 + (size_t)nPhrase)), sqlite3_free);
}

static void noticed_bm25_stats(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int nVal,
                               sqlite3_value **apVal) {
    bm25_stats(api, fts, ctx, nVal, apVal);
}

// `noticed_bm25_stats_in(fts, wanted, weight...)`: the same, for the rows whose rowid is in
// `wanted` (a blob of ascending 64-bit rowids, native byte order); NULL for the others, before
// any of the row's positions are read. Ranking a filtered search reads the index's matches in
// an id range and keeps those that pass the filters: the others cost a binary search.
static void noticed_bm25_stats_in(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int nVal,
                                  sqlite3_value **apVal) {
    if (nVal < 1) {
        sqlite3_result_error(ctx, "noticed_bm25_stats_in: the wanted rowids are missing", -1);
        return;
    }
    const sqlite3_int64 *wanted = (const sqlite3_int64 *)sqlite3_value_blob(apVal[0]);
    int count = sqlite3_value_bytes(apVal[0]) / (int)sizeof(sqlite3_int64);
    sqlite3_int64 rowid = api->xRowid(fts);
    int low = 0, high = count - 1, found = 0;
    while (low <= high) {
        int mid = low + (high - low) / 2;
        if (wanted[mid] == rowid) {
            found = 1;
            break;
        }
        if (wanted[mid] < rowid) low = mid + 1;
        else high = mid - 1;
    }
    if (!found) {
        sqlite3_result_null(ctx);
        return;
    }
    bm25_stats(api, fts, ctx, nVal - 1, apVal + 1);
}

int noticed_register_rank(sqlite3 *db) {
    fts5_api *api = NULL;
    sqlite3_stmt *stmt = NULL;
    int rc = sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, NULL);
    if (rc != SQLITE_OK) return rc;
    sqlite3_bind_pointer(stmt, 1, (void *)&api, "fts5_api_ptr", NULL);
    sqlite3_step(stmt);
    rc = sqlite3_finalize(stmt);
    if (rc != SQLITE_OK) return rc;
    if (api == NULL || api->iVersion < 2) return SQLITE_ERROR;
    rc = api->xCreateFunction(api, "noticed_bm25_stats", NULL, noticed_bm25_stats, NULL);
    if (rc != SQLITE_OK) return rc;
    return api->xCreateFunction(api, "noticed_bm25_stats_in", NULL, noticed_bm25_stats_in, NULL);
}
