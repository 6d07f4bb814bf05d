// The C ABI of orgnet/output.h: crash-safe files and folders.
#include <memory>
#include <optional>

#include "base/closest.h"
#include "base/text.h"
#include "capi/arguments.h"
#include "capi/error.h"
#include "capi/returns.h"
#include "orgnet/orgnet.h"
#include "orgnet/output.h"

struct orgnet_output {
  orgnet::OutputFile file;
};
struct orgnet_output_folder {
  orgnet::OutputFolder folder;
};

using orgnet::internal::Cat;
using orgnet::capi::Guard;
using orgnet::capi::RunStatus;
using orgnet::capi::RequirePointers;
using orgnet::capi::SetError;
using orgnet::capi::TextArgument;

extern "C" {

int orgnet_output_open(orgnet_output** out, const char* path, size_t path_len) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}})) return rc;
    std::string_view text;
    if (int rc = TextArgument(path, path_len, "path", &text)) return rc;
    absl::StatusOr<orgnet::OutputFile> file = orgnet::OutputFile::Create(text);
    if (!file.ok()) return SetError(file.status());
    *out = new orgnet_output{*std::move(file)};
    return ORGNET_OK;
  });
}

int orgnet_output_write(orgnet_output* output, const void* data, size_t size) {
  return RunStatus(
      {{output, "output"}},
      [&] {
        if (data == nullptr && size > 0) return SetError(ORGNET_INVALID_ARGUMENT, "data is NULL");
        return ORGNET_OK;
      },
      [&] {
        return output->file.Write(
            std::string_view(static_cast<const char*>(data), data == nullptr ? 0 : size));
      });
}

int orgnet_output_commit(orgnet_output* output) {
  return RunStatus({{output, "output"}}, [&] { return output->file.Commit(); });
}

void orgnet_output_free(orgnet_output* output) { delete output; }

int orgnet_output_folder_open(orgnet_output_folder** out, const char* path, size_t path_len,
                              int kind) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}})) return rc;
    std::string_view text;
    if (int rc = TextArgument(path, path_len, "path", &text)) return rc;
    if (kind != ORGNET_FOLDER_DATASET && kind != ORGNET_FOLDER_EXPORT) {
      return SetError(ORGNET_OUT_OF_RANGE,
                      Cat("kind ", kind, " is neither ORGNET_FOLDER_DATASET (0) nor "
                                         "ORGNET_FOLDER_EXPORT (1)"));
    }
    absl::StatusOr<orgnet::OutputFolder> folder = orgnet::OutputFolder::Create(
        text, kind == ORGNET_FOLDER_DATASET ? orgnet::FolderKind::kDataset
                                            : orgnet::FolderKind::kExport);
    if (!folder.ok()) return SetError(folder.status());
    *out = new orgnet_output_folder{*std::move(folder)};
    return ORGNET_OK;
  });
}

int orgnet_output_folder_add(orgnet_output** out, orgnet_output_folder* folder, const char* name,
                             size_t name_len) {
  return Guard([&] {
    if (int rc = RequirePointers({{out, "out"}, {folder, "folder"}})) return rc;
    std::string_view text;
    if (int rc = TextArgument(name, name_len, "name", &text)) return rc;
    absl::StatusOr<orgnet::OutputFile> file = folder->folder.AddFile(text);
    if (!file.ok()) return SetError(file.status());
    *out = new orgnet_output{*std::move(file)};
    return ORGNET_OK;
  });
}

int orgnet_output_folder_commit(orgnet_output_folder* folder) {
  return RunStatus({{folder, "folder"}}, [&] { return folder->folder.Commit(); });
}

void orgnet_output_folder_free(orgnet_output_folder* folder) { delete folder; }

}  // extern "C"
