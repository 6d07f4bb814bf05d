// One libpq connection, its results and errors as absl::Status (the server's message and
// SQLSTATE kept; a password never shown).
#ifndef ORGNET_SRC_DATABASE_PG_CONNECTION_H_
#define ORGNET_SRC_DATABASE_PG_CONNECTION_H_

#include <libpq-fe.h>

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace orgnet::internal {

struct ResultDeleter {
  void operator()(PGresult* result) const { PQclear(result); }
};
using PgResult = std::unique_ptr<PGresult, ResultDeleter>;

class PgConnection {
 public:
  // Connects with client_encoding UTF8. kUnavailable naming the server (host, port, database,
  // user; never the password) with libpq's message when it cannot.
  static absl::StatusOr<std::unique_ptr<PgConnection>> Connect(std::string_view uri);
  // A logical replication connection (`replication=database`: replication commands and SQL)
  // whose session runs with @p settings (`-c name=value ...`, after the URI's own options).
  static absl::StatusOr<std::unique_ptr<PgConnection>> ConnectReplication(
      std::string_view uri, std::string_view settings);
  ~PgConnection();
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  // Runs a statement that returns no rows. @p what says what it was for, in the error.
  absl::Status Execute(const std::string& sql, std::string_view what);
  // Runs a query; its rows in the result.
  absl::StatusOr<PgResult> Query(const std::string& sql, std::string_view what);
  // Runs COPY ... TO STDOUT: the result's description, then each piece of data to @p piece
  // (a non-OK status from it stops the copy and is returned).
  absl::Status CopyOut(const std::string& sql, std::string_view what,
                       const std::function<absl::Status(std::string_view)>& piece);

  // Runs COPY ... FROM STDIN: @p produce gets a function that sends a piece of data; a
  // non-OK status from @p produce (its own or the send's) aborts the copy and is returned.
  using Send = std::function<absl::Status(std::string_view)>;
  absl::Status CopyIn(const std::string& sql, std::string_view what,
                      const std::function<absl::Status(const Send&)>& produce);

  // The COPY BOTH stream of START_REPLICATION: started by @p sql; then each message read
  // without waiting (kWait: none has arrived; WaitReadable waits for one), messages sent
  // (standby status updates), and the stream ended by the client.
  absl::Status StartCopyBoth(const std::string& sql, std::string_view what);
  enum class CopyRead { kData, kWait, kEnded, kFailed };
  CopyRead ReadCopyData(std::string* out);
  // Waits up to @p timeout_ms for the socket to be readable; false on timeout.
  bool WaitReadable(int timeout_ms);
  absl::Status SendCopyData(std::string_view data, std::string_view what);
  // Ends the client's side of the stream and reads what the server still sends.
  void EndCopyBoth();
  // The stream's end or error, as a status (after kEnded or kFailed).
  absl::Status CopyBothError(std::string_view what);
  // The server's version number (150004 for 15.4).
  int server_version() const;
  // Whether the text the server sends is valid UTF-8 without NUL bytes by the server's own
  // checks: every server encoding but SQL_ASCII validates what it stores and converts it to
  // the session's UTF8; SQL_ASCII passes any bytes through.
  bool server_checks_text() const;

  // An identifier quoted for SQL ("a""b"); a literal quoted for SQL ('it''s').
  std::string Identifier(std::string_view name) const;
  std::string Literal(std::string_view text) const;
  // The SQLSTATE of the last failed statement ("" if none or unknown).
  const std::string& last_sqlstate() const { return last_sqlstate_; }

 private:
  explicit PgConnection(PGconn* connection) : connection_(connection) {}
  static absl::StatusOr<std::unique_ptr<PgConnection>> Open(std::string_view uri,
                                                            bool replication,
                                                            std::string_view settings);
  absl::Status ResultError(const PGresult* result, std::string_view what);
  // After a COPY's data: its result as a status, and the connection made free for the next.
  absl::Status CopyEnded(std::string_view what);

  PGconn* connection_;
  std::string last_sqlstate_;
};

// The server a URI or conninfo names, for messages: "host H port P database D user U"
// (what is given); never its password.
std::string DescribeServer(std::string_view uri);

}  // namespace orgnet::internal

#endif  // ORGNET_SRC_DATABASE_PG_CONNECTION_H_
