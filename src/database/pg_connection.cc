#include "database/pg_connection.h"

#include <poll.h>

#include <cstring>
#include <new>
#include <string>
#include <utility>
#include <vector>

#include "base/text.h"

namespace orgnet::internal {
namespace {

// A status code for a SQLSTATE (PostgreSQL documentation, Appendix A).
absl::StatusCode CodeOf(std::string_view state) {
  if (state == "42P01" || state == "42703" || state == "3F000" || state == "42883") {
    return absl::StatusCode::kNotFound;  // table, column, schema, function
  }
  if (state == "42501" || state.substr(0, 2) == "28") return absl::StatusCode::kPermissionDenied;
  if (state.substr(0, 2) == "08" || state.substr(0, 2) == "57") {
    return state == "57014" ? absl::StatusCode::kCancelled : absl::StatusCode::kUnavailable;
  }
  if (state.substr(0, 2) == "53") return absl::StatusCode::kResourceExhausted;
  if (state.substr(0, 2) == "22" || state.substr(0, 2) == "42") {
    return absl::StatusCode::kInvalidArgument;
  }
  return absl::StatusCode::kUnknown;
}

// One line: libpq's messages break lines and indent hints with a tab ("\n\tIs the server
// running ...?"); each run of line breaks, tabs and spaces becomes one space.
std::string Trimmed(const char* message) {
  std::string text;
  bool space = false;
  for (const char* p = message == nullptr ? "" : message; *p != '\0'; ++p) {
    const bool blank = *p == '\n' || *p == '\t' || *p == '\r' || *p == ' ';
    if (blank) {
      space = !text.empty();
      continue;
    }
    if (space) text.push_back(' ');
    space = false;
    text.push_back(*p);
  }
  return text;
}

}  // namespace

std::string DescribeServer(std::string_view uri) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(std::string(uri).c_str(), &error);
  if (error != nullptr) PQfreemem(error);
  if (options == nullptr) return "the server";
  // In a fixed order whatever the text's: host, address, port, database, user.
  std::string out;
  for (const auto& [key, label] : {std::pair<std::string_view, const char*>{"host", "host"},
                                   {"hostaddr", "address"},
                                   {"port", "port"},
                                   {"dbname", "database"},
                                   {"user", "user"}}) {
    for (const PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
      if (o->val == nullptr || *o->val == '\0' || key != o->keyword) continue;
      CatTo(&out, out.empty() ? "" : " ", label, " ", o->val);
    }
  }
  PQconninfoFree(options);
  return out.empty() ? "the default server" : out;
}

absl::StatusOr<std::unique_ptr<PgConnection>> PgConnection::Connect(std::string_view uri) {
  return Open(uri, false, "");
}

absl::StatusOr<std::unique_ptr<PgConnection>> PgConnection::ConnectReplication(
    std::string_view uri, std::string_view settings) {
  return Open(uri, true, settings);
}

absl::StatusOr<std::unique_ptr<PgConnection>> PgConnection::Open(std::string_view uri,
                                                                 bool replication,
                                                                 std::string_view settings) {
  const std::string conninfo(uri);
  // The session's settings after the URI's own options (-csearch_path=...).
  std::string options;
  if (!settings.empty()) {
    char* error = nullptr;
    if (PQconninfoOption* parsed = PQconninfoParse(conninfo.c_str(), &error)) {
      for (const PQconninfoOption* o = parsed; o->keyword != nullptr; ++o) {
        if (std::strcmp(o->keyword, "options") == 0 && o->val != nullptr) options = o->val;
      }
      PQconninfoFree(parsed);
    }
    if (error != nullptr) PQfreemem(error);
    CatTo(&options, options.empty() ? "" : " ", settings);
  }
  // The URI first (expanded), then what orgnet needs: later keywords override earlier ones.
  std::vector<const char*> keywords = {"dbname", "client_encoding", "fallback_application_name"};
  std::vector<const char*> values = {conninfo.c_str(), "UTF8", "orgnet"};
  if (replication) {
    keywords.push_back("replication");
    values.push_back("database");
  }
  if (!options.empty()) {
    keywords.push_back("options");
    values.push_back(options.c_str());
  }
  keywords.push_back(nullptr);
  values.push_back(nullptr);
  PGconn* connection = PQconnectdbParams(keywords.data(), values.data(), 1);
  if (connection == nullptr) throw std::bad_alloc();
  if (PQstatus(connection) != CONNECTION_OK) {
    std::string message = Trimmed(PQerrorMessage(connection));
    PQfinish(connection);
    char* error = nullptr;
    PQconninfoOption* parsed = PQconninfoParse(conninfo.c_str(), &error);
    if (parsed == nullptr) {
      std::string why = error != nullptr ? Trimmed(error) : "not a connection URI or conninfo";
      if (error != nullptr) PQfreemem(error);
      return absl::InvalidArgumentError(Cat("uri: ", why));
    }
    PQconninfoFree(parsed);
    return absl::UnavailableError(
        Cat("database: cannot connect to ", DescribeServer(uri), ": ", message));
  }
  // The server's notices (CREATE TABLE IF NOT EXISTS of a table that exists) are no errors,
  // and a library does not print them to the application's standard error as libpq would.
  PQsetNoticeProcessor(connection, [](void*, const char*) {}, nullptr);
  return std::unique_ptr<PgConnection>(new PgConnection(connection));
}

PgConnection::~PgConnection() { PQfinish(connection_); }

int PgConnection::server_version() const { return PQserverVersion(connection_); }

absl::Status PgConnection::StartCopyBoth(const std::string& sql, std::string_view what) {
  PgResult started(PQexec(connection_, sql.c_str()));
  if (!started || PQresultStatus(started.get()) != PGRES_COPY_BOTH) {
    return ResultError(started.get(), what);
  }
  return absl::OkStatus();
}

bool PgConnection::server_checks_text() const {
  const char* encoding = PQparameterStatus(connection_, "server_encoding");
  return encoding != nullptr && std::string_view(encoding) != "SQL_ASCII";
}

PgConnection::CopyRead PgConnection::ReadCopyData(std::string* out) {
  char* buffer = nullptr;
  const int size = PQgetCopyData(connection_, &buffer, 1);
  if (size > 0) {
    out->assign(buffer, static_cast<std::size_t>(size));
    PQfreemem(buffer);
    return CopyRead::kData;
  }
  if (size == 0) return CopyRead::kWait;
  return size == -1 ? CopyRead::kEnded : CopyRead::kFailed;
}

bool PgConnection::WaitReadable(int timeout_ms) {
  pollfd fd{PQsocket(connection_), POLLIN, 0};
  if (fd.fd < 0) return false;
  if (poll(&fd, 1, timeout_ms) <= 0) return false;
  // (A failure to read shows in the next ReadCopyData as kFailed.)
  PQconsumeInput(connection_);
  return true;
}

absl::Status PgConnection::SendCopyData(std::string_view data, std::string_view what) {
  if (PQputCopyData(connection_, data.data(), static_cast<int>(data.size())) != 1 ||
      PQflush(connection_) != 0) {
    return absl::UnavailableError(
        Cat("database: ", what, ": ", Trimmed(PQerrorMessage(connection_))));
  }
  return absl::OkStatus();
}

void PgConnection::EndCopyBoth() {
  PQputCopyEnd(connection_, nullptr);
  PQflush(connection_);
  // The server answers with its own CopyDone and the command's end; what it still sends is
  // dropped.
  char* buffer = nullptr;
  while (PQgetCopyData(connection_, &buffer, 0) > 0) PQfreemem(buffer);
  while (PGresult* more = PQgetResult(connection_)) PQclear(more);
}

absl::Status PgConnection::CopyBothError(std::string_view what) {
  PgResult finished(PQgetResult(connection_));
  absl::Status status = finished && PQresultStatus(finished.get()) == PGRES_COMMAND_OK
                            ? absl::UnavailableError(Cat("database: ", what,
                                                         ": the server ended the stream"))
                            : ResultError(finished.get(), what);
  while (PGresult* more = PQgetResult(connection_)) PQclear(more);
  return status;
}

absl::Status PgConnection::ResultError(const PGresult* result, std::string_view what) {
  const char* state = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  last_sqlstate_ = state != nullptr ? state : "";
  std::string message =
      result != nullptr ? Trimmed(PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY)) : "";
  if (message.empty()) message = Trimmed(PQerrorMessage(connection_));
  if (PQstatus(connection_) != CONNECTION_OK) {
    return absl::UnavailableError(Cat("database: ", what, ": the connection was lost: ", message));
  }
  const absl::StatusCode code =
      last_sqlstate_.empty() ? absl::StatusCode::kUnknown : CodeOf(last_sqlstate_);
  return absl::Status(code,
                      Cat("database: ", what, ": ", message,
                          last_sqlstate_.empty() ? "" : Cat(" (SQLSTATE ", last_sqlstate_, ")")));
}

absl::Status PgConnection::Execute(const std::string& sql, std::string_view what) {
  PgResult result(PQexec(connection_, sql.c_str()));
  const ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return absl::OkStatus();
  return ResultError(result.get(), what);
}

absl::StatusOr<PgResult> PgConnection::Query(const std::string& sql, std::string_view what) {
  PgResult result(PQexec(connection_, sql.c_str()));
  if (result && PQresultStatus(result.get()) == PGRES_TUPLES_OK) return result;
  return ResultError(result.get(), what);
}

absl::Status PgConnection::CopyOut(const std::string& sql, std::string_view what,
                                   const std::function<absl::Status(std::string_view)>& piece) {
  {
    PgResult started(PQexec(connection_, sql.c_str()));
    if (!started || PQresultStatus(started.get()) != PGRES_COPY_OUT) {
      return ResultError(started.get(), what);
    }
  }
  absl::Status stopped;
  while (true) {
    char* buffer = nullptr;
    const int size = PQgetCopyData(connection_, &buffer, 0);
    if (size > 0) {
      if (stopped.ok()) stopped = piece(std::string_view(buffer, static_cast<std::size_t>(size)));
      PQfreemem(buffer);
      continue;  // the rest is read (and dropped) so the connection stays usable
    }
    if (size == -2) {
      return absl::UnavailableError(
          Cat("database: ", what, ": ", Trimmed(PQerrorMessage(connection_))));
    }
    break;  // -1: the copy is done
  }
  const absl::Status status = CopyEnded(what);
  return stopped.ok() ? status : stopped;
}

absl::Status PgConnection::CopyEnded(std::string_view what) {
  PgResult finished(PQgetResult(connection_));
  absl::Status status = finished && PQresultStatus(finished.get()) == PGRES_COMMAND_OK
                            ? absl::OkStatus()
                            : ResultError(finished.get(), what);
  while (PGresult* more = PQgetResult(connection_)) PQclear(more);  // the connection is free
  return status;
}

absl::Status PgConnection::CopyIn(const std::string& sql, std::string_view what,
                                  const std::function<absl::Status(const Send&)>& produce) {
  {
    PgResult started(PQexec(connection_, sql.c_str()));
    if (!started || PQresultStatus(started.get()) != PGRES_COPY_IN) {
      return ResultError(started.get(), what);
    }
  }
  const Send send = [&](std::string_view piece) -> absl::Status {
    if (PQputCopyData(connection_, piece.data(), static_cast<int>(piece.size())) == 1) {
      return absl::OkStatus();
    }
    return absl::UnavailableError(
        Cat("database: ", what, ": ", Trimmed(PQerrorMessage(connection_))));
  };
  absl::Status produced = produce(send);
  // An error message makes the server fail the COPY (and so the transaction).
  PQputCopyEnd(connection_, produced.ok() ? nullptr : "orgnet stopped the copy");
  const absl::Status status = CopyEnded(what);
  return produced.ok() ? status : produced;
}

std::string PgConnection::Identifier(std::string_view name) const {
  char* quoted = PQescapeIdentifier(connection_, name.data(), name.size());
  if (quoted == nullptr) throw std::bad_alloc();  // (UTF-8 is checked before: memory only)
  std::string out(quoted);
  PQfreemem(quoted);
  return out;
}

std::string PgConnection::Literal(std::string_view text) const {
  // libpq's escaping follows the server's standard_conforming_strings.
  char* quoted = PQescapeLiteral(connection_, text.data(), text.size());
  if (quoted == nullptr) throw std::bad_alloc();
  std::string out(quoted);
  PQfreemem(quoted);
  return out;
}

}  // namespace orgnet::internal
