// Fuzzes the output module (orgnet/output.h) with hostile paths and names: up to 12 writes,
// each a file or a folder (dataset or export kind) at a path the input chooses (any bytes:
// slashes, "..", ".", empty components, names past 255 bytes, NUL, invalid UTF-8, existing
// files, folders and symbolic links planted at the target or at names a writer might use),
// with files of chosen names and contents, committed, abandoned or failed at a chosen step
// (the fault hook). All of it happens under a scratch root, from a working folder 8 levels
// deep, so that at most 8 ".." stay inside it.
//
// After each write: a committed file holds exactly what was written; a failed or abandoned
// write leaves its target exactly as it was; no temporary of a finished writer is left
// beside any target; nothing outside the scratch root changes (a sentinel file beside it);
// no link is ever followed out of the root (the link targets hold sentinels that must not
// change).
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "fuzz_support.h"
#include "orgnet/output.h"
#include "output/steps.h"

namespace {

namespace fs = std::filesystem;
using orgnet::fuzz::FuzzInput;

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Everything under `root` (relative path -> kind and bytes), links not followed.
std::map<std::string, std::string> Tree(const fs::path& root) {
  std::map<std::string, std::string> tree;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    const fs::path& p = it->path();
    const std::string rel = p.lexically_relative(root).string();
    if (it->is_symlink(ec)) {
      tree[rel] = "L" + fs::read_symlink(p, ec).string();
    } else if (it->is_directory(ec)) {
      tree[rel] = "D";
    } else {
      tree[rel] = "F" + ReadAll(p);
    }
  }
  return tree;
}

// The entries of `tree` at or under `target` (relative to the root).
std::map<std::string, std::string> Under(const std::map<std::string, std::string>& tree,
                                         const std::string& target) {
  std::map<std::string, std::string> out;
  for (const auto& [path, what] : tree) {
    if (path == target || path.rfind(target + "/", 0) == 0) out[path] = what;
  }
  return out;
}

// The folder libFuzzer started in: its relative paths (corpus, artifacts) are from here.
const fs::path& Home() {
  static const fs::path home = fs::current_path();
  return home;
}

// A failed check, reported from the starting folder so that libFuzzer keeps the input.
void Verify(bool ok, const std::string& what) {
  if (ok) return;
  if (::chdir(Home().c_str()) != 0) std::perror("chdir");
  orgnet::fuzz::Fail(what);
}

const char* const kPieces[] = {"a", "b", "..", ".", "", "data", "orgs.csv", "x.tmp",
                               ".x.orgnet-AAAAAA", "\xff", "名", ".orgnet-export",
                               ".orgnet-incomplete", "link", "file"};

// A path from the input: pieces joined by '/', sometimes a long or raw piece.
std::string PathFrom(FuzzInput& in) {
  std::string path;
  const int parts = 1 + in.Byte() % 4;
  for (int i = 0; i < parts; ++i) {
    if (i) path += '/';
    const std::uint8_t choice = in.Byte();
    if (choice < 200) {
      path += kPieces[choice % (sizeof kPieces / sizeof kPieces[0])];
    } else if (choice < 230) {
      path += std::string(250 + in.Byte() % 10, 'n');
    } else {
      std::string raw = in.RawText(12);  // one component of any bytes but '/'
      for (char& c : raw) c = c == '/' ? '_' : c;
      path += raw;
    }
  }
  return path;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const fs::path scratch = orgnet::fuzz::ScratchFolder();
  static const fs::path root = scratch / "root";
  static const fs::path outside = scratch / "outside.txt";
  static const fs::path deep = root / "1/2/3/4/5/6/7/8";

  Home();
  std::error_code ec;
  fs::remove_all(root, ec);
  fs::create_directories(deep);
  std::ofstream(outside) << "sentinel";
  // Planted things: a dataset folder, a file, and links out of the root and to a file in it.
  fs::create_directories(deep / "data");
  std::ofstream(deep / "data/orgs.csv") << "id,name,kind\n";
  std::ofstream(deep / "file") << "precious";
  fs::create_symlink(outside, deep / "link", ec);
  fs::create_symlink(outside, deep / "x.tmp", ec);
  fs::create_symlink(outside, deep / "data/.x.orgnet-AAAAAA", ec);
  if (::chdir(deep.c_str()) != 0) orgnet::fuzz::Fail("chdir");

  FuzzInput in(data, size);
  for (int op = 0; op < 12 && !in.empty(); ++op) {
    const std::uint8_t what = in.Byte();
    const std::string path = PathFrom(in);
    const int fault = in.Byte() % 4 == 0 ? 1 + in.Byte() % 40 : 0;
    const auto before = Tree(root);
    std::string target_rel;
    {
      // The target relative to the root (for the checks): only paths without ".." mapped.
      const fs::path normal = (deep / path).lexically_normal();
      target_rel = normal.lexically_relative(root).string();
      while (target_rel.size() > 1 && target_rel.back() == '/') target_rel.pop_back();
    }
    std::set<std::string> made;
    for (std::size_t slash = path.find('/'); slash != std::string::npos;
         slash = path.find('/', slash + 1)) {
      made.insert((deep / path.substr(0, slash)).lexically_normal().lexically_relative(root).string());
    }
    bool committed = false;
    std::string written;
    // A commit whose last step (syncing the folder after the rename) failed: the target is
    // the new content, and the status says so ("(its folder)").
    auto in_place = [](const absl::Status& status) {
      return status.ok() || status.message().find("(its folder)") != std::string::npos;
    };
    orgnet::internal::SetOutputFault(fault, orgnet::internal::FaultAction::kFail);
    if (what % 3 == 0) {
      auto file = orgnet::OutputFile::Create(path);
      if (file.ok()) {
        written = in.RawText(64);
        bool ok = file->Write(written).ok();
        if (ok && in.Byte() % 5 != 0) committed = in_place(file->Commit());
      }
    } else {
      auto folder = orgnet::OutputFolder::Create(
          path, what % 3 == 1 ? orgnet::FolderKind::kDataset : orgnet::FolderKind::kExport);
      if (folder.ok()) {
        const int files = in.Byte() % 4;
        bool ok = true;
        for (int f = 0; f < files && ok; ++f) {
          const std::string name = in.Byte() % 2 ? PathFrom(in) : std::string("orgs.csv");
          auto file = folder->AddFile(name);
          if (!file.ok()) continue;  // a bad name is refused: the folder goes on
          ok = file->Write(in.RawText(16)).ok() && file->Commit().ok();
        }
        if (ok && in.Byte() % 5 != 0) committed = in_place(folder->Commit());
      }
    }
    orgnet::internal::SetOutputFault(0, orgnet::internal::FaultAction::kFail);
    const auto after = Tree(root);
    Verify(ReadAll(outside) == "sentinel", "a write reached outside the root: " + path);

    // No temporary (".NAME.orgnet-XXXXXX") left beside a finished writer's target, unless a
    // step failed (its removal can be the step that failed: the next write to the target
    // sweeps what is left).
    for (const auto& [entry, kind] : after) {
      const std::string name = fs::path(entry).filename().string();
      const std::size_t mark = name.rfind(".orgnet-");
      const bool temporary = name.size() > 1 && name[0] == '.' && mark != std::string::npos &&
                             mark > 0 && name.size() == mark + 8 + 6;
      // The target, what it holds, and the folders the write made on the way (every prefix
      // of the path as given: "a/../b" makes a).
      const bool mine = entry == target_rel || entry.rfind(target_rel + "/", 0) == 0 ||
                        made.count(entry) > 0;
      Verify(!temporary || before.count(entry) || mine || fault > 0,
            "a temporary was left behind: " + entry + " (path " + path + ")");
    }
    // Nothing but the target changed (and the folders made on the way, and temporaries).
    std::set<std::string> entries;
    for (const auto& [entry, kind] : before) entries.insert(entry);
    for (const auto& [entry, kind] : after) entries.insert(entry);
    for (const std::string& entry : entries) {
      const bool temporary = entry.find(".orgnet-") != std::string::npos;  // or inside one
      const bool mine = entry == target_rel || entry.rfind(target_rel + "/", 0) == 0 ||
                        made.count(entry) > 0;
      if (mine || temporary) continue;
      const auto b = before.find(entry), a = after.find(entry);
      Verify(b != before.end() && a != after.end() && b->second == a->second,
             "a write changed " + entry + ", which it did not target (path " + path + ")");
    }
    // (A path that passes through its own target, "a/../a", makes it as a folder on the way.)
    if (!committed && target_rel.rfind("..", 0) != 0 && made.count(target_rel) == 0) {
      // Failed or abandoned: the target is as it was (missing folders above it may be new).
      Verify(Under(before, target_rel) == Under(after, target_rel),
            "a failed write changed its target: " + path);
    }
    if (committed && what % 3 == 0) {
      Verify(ReadAll(deep / path) == written, "a committed file does not hold what was written");
    }
  }
  if (::chdir(Home().c_str()) != 0) orgnet::fuzz::Fail("chdir back");
  return 0;
}
