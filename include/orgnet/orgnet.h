/**
 * @file orgnet.h
 * @brief The orgnet C ABI: the library's only binary-stable surface.
 *
 * Rules that hold for every function here:
 * - Compiles as C99 and as C++. One prefix: `orgnet_` / `ORGNET_`.
 * - Every fallible function returns an `int` status: ::ORGNET_OK (0) or one of the
 *   `ORGNET_*` codes (the numbers of absl::StatusCode). On failure, orgnet_last_error() gives
 *   the calling thread's message for that failure; outputs are left unchanged. A success does
 *   not clear the message. No C++ exception ever crosses this boundary; an allocation failure
 *   is ::ORGNET_RESOURCE_EXHAUSTED.
 * - Handles are opaque and typed. A NULL handle or output pointer is ::ORGNET_INVALID_ARGUMENT,
 *   never a crash; a row or index past the end, and a number outside its constants' range
 *   (a table, roll-up, listing, counter, rate, severity, event table), is
 *   ::ORGNET_OUT_OF_RANGE in every call; a value in range that the call does not take (a
 *   leadership roll-up for a territorial analysis), a bad option or text that is not UTF-8
 *   is ::ORGNET_INVALID_ARGUMENT; an unknown id is ::ORGNET_NOT_FOUND.
 * - Every text argument is checked: valid UTF-8 without NUL bytes, else
 *   ::ORGNET_INVALID_ARGUMENT naming the argument and the byte.
 * - Strings in and out are UTF-8, passed as pointer and length (not NUL-terminated on input;
 *   a NULL pointer is allowed with length 0). Every function that hands out text says in its
 *   comment (**Text:**) whether that text is NUL-terminated; cell text and ids are not. Strings and arrays returned through `const`
 *   pointers are borrowed: valid as long as the handle they came from. Strings and arrays
 *   returned through non-const pointers are owned by the caller, who releases every one of
 *   them with orgnet_free(); handles (`orgnet_*_new`, `_load`, `_build`, `_compute`) are
 *   released with their own `orgnet_*_free`. Every release function accepts NULL.
 * - Option structs carry a `version` field; initialise them with their `_INIT` macro or their
 *   `orgnet_*_init(&options, VERSION)` function (the same defaults: those of the C++ structs).
 * - Thread safety: a finished ::orgnet_network is immutable and safe for concurrent queries
 *   from any number of threads; a builder, an edit batch and a report belong to one thread at
 *   a time; the last-error message is per thread.
 * - Rows are dense indexes per table (file order); ::ORGNET_NONE means "no row".
 * - Figures per place of a roll-up come from `orgnet_<object>_rollup` or
 *   `orgnet_<object>_rollup_<figure>` (ABI 1 removed the older names, e.g.
 *   orgnet_coverage_rate(), and the duplicate release functions: docs/conventions.md).
 * - Each function's comment ends with **Status:**, the codes it returns besides ::ORGNET_OK
 *   (::ORGNET_INTERNAL, a bug in orgnet, can come from any fallible call and is not listed),
 *   and **Cost:** its time complexity (igraph's "Time complexity"), in the sizes it names.
 */
#ifndef ORGNET_ORGNET_H_
#define ORGNET_ORGNET_H_

#include <stddef.h>
#include <stdint.h>

#include "orgnet/orgnet_export.h"
#include "orgnet/version.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @name Status codes (absl::StatusCode numbers)
 *  @abi{enum Status ORGNET_}
 *  @{ */
#define ORGNET_OK 0                  /**< success */
#define ORGNET_CANCELLED 1           /**< the progress handler stopped the call (nothing was made) */
#define ORGNET_UNKNOWN 2             /**< an error with no better code */
#define ORGNET_INVALID_ARGUMENT 3    /**< bad argument or bad data (a failed load or build) */
#define ORGNET_NOT_FOUND 5           /**< unknown id, missing file or folder */
#define ORGNET_ALREADY_EXISTS 6      /**< an id that must be new is taken */
#define ORGNET_PERMISSION_DENIED 7   /**< a file or folder cannot be written */
#define ORGNET_RESOURCE_EXHAUSTED 8  /**< out of memory */
#define ORGNET_FAILED_PRECONDITION 9 /**< the call does not fit the object's state */
#define ORGNET_OUT_OF_RANGE 11       /**< an index past the end */
#define ORGNET_UNIMPLEMENTED 12      /**< not supported */
#define ORGNET_INTERNAL 13           /**< a bug in orgnet: please report it */
#define ORGNET_UNAVAILABLE 14        /**< a database server cannot be reached or refused the login */
#define ORGNET_DATA_LOSS 15          /**< a write failed part-way, or a snapshot file is damaged */
/** @} */

/** The "no row" index: an empty reference, a root's parent, an unknown place. */
#define ORGNET_NONE UINT32_MAX
/** The unknown date (orgnet_network_date()). */
#define ORGNET_NO_DATE INT32_MIN
/** As a date option: the dataset's `as_of`, else the option's documented fallback (kDatasetDate). */
#define ORGNET_DATASET_DATE (INT32_MIN + 1)
/** The empty integer (orgnet_network_integer()). */
#define ORGNET_NO_INTEGER INT64_MIN

/** @name Tables (the files of a dataset, format version 1)
 *  @abi{enum Table ORGNET_TABLE_}
 *  @{ */
#define ORGNET_TABLE_ORGS 0      /**< orgs.csv */
#define ORGNET_TABLE_GRIDS 1     /**< grids.csv */
#define ORGNET_TABLE_UNITS 2     /**< units.csv */
#define ORGNET_TABLE_MEMBERS 3   /**< members.csv */
#define ORGNET_TABLE_STAFF 4     /**< staff.csv */
#define ORGNET_TABLE_LINKS 5     /**< links.csv */
#define ORGNET_TABLE_NEEDS 6     /**< needs.csv */
#define ORGNET_TABLE_RESOURCES 7 /**< resources.csv */
#define ORGNET_TABLE_CENTRES 8   /**< centres.csv */
#define ORGNET_TABLE_EVENTS 9    /**< events.csv */
#define ORGNET_TABLE_FUNDS 10    /**< funds.csv */
#define ORGNET_TABLE_COUNT 11    /**< number of tables */
/** @} */

/** @name Column types
 *  @abi{enum ColumnType ORGNET_COLUMN_}
 *  @{ */
#define ORGNET_COLUMN_ID 0      /**< unique id text: orgnet_network_text() */
#define ORGNET_COLUMN_TEXT 1    /**< free text (and every extra column): orgnet_network_text() */
#define ORGNET_COLUMN_REF 2     /**< reference: orgnet_network_ref(), or the id by _text() */
#define ORGNET_COLUMN_DATE 3    /**< date: orgnet_network_date() */
#define ORGNET_COLUMN_INTEGER 4 /**< integer: orgnet_network_integer() */
#define ORGNET_COLUMN_REAL 5    /**< real: orgnet_network_real() */
#define ORGNET_COLUMN_FLAG 6    /**< flag: orgnet_network_flag() */
#define ORGNET_COLUMN_STATUS 7  /**< member status: orgnet_network_status() (0 formal, 1 probationary) */
/** @} */

/** @name Diagnostic severities
 *  @abi{enum Severity ORGNET_}
 *  @{ */
#define ORGNET_ERROR 0   /**< an error: the load or build failed */
#define ORGNET_WARNING 1 /**< a warning: reported, the load went on */
/** @} */

/** @name Roll-ups: the territory's four levels and the leadership tree (one set of numbers
 *  for both; the ORGNET_LEVEL_* names below are the older names of the territorial ones)
 *  @abi{enum RollUp ORGNET_ROLLUP_}
 *  @{ */
#define ORGNET_ROLLUP_GRID 0      /**< per grid (rows are grid rows) */
#define ORGNET_ROLLUP_COMMUNITY 1 /**< per community organization (org rows) */
#define ORGNET_ROLLUP_STREET 2    /**< per street (org rows) */
#define ORGNET_ROLLUP_DISTRICT 3  /**< per district (org rows) */
#define ORGNET_ROLLUP_ORG 4       /**< per organization's leadership subtree (org rows) */
#define ORGNET_ROLLUP_COUNT 5     /**< number of roll-ups */
/** @} */

/** @name Territory levels and listings
 *  @abi{enum Level ORGNET_LEVEL_}
 *  @abi{enum Listing ORGNET_IN_}
 *  @{ */
#define ORGNET_LEVEL_COMMUNITY ORGNET_ROLLUP_COMMUNITY /**< community (orgnet_territory_unknown()) */
#define ORGNET_LEVEL_STREET ORGNET_ROLLUP_STREET       /**< street */
#define ORGNET_LEVEL_DISTRICT ORGNET_ROLLUP_DISTRICT   /**< district */
#define ORGNET_IN_GRIDS 0        /**< orgnet_territory_in(): grids located in a territory org */
#define ORGNET_IN_UNITS 1        /**< orgnet_territory_in(): units */
#define ORGNET_IN_ORGS 2         /**< orgnet_territory_in(): organizations */
#define ORGNET_IN_STAFF 3        /**< orgnet_territory_in(): staff */
/** @} */

/** An immutable network (thread-safe for queries). */
typedef struct orgnet_network orgnet_network;
/** Errors and warnings of a load, build or edit (one thread at a time). */
typedef struct orgnet_report orgnet_report;
/** Rows collected as text, built into a network (one thread at a time). */
typedef struct orgnet_builder orgnet_builder;
/** An ordered batch of edits (one thread at a time). */
typedef struct orgnet_edit_batch orgnet_edit_batch;

/** Options of a load or build. Initialise with ::ORGNET_LOAD_OPTIONS_INIT. */
typedef struct orgnet_load_options {
  unsigned version; /**< ::ORGNET_LOAD_OPTIONS_VERSION */
  int max_errors;   /**< errors recorded at most; the load stops looking past it (default 20) */
  int max_warnings; /**< warnings recorded at most (default 100) */
  int threads;      /**< threads used to read files (default 2) */
} orgnet_load_options;
/** Current version of ::orgnet_load_options. */
#define ORGNET_LOAD_OPTIONS_VERSION 1
/** The default ::orgnet_load_options (the same as orgnet_load_options_init()). */
#define ORGNET_LOAD_OPTIONS_INIT {ORGNET_LOAD_OPTIONS_VERSION, 20, 100, 2}
/** Fills @p options with the defaults (those of the C++ LoadOptions, which the `_INIT` macro
 *  repeats; a test keeps the two equal). @p version: ::ORGNET_LOAD_OPTIONS_VERSION.
 *  Status: ::ORGNET_INVALID_ARGUMENT (NULL or an unknown version). Cost: O(1). */
ORGNET_EXPORT int orgnet_load_options_init(orgnet_load_options* options, unsigned version);

/** One diagnostic of a report; strings borrowed from the report, NUL-terminated.
 *  @abi{row Diagnostic severity file line row column byte message text key} */
typedef struct orgnet_diagnostic {
  int severity;        /**< ::ORGNET_ERROR or ::ORGNET_WARNING @abi{enum Severity} */
  const char* file;    /**< file path ("" for a folder-level problem) @abi{text} */
  int64_t line;        /**< physical line where the record starts (1 = header); 0 = unknown */
  int64_t row;         /**< for builder rows: 0-based row, else -1 */
  const char* column;  /**< header name of the column, or "" @abi{text} */
  int64_t byte;        /**< syntax errors: byte offset in the line, else -1 */
  const char* message; /**< what is wrong @abi{text} */
  const char* text;    /**< the whole diagnostic on one line, as orgnet_last_error() shows it
                            @abi{text} */
  const char* key;     /**< a database load's row key (its id), else "": orgnet_network_load_database()
                            @abi{text} */
} orgnet_diagnostic;

/** Where a row is: indexes of its grid (grids table) and community, street and district
 *  (orgs table); ::ORGNET_NONE when unknown.
 *  @abi{row Place grid community street district} */
typedef struct orgnet_place {
  uint32_t grid;      /**< grids row @abi{ref grids} */
  uint32_t community; /**< orgs row of the community organization @abi{ref orgs} */
  uint32_t street;    /**< orgs row of the street party working committee @abi{ref orgs} */
  uint32_t district;  /**< orgs row of the district committee @abi{ref orgs} */
} orgnet_place;

/* ------------------------------------------------------------------ errors and versions */
/** @defgroup capi_errors Errors, versions and releasing memory
 *  @{ */

/** The release, "MAJOR.MINOR.PATCH" of the loaded library (static string). Thread-safe.
 *  Text: NUL-terminated, static.
 *  Status: none (never fails).
 *  Cost: O(1). */
ORGNET_EXPORT const char* orgnet_version(void);
/** The ABI number of the loaded library (its SOVERSION). Thread-safe.
 *  Status: none (never fails).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_abi_version(void);
/** The calling thread's last error message ("" if none), NUL-terminated, valid until the
 *  thread's next failing call.
 *  Status: none (never fails).
 *  Cost: O(1). */
ORGNET_EXPORT const char* orgnet_last_error(void);
/** Static text naming a status code, e.g. "invalid argument". Thread-safe.
 *  Text: NUL-terminated, static.
 *  Status: none (never fails); an unknown code gives "unrecognized status code".
 *  Cost: O(1). */
ORGNET_EXPORT const char* orgnet_status_string(int status);
/** Clears the calling thread's last error message.
 *  Status: none (never fails).
 *  Cost: O(1). */
ORGNET_EXPORT void orgnet_clear_error(void);
/** Releases any string or array the library allocated and handed over through a non-const
 *  pointer (every `char**`, `uint32_t**`, struct or double array out-parameter); NULL is fine.
 *  The one release function for everything but handles.
 *  Status: none (never fails).
 *  Cost: O(1). */
ORGNET_EXPORT void orgnet_free(void* memory);

/** A progress handler: @p work names the call ("load", "snapshot", "coverage",
 *  "betweenness", "matching", "suggest", "siting"), @p done of @p total units are done.
 *  Return 0 to go on, anything else to stop the call, which then returns ::ORGNET_CANCELLED
 *  and produces nothing. It runs on the thread that made the call, so it may call back into
 *  the library (queries, not the call it watches). */
typedef int (*orgnet_progress_fn)(void* context, const char* work, uint64_t done,
                                  uint64_t total);
/** Installs @p handler for the calling thread (NULL removes it): every long call made on this
 *  thread afterwards (orgnet_network_load(), orgnet_network_open_snapshot(),
 *  orgnet_network_save_snapshot(),
 *  orgnet_coverage_compute(), orgnet_links_betweenness(), orgnet_matching_compute(),
 *  orgnet_links_suggest(), orgnet_reach_site()) calls it at least every @p interval_ms
 *  milliseconds (1 to 100; 0 means 50) and once at the end. Other threads are not affected.
 *  Status: ::ORGNET_INVALID_ARGUMENT (@p interval_ms above 100).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_set_progress_handler(orgnet_progress_fn handler, void* context,
                                              uint32_t interval_ms);

/** @} */

/* ------------------------------------------------------------------ output */
/** @defgroup capi_output Output: files and folders written whole or not at all
 *  Every file and folder orgnet writes goes through these calls (the Python package's
 *  reports, exports and `-o` outputs too), so that after a kill at any moment the target is
 *  the old content or the new one (docs/output.md, "Writing safely"). A file is written to
 *  an exclusive temporary file beside it (`O_CREAT|O_EXCL|O_NOFOLLOW`, a random name, mode
 *  from the umask), synced, renamed over the target, and its folder synced. A folder is
 *  written as a new sibling folder, exchanged with the target in one step
 *  (`renameat2(RENAME_EXCHANGE)`), and the old one removed. Missing folders above a target
 *  are created. Concurrent writers to one target each finish whole; the last one wins.
 *  @{ */

/** A file being written (one thread at a time). */
typedef struct orgnet_output orgnet_output;
/** A folder being written (one thread at a time). */
typedef struct orgnet_output_folder orgnet_output_folder;

/** @name Folder kinds (orgnet_output_folder_open())
 *  @abi{enum FolderKind ORGNET_FOLDER_}
 *  @{ */
/** A dataset folder: replaces a new, empty or dataset folder (one holding a table file or
 *  `manifest.csv`); carries over every entry that is not a table file or the manifest, and
 *  refuses to leave a table file the new folder does not write. */
#define ORGNET_FOLDER_DATASET 0
/** An export's folder: replaces a new, empty or earlier export's folder (one holding the marker
 *  `.orgnet-export`, which lists the files it wrote); carries over the entries the earlier
 *  export did not write. */
#define ORGNET_FOLDER_EXPORT 1
/** @} */

/** Starts writing the file at @p path (UTF-8): its temporary file is created beside it.
 *  @param[out] out  the file, to write with orgnet_output_write(), put in place with
 *                   orgnet_output_commit() and release with orgnet_output_free() (which
 *                   removes the temporary file of an uncommitted one)
 *  @param path      the target's path (UTF-8, pointer and length; missing folders above it
 *                   are made)
 *  @param path_len  bytes in @p path
 *  @abi{owned orgnet_output_free}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer, @p path empty or not UTF-8, a name over
 *    255 bytes, a folder at @p path, a file where a folder above it should be),
 *    ::ORGNET_NOT_FOUND or ::ORGNET_PERMISSION_DENIED (a folder above cannot be made or
 *    written; the message names it and the cause), ::ORGNET_DATA_LOSS.
 *  Cost: O(1) system calls, plus removing temporary files that killed writers left. */
ORGNET_EXPORT int orgnet_output_open(orgnet_output** out, const char* path, size_t path_len);
/** Appends @p size bytes at @p data (any bytes; NULL with 0).
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer), ::ORGNET_FAILED_PRECONDITION (already
 *    committed), ::ORGNET_DATA_LOSS (the write failed: disk full, I/O error).
 *  Cost: O(@p size). */
ORGNET_EXPORT int orgnet_output_write(orgnet_output* output, const void* data, size_t size);
/** Syncs the file and renames it over its target, then syncs the folder (a file of an
 *  ::orgnet_output_folder: syncs and closes it; the folder's commit puts it in place).
 *  Status: ::ORGNET_INVALID_ARGUMENT (NULL), ::ORGNET_FAILED_PRECONDITION (committed twice),
 *    ::ORGNET_DATA_LOSS (a sync or the rename failed: the target is as it was).
 *  Cost: O(bytes not yet on disk). */
ORGNET_EXPORT int orgnet_output_commit(orgnet_output* output);
/** Releases @p output; an uncommitted file's temporary file is removed and its target left
 *  as it was. Accepts NULL.
 *  Status: none (never fails). Cost: O(1). */
ORGNET_EXPORT void orgnet_output_free(orgnet_output* output);

/** Starts writing the folder at @p path (UTF-8) as a new sibling folder.
 *  @param[out] out  the folder, to add files to with orgnet_output_folder_add(), put in place
 *                   with orgnet_output_folder_commit() and release with
 *                   orgnet_output_folder_free() (which removes an uncommitted new folder)
 *  @param path      the target folder's path (UTF-8, pointer and length)
 *  @param path_len  bytes in @p path
 *  @param kind      ::ORGNET_FOLDER_DATASET or ::ORGNET_FOLDER_EXPORT
 *  @abi{owned orgnet_output_folder_free}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer, @p path empty or not UTF-8, a name over
 *    255 bytes, a file at @p path), ::ORGNET_OUT_OF_RANGE (@p kind),
 *    ::ORGNET_FAILED_PRECONDITION (a folder @p kind may not replace: the message says why),
 *    ::ORGNET_NOT_FOUND or ::ORGNET_PERMISSION_DENIED (a folder above cannot be made or
 *    written), ::ORGNET_DATA_LOSS.
 *  Cost: O(entries of the existing folder) system calls. */
ORGNET_EXPORT int orgnet_output_folder_open(orgnet_output_folder** out, const char* path,
                                            size_t path_len, int kind);
/** Starts the file @p name (a plain name: no `/`, not `.`, `..` or a marker's name, at most
 *  255 bytes, once per folder) in @p folder. Commit it with orgnet_output_commit() before the
 *  folder, and release it with orgnet_output_free() (before or after the folder).
 *  @abi{owned orgnet_output_free}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer, a bad or repeated name),
 *    ::ORGNET_FAILED_PRECONDITION (the folder is committed), ::ORGNET_PERMISSION_DENIED,
 *    ::ORGNET_DATA_LOSS.
 *  Cost: O(1) system calls. */
ORGNET_EXPORT int orgnet_output_folder_add(orgnet_output** out, orgnet_output_folder* folder,
                                           const char* name, size_t name_len);
/** Carries the old folder's other entries over (hard links, or copies where the file system
 *  refuses them), syncs the new folder, exchanges it with the target in one step and removes
 *  the old one.
 *  Status: ::ORGNET_INVALID_ARGUMENT (NULL), ::ORGNET_FAILED_PRECONDITION (committed twice, a
 *    file added and not committed, or what ::ORGNET_FOLDER_DATASET refuses),
 *    ::ORGNET_DATA_LOSS (a sync, link, copy or the exchange failed: the target is as it was),
 *    ::ORGNET_UNIMPLEMENTED (a file system that cannot exchange two folders).
 *  Cost: O(entries of the old folder) system calls, plus the bytes of entries copied. */
ORGNET_EXPORT int orgnet_output_folder_commit(orgnet_output_folder* folder);
/** Releases @p folder; an uncommitted new folder is removed and the target left as it was.
 *  Accepts NULL.
 *  Status: none (never fails). Cost: O(entries written). */
ORGNET_EXPORT void orgnet_output_folder_free(orgnet_output_folder* folder);

/** @} */

/* ------------------------------------------------------------------ networks */
/** @defgroup capi_network Networks: load, save, tables, cells and columns
 *  @{ */

/** Loads a version-1 dataset folder, checking every integrity rule; all-or-nothing.
 *  @param[out] out     the network, to release with orgnet_network_free()
 *  @param folder       the folder path (UTF-8, pointer and length)
 *  @param folder_len   bytes in @p folder
 *  @param options      NULL for the defaults
 *  @param[out] report  if not NULL, receives a report (also on failure) to release with
 *                      orgnet_report_free()
 *  @abi{owned orgnet_network_free out} @abi{owned orgnet_report_free report}
 *  Status: ::ORGNET_INVALID_ARGUMENT (NULL @p out, bad options, bad data: the first error),
 *    ::ORGNET_NOT_FOUND (missing folder or orgs.csv), ::ORGNET_FAILED_PRECONDITION (unsupported
 *    format version), ::ORGNET_RESOURCE_EXHAUSTED; with @p report the report holds every error.
 *  Cost: O(total bytes of the files + rows × columns), read by @p options->threads threads. */
ORGNET_EXPORT int orgnet_network_load(orgnet_network** out, const char* folder, size_t folder_len,
                                      const orgnet_load_options* options, orgnet_report** report);
/** Loads the dataset from a PostgreSQL-protocol database (PostgreSQL, openGauss, KingbaseES,
 *  Highgo, PolarDB; docs/database.md), checking every rule orgnet_network_load() checks;
 *  all-or-nothing. Every table is read with `COPY ... TO STDOUT` inside one read-only
 *  REPEATABLE READ transaction: the network is one consistent state of the database (where
 *  the server allows it, the large tables over a second connection in the same exported
 *  snapshot, on a second thread; the mapping's "connections": 1 asks for one).
 *  Diagnostics name the application's table, the row's key (orgnet_diagnostic::key) and its
 *  column. Present in every build: without database support it returns ::ORGNET_UNIMPLEMENTED
 *  (orgnet_has_database_support() says which).
 *  @param[out] out     the network, to release with orgnet_network_free()
 *  @param uri          a libpq connection URI or conninfo string (UTF-8, pointer and length)
 *  @param uri_len      bytes in @p uri
 *  @param mapping      the mapping document (JSON, docs/database.md "The mapping"), or NULL
 *                      with @p mapping_len 0 for the dataset's own table and column names
 *  @param mapping_len  bytes in @p mapping
 *  @param options      NULL for the defaults (options->threads is not used)
 *  @param[out] report  if not NULL, receives a report (also on failure) to release with
 *                      orgnet_report_free()
 *  @abi{owned orgnet_network_free out} @abi{owned orgnet_report_free report}
 *  Status: ::ORGNET_INVALID_ARGUMENT (NULL @p out, a bad URI or mapping, bad data: the first
 *    error), ::ORGNET_NOT_FOUND (a missing table, view, schema or mapped column),
 *    ::ORGNET_PERMISSION_DENIED (no right to read a table), ::ORGNET_UNAVAILABLE (the server
 *    cannot be reached or refused the login: the server's message, never the password),
 *    ::ORGNET_DATA_LOSS (a malformed COPY stream), ::ORGNET_UNIMPLEMENTED (no database
 *    support), ::ORGNET_CANCELLED, ::ORGNET_RESOURCE_EXHAUSTED.
 *  Cost: the server's COPY of every row, plus what orgnet_network_load() costs to type and
 *    check them. */
ORGNET_EXPORT int orgnet_network_load_database(orgnet_network** out, const char* uri,
                                               size_t uri_len, const char* mapping,
                                               size_t mapping_len,
                                               const orgnet_load_options* options,
                                               orgnet_report** report);
/** Reads the database again (as orgnet_network_load_database()) and gives @p current edited by
 *  the difference as one edit batch: a new version whose parent is @p current, sharing its
 *  unchanged storage and equal to a fresh load table by table, or a new handle to @p current
 *  itself when nothing changed (@p edits 0). For servers without logical decoding (or the
 *  replication privilege), views and queries a follower cannot follow, and a diverged
 *  network (docs/database.md, "Following a database").
 *  @param[out] out     the network, to release with orgnet_network_free()
 *  @param[out] edits   the edits applied (NULL: not wanted)
 *  @param current      the version to refresh (not a scoped view)
 *  @param uri          as orgnet_network_load_database()'s
 *  @param uri_len      bytes in @p uri
 *  @param mapping      as orgnet_network_load_database()'s (NULL: the default)
 *  @param mapping_len  bytes in @p mapping
 *  @param options      NULL for the defaults
 *  @abi{owned orgnet_network_free out}
 *  Status: those of orgnet_network_load_database(), and ::ORGNET_INVALID_ARGUMENT for a view
 *    or an edit the dataset's rules refuse.
 *  Cost: a database load, a diff (orgnet_diff_compute()) and edits linear in the change. */
ORGNET_EXPORT int orgnet_network_refresh_database(orgnet_network** out, size_t* edits,
                                                  const orgnet_network* current,
                                                  const char* uri, size_t uri_len,
                                                  const char* mapping, size_t mapping_len,
                                                  const orgnet_load_options* options);
/** Whether this build reads databases (1: built with libpq; 0: orgnet_network_load_database()
 *  returns ::ORGNET_UNIMPLEMENTED).
 *  Status: none (never fails). Cost: O(1). */
ORGNET_EXPORT int orgnet_has_database_support(void);
/** Writes the network as a version-1 dataset folder; loading it gives an equal network.
 *  The folder is replaced as a whole (an ::orgnet_output_folder of ::ORGNET_FOLDER_DATASET):
 *  after a kill at any moment it is the old dataset or the new one; its other entries (a
 *  README, subfolders), mode and owner are carried over. It must be new, empty or a dataset
 *  folder, and may not hold a table file this network lacks (it would load as part of it).
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer, @p folder not UTF-8, a file at
 *    @p folder), ::ORGNET_FAILED_PRECONDITION (a folder that is neither empty nor a dataset,
 *    or holds a table file this network lacks), ::ORGNET_PERMISSION_DENIED or
 *    ::ORGNET_NOT_FOUND (the folder cannot be made or written), ::ORGNET_DATA_LOSS (a write,
 *    sync or rename failed: the folder is as it was).
 *  Cost: O(cells + bytes written + entries carried over). */
ORGNET_EXPORT int orgnet_network_save(const orgnet_network* network, const char* folder,
                                      size_t folder_len);
/** Options of orgnet_network_open_snapshot(). Initialise with ::ORGNET_SNAPSHOT_OPTIONS_INIT. */
typedef struct orgnet_snapshot_options {
  unsigned version; /**< ::ORGNET_SNAPSHOT_OPTIONS_VERSION */
  int check;        /**< ::ORGNET_SNAPSHOT_VERIFIED (default) or ::ORGNET_SNAPSHOT_TRUSTED */
  int threads;      /**< threads that verify the sections (default 2) */
  int load_into_memory; /**< 1: read the file into memory instead of mapping it, so that a
                             process truncating it cannot harm the network (default 0) */
} orgnet_snapshot_options;
/** Current version of ::orgnet_snapshot_options. */
#define ORGNET_SNAPSHOT_OPTIONS_VERSION 1
/** Every section's checksum and every stored value checked before the network is handed out:
 *  a damaged or crafted file is rejected and cannot make a later read go out of bounds.
 *  @abi{enum SnapshotCheck ORGNET_SNAPSHOT_} */
#define ORGNET_SNAPSHOT_VERIFIED 0
/** Only the header, directory and catalog checked: for files the application wrote itself. */
#define ORGNET_SNAPSHOT_TRUSTED 1
/** The default ::orgnet_snapshot_options (the same as orgnet_snapshot_options_init()). */
#define ORGNET_SNAPSHOT_OPTIONS_INIT {ORGNET_SNAPSHOT_OPTIONS_VERSION, ORGNET_SNAPSHOT_VERIFIED, 2, 0}
/** The snapshot format version this header's library writes (it reads 1 to this one). */
#define ORGNET_SNAPSHOT_FORMAT_VERSION 1
/** Fills @p options with the defaults (those of the C++ SnapshotOptions).
 *  @p version: ::ORGNET_SNAPSHOT_OPTIONS_VERSION.
 *  Status: ::ORGNET_INVALID_ARGUMENT (NULL or an unknown version). Cost: O(1). */
ORGNET_EXPORT int orgnet_snapshot_options_init(orgnet_snapshot_options* options, unsigned version);
/** The snapshot format version the loaded library writes (::ORGNET_SNAPSHOT_FORMAT_VERSION of
 *  its own header).
 *  Status: none (never fails). Cost: O(1). */
ORGNET_EXPORT uint32_t orgnet_snapshot_format_version(void);
/** Writes the whole network to one snapshot file (docs/snapshot.md) that
 *  orgnet_network_open_snapshot() maps. Atomic: a temporary file in the same folder, synced,
 *  renamed over @p path, then the folder synced; on failure @p path is unchanged.
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer, @p path empty or not UTF-8),
 *    ::ORGNET_NOT_FOUND (no such folder), ::ORGNET_PERMISSION_DENIED (the folder cannot be
 *    written), ::ORGNET_DATA_LOSS (a write or sync failed).
 *  Cost: O(bytes of the network). */
ORGNET_EXPORT int orgnet_network_save_snapshot(const orgnet_network* network, const char* path,
                                               size_t path_len);
/** Opens a snapshot file: mapped read-only, columns read from the mapping as queries touch
 *  them, hierarchy and territory rebuilt; answers as the network that was saved. @p options
 *  may be NULL (the defaults: verified). The file must not be truncated or rewritten in place
 *  while the network lives (replace it by rename, as orgnet_network_save_snapshot() does).
 *  @abi{owned orgnet_network_free}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer, bad options, @p path not UTF-8, a file
 *    that is no snapshot), ::ORGNET_NOT_FOUND (no such file), ::ORGNET_PERMISSION_DENIED,
 *    ::ORGNET_FAILED_PRECONDITION (a format version this library does not read, the other byte
 *    order), ::ORGNET_DATA_LOSS (a damaged file: the message names file, section and offset),
 *    ::ORGNET_RESOURCE_EXHAUSTED.
 *  Cost: O(orgs + grids + units + staff), plus O(bytes of the file) when verified. */
ORGNET_EXPORT int orgnet_network_open_snapshot(orgnet_network** out, const char* path,
                                               size_t path_len,
                                               const orgnet_snapshot_options* options);
/** Sets @p out to 1 when the file at @p path starts with a snapshot's magic bytes (it may
 *  still be damaged), else 0 (also for a folder or a missing file).
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer, @p path not UTF-8). Cost: O(1). */
ORGNET_EXPORT int orgnet_is_snapshot_file(const char* path, size_t path_len, int* out);
/** Releases a network (NULL is fine). Borrowed views into it become invalid.
 *  Status: none (never fails).
 *  Cost: O(1) when other handles share the data, else O(memory). */
ORGNET_EXPORT void orgnet_network_free(orgnet_network* network);
/** A new handle to the same network (the same version, sharing every byte): for a network
 *  borrowed by a callback (orgnet_version_fn) that is to be kept. Release with
 *  orgnet_network_free().
 *  @abi{owned orgnet_network_free}
 *  Status: ::ORGNET_INVALID_ARGUMENT (NULL pointers), ::ORGNET_RESOURCE_EXHAUSTED.
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_network_share(orgnet_network** out, const orgnet_network* network);
/** Applies a batch of edits, giving a new version in @p out; @p network is unchanged and stays
 *  valid. All-or-nothing, as orgnet_builder_apply(). Every edit kind applies in place, sharing
 *  all unchanged storage and updating the indexes it reaches for the rows concerned; only a
 *  change of schema (an added column) rebuilds (docs/live.md). Rows: inserts append; a removal
 *  moves the table's last row into the removed row's place.
 *  @abi{owned orgnet_network_free out} @abi{owned orgnet_report_free report}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer, bad options, an edit that breaks a rule
 *    or names a column the table lacks: the first error, naming the edit), ::ORGNET_NOT_FOUND
 *    (an edit naming an unknown id), ::ORGNET_OUT_OF_RANGE (a row edit past the end),
 *    ::ORGNET_ALREADY_EXISTS (a column added twice), ::ORGNET_RESOURCE_EXHAUSTED.
 *  Cost: in place O(cells + rows attached to the edited rows + sqrt(rows) amortized),
 *    plus O(orgs + grids) when organizations are inserted, removed or given another kind,
 *    parent or grid, or a grid another community; a change of schema O(cells of the network
 *    + edits) (a rebuild). */
ORGNET_EXPORT int orgnet_network_edit(orgnet_network** out, const orgnet_network* network,
                                      const orgnet_edit_batch* batch,
                                      const orgnet_load_options* options, orgnet_report** report);
/** The network's version number and the version it was edited from (0 for a load or a
 *  builder of new rows): numbers come from one process-wide atomic counter, so two versions
 *  never share one, and two edits of one version (branches) share a parent. Either output
 *  may be NULL.
 *  Status: ::ORGNET_INVALID_ARGUMENT (NULL @p network).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_network_version(uint64_t* version, uint64_t* parent,
                                         const orgnet_network* network);
/** Approximate bytes held by the network.
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer).
 *  Cost: O(tables × columns). */
ORGNET_EXPORT int orgnet_network_memory(size_t* out, const orgnet_network* network);

/** @name Scoped views (data permission: docs/permission.md)
 *  A view is an ::orgnet_network of its own, made by orgnet_network_scope(): it holds only the
 *  scope's rows, renumbered densely in file order, and every function that takes a network
 *  takes a view and keeps to it. A row outside the scope is not found by id or row (the same
 *  status as an id no dataset has); a reference to it reads ::ORGNET_OUTSIDE
 *  (orgnet_network_ref(), reference columns, place parts, partners, nearest centres) and
 *  "" as text; the leadership chain is cut at the view's roots; personal fields read empty.
 *  Views are read-only (orgnet_network_edit(): ::ORGNET_FAILED_PRECONDITION).
 * @{ */
/** A reference to a row outside a view's scope (never a row; a network that is not a view
 *  never gives it). */
#define ORGNET_OUTSIDE (UINT32_MAX - 1)
/** The version of ::orgnet_scope_spec this header describes. */
#define ORGNET_SCOPE_SPEC_VERSION 1
/** What a view holds: the union of each organization's scope (its leadership subtree, every
 *  row attached to the subtree's organizations, everything located in its district, street
 *  and community organizations) and each place's (a grid, or a district, street or community
 *  organization: everything located there; the latter as if given in @p orgs). */
typedef struct orgnet_scope_spec {
  unsigned version;            /**< ::ORGNET_SCOPE_SPEC_VERSION */
  const char* const* orgs;     /**< organization ids (UTF-8, with org_lens); NULL when none */
  const size_t* org_lens;      /**< byte lengths of orgs */
  size_t org_count;            /**< number of orgs */
  const char* const* places;   /**< grid ids or district, street or community org ids */
  const size_t* place_lens;    /**< byte lengths of places */
  size_t place_count;          /**< number of places */
  int personal;                /**< 1: personal fields visible; 0 (default): masked */
} orgnet_scope_spec;
/** An empty spec of this version (fill orgs and/or places). */
#define ORGNET_SCOPE_SPEC_INIT {ORGNET_SCOPE_SPEC_VERSION, NULL, NULL, 0, NULL, NULL, 0, 0}
/** Makes the view of @p network that @p spec describes, in @p out (release it with
 *  orgnet_network_free(); it does not borrow @p network). A view of a view narrows it.
 *  @abi{owned orgnet_network_free}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer, an unknown spec version, no org and no
 *    place, a place that is an organization of another kind: the message names the argument,
 *    `places[0]`), ::ORGNET_NOT_FOUND (an id the network does not hold: `orgs[1]: no
 *    organization has id "X"`), ::ORGNET_RESOURCE_EXHAUSTED.
 *  Cost: O(rows of the view), after the first call on a network, which builds its scope
 *    indexes once (O(rows); counted by orgnet_network_memory()). Thread-safe. */
ORGNET_EXPORT int orgnet_network_scope(orgnet_network** out, const orgnet_network* network,
                                       const orgnet_scope_spec* spec);
/** 1 when @p network is a scoped view, else 0.
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_network_is_view(int* out, const orgnet_network* network);
/** 1 when a reference cell refers to a row outside the view's scope, else 0 (any other cell,
 *  and every cell of a network that is not a view).
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer), ::ORGNET_OUT_OF_RANGE (@p table, @p row
 *    or @p column past the end).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_network_is_outside(int* out, const orgnet_network* network, int table,
                                            uint32_t row, int column);
/** 1 when the column is a personal field the view masks (its cells read empty), else 0.
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer), ::ORGNET_OUT_OF_RANGE (@p table or
 *    @p column past the end).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_network_is_masked(int* out, const orgnet_network* network, int table,
                                           int column);
/** @} */

/** Rows of a table (0 when the file was absent).
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer), ::ORGNET_OUT_OF_RANGE (@p table).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_network_rows(uint32_t* out, const orgnet_network* network, int table);
/** 1 when the table was present in the input, else 0.
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer), ::ORGNET_OUT_OF_RANGE (@p table).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_network_has_table(int* out, const orgnet_network* network, int table);
/** Columns of a table: the format's (always), then extra columns in file order.
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer), ::ORGNET_OUT_OF_RANGE (@p table).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_network_column_count(int* out, const orgnet_network* network, int table);
/** The header name of a column (borrowed).
 *  Text: NUL-terminated (the length is given too).
 *  @abi{borrowed}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer), ::ORGNET_OUT_OF_RANGE (@p table or @p
 *    column past the end).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_network_column_name(const char** out, size_t* out_len,
                                             const orgnet_network* network, int table,
                                             int column);
/** The type of a column (`ORGNET_COLUMN_*`).
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer), ::ORGNET_OUT_OF_RANGE (@p table or @p
 *    column past the end).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_network_column_type(int* out, const orgnet_network* network, int table,
                                             int column);
/** The table a reference column names (`ORGNET_TABLE_*`, dataset-v1's schema), or -1 for a
 *  column of another type: what bindings read instead of restating the schema.
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer), ::ORGNET_OUT_OF_RANGE (@p table or @p
 *    column past the end).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_network_column_target(int* out, const orgnet_network* network,
                                               int table, int column);
/** 1 when the column was present in the input, else 0 (an absent format column reads empty).
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer), ::ORGNET_OUT_OF_RANGE (@p table or @p
 *    column past the end).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_network_has_column(int* out, const orgnet_network* network, int table,
                                            int column);
/** The position of the column named @p name; ::ORGNET_NOT_FOUND if the table has none.
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer, @p name not UTF-8), ::ORGNET_OUT_OF_RANGE
 *    (@p table), ::ORGNET_NOT_FOUND (no such column).
 *  Cost: O(columns). */
ORGNET_EXPORT int orgnet_network_find_column(int* out, const orgnet_network* network, int table,
                                             const char* name, size_t name_len);
/** The row whose id is @p id; ::ORGNET_NOT_FOUND if none (links and funds have no ids:
 *  ::ORGNET_INVALID_ARGUMENT).
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer, @p id not UTF-8, a table without ids),
 *    ::ORGNET_OUT_OF_RANGE (@p table), ::ORGNET_NOT_FOUND (no such id).
 *  Cost: O(1) expected. */
ORGNET_EXPORT int orgnet_network_find(uint32_t* out, const orgnet_network* network, int table,
                                      const char* id, size_t id_len);
/** The id of a row (borrowed).
 *  Text: not NUL-terminated (cells are stored end to end): use @p out_len.
 *  @abi{borrowed}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer, a table without ids), ::ORGNET_OUT_OF_RANGE
 *    (@p table or @p row past the end).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_network_id(const char** out, size_t* out_len,
                                    const orgnet_network* network, int table, uint32_t row);

/** A text, id or extra cell, or a reference's id ("" when empty); borrowed. Other column
 *  types are ::ORGNET_INVALID_ARGUMENT (use orgnet_network_cell_text()).
 *  Text: not NUL-terminated (cells are stored end to end): use @p out_len.
 *  @abi{borrowed}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer, a column of another type),
 *    ::ORGNET_OUT_OF_RANGE (@p table, @p row or @p column past the end).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_network_text(const char** out, size_t* out_len,
                                      const orgnet_network* network, int table, uint32_t row,
                                      int column);
/** A reference cell: the referred row, or ::ORGNET_NONE when empty.
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer, a column of another type),
 *    ::ORGNET_OUT_OF_RANGE (@p table, @p row or @p column past the end).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_network_ref(uint32_t* out, const orgnet_network* network, int table,
                                     uint32_t row, int column);
/** A date cell as days since 1970-01-01, or ::ORGNET_NO_DATE when empty.
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer, a column of another type),
 *    ::ORGNET_OUT_OF_RANGE (@p table, @p row or @p column past the end).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_network_date(int32_t* out, const orgnet_network* network, int table,
                                      uint32_t row, int column);
/** An integer cell, or ::ORGNET_NO_INTEGER when empty.
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer, a column of another type),
 *    ::ORGNET_OUT_OF_RANGE (@p table, @p row or @p column past the end).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_network_integer(int64_t* out, const orgnet_network* network, int table,
                                         uint32_t row, int column);
/** A real cell, or NaN when empty.
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer, a column of another type),
 *    ::ORGNET_OUT_OF_RANGE (@p table, @p row or @p column past the end).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_network_real(double* out, const orgnet_network* network, int table,
                                      uint32_t row, int column);
/** A flag cell: 1, or 0 (also when empty).
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer, a column of another type),
 *    ::ORGNET_OUT_OF_RANGE (@p table, @p row or @p column past the end).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_network_flag(int* out, const orgnet_network* network, int table,
                                      uint32_t row, int column);
/** A status cell: 0 formal, 1 probationary.
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer, a column of another type),
 *    ::ORGNET_OUT_OF_RANGE (@p table, @p row or @p column past the end).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_network_status(int* out, const orgnet_network* network, int table,
                                        uint32_t row, int column);
/** 1 when the cell was empty in the input, else 0.
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer), ::ORGNET_OUT_OF_RANGE (@p table, @p row or
 *    @p column past the end).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_network_is_empty(int* out, const orgnet_network* network, int table,
                                          uint32_t row, int column);
/** Any cell in canonical text (as saved), NUL-terminated, allocated: release it with
 *  orgnet_free().
 *  @abi{owned orgnet_free}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer), ::ORGNET_OUT_OF_RANGE (@p table, @p row or
 *    @p column past the end), ::ORGNET_RESOURCE_EXHAUSTED.
 *  Cost: O(length of the text). */
ORGNET_EXPORT int orgnet_network_cell_text(char** out, size_t* out_len,
                                           const orgnet_network* network, int table,
                                           uint32_t row, int column);
/** A whole reference column as a borrowed array of rows (::ORGNET_NONE for empty cells).
 *  @abi{borrowed}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer, a column of another type),
 *    ::ORGNET_OUT_OF_RANGE (@p table or @p column past the end).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_network_ref_column(const uint32_t** out, size_t* out_count,
                                            const orgnet_network* network, int table,
                                            int column);
/** A whole date column as a borrowed array (::ORGNET_NO_DATE for empty cells).
 *  @abi{borrowed}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer, a column of another type),
 *    ::ORGNET_OUT_OF_RANGE (@p table or @p column past the end).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_network_date_column(const int32_t** out, size_t* out_count,
                                             const orgnet_network* network, int table,
                                             int column);
/** A whole integer column as a borrowed array (::ORGNET_NO_INTEGER for empty cells).
 *  @abi{borrowed}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer, a column of another type),
 *    ::ORGNET_OUT_OF_RANGE (@p table or @p column past the end).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_network_integer_column(const int64_t** out, size_t* out_count,
                                                const orgnet_network* network, int table,
                                                int column);
/** A whole real column as a borrowed array (NaN for empty cells).
 *  @abi{borrowed}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer, a column of another type),
 *    ::ORGNET_OUT_OF_RANGE (@p table or @p column past the end).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_network_real_column(const double** out, size_t* out_count,
                                             const orgnet_network* network, int table,
                                             int column);

/** @name Reading columns: the contract
 *  How a column is read, for every storage the library has or will have (one array per
 *  column today; copy-on-write chunks for live edits and mapped sections for snapshots later):
 *  - **Copy out** (always works): orgnet_network_read_column() copies rows
 *    [first, first + count) of a column into the caller's buffer as fixed-width cells —
 *    ::ORGNET_COLUMN_REF `uint32_t` (::ORGNET_NONE when empty), ::ORGNET_COLUMN_DATE `int32_t`
 *    (::ORGNET_NO_DATE), ::ORGNET_COLUMN_INTEGER `int64_t` (::ORGNET_NO_INTEGER),
 *    ::ORGNET_COLUMN_REAL `double` (NaN), ::ORGNET_COLUMN_FLAG `uint8_t` (0, 1, 2 = empty),
 *    ::ORGNET_COLUMN_STATUS `uint8_t` (0 formal, 1 probationary); orgnet_network_read_text()
 *    copies text (ids, text, and the ids a reference column names) as one UTF-8 blob plus
 *    count + 1 offsets. Both cost O(count) and never allocate.
 *  - **Chunks** (zero copy, fixed-width unpacked types: ref, date, integer, real): the column
 *    is a sequence of contiguous chunks, each a borrowed array with the row it starts at;
 *    orgnet_network_column_chunk_count() and orgnet_network_column_chunk(). Today a column is
 *    one chunk (none when the table is empty); callers must not assume that.
 *  - The borrowed whole-column getters above (orgnet_network_ref_column() ...) stay: once
 *    storage is chunked they may materialize one array per column, kept by the handle.
 *  @{ */
/** The bytes of one cell of a column of @p type as orgnet_network_read_column() writes it (4,
 *  8 or 1); 0 for text types (::ORGNET_COLUMN_ID, ::ORGNET_COLUMN_TEXT), which
 *  orgnet_network_read_text() reads. ::ORGNET_OUT_OF_RANGE for an unknown type.
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer), ::ORGNET_OUT_OF_RANGE (an unknown type).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_column_cell_bytes(size_t* out, int type);
/** Copies rows [@p first, @p first + @p count) of a non-text column into @p out (at least
 *  @p count × orgnet_column_cell_bytes() bytes, else ::ORGNET_INVALID_ARGUMENT naming the size
 *  needed); a text column is ::ORGNET_INVALID_ARGUMENT; rows past the end
 *  ::ORGNET_OUT_OF_RANGE.
 *  @abi{buffer out out_bytes}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer, a text column or a small buffer),
 *    ::ORGNET_OUT_OF_RANGE (@p table or @p column past the end) or rows past the end.
 *  Cost: O(count). */
ORGNET_EXPORT int orgnet_network_read_column(void* out, size_t out_bytes,
                                             const orgnet_network* network, int table,
                                             int column, uint32_t first, uint32_t count);
/** Copies the text of rows [@p first, @p first + @p count) of an id, text or reference
 *  column (a reference reads as the id it names, "" when empty) into @p blob, with
 *  @p offsets[i] .. @p offsets[i + 1] the bytes of row first + i (count + 1 offsets, the
 *  first 0). @p blob_needed receives the blob's size; with @p blob and @p offsets NULL the
 *  call only measures. A @p blob_bytes below it is ::ORGNET_INVALID_ARGUMENT; another column
 *  type ::ORGNET_INVALID_ARGUMENT; rows past the end ::ORGNET_OUT_OF_RANGE.
 *  @abi{buffer blob blob_bytes} @abi{buffer offsets count+1}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer, a column that holds no text or a small
 *    blob), ::ORGNET_OUT_OF_RANGE (@p table or @p column past the end) or rows past the end.
 *  Cost: O(count + bytes). */
ORGNET_EXPORT int orgnet_network_read_text(char* blob, size_t blob_bytes, uint64_t* offsets,
                                           size_t* blob_needed, const orgnet_network* network,
                                           int table, int column, uint32_t first,
                                           uint32_t count);
/** Copies the text of rows [@p first, @p first + @p count) of an id, text or reference
 *  column into @p blob, each cell followed by one NUL byte (text never holds one), so that a
 *  caller can split the blob without offsets (Python: `blob.decode().split("\0")`).
 *  @p blob_needed receives the size (the cells' bytes plus @p count); with @p blob NULL the
 *  call only measures. Otherwise as orgnet_network_read_text().
 *  @abi{buffer blob blob_bytes}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer, a column that holds no text or a small
 *    blob), ::ORGNET_OUT_OF_RANGE (@p table or @p column past the end) or rows past the end.
 *  Cost: O(count + bytes). */
ORGNET_EXPORT int orgnet_network_read_text_joined(char* blob, size_t blob_bytes,
                                                  size_t* blob_needed,
                                                  const orgnet_network* network, int table,
                                                  int column, uint32_t first, uint32_t count);
/** A whole column of any type in one call, into memory the library allocates (release
 *  @p data and @p offsets with orgnet_free()): non-text columns as orgnet_network_read_column()
 *  writes them (*@p offsets set to NULL), text columns (id, text, and references read as ids)
 *  as orgnet_network_read_text() writes them, with rows + 1 offsets. @p data_bytes receives
 *  the size of @p data. On a scoped view only the view's rows come out.
 *  @abi{owned orgnet_free} @abi{count offsets ?}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer), ::ORGNET_OUT_OF_RANGE (@p table or
 *    @p column past the end), ::ORGNET_RESOURCE_EXHAUSTED.
 *  Cost: O(rows + bytes). */
ORGNET_EXPORT int orgnet_network_copy_column(void** data, size_t* data_bytes, uint64_t** offsets,
                                             const orgnet_network* network, int table,
                                             int column);
/** The number of contiguous chunks of a ref, date, integer or real column (other types:
 *  ::ORGNET_INVALID_ARGUMENT: read them with orgnet_network_read_column() or
 *  orgnet_network_read_text()).
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer, a text, flag or status column),
 *    ::ORGNET_OUT_OF_RANGE (@p table or @p column past the end).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_network_column_chunk_count(size_t* out, const orgnet_network* network,
                                                    int table, int column);
/** Chunk @p chunk of a column: a borrowed array of @p rows cells (of the column's cell type)
 *  for rows @p first_row onwards, valid as long as the network. A chunk past the last is
 *  ::ORGNET_OUT_OF_RANGE.
 *  @abi{borrowed} @abi{count data ?}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer, a text, flag or status column),
 *    ::ORGNET_OUT_OF_RANGE (@p table or @p column past the end) or @p chunk past the last.
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_network_column_chunk(const void** data, uint32_t* first_row,
                                              uint32_t* rows, const orgnet_network* network,
                                              int table, int column, size_t chunk);
/** @} */

/** Entries in the manifest.
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_network_manifest_count(size_t* out, const orgnet_network* network);
/** A manifest entry (borrowed key and value), in file order.
 *  Text: both NUL-terminated (the lengths are given too).
 *  @abi{borrowed}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer), ::ORGNET_OUT_OF_RANGE (@p index past the
 *    end).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_network_manifest_entry(const char** key, size_t* key_len,
                                                const char** value, size_t* value_len,
                                                const orgnet_network* network, size_t index);
/** The manifest's `as_of` date as days since 1970-01-01, or ::ORGNET_NO_DATE.
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_network_as_of(int32_t* out, const orgnet_network* network);
/** The date every date-dependent analysis uses unless told another (days since 1970-01-01):
 *  the manifest's `as_of`, else the latest date any date cell holds, else 0 — never the day
 *  the call runs, so that outputs repeat byte for byte.
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer).
 *  Cost: O(1) with an `as_of`, else O(date cells). */
ORGNET_EXPORT int orgnet_network_default_date(int32_t* out, const orgnet_network* network);

/** @} */

/* ------------------------------------------------------------------ hierarchy */
/** @defgroup capi_hierarchy The leadership hierarchy
 *  @{ */

/** The leader of @p org, or ::ORGNET_NONE for a root.
 *  @abi{ref orgs out org} @abi{method Hierarchy parent}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer), ::ORGNET_OUT_OF_RANGE (@p org past the
 *    end).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_hierarchy_parent(uint32_t* out, const orgnet_network* network,
                                          uint32_t org);
/** The orgs @p org leads directly, in file order; a borrowed array.
 *  @abi{borrowed} @abi{ref orgs out org} @abi{method Hierarchy children}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer), ::ORGNET_OUT_OF_RANGE (@p org past the
 *    end).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_hierarchy_children(const uint32_t** out, size_t* out_count,
                                            const orgnet_network* network, uint32_t org);
/** The other children of @p org's parent, file order; allocated (orgnet_free()).
 *  @abi{owned orgnet_free} @abi{ref orgs out org} @abi{method Hierarchy siblings}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer), ::ORGNET_OUT_OF_RANGE (@p org past the
 *    end), ::ORGNET_RESOURCE_EXHAUSTED.
 *  Cost: O(siblings). */
ORGNET_EXPORT int orgnet_hierarchy_siblings(uint32_t** out, size_t* out_count,
                                            const orgnet_network* network, uint32_t org);
/** The path to the root, parent first, root last; allocated (orgnet_free()).
 *  @abi{owned orgnet_free} @abi{ref orgs out org} @abi{method Hierarchy ancestors}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer), ::ORGNET_OUT_OF_RANGE (@p org past the
 *    end), ::ORGNET_RESOURCE_EXHAUSTED.
 *  Cost: O(depth). */
ORGNET_EXPORT int orgnet_hierarchy_ancestors(uint32_t** out, size_t* out_count,
                                             const orgnet_network* network, uint32_t org);
/** The subtree of @p org in pre-order, @p org first; a borrowed array.
 *  @abi{borrowed} @abi{ref orgs out org} @abi{method Hierarchy subtree}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer), ::ORGNET_OUT_OF_RANGE (@p org past the
 *    end).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_hierarchy_subtree(const uint32_t** out, size_t* out_count,
                                           const orgnet_network* network, uint32_t org);
/** The subtree without @p org, pre-order; a borrowed array.
 *  @abi{borrowed} @abi{ref orgs out org} @abi{method Hierarchy descendants}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer), ::ORGNET_OUT_OF_RANGE (@p org past the
 *    end).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_hierarchy_descendants(const uint32_t** out, size_t* out_count,
                                               const orgnet_network* network, uint32_t org);
/** The orgs of kind @p kind (exact text) in the subtree of @p org, @p org included, pre-order;
 *  allocated (orgnet_free()).
 *  @abi{owned orgnet_free}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer, @p kind not UTF-8), ::ORGNET_OUT_OF_RANGE
 *    (@p org past the end), ::ORGNET_RESOURCE_EXHAUSTED.
 *  Cost: O(subtree size). */
ORGNET_EXPORT int orgnet_hierarchy_of_kind(uint32_t** out, size_t* out_count,
                                           const orgnet_network* network, uint32_t org,
                                           const char* kind, size_t kind_len);
/** Edges from the root (a root has depth 0).
 *  @abi{ref orgs org} @abi{method Hierarchy depth}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer), ::ORGNET_OUT_OF_RANGE (@p org past the
 *    end).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_hierarchy_depth(uint32_t* out, const orgnet_network* network,
                                         uint32_t org);
/** The root of @p org's tree (itself for a root).
 *  @abi{ref orgs out org} @abi{method Hierarchy root}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer), ::ORGNET_OUT_OF_RANGE (@p org past the
 *    end).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_hierarchy_root(uint32_t* out, const orgnet_network* network,
                                        uint32_t org);
/** Orgs in the subtree, @p org included.
 *  @abi{ref orgs org} @abi{method Hierarchy subtree_size}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer), ::ORGNET_OUT_OF_RANGE (@p org past the
 *    end).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_hierarchy_subtree_size(uint32_t* out, const orgnet_network* network,
                                                uint32_t org);
/** 1 when @p ancestor is a proper ancestor of @p org, else 0.
 *  @abi{ref orgs ancestor org}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer), ::ORGNET_OUT_OF_RANGE (@p ancestor or @p
 *    org past the end).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_hierarchy_is_ancestor(int* out, const orgnet_network* network,
                                               uint32_t ancestor, uint32_t org);
/** The lowest common ancestor (an org is its own ancestor here), or ::ORGNET_NONE when the two
 *  lie in different trees.
 *  @abi{ref orgs out a b} @abi{method Hierarchy lca}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer), ::ORGNET_OUT_OF_RANGE (@p a or @p b past
 *    the end).
 *  Cost: O(1) after linear preprocessing. */
ORGNET_EXPORT int orgnet_hierarchy_lca(uint32_t* out, const orgnet_network* network, uint32_t a,
                                       uint32_t b);
/** The roots in file order; a borrowed array.
 *  @abi{borrowed} @abi{ref orgs out} @abi{method Hierarchy roots}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_hierarchy_roots(const uint32_t** out, size_t* out_count,
                                         const orgnet_network* network);
/** Every org in pre-order; a borrowed array.
 *  @abi{borrowed} @abi{ref orgs out} @abi{method Hierarchy preorder}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_hierarchy_preorder(const uint32_t** out, size_t* out_count,
                                            const orgnet_network* network);
/** The position of @p org in orgnet_hierarchy_preorder() (its subtree occupies the next
 *  subtree-size positions).
 *  @abi{ref orgs org} @abi{method Hierarchy preorder_position}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer), ::ORGNET_OUT_OF_RANGE (@p org past the
 *    end).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_hierarchy_preorder_position(uint32_t* out, const orgnet_network* network,
                                                     uint32_t org);
/** The greatest depth of any organization (0 for an empty network).
 *  @abi{property Hierarchy max_depth}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_hierarchy_max_depth(uint32_t* out, const orgnet_network* network);

/** @} */

/* ------------------------------------------------------------------ territory */
/** @defgroup capi_territory The territory
 *  @{ */

/** The place of a row of orgs, grids, units, members or staff (other tables:
 *  ::ORGNET_INVALID_ARGUMENT).
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer, a table without places),
 *    ::ORGNET_OUT_OF_RANGE (@p table or @p row past the end).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_territory_place(orgnet_place* out, const orgnet_network* network,
                                         int table, uint32_t row);
/** Rows located in a territory org (kind community, street or district; any other org gives
 *  an empty array): @p listing is `ORGNET_IN_*`. Ascending rows; a borrowed array.
 *  @abi{borrowed}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer), ::ORGNET_OUT_OF_RANGE (@p listing not
 *    ORGNET_IN_*, @p org past the end).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_territory_in(const uint32_t** out, size_t* out_count,
                                      const orgnet_network* network, int listing, uint32_t org);
/** Rows of @p table whose @p level (`ORGNET_LEVEL_*`) is unknown.
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer, a table without places),
 *    ::ORGNET_OUT_OF_RANGE (@p table, or @p level not a territory level).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_territory_unknown(int64_t* out, const orgnet_network* network, int table,
                                           int level);

/** @} */


/* ------------------------------------------------------------------ batch queries */
/** @defgroup capi_batch Batch queries: many answers per call
 *  For callers that pay for every call (Python's ctypes costs about 1 µs a call): the answer
 *  at position i is the single query's answer for the inputs at position i. Outputs are
 *  caller-provided arrays of @p count cells. Every input index is checked first (the first bad
 *  one is named, as "orgs[17]"), so on an error nothing is written. Thread-safe like the
 *  single queries.
 *  @{ */
/** How orgnet_network_find_many() treats an id the table does not hold.
 *  @abi{enum Missing ORGNET_MISSING_} */
#define ORGNET_MISSING_FAIL 0 /**< ::ORGNET_NOT_FOUND naming the first one (nothing written) */
#define ORGNET_MISSING_NONE 1 /**< ::ORGNET_NONE in its place */
/** The rows of @p count ids of @p table. With @p offsets NULL, @p ids holds the ids one after
 *  another, each followed by a NUL byte (@p ids_bytes in all); otherwise id i is bytes
 *  @p offsets[i] .. @p offsets[i + 1] of @p ids (count + 1 offsets). @p missing is
 *  `ORGNET_MISSING_*`; @p out_missing (may be NULL) receives how many were not found.
 *  @abi{buffer out count}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer, a table without ids, offsets that
 *    decrease or pass @p ids_bytes, NUL-separated ids that are not @p count, an unknown
 *    @p missing), ::ORGNET_OUT_OF_RANGE (@p table past the end), ::ORGNET_NOT_FOUND
 *    (ORGNET_MISSING_FAIL: `ids[i]: orgs.csv has no id "X"`).
 *  Cost: O(count + ids_bytes) expected. */
ORGNET_EXPORT int orgnet_network_find_many(uint32_t* out, size_t* out_missing,
                                           const orgnet_network* network, int table,
                                           const char* ids, size_t ids_bytes,
                                           const uint64_t* offsets, size_t count, int missing);
/** `out[i]` = 1 when `ancestors[i]` is a proper ancestor of `orgs[i]`, else 0.
 *  @abi{buffer out count}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer with @p count > 0),
 *    ::ORGNET_OUT_OF_RANGE (an org past the end, named).
 *  Cost: O(count). */
ORGNET_EXPORT int orgnet_hierarchy_is_ancestor_many(uint8_t* out, const orgnet_network* network,
                                                    const uint32_t* ancestors,
                                                    const uint32_t* orgs, size_t count);
/** `out[i]` = the lowest common superior of `a[i]` and `b[i]` (::ORGNET_NONE across trees).
 *  @abi{buffer out count}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer with @p count > 0),
 *    ::ORGNET_OUT_OF_RANGE (an org past the end, named).
 *  Cost: O(count). */
ORGNET_EXPORT int orgnet_hierarchy_lca_many(uint32_t* out, const orgnet_network* network,
                                            const uint32_t* a, const uint32_t* b, size_t count);
/** `out[i]` = the depth of `orgs[i]`.
 *  @abi{buffer out count}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer with @p count > 0),
 *    ::ORGNET_OUT_OF_RANGE (an org past the end, named).
 *  Cost: O(count). */
ORGNET_EXPORT int orgnet_hierarchy_depth_many(uint32_t* out, const orgnet_network* network,
                                              const uint32_t* orgs, size_t count);
/** The subtree size of every organization, indexed by org row; a borrowed array of
 *  org-count cells.
 *  @abi{borrowed}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_hierarchy_subtree_sizes(const uint32_t** out, size_t* out_count,
                                                 const orgnet_network* network);
/** The depth of every organization, indexed by org row; a borrowed array.
 *  @abi{borrowed}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_hierarchy_depths(const uint32_t** out, size_t* out_count,
                                          const orgnet_network* network);
/** The place (orgnet_territory_place()) of every row of @p table into @p out, which holds
 *  @p out_count places (at least the table's rows).
 *  @abi{buffer out out_count}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer, a small @p out naming the rows needed),
 *    ::ORGNET_OUT_OF_RANGE (@p table past the end).
 *  Cost: O(rows). */
ORGNET_EXPORT int orgnet_territory_places(orgnet_place* out, size_t out_count,
                                          const orgnet_network* network, int table);
/** @} */

/* ------------------------------------------------------------------ reports */
/** @defgroup capi_report Load and build reports
 *  @{ */

/** Diagnostics recorded of a severity (`ORGNET_ERROR` or `ORGNET_WARNING`).
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer), ::ORGNET_OUT_OF_RANGE (@p severity).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_report_count(size_t* out, const orgnet_report* report, int severity);
/** Diagnostics found of a severity (more than recorded when the report is truncated).
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer), ::ORGNET_OUT_OF_RANGE (@p severity).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_report_total(int64_t* out, const orgnet_report* report, int severity);
/** 1 when the load stopped looking after max_errors errors.
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_report_truncated(int* out, const orgnet_report* report);
/** One diagnostic; its strings are borrowed from the report.
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer), ::ORGNET_OUT_OF_RANGE (@p severity, @p
 *    index past the end).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_report_get(orgnet_diagnostic* out, const orgnet_report* report,
                                    int severity, size_t index);
/** Releases a report (NULL is fine).
 *  Status: none (never fails).
 *  Cost: O(diagnostics). */
ORGNET_EXPORT void orgnet_report_free(orgnet_report* report);

/** @} */

/* ------------------------------------------------------------------ builders and edits */
/** @defgroup capi_builder Builders and edit batches
 *  @{ */

/** A new, empty builder.
 *  @abi{owned orgnet_builder_free}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer), ::ORGNET_RESOURCE_EXHAUSTED.
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_builder_new(orgnet_builder** out);
/** A builder holding a network's rows in canonical text.
 *  @abi{owned orgnet_builder_free}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer), ::ORGNET_RESOURCE_EXHAUSTED.
 *  Cost: O(cells of the network). */
ORGNET_EXPORT int orgnet_builder_from_network(orgnet_builder** out,
                                              const orgnet_network* network);
/** Adds a row of @p count cells given by column name and value; the values are checked by a
 *  build. Each name must be a column of the format (present or not) or one the table has
 *  (from orgnet_builder_from_network(), or added with orgnet_builder_add_column()): another
 *  name is ::ORGNET_INVALID_ARGUMENT naming the closest column, and nothing is added (as for
 *  an edit, orgnet_edit_insert()). When a name is given twice, the first value counts.
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer, also an array when @p count > 0; a name or
 *    value not UTF-8; an unknown column), ::ORGNET_OUT_OF_RANGE (@p table),
 *    ::ORGNET_RESOURCE_EXHAUSTED.
 *  Cost: O(count + bytes). */
ORGNET_EXPORT int orgnet_builder_add_row(orgnet_builder* builder, int table, size_t count,
                                         const char* const* names, const size_t* name_lens,
                                         const char* const* values, const size_t* value_lens);
/** Adds the extra column @p column to @p table, empty in the rows the table has.
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer, @p column empty or not UTF-8, or a column
 *    of the format), ::ORGNET_ALREADY_EXISTS (a column the table has), ::ORGNET_OUT_OF_RANGE
 *    (@p table), ::ORGNET_RESOURCE_EXHAUSTED.
 *  Cost: O(rows of the table). */
ORGNET_EXPORT int orgnet_builder_add_column(orgnet_builder* builder, int table,
                                            const char* column, size_t column_len);
/** Sets a manifest entry.
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer, @p key or @p value not UTF-8),
 *    ::ORGNET_RESOURCE_EXHAUSTED.
 *  Cost: O(entries + bytes). */
ORGNET_EXPORT int orgnet_builder_set_manifest(orgnet_builder* builder, const char* key,
                                              size_t key_len, const char* value,
                                              size_t value_len);
/** Validates every rule and builds a network; the builder is unchanged.
 *  @abi{owned orgnet_network_free out} @abi{owned orgnet_report_free report}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer, bad options, a row that breaks a rule: the
 *    first error), ::ORGNET_FAILED_PRECONDITION (an unsupported format version in the manifest),
 *    ::ORGNET_RESOURCE_EXHAUSTED.
 *  Cost: O(cells + bytes). */
ORGNET_EXPORT int orgnet_builder_build(orgnet_network** out, const orgnet_builder* builder,
                                       const orgnet_load_options* options,
                                       orgnet_report** report);
/** Applies a batch and builds; all-or-nothing: on failure the builder is unchanged.
 *  @abi{owned orgnet_network_free out} @abi{owned orgnet_report_free report}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer, bad options, an edit that breaks a rule:
 *    the first error), ::ORGNET_NOT_FOUND (an edit naming an unknown id),
 *    ::ORGNET_RESOURCE_EXHAUSTED.
 *  Cost: O(cells + bytes + edits). */
ORGNET_EXPORT int orgnet_builder_apply(orgnet_network** out, orgnet_builder* builder,
                                       const orgnet_edit_batch* batch,
                                       const orgnet_load_options* options,
                                       orgnet_report** report);
/** Releases a builder (NULL is fine).
 *  Status: none (never fails).
 *  Cost: O(cells held). */
ORGNET_EXPORT void orgnet_builder_free(orgnet_builder* builder);

/** A new, empty edit batch.
 *  @abi{owned orgnet_edit_batch_free}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer), ::ORGNET_RESOURCE_EXHAUSTED.
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_edit_batch_new(orgnet_edit_batch** out);
/** Releases an edit batch (NULL is fine).
 *  Status: none (never fails).
 *  Cost: O(edits). */
ORGNET_EXPORT void orgnet_edit_batch_free(orgnet_edit_batch* batch);
/** Number of edits in the batch.
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_edit_batch_size(size_t* out, const orgnet_edit_batch* batch);
/** Adds a row (add an organization, link, unit, grid, member, staff, ...).
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer, also an array when @p count > 0; a name or
 *    value not UTF-8), ::ORGNET_OUT_OF_RANGE (@p table), ::ORGNET_RESOURCE_EXHAUSTED; the row
 *    itself is checked when the batch is applied.
 *  Cost: O(count + bytes), amortized. */
ORGNET_EXPORT int orgnet_edit_insert(orgnet_edit_batch* batch, int table, size_t count,
                                     const char* const* names, const size_t* name_lens,
                                     const char* const* values, const size_t* value_lens);
/** Removes the row with id @p id.
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer, @p id not UTF-8), ::ORGNET_OUT_OF_RANGE (@p
 *    table), ::ORGNET_RESOURCE_EXHAUSTED; an unknown id is reported when the batch is applied.
 *  Cost: O(bytes), amortized. */
ORGNET_EXPORT int orgnet_edit_remove(orgnet_edit_batch* batch, int table, const char* id,
                                     size_t id_len);
/** Sets a cell of the row with id @p id (e.g. column "parent" to reparent an organization).
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer, @p id, @p column or @p value not UTF-8),
 *    ::ORGNET_OUT_OF_RANGE (@p table), ::ORGNET_RESOURCE_EXHAUSTED; unknown ids and columns are
 *    reported when the batch is applied (a column the table lacks is an error naming the
 *    closest one: see orgnet_edit_add_column()).
 *  Cost: O(bytes), amortized. */
ORGNET_EXPORT int orgnet_edit_set(orgnet_edit_batch* batch, int table, const char* id,
                                  size_t id_len, const char* column, size_t column_len,
                                  const char* value, size_t value_len);
/** Renames a row and every reference to it.
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer, an id not UTF-8), ::ORGNET_OUT_OF_RANGE (@p
 *    table), ::ORGNET_RESOURCE_EXHAUSTED; unknown or taken ids are reported when the batch is
 *    applied.
 *  Cost: O(bytes), amortized. */
ORGNET_EXPORT int orgnet_edit_rename(orgnet_edit_batch* batch, int table, const char* old_id,
                                     size_t old_len, const char* new_id, size_t new_len);
/** Removes the link {a, b} of @p kind starting @p since ("" = unknown).
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer, an argument not UTF-8),
 *    ::ORGNET_RESOURCE_EXHAUSTED; a missing link is reported when the batch is applied.
 *  Cost: O(bytes), amortized. */
ORGNET_EXPORT int orgnet_edit_remove_link(orgnet_edit_batch* batch, const char* a, size_t a_len,
                                          const char* b, size_t b_len, const char* kind,
                                          size_t kind_len, const char* since, size_t since_len);
/** Sets one cell of row @p row of a table without ids (links, funds), the row numbered as the
 *  table stands when the edit applies (after the batch's earlier edits).
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer, @p column or @p value not UTF-8),
 *    ::ORGNET_OUT_OF_RANGE (@p table), ::ORGNET_RESOURCE_EXHAUSTED; a table with ids
 *    (::ORGNET_INVALID_ARGUMENT) or a row past the end (::ORGNET_OUT_OF_RANGE) is reported when
 *    the batch is applied.
 *  Cost: O(bytes), amortized. */
ORGNET_EXPORT int orgnet_edit_set_row(orgnet_edit_batch* batch, int table, uint32_t row,
                                      const char* column, size_t column_len, const char* value,
                                      size_t value_len);
/** Removes row @p row of a table without ids (links, funds); the table's last row moves into
 *  its place, as after every removal.
 *  Status: ::ORGNET_INVALID_ARGUMENT (NULL @p batch), ::ORGNET_OUT_OF_RANGE (@p table),
 *    ::ORGNET_RESOURCE_EXHAUSTED; a table with ids or a row past the end is reported when the
 *    batch is applied.
 *  Cost: O(1), amortized. */
ORGNET_EXPORT int orgnet_edit_remove_row(orgnet_edit_batch* batch, int table, uint32_t row);
/** Adds an extra column @p column (empty in every row) to @p table, for later edits to fill:
 *  edits are strict, and a column a table has neither in its header nor among the format's
 *  columns is otherwise an error naming the closest one ("did you mean ...").
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer, @p column not UTF-8),
 *    ::ORGNET_OUT_OF_RANGE (@p table), ::ORGNET_RESOURCE_EXHAUSTED; a name the table already
 *    has is ::ORGNET_ALREADY_EXISTS when the batch is applied.
 *  Cost: O(bytes), amortized. */
ORGNET_EXPORT int orgnet_edit_add_column(orgnet_edit_batch* batch, int table, const char* column,
                                         size_t column_len);


/** @} */

/* ------------------------------------------------------------------ coverage */
/** @defgroup capi_coverage Coverage (two coverages, rules and findings, roll-ups)
 *  @{ */

/** Coverage of a network under a set of rules (immutable; safe for concurrent reads). */
typedef struct orgnet_coverage orgnet_coverage;

/** @name Unit coverage values (orgnet_coverage_units())
 *  @abi{enum UnitCoverage ORGNET_COVERAGE_}
 *  @{ */
#define ORGNET_COVERAGE_OWN 0   /**< its own organization */
#define ORGNET_COVERAGE_JOINT 1 /**< a joint or regional organization */
#define ORGNET_COVERAGE_WORK 2  /**< work coverage only (instructor or liaison) */
#define ORGNET_COVERAGE_NONE 3  /**< neither */
/** @} */

/** @name Coverage counters (orgnet_coverage_rollup_counter(); names:
 *  orgnet_coverage_counter_name())
 *  @abi{enum Counter ORGNET_COUNTER_}
 *  @{ */
#define ORGNET_COUNTER_UNITS 0               /**< units of any kind */
#define ORGNET_COUNTER_UNITS_COUNTED 1       /**< units of a counted kind */
#define ORGNET_COUNTER_UNITS_OWN 2           /**< counted units with their own organization */
#define ORGNET_COUNTER_UNITS_JOINT 3         /**< counted units covered through a joint organization */
#define ORGNET_COUNTER_UNITS_WORK 4          /**< counted units with work coverage only */
#define ORGNET_COUNTER_UNITS_NONE 5          /**< counted units reached by neither */
#define ORGNET_COUNTER_GRIDS 6               /**< grids */
#define ORGNET_COUNTER_GRIDS_MANAGED 7       /**< grids with at least one grid manager */
#define ORGNET_COUNTER_MANAGERS 8            /**< grid managers */
#define ORGNET_COUNTER_INFORMANTS 9          /**< grid informants */
#define ORGNET_COUNTER_MEMBERS 10            /**< party members */
#define ORGNET_COUNTER_MEMBERS_ATTACHED 11   /**< members attached to an organization */
#define ORGNET_COUNTER_MEMBERS_EMPLOYED 12   /**< members with a workplace unit */
#define ORGNET_COUNTER_MEMBERS_REGISTERED 13 /**< employed members registered with a community */
#define ORGNET_COUNTER_COUNT 14              /**< number of counters */
/** @} */

/** @name Coverage rates (orgnet_coverage_rollup_rate(); names:
 *  orgnet_coverage_rate_name())
 *  @abi{enum Rate ORGNET_RATE_}
 *  @{ */
#define ORGNET_RATE_ORG_COVERAGE 0        /**< (own + joint) / counted units */
#define ORGNET_RATE_SEPARATE_ORG 1        /**< own / counted units (单独组建率) */
#define ORGNET_RATE_WORK_COVERAGE 2       /**< (own + joint + work) / counted units */
#define ORGNET_RATE_MANAGERS_PER_GRID 3   /**< grid managers / grids */
#define ORGNET_RATE_INFORMANTS_PER_GRID 4 /**< grid informants / grids */
#define ORGNET_RATE_MEMBER_ATTACHMENT 5   /**< attached members / members */
#define ORGNET_RATE_MEMBER_REGISTRATION 6 /**< registered / employed members */
#define ORGNET_RATE_COUNT 7               /**< number of rates */
/** @} */

/** Thresholds of the coverage rules; initialise with ::ORGNET_COVERAGE_RULES_INIT (every
 *  default is documented, with its source, in docs/coverage.md). */
typedef struct orgnet_coverage_rules {
  unsigned version;                       /**< ::ORGNET_COVERAGE_RULES_VERSION */
  const char* const* counted_unit_kinds;  /**< unit kinds counted in rates; NULL: enterprise, social_org */
  const size_t* counted_unit_kind_lens;   /**< their lengths */
  size_t counted_unit_kind_count;         /**< how many */
  int own_org_min_formal;                 /**< 3 */
  int joint_max_units;                    /**< 5 */
  int branch_max_members;                 /**< 50 */
  int general_branch_max_members;         /**< 100 */
  int branch_min_formal;                  /**< 3 */
  int group_min_members;                  /**< 3 */
  double registration_min_rate;           /**< 0.95 */
  int mobile_transfer_months;             /**< 6 */
  int lost_contact_months;                /**< 6 */
  int64_t grid_min_households;            /**< 300 */
  int64_t grid_max_households;            /**< 500 */
  int32_t as_of;                          /**< days since 1970-01-01; ::ORGNET_NO_DATE: the dataset's as_of, else its latest date */
} orgnet_coverage_rules;
/** Current version of ::orgnet_coverage_rules. */
#define ORGNET_COVERAGE_RULES_VERSION 1
/** The default rules (the same as orgnet_coverage_rules_init()). */
#define ORGNET_COVERAGE_RULES_INIT \
  {ORGNET_COVERAGE_RULES_VERSION, NULL, NULL, 0, 3, 5, 50, 100, 3, 3, 0.95, 6, 6, 300, 500, ORGNET_NO_DATE}
/** Fills @p rules with the defaults of the C++ CoverageRules (counted kinds NULL: the
 *  defaults). @p version: ::ORGNET_COVERAGE_RULES_VERSION.
 *  Status: ::ORGNET_INVALID_ARGUMENT (NULL or an unknown version). Cost: O(1). */
ORGNET_EXPORT int orgnet_coverage_rules_init(orgnet_coverage_rules* rules, unsigned version);

/** A coverage rule's description (static strings).
 *  @abi{row Rule index=$:int code table summary source needs} */
typedef struct orgnet_rule_info {
  const char* code;    /**< stable code, e.g. "unit_without_own_org" @abi{text} */
  int table;           /**< the table of its subjects (`ORGNET_TABLE_*`) @abi{enum Table} */
  const char* summary; /**< what it finds @abi{text} */
  const char* source;  /**< where the rule comes from @abi{text} */
  const char* needs;   /**< the columns it needs @abi{text} */
} orgnet_rule_info;

/** One finding: rule index, subject (table and row) and the figures compared.
 *  @abi{row Finding rule table id=row message=$:str value limit source=$:str} */
typedef struct orgnet_finding {
  int32_t rule;     /**< index into the rules (orgnet_coverage_rule()) @abi{index rules} */
  int32_t table;    /**< the subject's table @abi{enum Table} */
  uint32_t row;     /**< the subject's row @abi{ref $table} */
  uint32_t padding; /**< unused, 0 */
  int64_t value;    /**< the figure tested */
  int64_t limit;    /**< the threshold it broke */
} orgnet_finding;

/** A unit organization sitting in one street but led from outside it.
 *  @abi{row Disagreement org name=org.name street leading_street} */
typedef struct orgnet_disagreement {
  uint32_t org;            /**< the organization @abi{ref orgs} */
  uint32_t street;         /**< the street it sits in @abi{ref orgs} */
  uint32_t leading_street; /**< the street above it in the leadership tree, or ::ORGNET_NONE @abi{ref orgs} */
} orgnet_disagreement;

/** Computes the coverage of @p network (kept alive by the result) under @p rules (NULL: the
 *  defaults). Release with orgnet_coverage_free().
 *  @abi{owned orgnet_coverage_free}
 *  Status: ::ORGNET_INVALID_ARGUMENT (NULL @p out or @p network, an unknown rules version, a
 *  negative threshold, a rate outside [0, 1], min households above max, @p rules->as_of
 *  outside 0001-01-01..9999-12-31, a counted kind that is not UTF-8),
 *  ::ORGNET_RESOURCE_EXHAUSTED.
 *  Time complexity: O(orgs + grids + units + members + staff + findings), one
 *  pass over each table and one bottom-up pass over the leadership tree. */
ORGNET_EXPORT int orgnet_coverage_compute(orgnet_coverage** out, const orgnet_network* network,
                                          const orgnet_coverage_rules* rules);
/** Releases a coverage result (NULL is fine).
 *  Status: none (never fails).
 *  Cost: O(1) (the memory it holds is released). */
ORGNET_EXPORT void orgnet_coverage_free(orgnet_coverage* coverage);
/** The date the date rules counted from (days since 1970-01-01).
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_coverage_as_of(int32_t* out, const orgnet_coverage* coverage);
/** Per unit row: coverage (`ORGNET_COVERAGE_*`), counted (1/0), formal and probationary
 *  members working there; borrowed arrays of @p out_count entries.
 *  @abi{borrowed}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_coverage_units(const uint8_t** coverage, const uint8_t** counted,
                                        const uint32_t** formal, const uint32_t** probationary,
                                        size_t* out_count, const orgnet_coverage* coverage_result);
/** The rows of a roll-up (grid rows or org rows, ascending); a borrowed array.
 *  @abi{borrowed}
 *  Status: ::ORGNET_OUT_OF_RANGE (@p roll_up not an ORGNET_ROLLUP_* number),
 *    ::ORGNET_INVALID_ARGUMENT (a NULL pointer).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_coverage_rollup_rows(const uint32_t** out, size_t* out_count,
                                              const orgnet_coverage* coverage, int roll_up);
/** One counter for every row of a roll-up (aligned with orgnet_coverage_rollup_rows());
 *  borrowed.
 *  @abi{borrowed}
 *  Status: ::ORGNET_OUT_OF_RANGE (@p roll_up not an ORGNET_ROLLUP_* number),
 *    ::ORGNET_INVALID_ARGUMENT (a NULL pointer), ::ORGNET_OUT_OF_RANGE (@p counter not
 *    ORGNET_COUNTER_*).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_coverage_rollup_counter(const uint32_t** out, size_t* out_count,
                                                 const orgnet_coverage* coverage, int roll_up,
                                                 int counter);
/** One rate for every row of a roll-up; NaN where undefined (nothing counted); borrowed.
 *  @abi{borrowed}
 *  Status: ::ORGNET_OUT_OF_RANGE (@p roll_up not an ORGNET_ROLLUP_* number),
 *    ::ORGNET_INVALID_ARGUMENT (a NULL pointer), ::ORGNET_OUT_OF_RANGE (@p rate not
 *    ORGNET_RATE_*).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_coverage_rollup_rate(const double** out, size_t* out_count,
                                              const orgnet_coverage* coverage, int roll_up,
                                              int rate);
/** The name of a counter ("units_counted", ...), a static string; NULL when out of range.
 *  Text: NUL-terminated, static.
 *  Status: none (never fails): NULL out of range.
 *  Cost: O(1). */
ORGNET_EXPORT const char* orgnet_coverage_counter_name(int counter);
/** The name of a rate ("org_coverage_rate", ...), a static string; NULL when out of range.
 *  Text: NUL-terminated, static.
 *  Status: none (never fails): NULL out of range.
 *  Cost: O(1). */
ORGNET_EXPORT const char* orgnet_coverage_rate_name(int rate);
/** The name of a roll-up ("grid", ...), a static string; NULL when out of range.
 *  Text: NUL-terminated, static.
 *  Status: none (never fails): NULL out of range.
 *  Cost: O(1). */
ORGNET_EXPORT const char* orgnet_coverage_rollup_name(int roll_up);
/** Number of coverage rules.
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_coverage_rule_count(size_t* out);
/** A rule's description.
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer), ::ORGNET_OUT_OF_RANGE (@p index past the
 *    end).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_coverage_rule(orgnet_rule_info* out, size_t index);
/** The index of the rule with code @p code; ::ORGNET_NOT_FOUND if none.
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer, @p code not UTF-8), ::ORGNET_NOT_FOUND (no
 *    such rule).
 *  Cost: O(rules). */
ORGNET_EXPORT int orgnet_coverage_find_rule(int* out, const char* code, size_t code_len);
/** Every finding, sorted by rule then subject row; a borrowed array.
 *  @abi{borrowed}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_coverage_findings(const orgnet_finding** out, size_t* out_count,
                                           const orgnet_coverage* coverage);
/** A finding as a sentence; allocated: release with orgnet_free().
 *  Text: NUL-terminated (the length is given too).
 *  @abi{owned orgnet_free}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer), ::ORGNET_OUT_OF_RANGE (@p finding past the
 *    end), ::ORGNET_RESOURCE_EXHAUSTED.
 *  Cost: O(length of the sentence). */
ORGNET_EXPORT int orgnet_coverage_describe(char** out, size_t* out_len,
                                           const orgnet_coverage* coverage, size_t finding);
/** Rows a date rule skipped for an unknown date.
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer), ::ORGNET_OUT_OF_RANGE (@p rule past the
 *    end).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_coverage_skipped(int64_t* out, const orgnet_coverage* coverage,
                                          int rule);
/** 1 when the rule ran (its columns were present), else 0.
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer), ::ORGNET_OUT_OF_RANGE (@p rule past the
 *    end).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_coverage_rule_ran(int* out, const orgnet_coverage* coverage, int rule);
/** Unit and joint organizations led from outside the street they sit in; borrowed.
 *  @abi{borrowed}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_coverage_disagreements(const orgnet_disagreement** out,
                                                size_t* out_count,
                                                const orgnet_coverage* coverage);

/** @} */

/* ------------------------------------------------------------------ diff */
/** @defgroup capi_diff What changed: two networks and two coverages compared
 *  Rows are matched by identity: the id; a link's {a, b} (either order), kind and since; a
 *  fund's org, source and year (rows sharing one are paired in file order, the extra ones
 *  counted as duplicates). Cells compare by value (references by the referred id). Both
 *  results are immutable and safe for concurrent reads; they do not keep the networks alive
 *  (rows index the networks compared: keep those to read the rows).
 *  @{ */

/** The row differences of two networks. */
typedef struct orgnet_diff orgnet_diff;

/** One table's differences in numbers (orgnet_diff_table()). */
typedef struct orgnet_table_diff {
  size_t added;             /**< later rows with no counterpart */
  size_t removed;           /**< earlier rows with no counterpart */
  size_t changed;           /**< matched rows whose cells differ */
  size_t unchanged;         /**< matched rows equal in every shared column */
  size_t duplicates_before; /**< earlier rows whose identity an earlier row holds */
  size_t duplicates_after;  /**< later rows whose identity an earlier row holds */
  size_t columns_added;     /**< columns only the later network has (not compared) */
  size_t columns_removed;   /**< columns only the earlier network has (not compared) */
} orgnet_table_diff;

/** Compares @p before with @p after (either may be a view; a column masked in either is not
 *  compared). Reports progress ("diff", rows) to the thread's handler. Release with
 *  orgnet_diff_free().
 *  @abi{owned orgnet_diff_free}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer), ::ORGNET_CANCELLED,
 *    ::ORGNET_RESOURCE_EXHAUSTED.
 *  Time complexity: O(rows of both + their cells): one hash lookup per row, two threads. */
ORGNET_EXPORT int orgnet_diff_networks(orgnet_diff** out, const orgnet_network* before,
                                       const orgnet_network* after);
/** Releases a diff (NULL is fine).
 *  Status: none (never fails). Cost: O(1) (the memory it holds is released). */
ORGNET_EXPORT void orgnet_diff_free(orgnet_diff* diff);
/** How @p table (ORGNET_TABLE_*) changed, in numbers.
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer), ::ORGNET_OUT_OF_RANGE (@p table).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_diff_table(orgnet_table_diff* out, const orgnet_diff* diff, int table);
/** The later network's rows added to @p table, ascending; borrowed from @p diff.
 *  @abi{borrowed}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer), ::ORGNET_OUT_OF_RANGE (@p table).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_diff_added(const uint32_t** out, size_t* out_count,
                                    const orgnet_diff* diff, int table);
/** The earlier network's rows removed from @p table, ascending; borrowed from @p diff.
 *  @abi{borrowed}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer), ::ORGNET_OUT_OF_RANGE (@p table).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_diff_removed(const uint32_t** out, size_t* out_count,
                                      const orgnet_diff* diff, int table);
/** The @p index-th changed row of @p table (ascending later row): its rows in both networks
 *  and the later network's columns that differ (ascending; borrowed from @p diff).
 *  @abi{borrowed} @abi{count columns column_count}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer), ::ORGNET_OUT_OF_RANGE (@p table, or
 *    @p index not below orgnet_table_diff::changed).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_diff_changed(uint32_t* before_row, uint32_t* after_row,
                                      const int32_t** columns, size_t* column_count,
                                      const orgnet_diff* diff, int table, size_t index);
/** The name of the @p index-th column only the later network's @p table has (@p added 1) or
 *  only the earlier one's (@p added 0); borrowed from @p diff, not NUL-terminated.
 *  @abi{borrowed}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer), ::ORGNET_OUT_OF_RANGE (@p table or
 *    @p index). Cost: O(1). */
ORGNET_EXPORT int orgnet_diff_column(const char** out, size_t* out_len, const orgnet_diff* diff,
                                     int table, int added, size_t index);

/** The coverage differences of two coverage results. */
typedef struct orgnet_coverage_diff orgnet_coverage_diff;

/** A street's or district's coverage in both results (orgnet_coverage_diff_place()). The
 *  strings and arrays are borrowed from the diff. */
typedef struct orgnet_place_delta {
  int32_t level;                              /**< ::ORGNET_ROLLUP_STREET or ::ORGNET_ROLLUP_DISTRICT */
  uint32_t before_row;                        /**< orgs row before, ::ORGNET_NONE when absent */
  uint32_t after_row;                         /**< orgs row after, ::ORGNET_NONE when absent */
  uint32_t padding;                           /**< unused, 0 */
  const char* id;                             /**< the place's org id (not NUL-terminated) */
  size_t id_len;                              /**< its length */
  const char* name;                           /**< its name (the later network's when present) */
  size_t name_len;                            /**< its length */
  double before_rates[ORGNET_RATE_COUNT]; /**< by ORGNET_RATE_*; NaN: absent or over 0 */
  double after_rates[ORGNET_RATE_COUNT];  /**< by ORGNET_RATE_*; NaN: absent or over 0 */
  const int64_t* before_findings;             /**< per rule (orgnet_coverage_rule_count()) */
  const int64_t* after_findings;              /**< per rule */
} orgnet_place_delta;

/** A counted unit of both networks that moved between covered (own or joint organization)
 *  and not covered (orgnet_coverage_diff_move()).
 *  @abi{row UnitMove id before after} */
typedef struct orgnet_unit_move {
  const char* id;      /**< the unit's id (not NUL-terminated; borrowed) @abi{text id_len} */
  size_t id_len;       /**< its length */
  uint32_t before_row; /**< units row before */
  uint32_t after_row;  /**< units row after */
  int32_t before;      /**< ORGNET_COVERAGE_* before @abi{enum UnitCoverage} */
  int32_t after;       /**< ORGNET_COVERAGE_* after @abi{enum UnitCoverage} */
} orgnet_unit_move;

/** Compares two coverage results (usually of the networks given to orgnet_diff_networks()).
 *  Release with orgnet_coverage_diff_free().
 *  @abi{owned orgnet_coverage_diff_free}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer), ::ORGNET_RESOURCE_EXHAUSTED.
 *  Time complexity: O(orgs + units + findings) of both. */
ORGNET_EXPORT int orgnet_coverage_diff_compute(orgnet_coverage_diff** out,
                                               const orgnet_coverage* before,
                                               const orgnet_coverage* after);
/** Releases a coverage diff (NULL is fine).
 *  Status: none (never fails). Cost: O(1) (the memory it holds is released). */
ORGNET_EXPORT void orgnet_coverage_diff_free(orgnet_coverage_diff* diff);
/** How many places (districts then streets, each ascending by id) and unit moves (ascending
 *  by id) the diff holds.
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer). Cost: O(1). */
ORGNET_EXPORT int orgnet_coverage_diff_counts(size_t* places, size_t* moves,
                                              const orgnet_coverage_diff* diff);
/** The @p index-th place.
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer), ::ORGNET_OUT_OF_RANGE (@p index).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_coverage_diff_place(orgnet_place_delta* out,
                                             const orgnet_coverage_diff* diff, size_t index);
/** The @p index-th unit move.
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer), ::ORGNET_OUT_OF_RANGE (@p index).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_coverage_diff_move(orgnet_unit_move* out,
                                            const orgnet_coverage_diff* diff, size_t index);
/** Findings per rule over the whole network, before and after; borrowed arrays of
 *  orgnet_coverage_rule_count() entries.
 *  @abi{borrowed}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer). Cost: O(1). */
ORGNET_EXPORT int orgnet_coverage_diff_findings(const int64_t** before, const int64_t** after,
                                                size_t* rule_count,
                                                const orgnet_coverage_diff* diff);

/** @} */

/* ------------------------------------------------------------------ co-building links */
/** @defgroup capi_links Co-building links
 *  @{ */

/** The co-building graph of a network under a filter (immutable; safe for concurrent
 *  reads). Structural figures count distinct linked pairs; partner lists show every link. */
typedef struct orgnet_links orgnet_links;

/** Which links count; initialise with ::ORGNET_LINK_FILTER_INIT. */
typedef struct orgnet_link_filter {
  unsigned version;              /**< ::ORGNET_LINK_FILTER_VERSION */
  int32_t on;                    /**< links active on this day (since <= on < until); ::ORGNET_NO_DATE: all; ::ORGNET_DATASET_DATE (the default): the dataset's as_of, all without one */
  const char* const* kinds;      /**< only these kinds (UTF-8, with kind_lens); NULL: every kind */
  const size_t* kind_lens;       /**< byte lengths of kinds */
  size_t kind_count;             /**< number of kinds */
} orgnet_link_filter;
/** Current version of ::orgnet_link_filter. */
#define ORGNET_LINK_FILTER_VERSION 1
/** Every link, whatever its kind and dates. */
#define ORGNET_LINK_FILTER_INIT {ORGNET_LINK_FILTER_VERSION, ORGNET_DATASET_DATE, NULL, NULL, 0}
/** Fills @p filter with the defaults of the C++ LinkFilter (links active on the dataset's
 *  as_of, every link without one; every kind).
 *  @p version: ::ORGNET_LINK_FILTER_VERSION.
 *  Status: ::ORGNET_INVALID_ARGUMENT (NULL or an unknown version). Cost: O(1). */
ORGNET_EXPORT int orgnet_link_filter_init(orgnet_link_filter* filter, unsigned version);

/** One link of an organization, seen from it.
 *  @abi{row Partner org link kind=link.kind since=link.since:date until=link.until:date} */
typedef struct orgnet_partner {
  uint32_t org;  /**< the organization at the other end @abi{ref orgs} */
  uint32_t link; /**< the link's row @abi{row links} */
} orgnet_partner;

/** A pair whose link is the only connection between its two sides (a < b). */
typedef struct orgnet_bridge {
  uint32_t a; /**< lower org row */
  uint32_t b; /**< higher org row */
} orgnet_bridge;

/** Organizations in one place and how many have no link.
 *  @abi{row IsolationRow id=place name=place.name:text orgs isolated isolated_share=share} @abi{alias share isolated_share} */
typedef struct orgnet_isolation {
  uint32_t place;    /**< grid row (grid roll-up) or org row @abi{ref place} */
  uint32_t orgs;     /**< organizations located there (org roll-up: in its subtree) */
  uint32_t isolated; /**< of those, without a link */
  double share;      /**< isolated / orgs; NaN when orgs is 0 @abi{nan} */
} orgnet_isolation;

/** @name Link crossing bits (orgnet_links_crossings())
 *  @abi{flags Crossing ORGNET_}
 *  @{ */
#define ORGNET_ACROSS_COMMUNITIES 1 /**< both communities known and different @abi{label communities} */
#define ORGNET_ACROSS_STREETS 2     /**< both streets known and different @abi{label streets} */
#define ORGNET_ACROSS_DISTRICTS 4   /**< both districts known and different @abi{label districts} */
#define ORGNET_OUTSIDE_LED 8        /**< a unit org led from outside its street meets one of that street's own */
#define ORGNET_UNPLACED 16          /**< an end with neither community nor street */
/** @} */

/** Link counts for a street, or for the whole graph (street = ::ORGNET_NONE).
 *  @abi{row CrossingCounts street name=street.name:text links across_communities across_streets across_districts outside_led unplaced} */
typedef struct orgnet_crossing_counts {
  uint32_t street;             /**< street org row, or ::ORGNET_NONE @abi{ref orgs} */
  uint32_t links;              /**< links with an end located in the street */
  uint32_t across_communities; /**< of those, ::ORGNET_ACROSS_COMMUNITIES */
  uint32_t across_streets;     /**< of those, ::ORGNET_ACROSS_STREETS */
  uint32_t across_districts;   /**< of those, ::ORGNET_ACROSS_DISTRICTS */
  uint32_t outside_led;        /**< ::ORGNET_OUTSIDE_LED links on this street's own side */
  uint32_t unplaced;           /**< of those, ::ORGNET_UNPLACED */
} orgnet_crossing_counts;

/** @name Path step kinds (orgnet_path_step.kind)
 *  @abi{enum StepKind ORGNET_STEP_}
 *  @{ */
#define ORGNET_STEP_LINK 0   /**< a co-building link */
#define ORGNET_STEP_LEADS 1  /**< parent to child */
#define ORGNET_STEP_LED_BY 2 /**< child to parent */
/** @} */

/** One step of a connection.
 *  @abi{row Step from_org=from to_org=to kind link link_kind=link.kind} */
typedef struct orgnet_path_step {
  uint32_t from; /**< org row @abi{ref orgs} */
  uint32_t to;   /**< org row @abi{ref orgs} */
  int32_t kind;  /**< `ORGNET_STEP_*` @abi{enum StepKind} */
  uint32_t link; /**< lowest link row joining the pair, or ::ORGNET_NONE @abi{row links} */
} orgnet_path_step;

/** Weights of the link-suggestion score; initialise with ::ORGNET_SUGGESTION_WEIGHTS_INIT. */
typedef struct orgnet_suggestion_weights {
  unsigned version;      /**< ::ORGNET_SUGGESTION_WEIGHTS_VERSION */
  double same_grid;      /**< located in the same grid (default 2) */
  double same_community; /**< located in the same community (default 1) */
  double common_partner; /**< per shared partner (default 1) */
  double need_resource;  /**< per direction in which a need meets a resource (default 3) */
} orgnet_suggestion_weights;
/** Current version of ::orgnet_suggestion_weights. */
#define ORGNET_SUGGESTION_WEIGHTS_VERSION 1
/** The documented default weights. */
#define ORGNET_SUGGESTION_WEIGHTS_INIT {ORGNET_SUGGESTION_WEIGHTS_VERSION, 2.0, 1.0, 1.0, 3.0}
/** Fills @p weights with the defaults of the C++ SuggestionWeights.
 *  @p version: ::ORGNET_SUGGESTION_WEIGHTS_VERSION.
 *  Status: ::ORGNET_INVALID_ARGUMENT (NULL or an unknown version). Cost: O(1). */
ORGNET_EXPORT int orgnet_suggestion_weights_init(orgnet_suggestion_weights* weights,
                                                 unsigned version);

/** A candidate partner.
 *  @abi{row Suggestion org name=org.name:text score common_partners same_grid same_community meets_need needs_offer} */
typedef struct orgnet_suggestion {
  uint32_t org;             /**< candidate org row @abi{ref orgs} */
  uint32_t common_partners; /**< partners the two share */
  double score;             /**< the weighted sum */
  int same_grid;            /**< 1 when located in the same grid @abi{bool} */
  int same_community;       /**< 1 when located in the same community @abi{bool} */
  int meets_need;           /**< 1 when it offers a category the organization needs @abi{bool} */
  int needs_offer;          /**< 1 when it needs a category the organization offers @abi{bool} */
} orgnet_suggestion;

/** Builds the co-building graph of @p network (kept alive by the result) under @p filter
 *  (NULL: every link). Release with orgnet_links_free().
 *  @abi{owned orgnet_links_free}
 *  Status: ::ORGNET_INVALID_ARGUMENT (NULL @p out or @p network, an unknown filter version, a
 *  kind that is not UTF-8, @p filter->on outside 0001-01-01..9999-12-31),
 *  ::ORGNET_RESOURCE_EXHAUSTED.
 *  Time complexity: O(links + orgs) (two counting sorts into a compressed sparse row graph). */
ORGNET_EXPORT int orgnet_links_build(orgnet_links** out, const orgnet_network* network,
                                     const orgnet_link_filter* filter);
/** Releases a link graph (NULL is fine).
 *  Status: none (never fails).
 *  Cost: O(1) (the memory it holds is released). */
ORGNET_EXPORT void orgnet_links_free(orgnet_links* links);
/** The day the graph's links are active on, resolved (::ORGNET_DATASET_DATE gives the
 *  dataset's as_of), or ::ORGNET_NO_DATE when every link counts whatever its dates.
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_links_on(int32_t* out, const orgnet_links* links);
/** The link rows that pass the filter, ascending; borrowed.
 *  @abi{borrowed}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_links_rows(const uint32_t** out, size_t* out_count,
                                    const orgnet_links* links);
/** Distinct linked pairs.
 *  @abi{property Links pair_count}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_links_pair_count(size_t* out, const orgnet_links* links);
/** Clusters (connected groups of organizations) of at least @p min_size organizations: 1
 *  counts every organization's cluster, 2 only those with a link.
 *  @abi{method Links cluster_count}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer).
 *  Cost: O(orgs + pairs). */
ORGNET_EXPORT int orgnet_links_cluster_count(size_t* out, const orgnet_links* links,
                                             uint32_t min_size);
/** Every link of @p org, by partner row then link row; borrowed.
 *  @abi{borrowed} @abi{ref orgs org}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer), ::ORGNET_OUT_OF_RANGE (@p org past the
 *    end).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_links_partners(const orgnet_partner** out, size_t* out_count,
                                        const orgnet_links* links, uint32_t org);
/** The distinct partners of @p org, ascending; borrowed.
 *  @abi{borrowed} @abi{ref orgs out org} @abi{method Links neighbours}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer), ::ORGNET_OUT_OF_RANGE (@p org past the
 *    end).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_links_neighbours(const uint32_t** out, size_t* out_count,
                                          const orgnet_links* links, uint32_t org);
/** The distinct partners (orgnet_links_neighbours()) of each of @p count orgs, in one
 *  allocation pair: the list of `orgs[i]` is `(*out)[(*out_offsets)[i] .. (*out_offsets)[i +
 *  1])`, count + 1 offsets. Release both with orgnet_free().
 *  @abi{owned orgnet_free} @abi{count out_offsets count+1}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer), ::ORGNET_OUT_OF_RANGE (an org past the
 *    end, named as "orgs[i]"), ::ORGNET_RESOURCE_EXHAUSTED.
 *  Cost: O(count + partners). */
ORGNET_EXPORT int orgnet_links_neighbours_many(uint32_t** out, uint64_t** out_offsets,
                                               size_t* out_count, const orgnet_links* links,
                                               const uint32_t* orgs, size_t count);
/** Number of distinct partners.
 *  @abi{ref orgs org} @abi{method Links degree}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer), ::ORGNET_OUT_OF_RANGE (@p org past the
 *    end).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_links_degree(uint32_t* out, const orgnet_links* links, uint32_t org);
/** Organizations without a link, ascending; allocated (orgnet_free()).
 *  @abi{owned orgnet_free} @abi{ref orgs out} @abi{method Links isolated}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer), ::ORGNET_RESOURCE_EXHAUSTED.
 *  Cost: O(orgs). */
ORGNET_EXPORT int orgnet_links_isolated(uint32_t** out, size_t* out_count,
                                        const orgnet_links* links);
/** Isolated organizations per place of a roll-up (`roll_up` as in
 *  orgnet_coverage_rollup_rows());
 *  allocated (orgnet_free()).
 *  @abi{owned orgnet_free}
 *  Status: ::ORGNET_OUT_OF_RANGE (@p roll_up not an ORGNET_ROLLUP_* number),
 *    ::ORGNET_INVALID_ARGUMENT (a NULL pointer), ::ORGNET_RESOURCE_EXHAUSTED.
 *  Cost: O(orgs + places of the roll-up); the org roll-up O(orgs) by one bottom-up pass. */
ORGNET_EXPORT int orgnet_links_rollup_isolation(orgnet_isolation** out, size_t* out_count,
                                                const orgnet_links* links, int roll_up);
/** Clusters: @p cluster_of by org row (@p org_count entries), @p sizes and @p first_org by
 *  cluster (@p cluster_count entries; largest first, ties by lowest org row); three allocated
 *  arrays (orgnet_free()).
 *  @abi{owned orgnet_free} @abi{count cluster_of org_count} @abi{count sizes cluster_count} @abi{count first_org cluster_count}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer), ::ORGNET_RESOURCE_EXHAUSTED.
 *  Cost: O(orgs + pairs). */
ORGNET_EXPORT int orgnet_links_components(uint32_t** cluster_of, size_t* org_count,
                                          uint32_t** sizes, uint32_t** first_org,
                                          size_t* cluster_count, const orgnet_links* links);
/** Organizations whose removal splits a cluster, ascending; allocated (orgnet_free()).
 *  @abi{owned orgnet_free} @abi{ref orgs out} @abi{method Links articulation_points}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer), ::ORGNET_RESOURCE_EXHAUSTED.
 *  Cost: O(orgs + pairs) (one depth-first search). */
ORGNET_EXPORT int orgnet_links_articulation_points(uint32_t** out, size_t* out_count,
                                                   const orgnet_links* links);
/** Pairs whose removal splits a cluster, ascending; allocated (orgnet_free()).
 *  @abi{owned orgnet_free}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer), ::ORGNET_RESOURCE_EXHAUSTED.
 *  Cost: O(orgs + pairs + b log b) for b bridges. */
ORGNET_EXPORT int orgnet_links_bridges(orgnet_bridge** out, size_t* out_count,
                                       const orgnet_links* links);
/** Betweenness by org row; @p samples 0 is exact, k > 0 estimates from k seeded sources
 *  (docs/cobuild.md); allocated (orgnet_free()).
 *  @abi{owned orgnet_free}
 *  Status: ::ORGNET_INVALID_ARGUMENT (NULL @p out, @p out_count or @p links),
 *  ::ORGNET_RESOURCE_EXHAUSTED.
 *  Time complexity: exact O(orgs × pairs) (Brandes), sampled O(k × (orgs + pairs)); memory
 *  O(orgs + pairs). Exact betweenness of a million organizations takes hours: sample. */
ORGNET_EXPORT int orgnet_links_betweenness(double** out, size_t* out_count,
                                           const orgnet_links* links, uint32_t samples,
                                           uint64_t seed);
/** The fewest-step connection from @p from to @p to over links and, when @p leadership is
 *  1, leadership edges; ::ORGNET_NOT_FOUND when none; allocated (orgnet_free()).
 *  @abi{owned orgnet_free}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer), ::ORGNET_OUT_OF_RANGE (@p from or @p to
 *    past the end), ::ORGNET_NOT_FOUND (no connection), ::ORGNET_RESOURCE_EXHAUSTED.
 *  Cost: O(orgs + pairs) (breadth-first search). */
ORGNET_EXPORT int orgnet_links_path(orgnet_path_step** out, size_t* out_count,
                                    const orgnet_links* links, uint32_t from, uint32_t to,
                                    int leadership);
/** Cross-boundary links: `ORGNET_ACROSS_*` bits aligned with orgnet_links_rows() in
 *  @p flags, counts per street (ascending) in @p by_street, and the whole graph's in
 *  @p total; two allocated arrays (orgnet_free()).
 *  @abi{owned orgnet_free} @abi{count flags flag_count} @abi{count by_street street_count}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer), ::ORGNET_RESOURCE_EXHAUSTED.
 *  Cost: O(links + streets). */
ORGNET_EXPORT int orgnet_links_crossings(uint8_t** flags, size_t* flag_count,
                                         orgnet_crossing_counts** by_street,
                                         size_t* street_count, orgnet_crossing_counts* total,
                                         const orgnet_links* links);
/** Candidate partners of @p org not linked to it, best first (ties by row), at most
 *  @p limit; @p weights NULL for the defaults; allocated (orgnet_free()).
 *  @abi{owned orgnet_free}
 *  Status: ::ORGNET_INVALID_ARGUMENT (NULL pointers, an unknown @p weights version, a weight
 *  that is not finite), ::ORGNET_OUT_OF_RANGE (@p org past the end),
 *  ::ORGNET_RESOURCE_EXHAUSTED.
 *  Time complexity: O(c + Σ deg(p) + needs + resources + m log m) for the c organizations of
 *  @p org's community, the partners p of @p org and the m candidates found. */
ORGNET_EXPORT int orgnet_links_suggest(orgnet_suggestion** out, size_t* out_count,
                                       const orgnet_links* links, uint32_t org, size_t limit,
                                       const orgnet_suggestion_weights* weights);

/** @} */

/* ------------------------------------------------------------------ needs–resources matching */
/** @defgroup capi_matching Needs–resources matching
 *  @{ */

/** A maximum allocation of listed resources to listed needs (immutable; safe for concurrent
 *  reads). */
typedef struct orgnet_matching orgnet_matching;

/** @name Matching scopes
 *  @abi{enum MatchScope ORGNET_MATCH_}
 *  @{ */
#define ORGNET_MATCH_LINKED 0      /**< organizations linked under the filter */
#define ORGNET_MATCH_SAME_STREET 1 /**< organizations in the same known street */
#define ORGNET_MATCH_EITHER 2      /**< either (the default); an organization may always serve its own need */
/** @} */

/** Part of a resource given to a need.
 *  @abi{row Allocation need resource category=need.category need_org=need.org resource_org=resource.org amount} */
typedef struct orgnet_allocation {
  uint32_t need;     /**< needs.csv row @abi{ref needs} */
  uint32_t resource; /**< resources.csv row @abi{ref resources} */
  int64_t amount;    /**< > 0 */
} orgnet_allocation;

/** Matches @p network's needs and resources; @p links (NULL: every link) says which links
 *  count as "linked". Release with orgnet_matching_free().
 *  @abi{owned orgnet_matching_free}
 *  Status: ::ORGNET_INVALID_ARGUMENT (NULL pointers, @p scope not ORGNET_MATCH_*, an unknown
 *  filter version, a kind that is not UTF-8, a date outside 0001-01-01..9999-12-31),
 *  ::ORGNET_RESOURCE_EXHAUSTED.
 *  Time complexity: a maximum flow (boost::push_relabel_max_flow) on a network of needs,
 *  resources and per-street and per-category hubs: O(V³) in the worst case for its V vertices,
 *  near-linear on the generated city (docs/benchmarks.md); building it O(links + needs +
 *  resources). */
ORGNET_EXPORT int orgnet_matching_compute(orgnet_matching** out, const orgnet_network* network,
                                          int scope, const orgnet_link_filter* links);
/** Releases a matching (NULL is fine).
 *  Status: none (never fails).
 *  Cost: O(1) (the memory it holds is released). */
ORGNET_EXPORT void orgnet_matching_free(orgnet_matching* matching);
/** The amount matched, the amount needed and the amount offered (any output may be NULL).
 *  Status: ::ORGNET_INVALID_ARGUMENT (NULL @p matching).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_matching_totals(int64_t* total, int64_t* needed, int64_t* offered,
                                         const orgnet_matching* matching);
/** The allocation, by need row then resource row; borrowed.
 *  @abi{borrowed}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_matching_allocations(const orgnet_allocation** out, size_t* out_count,
                                              const orgnet_matching* matching);
/** Amount met per need row; borrowed.
 *  @abi{borrowed}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_matching_need_met(const int64_t** out, size_t* out_count,
                                           const orgnet_matching* matching);
/** Amount used per resource row; borrowed.
 *  @abi{borrowed}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_matching_resource_used(const int64_t** out, size_t* out_count,
                                                const orgnet_matching* matching);
/** Need rows not fully met, ascending; allocated (orgnet_free()).
 *  @abi{owned orgnet_free}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer), ::ORGNET_RESOURCE_EXHAUSTED.
 *  Cost: O(needs). */
ORGNET_EXPORT int orgnet_matching_unmet(uint32_t** out, size_t* out_count,
                                        const orgnet_matching* matching);
/** Resource rows with some amount left, ascending; allocated (orgnet_free()).
 *  @abi{owned orgnet_free}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer), ::ORGNET_RESOURCE_EXHAUSTED.
 *  Cost: O(resources). */
ORGNET_EXPORT int orgnet_matching_unused(uint32_t** out, size_t* out_count,
                                         const orgnet_matching* matching);

/** @} */

/* ------------------------------------------------------------------ grid events */
/** @defgroup capi_events Grid events
 *  @{ */

/** Grid events over a window (immutable; safe for concurrent reads). */
typedef struct orgnet_events orgnet_events;

/** The backlog of open events in classes by age: ORGNET_BACKLOG_BOUNDS upper bounds (days)
 *  make ORGNET_BACKLOG_CLASSES classes (the last open-ended). */
#define ORGNET_BACKLOG_BOUNDS 3
#define ORGNET_BACKLOG_CLASSES 4 /**< classes of the backlog: one more than the bounds */
/** Which events count; initialise with ::ORGNET_EVENT_OPTIONS_INIT. */
typedef struct orgnet_event_options {
  unsigned version;             /**< ::ORGNET_EVENT_OPTIONS_VERSION */
  int32_t from;                 /**< reported on or after (days since 1970-01-01); ::ORGNET_NO_DATE: open */
  int32_t to;                   /**< reported before; ::ORGNET_NO_DATE: open */
  int32_t as_of;                /**< the day open events are aged to; ::ORGNET_NO_DATE: the dataset's as_of */
  int32_t backlog_days[ORGNET_BACKLOG_BOUNDS]; /**< upper bounds of the first three backlog classes (default 7, 30, 90) */
  int32_t hot_spot_min_events;  /**< events a hot spot needs at least (default 3) */
} orgnet_event_options;
/** Current version of ::orgnet_event_options. */
#define ORGNET_EVENT_OPTIONS_VERSION 1
/** The documented defaults: every event, aged to the dataset's as_of. */
#define ORGNET_EVENT_OPTIONS_INIT \
  {ORGNET_EVENT_OPTIONS_VERSION, ORGNET_NO_DATE, ORGNET_NO_DATE, ORGNET_NO_DATE, {7, 30, 90}, 3}
/** Fills @p options with the defaults of the C++ EventOptions.
 *  @p version: ::ORGNET_EVENT_OPTIONS_VERSION.
 *  Status: ::ORGNET_INVALID_ARGUMENT (NULL or an unknown version). Cost: O(1). */
ORGNET_EXPORT int orgnet_event_options_init(orgnet_event_options* options, unsigned version);

/** @name Event tables (orgnet_events_rollup())
 *  @abi{enum EventTable ORGNET_EVENTS_}
 *  @{ */
#define ORGNET_EVENTS_TOTAL 0       /**< one row per place */
#define ORGNET_EVENTS_BY_CATEGORY 1 /**< per place and category, pairs with events @abi{label category} */
#define ORGNET_EVENTS_BY_MONTH 2    /**< per place and month of report, pairs with events @abi{label month} */
/** @} */

/** One row of an event table.
 *  @abi{row EventRow id=place name=place.name:text category month reported resolved_grid resolved_above resolved_unknown open median_days p90_days backlog} */
typedef struct orgnet_event_row {
  uint32_t place;            /**< grid row (grid roll-up) or territory org row @abi{ref place} */
  int32_t category;          /**< orgnet_events_category() index, or -1 @abi{index categories} */
  int32_t month;             /**< year * 12 + month - 1, or -1 @abi{month} */
  uint32_t reported;         /**< events reported in the window */
  uint32_t resolved_grid;    /**< resolved at grid level */
  uint32_t resolved_above;   /**< resolved at community, street or district level */
  uint32_t resolved_unknown; /**< resolved, level empty or other */
  uint32_t open;             /**< not resolved */
  int32_t median_days;       /**< nearest-rank median days to resolve, or -1 @abi{absent -1} */
  int32_t p90_days;          /**< nearest-rank 90th percentile, or -1 @abi{absent -1} */
  uint32_t backlog[ORGNET_BACKLOG_CLASSES]; /**< open events by age class */
} orgnet_event_row;

/** A grid and category where events concentrate relative to the grid's street.
 *  @abi{row HotSpot grid name=grid.name:text category events households rate street_rate score} */
typedef struct orgnet_hot_spot {
  uint32_t grid;        /**< grid row @abi{ref grids} */
  int32_t category;     /**< category index @abi{index categories} */
  uint32_t events;      /**< events of the category in the grid */
  int64_t households;   /**< the grid's households */
  double rate;          /**< events per 100 households */
  double street_rate;   /**< the street's rate */
  double score;         /**< rate / street_rate */
} orgnet_hot_spot;

/** Analyses @p network's events; @p options NULL for the defaults.
 *  @abi{owned orgnet_events_free}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer, an unknown options version, a date outside
 *    0001-01-01..9999-12-31, an empty window, backlog bounds not increasing and positive),
 *    ::ORGNET_RESOURCE_EXHAUSTED.
 *  Cost: O(events + grids + orgs + p log p) for the p (place, category, month) groups that hold
 *    events; memory O(grids + orgs + p). */
ORGNET_EXPORT int orgnet_events_compute(orgnet_events** out, const orgnet_network* network,
                                        const orgnet_event_options* options);
/** Releases an event analysis (NULL is fine).
 *  Status: none (never fails).
 *  Cost: O(1) (the memory it holds is released). */
ORGNET_EXPORT void orgnet_events_free(orgnet_events* events);
/** Events counted, events outside the window, and the as_of day used (outputs may be NULL).
 *  Status: ::ORGNET_INVALID_ARGUMENT (NULL @p events).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_events_counts(int64_t* counted, int64_t* outside, int32_t* as_of,
                                       const orgnet_events* events);
/** Number of categories (sorted).
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_events_category_count(size_t* out, const orgnet_events* events);
/** A category's name; borrowed.
 *  Text: NUL-terminated (the length is given too).
 *  @abi{borrowed}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer), ::ORGNET_OUT_OF_RANGE (@p index past the
 *    end).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_events_category(const char** out, size_t* out_len,
                                         const orgnet_events* events, size_t index);
/** A table (`ORGNET_EVENTS_*`) at a territorial roll-up (`ORGNET_ROLLUP_GRID` to
 *  `ORGNET_ROLLUP_DISTRICT`); allocated (orgnet_free()).
 *  @abi{owned orgnet_free}
 *  Status: ::ORGNET_OUT_OF_RANGE (@p roll_up not an ORGNET_ROLLUP_* number),
 *    ::ORGNET_INVALID_ARGUMENT (a NULL pointer, @p roll_up the leadership roll-up),
 *    ::ORGNET_OUT_OF_RANGE (@p table not ORGNET_EVENTS_*), ::ORGNET_RESOURCE_EXHAUSTED.
 *  Cost: O(rows of the table). */
ORGNET_EXPORT int orgnet_events_rollup(orgnet_event_row** out, size_t* out_count,
                                       const orgnet_events* events, int roll_up, int table);
/** The hot spots, best first, at most @p limit; allocated (orgnet_free()).
 *  @abi{owned orgnet_free}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer), ::ORGNET_RESOURCE_EXHAUSTED.
 *  Cost: O(h log h) for the h candidate (grid, category) pairs. */
ORGNET_EXPORT int orgnet_events_hot_spots(orgnet_hot_spot** out, size_t* out_count,
                                          const orgnet_events* events, size_t limit);

/** @} */

/* ------------------------------------------------------------------ service centres */
/** @defgroup capi_reach Service centres and their reach
 *  @{ */

/** Service-centre reach (immutable; safe for concurrent reads). */
typedef struct orgnet_reach orgnet_reach;

/** The default reach radius in metres (the "15-minute circle"), and the one radius at which a
 *  scoped view counts the centres outside its scope (docs/permission.md, "Reach"). */
#define ORGNET_DEFAULT_REACH_METRES 1000.0

/** How one grid is reached.
 *  @abi{row GridReach grid=$:str nearest metres placed reached} */
typedef struct orgnet_grid_reach {
  uint32_t nearest; /**< nearest placed centre's row, or ::ORGNET_NONE; in a scoped view
                         ::ORGNET_OUTSIDE when the nearest centre is outside its scope @abi{ref centres} */
  int32_t placed;   /**< 1 when the grid has coordinates @abi{bool} */
  int32_t reached;  /**< 1 when a centre lies within the radius (in a view: one of its
                         centres, or at ::ORGNET_DEFAULT_REACH_METRES one outside its scope) @abi{bool} */
  double metres;    /**< great-circle distance to the nearest centre; NaN without one, and
                         NaN in a view when the nearest centre is outside its scope @abi{nan} */
} orgnet_grid_reach;

/** Reach figures of one place.
 *  @abi{row ReachRow id=place name=place.name:text grids grids_placed grids_reached households households_reached households_unplaced units units_reached} */
typedef struct orgnet_reach_row {
  uint32_t place;              /**< grid row or territory org row @abi{ref place} */
  uint32_t grids;              /**< grids located in it */
  uint32_t grids_placed;       /**< with coordinates */
  uint32_t grids_reached;      /**< within reach */
  int64_t households;          /**< known households of its grids */
  int64_t households_reached;  /**< in reached grids */
  int64_t households_unplaced; /**< in grids without coordinates */
  uint32_t units;              /**< units located in it */
  uint32_t units_reached;      /**< in reached grids */
} orgnet_reach_row;

/** A new centre chosen by the siting.
 *  @abi{row SiteChoice grid name=grid.name:text households_added grids_added} */
typedef struct orgnet_site_choice {
  uint32_t grid;            /**< grid row @abi{ref grids} */
  uint32_t grids_added;     /**< unreached grids it reaches */
  int64_t households_added; /**< unreached households it reaches */
} orgnet_site_choice;

/** Great-circle distance in metres between two WGS 84 points in degrees.
 *  Status: none (never fails): NaN for a coordinate that is not finite.
 *  Cost: O(1). */
ORGNET_EXPORT double orgnet_great_circle_metres(double lon1, double lat1, double lon2,
                                                double lat2);
/** Computes every grid's nearest centre; @p radius_metres <= 0 is ::ORGNET_INVALID_ARGUMENT.
 *  Over a scoped view, the centres outside its scope count only at
 *  ::ORGNET_DEFAULT_REACH_METRES (no other radius can tell where they are).
 *  @abi{owned orgnet_reach_free}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer, @p radius_metres not finite or <= 0),
 *    ::ORGNET_RESOURCE_EXHAUSTED.
 *  Cost: O((g + c) log c) for g grids and c placed centres (a spatial index over the centres). */
ORGNET_EXPORT int orgnet_reach_compute(orgnet_reach** out, const orgnet_network* network,
                                       double radius_metres);
/** Releases a reach analysis (NULL is fine).
 *  Status: none (never fails).
 *  Cost: O(1) (the memory it holds is released). */
ORGNET_EXPORT void orgnet_reach_free(orgnet_reach* reach);
/** Every grid's reach, by grid row; allocated (orgnet_free()).
 *  @abi{owned orgnet_free}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer), ::ORGNET_RESOURCE_EXHAUSTED.
 *  Cost: O(grids). */
ORGNET_EXPORT int orgnet_reach_grids(orgnet_grid_reach** out, size_t* out_count,
                                     const orgnet_reach* reach);
/** Rows without coordinates of @p table (::ORGNET_TABLE_GRIDS or ::ORGNET_TABLE_CENTRES),
 *  ascending; allocated (orgnet_free()).
 *  @abi{owned orgnet_free}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer, a table other than grids and centres),
 *    ::ORGNET_OUT_OF_RANGE (@p table), ::ORGNET_RESOURCE_EXHAUSTED.
 *  Cost: O(rows of the table). */
ORGNET_EXPORT int orgnet_reach_unplaced(uint32_t** out, size_t* out_count,
                                        const orgnet_reach* reach, int table);
/** Figures per place of a territorial roll-up; allocated (orgnet_free()).
 *  @abi{owned orgnet_free}
 *  Status: ::ORGNET_OUT_OF_RANGE (@p roll_up not an ORGNET_ROLLUP_* number),
 *    ::ORGNET_INVALID_ARGUMENT (a NULL pointer, @p roll_up the leadership roll-up),
 *    ::ORGNET_RESOURCE_EXHAUSTED.
 *  Cost: O(grids + units + places). */
ORGNET_EXPORT int orgnet_reach_rollup(orgnet_reach_row** out, size_t* out_count,
                                      const orgnet_reach* reach, int roll_up);
/** The functions a community can reach, sorted and joined by ';' (empty when none). A
 *  community is an org of kind community or any org a grid names as its community (as in
 *  every community roll-up); another org reaches none (an empty string). A row past the end
 *  is ::ORGNET_OUT_OF_RANGE. Release with orgnet_free().
 *  Text: NUL-terminated (the length is given too).
 *  @abi{owned orgnet_free}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer), ::ORGNET_OUT_OF_RANGE (@p community past
 *    the end), ::ORGNET_RESOURCE_EXHAUSTED.
 *  Cost: O(functions × log functions). */
ORGNET_EXPORT int orgnet_reach_functions(char** out, size_t* out_len, const orgnet_reach* reach,
                                         uint32_t community);
/** Greedy siting of up to @p k new centres (docs/service.md: lazy greedy, at least 1 − 1/e of
 *  the best k); allocated (orgnet_free()).
 *  @abi{owned orgnet_free}
 *  Status: ::ORGNET_INVALID_ARGUMENT (NULL pointers), ::ORGNET_RESOURCE_EXHAUSTED.
 *  Time complexity: O(g log t + C + (g + r) log g) for g placed grids, t distinct target
 *  points, C the covers' total size (pairs of a candidate and a target point within reach) and
 *  r re-evaluations of the lazy queue; memory O(g + C). */
ORGNET_EXPORT int orgnet_reach_site(orgnet_site_choice** out, size_t* out_count,
                                    const orgnet_reach* reach, size_t k);

/** @} */

/* ------------------------------------------------------------------ the three haves */
/** @defgroup capi_haves The three haves
 *  @{ */

/** The three haves of every community for a year (immutable; safe for concurrent reads). */
typedef struct orgnet_haves orgnet_haves;

/** Money by source, in yuan. */
typedef struct orgnet_funds {
  int64_t dues;    /**< party dues */
  int64_t fiscal;  /**< fiscal allocation */
  int64_t sponsor; /**< unit sponsorship */
  int64_t other;   /**< other sources */
} orgnet_funds;

/** One community's three haves.
 *  @abi{row CommunityHaves id=community name=community.name:text grids grids_managed managers other_staff people dues=funds.dues fiscal=funds.fiscal sponsor=funds.sponsor other=funds.other money place_in_community place_within_reach place} */
typedef struct orgnet_community_haves {
  uint32_t community;          /**< org row @abi{ref orgs} */
  uint32_t grids;              /**< its grids */
  uint32_t grids_managed;      /**< with a grid manager */
  uint32_t managers;           /**< grid managers serving its grids */
  uint32_t other_staff;        /**< other staff serving its grids */
  int32_t people;              /**< 1: grids, each with a manager @abi{bool} */
  int32_t money;               /**< 1: funds above 0 @abi{bool} */
  int32_t place_in_community;  /**< 1: a centre stands in one of its grids @abi{bool} */
  int32_t place_within_reach;  /**< 1: a centre is within the radius of one of its grids @abi{bool} */
  int32_t place;               /**< 1: either @abi{bool} */
  orgnet_funds funds;          /**< the year's funds of its leadership subtree */
} orgnet_community_haves;

/** @name Three-haves rules
 *  @abi{enum HavesRule ORGNET_HAVES_}
 *  @{ */
#define ORGNET_HAVES_WITHOUT_PEOPLE 0 /**< "community_without_people" */
#define ORGNET_HAVES_WITHOUT_MONEY 1  /**< "community_without_money" */
#define ORGNET_HAVES_WITHOUT_PLACE 2  /**< "community_without_place" */
/** @} */

/** A community missing a have.
 *  @abi{row HavesFinding rule id=community message=$:str} */
typedef struct orgnet_haves_finding {
  int32_t rule;       /**< `ORGNET_HAVES_*` @abi{index haves_rules} */
  uint32_t community; /**< org row @abi{ref orgs} */
} orgnet_haves_finding;

/** A street's or district's counts.
 *  @abi{row HavesRow id=place name=place.name:text communities with_people with_money with_place with_all dues=funds.dues fiscal=funds.fiscal sponsor=funds.sponsor other=funds.other} */
typedef struct orgnet_haves_row {
  uint32_t place;       /**< org row @abi{ref orgs} */
  uint32_t communities; /**< communities located in it */
  uint32_t with_people; /**< with people */
  uint32_t with_money;  /**< with money */
  uint32_t with_place;  /**< with a place */
  uint32_t with_all;    /**< with all three */
  orgnet_funds funds;   /**< the sum of its communities' funds */
} orgnet_haves_row;

/** Checks every community for @p year (0: the dataset's as_of year) with centres reaching
 *  @p radius_metres.
 *  @abi{owned orgnet_haves_free}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer, @p year outside 1..9999 and not 0, @p
 *    radius_metres not finite or <= 0), ::ORGNET_RESOURCE_EXHAUSTED.
 *  Cost: O(funds + grids + staff + orgs + reach), the reach as in orgnet_reach_compute(). */
ORGNET_EXPORT int orgnet_haves_compute(orgnet_haves** out, const orgnet_network* network,
                                       int year, double radius_metres);
/** Releases a three-haves result (NULL is fine).
 *  Status: none (never fails).
 *  Cost: O(1) (the memory it holds is released). */
ORGNET_EXPORT void orgnet_haves_free(orgnet_haves* haves);
/** The year checked.
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_haves_year(int* out, const orgnet_haves* haves);
/** Every community, ascending row; allocated (orgnet_free()).
 *  @abi{owned orgnet_free}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer), ::ORGNET_RESOURCE_EXHAUSTED.
 *  Cost: O(communities). */
ORGNET_EXPORT int orgnet_haves_communities(orgnet_community_haves** out, size_t* out_count,
                                           const orgnet_haves* haves);
/** Findings by rule then community row; allocated (orgnet_free()).
 *  @abi{owned orgnet_free}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer), ::ORGNET_RESOURCE_EXHAUSTED.
 *  Cost: O(findings). */
ORGNET_EXPORT int orgnet_haves_findings(orgnet_haves_finding** out, size_t* out_count,
                                        const orgnet_haves* haves);
/** Finding @p index as a sentence; release with orgnet_free().
 *  Text: NUL-terminated (the length is given too).
 *  @abi{owned orgnet_free}
 *  Status: ::ORGNET_INVALID_ARGUMENT (a NULL pointer), ::ORGNET_OUT_OF_RANGE (@p index past the
 *    end), ::ORGNET_RESOURCE_EXHAUSTED.
 *  Cost: O(length of the sentence). */
ORGNET_EXPORT int orgnet_haves_describe(char** out, size_t* out_len, const orgnet_haves* haves,
                                        size_t index);
/** A rule's code, a static string; NULL when out of range.
 *  Text: NUL-terminated, static.
 *  Status: none (never fails): NULL out of range.
 *  Cost: O(1). */
ORGNET_EXPORT const char* orgnet_haves_rule_code(int rule);
/** Counts per street (`ORGNET_ROLLUP_STREET`) or district (`ORGNET_ROLLUP_DISTRICT`);
 *  allocated (orgnet_free()).
 *  @abi{owned orgnet_free}
 *  Status: ::ORGNET_OUT_OF_RANGE (@p roll_up not an ORGNET_ROLLUP_* number),
 *    ::ORGNET_INVALID_ARGUMENT (a NULL pointer, @p roll_up not street or district),
 *    ::ORGNET_RESOURCE_EXHAUSTED.
 *  Cost: O(communities + places). */
ORGNET_EXPORT int orgnet_haves_rollup(orgnet_haves_row** out, size_t* out_count,
                                      const orgnet_haves* haves, int roll_up);

/** @} */

/* ------------------------------------------------------------------ results to a database */
/** @defgroup capi_results Results written to a database
 *  Coverage roll-ups and findings, matching allocations, event, reach and three-haves
 *  roll-ups written to tables of a PostgreSQL-protocol database, each write replacing the
 *  rows of its run key in one transaction (docs/database.md, "Writing results").
 *  @{ */

/** The results of one run, collected to be written together (not thread-safe: one thread at
 *  a time). */
typedef struct orgnet_result_writer orgnet_result_writer;

/** @name Result tables (orgnet_result_writer_set_table())
 *  @abi{enum ResultTable ORGNET_RESULT_}
 *  @{ */
#define ORGNET_RESULT_RUNS 0              /**< one row per run key */
#define ORGNET_RESULT_COVERAGE_ROLLUP 1   /**< coverage counters and rates, every level */
#define ORGNET_RESULT_COVERAGE_FINDINGS 2 /**< coverage findings */
#define ORGNET_RESULT_MATCHING 3          /**< matching allocations */
#define ORGNET_RESULT_EVENTS_ROLLUP 4     /**< event totals, per category and per month */
#define ORGNET_RESULT_REACH_ROLLUP 5      /**< service-centre reach */
#define ORGNET_RESULT_HAVES_COMMUNITIES 6 /**< the three haves of every community */
#define ORGNET_RESULT_HAVES_ROLLUP 7      /**< the three haves per street and district */
#define ORGNET_RESULT_TABLE_COUNT 8       /**< number of result tables */
/** @} */

/** The default name of result table @p table ("orgnet_coverage_rollup", ...), a static string;
 *  NULL when @p table is not an ORGNET_RESULT_* number.
 *  Text: NUL-terminated, static.
 *  Status: none (never fails): NULL out of range.
 *  Cost: O(1). */
ORGNET_EXPORT const char* orgnet_result_table_name(int table);
/** A writer for the run @p run_key (the `run_key` of every row written). Release with
 *  orgnet_result_writer_free().
 *  @param[out] out     the writer
 *  @param run_key      UTF-8, pointer and length: 1 to 200 bytes, no control character
 *  @param run_key_len  bytes in @p run_key
 *  @abi{owned orgnet_result_writer_free}
 *  Status: ::ORGNET_INVALID_ARGUMENT (NULL pointers, a bad run key: the message says why),
 *    ::ORGNET_RESOURCE_EXHAUSTED.
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_result_writer_new(orgnet_result_writer** out, const char* run_key,
                                           size_t run_key_len);
/** Releases a writer (NULL is fine); the results it holds are released with it.
 *  Status: none (never fails).
 *  Cost: O(1). */
ORGNET_EXPORT void orgnet_result_writer_free(orgnet_result_writer* writer);
/** Names the table @p table is written to: `name` or `schema.name`, each part as the database
 *  spells it (quoted when the SQL is made: case-sensitive, any character but `.`).
 *  Status: ::ORGNET_OUT_OF_RANGE (@p table not an ORGNET_RESULT_* number),
 *    ::ORGNET_INVALID_ARGUMENT (NULL pointers,
 *    an empty part, more than two parts, a part over 63 bytes or not UTF-8 or holding a
 *    control character, a name another table has).
 *  Cost: O(tables). */
ORGNET_EXPORT int orgnet_result_writer_set_table(orgnet_result_writer* writer, int table,
                                                 const char* name, size_t name_len);
/** The schema of every table whose name does not name one (empty: the connection's
 *  search_path).
 *  Status: ::ORGNET_INVALID_ARGUMENT (NULL pointers, a bad name, as
 *    orgnet_result_writer_set_table()'s for one part).
 *  Cost: O(tables). */
ORGNET_EXPORT int orgnet_result_writer_set_schema(orgnet_result_writer* writer,
                                                  const char* schema, size_t schema_len);
/** The name table @p table is written to (as set, unquoted); release with orgnet_free().
 *  Text: NUL-terminated (the length is given too).
 *  @abi{owned orgnet_free}
 *  Status: ::ORGNET_OUT_OF_RANGE (@p table not an ORGNET_RESULT_* number),
 *    ::ORGNET_INVALID_ARGUMENT (a NULL pointer),
 *    ::ORGNET_RESOURCE_EXHAUSTED.
 *  Cost: O(length). */
ORGNET_EXPORT int orgnet_result_writer_table(char** out, size_t* out_len,
                                             const orgnet_result_writer* writer, int table);
/** Adds a coverage (its roll-ups, every level, and findings); it replaces one added before.
 *  Every result of a writer comes from one network version.
 *  Status: ::ORGNET_INVALID_ARGUMENT (NULL pointers), ::ORGNET_FAILED_PRECONDITION (a result
 *    of another network version than those added before).
 *  Cost: O(1) (the result's data is shared, not copied). */
ORGNET_EXPORT int orgnet_result_writer_add_coverage(orgnet_result_writer* writer,
                                                    const orgnet_coverage* coverage);
/** Adds a matching (its allocations), as orgnet_result_writer_add_coverage().
 *  Status: ::ORGNET_INVALID_ARGUMENT (NULL pointers), ::ORGNET_FAILED_PRECONDITION (another
 *    network version).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_result_writer_add_matching(orgnet_result_writer* writer,
                                                    const orgnet_matching* matching);
/** Adds grid events (totals, per category and per month, at the grid, community, street and
 *  district levels), as orgnet_result_writer_add_coverage().
 *  Status: ::ORGNET_INVALID_ARGUMENT (NULL pointers), ::ORGNET_FAILED_PRECONDITION (another
 *    network version).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_result_writer_add_events(orgnet_result_writer* writer,
                                                  const orgnet_events* events);
/** Adds service-centre reach (every territorial level), as orgnet_result_writer_add_coverage().
 *  Status: ::ORGNET_INVALID_ARGUMENT (NULL pointers), ::ORGNET_FAILED_PRECONDITION (another
 *    network version).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_result_writer_add_reach(orgnet_result_writer* writer,
                                                 const orgnet_reach* reach);
/** Adds the three haves (every community, and per street and district), as
 *  orgnet_result_writer_add_coverage().
 *  Status: ::ORGNET_INVALID_ARGUMENT (NULL pointers), ::ORGNET_FAILED_PRECONDITION (another
 *    network version).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_result_writer_add_haves(orgnet_result_writer* writer,
                                                 const orgnet_haves* haves);
/** Writes the results added to the database @p uri in one transaction: each table is created
 *  if absent (the documented columns and primary key), locked against other writers (readers
 *  go on), cleared of the run key's rows and filled with `COPY ... FROM STDIN`; the run's row
 *  of the runs table is replaced; then it commits. Readers see the run key's old rows or its
 *  new ones, never a part; other run keys' rows, and tables this write does not fill, are
 *  untouched. A failure, or a stop asked by the thread's progress handler (work "write",
 *  units: rows), rolls everything back. orgnet_result_writer_rows() then tells the rows
 *  written to each table.
 *  @param writer   the writer (it keeps the rows written, for orgnet_result_writer_rows())
 *  @param uri      a libpq connection URI or conninfo (UTF-8, pointer and length)
 *  @param uri_len  bytes in @p uri
 *  Status: ::ORGNET_INVALID_ARGUMENT (NULL pointers, a bad URI, an existing table whose
 *    columns' types do not take the rows: the server's message), ::ORGNET_FAILED_PRECONDITION
 *    (no result added), ::ORGNET_NOT_FOUND (a missing schema, or a column missing from an
 *    existing table), ::ORGNET_PERMISSION_DENIED (no right to create, lock or write a table),
 *    ::ORGNET_UNAVAILABLE (the server cannot be reached, refused the login, or was lost; never
 *    the password), ::ORGNET_CANCELLED, ::ORGNET_UNIMPLEMENTED (a build without database
 *    support: orgnet_has_database_support()), ::ORGNET_RESOURCE_EXHAUSTED.
 *  Cost: O(rows written) to format, plus the server's COPY (docs/benchmarks.md). */
ORGNET_EXPORT int orgnet_result_writer_write(orgnet_result_writer* writer, const char* uri,
                                             size_t uri_len);
/** Rows the last successful orgnet_result_writer_write() wrote to table @p table (0 before
 *  one, and for a table it did not fill).
 *  Status: ::ORGNET_OUT_OF_RANGE (@p table not an ORGNET_RESULT_* number),
 *    ::ORGNET_INVALID_ARGUMENT (a NULL pointer).
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_result_writer_rows(int64_t* out, const orgnet_result_writer* writer,
                                            int table);

/** @} */

/* ------------------------------------------------------------------ following a database */
/** @defgroup capi_follower Following a database
 *  A network that follows a PostgreSQL database's committed changes through logical
 *  replication (pgoutput): one new version per committed transaction on the followed tables,
 *  in commit order (docs/database.md, "Following a database"). Every function is safe from
 *  many threads.
 *  @{ */

/** A follower: its replication connection and the thread that applies the changes. */
typedef struct orgnet_follower orgnet_follower;

/** @name What a follower does with a transaction the dataset's rules refuse
 *  @abi{enum BadTransactionPolicy ORGNET_BAD_TRANSACTION_}
 *  @{ */
#define ORGNET_BAD_TRANSACTION_STOP 0 /**< keep the last good version and stop following */
#define ORGNET_BAD_TRANSACTION_SKIP 1 /**< skip it and go on: the network has then diverged */
/** @} */

/** Options of orgnet_follower_start(). Initialise with ::ORGNET_FOLLOWER_OPTIONS_INIT. */
typedef struct orgnet_follower_options {
  unsigned version;        /**< ::ORGNET_FOLLOWER_OPTIONS_VERSION */
  const char* slot;        /**< the replication slot to create (UTF-8; NULL: "orgnet") */
  size_t slot_len;         /**< bytes in slot */
  const char* publication; /**< the publication (created if absent; NULL: "orgnet") */
  size_t publication_len;  /**< bytes in publication */
  int on_bad_transaction;  /**< ::ORGNET_BAD_TRANSACTION_STOP (default) or _SKIP */
  const char* snapshot_folder; /**< the snapshots' folder (UTF-8; NULL: none): written on the
                                    policy below and on stop; a restart resumes from the newest */
  size_t snapshot_folder_len;  /**< bytes in snapshot_folder */
  double snapshot_seconds;     /**< a snapshot when the newest is this old (default 60; 0: not
                                    by time) */
  uint64_t snapshot_transactions; /**< ... or after this many transactions (default 0: not by
                                       count) */
} orgnet_follower_options;
/** Current version of ::orgnet_follower_options. */
#define ORGNET_FOLLOWER_OPTIONS_VERSION 1
/** The default ::orgnet_follower_options (the same as orgnet_follower_options_init()). */
#define ORGNET_FOLLOWER_OPTIONS_INIT \
  {ORGNET_FOLLOWER_OPTIONS_VERSION, NULL, 0, NULL, 0, ORGNET_BAD_TRANSACTION_STOP, NULL, 0, 60.0, 0}
/** Fills @p options with the defaults. @p version: ::ORGNET_FOLLOWER_OPTIONS_VERSION.
 *  Status: ::ORGNET_INVALID_ARGUMENT (NULL or an unknown version). Cost: O(1). */
ORGNET_EXPORT int orgnet_follower_options_init(orgnet_follower_options* options,
                                               unsigned version);

/** Called with each new version, in commit order, on the follower's own thread: @p network
 *  is borrowed for the call (orgnet_network_share() keeps it); @p lsn the commit's WAL
 *  position, @p commit_time its time (microseconds since 1970-01-01 UTC), @p transactions the
 *  transactions applied since the load. It must not free or stop the follower. */
typedef void (*orgnet_version_fn)(void* context, const orgnet_network* network, uint64_t lsn,
                                  int64_t commit_time, uint64_t transactions);

/** Where a follower stands (orgnet_follower_status()).
 *  @abi{row FollowerState running diverged error applied_lsn server_lsn lag_bytes lag_seconds transactions skipped snapshot_lsn snapshot_error resumed reconnecting reconnects} */
typedef struct orgnet_follower_state {
  int running;            /**< 1 while following @abi{bool} */
  int diverged;           /**< 1 once a transaction was skipped, until orgnet_follower_refresh()
                               @abi{bool} */
  int error;              /**< the ORGNET_* status that stopped it (::ORGNET_OK if none) */
  uint64_t applied_lsn;   /**< the end of the last transaction applied */
  uint64_t server_lsn;    /**< the server's end of WAL, as last heard */
  uint64_t lag_bytes;     /**< server_lsn - applied_lsn (0 when caught up) */
  double lag_seconds;     /**< how long the oldest change not yet applied has waited */
  uint64_t transactions;  /**< transactions applied */
  uint64_t skipped;       /**< transactions skipped */
  uint64_t snapshot_lsn;  /**< the position of the newest snapshot on disk (0: none) */
  int snapshot_error;     /**< the last snapshot write's failure, an ORGNET_* status (following
                               goes on) */
  int resumed;            /**< 1 when it resumed from a snapshot instead of loading @abi{bool} */
  int reconnecting;       /**< 1 while connecting again after a lost connection @abi{bool} */
  uint64_t reconnects;    /**< connections made again after a loss (backoff 0.1 s to 10 s) */
} orgnet_follower_state;

/** Starts following: connects to @p uri with `replication=database`, checks the followed
 *  tables (tables only, not views or queries; a primary key on the id column or REPLICA
 *  IDENTITY FULL; FULL for links and funds), creates the publication if absent and the slot,
 *  loads the network in the slot's snapshot (orgnet_network_load_database()'s checks), and
 *  starts the thread that applies each committed transaction. When the slot exists and the
 *  snapshot folder holds a snapshot, it opens the newest one and resumes the slot instead
 *  (no load; none of the transactions lost or applied twice). Release with
 *  orgnet_follower_free().
 *  @param[out] out         the follower
 *  @param uri              a libpq connection URI or conninfo (UTF-8, pointer and length);
 *                          the server needs wal_level = logical, the user REPLICATION
 *  @param uri_len          bytes in @p uri
 *  @param mapping          the mapping (JSON, as orgnet_network_load_database()'s; NULL or
 *                          empty: the default)
 *  @param mapping_len      bytes in @p mapping
 *  @param options          NULL: the defaults
 *  @param on_version       NULL, or called with each new version
 *  @param context          passed to @p on_version
 *  @abi{owned orgnet_follower_free}
 *  Status: ::ORGNET_INVALID_ARGUMENT (NULL pointers, bad text, a bad mapping or bad data),
 *    ::ORGNET_NOT_FOUND (a missing table), ::ORGNET_FAILED_PRECONDITION (a view or query
 *    mapped, a table's replica identity, an existing slot without a snapshot to resume from,
 *    a publication without a followed table, wal_level not logical), ::ORGNET_DATA_LOSS (a
 *    damaged snapshot), ::ORGNET_PERMISSION_DENIED, ::ORGNET_UNAVAILABLE,
 *    ::ORGNET_UNIMPLEMENTED (a build without database support), ::ORGNET_RESOURCE_EXHAUSTED.
 *  Cost: a database load. */
ORGNET_EXPORT int orgnet_follower_start(orgnet_follower** out, const char* uri, size_t uri_len,
                                        const char* mapping, size_t mapping_len,
                                        const orgnet_follower_options* options,
                                        orgnet_version_fn on_version, void* context);
/** Stops the follower (orgnet_follower_stop()) and releases it (NULL is fine). The slot stays
 *  on the server, keeping WAL until dropped (`SELECT pg_drop_replication_slot(...)`).
 *  Status: none (never fails).
 *  Cost: waits for the follower's thread (at most about 0.1 s after a message). */
ORGNET_EXPORT void orgnet_follower_free(orgnet_follower* follower);
/** The newest version: a new network handle (release with orgnet_network_free()) sharing its
 *  data, and its commit's position, time and count (0 for the initial load).
 *  @param[out] out           the network
 *  @param[out] lsn           the commit's WAL position (NULL: not wanted)
 *  @param[out] commit_time   microseconds since 1970-01-01 UTC (NULL: not wanted)
 *  @param[out] transactions  transactions applied since the load (NULL: not wanted)
 *  @param follower           the follower
 *  @abi{owned orgnet_network_free out}
 *  Status: ::ORGNET_INVALID_ARGUMENT (NULL pointers), ::ORGNET_RESOURCE_EXHAUSTED.
 *  Cost: O(1). */
ORGNET_EXPORT int orgnet_follower_latest(orgnet_network** out, uint64_t* lsn,
                                         int64_t* commit_time, uint64_t* transactions,
                                         const orgnet_follower* follower);
/** Where the follower stands; orgnet_follower_message() says why it stopped.
 *  Status: ::ORGNET_INVALID_ARGUMENT (NULL pointers). Cost: O(1). */
ORGNET_EXPORT int orgnet_follower_status(orgnet_follower_state* out,
                                         const orgnet_follower* follower);
/** What stopped the follower, or else, while diverged, why the last skipped transaction was
 *  skipped (with its LSN, table, key and column), or else why the connection was lost while it
 *  connects again,
 *  or else the last snapshot write's failure; "" when none.
 *  Release with orgnet_free().
 *  Text: NUL-terminated (the length is given too).
 *  @abi{owned orgnet_free}
 *  Status: ::ORGNET_INVALID_ARGUMENT (NULL pointers), ::ORGNET_RESOURCE_EXHAUSTED.
 *  Cost: O(length). */
ORGNET_EXPORT int orgnet_follower_message(char** out, size_t* out_len,
                                          const orgnet_follower* follower);
/** Waits until at least @p transactions transactions are applied, the follower stops, or
 *  @p timeout_ms milliseconds pass; @p out: 1 when they are applied, else 0.
 *  Status: ::ORGNET_INVALID_ARGUMENT (NULL pointers). Cost: the wait. */
ORGNET_EXPORT int orgnet_follower_wait(int* out, const orgnet_follower* follower,
                                       uint64_t transactions, uint32_t timeout_ms);
/** Brings the follower back to the database: a diverged one (a transaction skipped) once the
 *  application has mended its data, or any whenever in doubt. It pauses the follower between
 *  two transactions, reads the database again on an ordinary connection in one REPEATABLE
 *  READ transaction (orgnet_network_load_database()'s checks), and makes the difference from
 *  the latest version one edit batch and one new version, handed to the version callback like
 *  any other. Following then goes on from where it was: the transactions that the refresh's
 *  snapshot already saw are skipped when the stream brings them, the others applied, so none
 *  is lost or applied twice, and the state's diverged is 0 again. No snapshot is written while
 *  diverged, nor until the stream has passed the refresh's position. When nothing differs, the
 *  latest version is given and no new one made. Safe from any thread but the version
 *  callback's; one refresh runs at a time.
 *  @param[out] out           the version: a new network handle (release with
 *                            orgnet_network_free())
 *  @param[out] lsn           the server's WAL insert position just after the refresh's snapshot
 *                            (NULL: not wanted)
 *  @param[out] commit_time   when it was read, microseconds since 1970-01-01 UTC (NULL: not
 *                            wanted)
 *  @param[out] transactions  transactions applied before it (NULL: not wanted)
 *  @param[out] edits         the edits it applied, 0 when nothing differed (NULL: not wanted)
 *  @param follower           the follower
 *  @abi{owned orgnet_network_free out}
 *  Status: ::ORGNET_FAILED_PRECONDITION (the follower has stopped: start it again), those of
 *    orgnet_network_load_database() when the database is refused as it stands (the follower
 *    goes on as before, still diverged if it was), ::ORGNET_INVALID_ARGUMENT (NULL pointers).
 *  Cost: a database load and a diff (orgnet_network_refresh_database()'s); the follower
 *    applies nothing meanwhile. */
ORGNET_EXPORT int orgnet_follower_refresh(orgnet_network** out, uint64_t* lsn,
                                          int64_t* commit_time, uint64_t* transactions,
                                          uint64_t* edits, orgnet_follower* follower);
/** Stops following (writing a last snapshot with a snapshot folder, then telling the server
 *  the position it may forget up to); the latest version stays readable. Returns the status that had stopped it before, if any, with its message as
 *  the thread's last error; ::ORGNET_OK otherwise. Idempotent.
 *  Status: that status, or ::ORGNET_INVALID_ARGUMENT (a NULL pointer).
 *  Cost: waits for the follower's thread (at most about 0.1 s after a message). */
ORGNET_EXPORT int orgnet_follower_stop(orgnet_follower* follower);

/** @} */

#ifdef __cplusplus
}  /* extern "C" */
#endif

#endif  /* ORGNET_ORGNET_H_ */
