// Crash-safe output (orgnet/output.h): files and folders are the old content or the new one
// after a failure or a kill at every step of a write; planted links are not followed; folders
// carry what orgnet did not write; concurrent writers end with one whole result.
#include "orgnet/output.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <filesystem>
#include <functional>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <thread>

#include "gtest/gtest.h"
#include "orgnet/builder.h"
#include "orgnet/network.h"
#include "output/steps.h"
#include "test_util.h"

namespace orgnet {
namespace {

using testing::TempDir;
namespace fs = std::filesystem;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Every regular file under `folder` by its relative path, with its bytes ("LINK -> target" for
// links), so that two folders compare as wholes.
std::map<std::string, std::string> Contents(const std::string& folder) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(folder)) {
    const std::string relative = fs::relative(entry.path(), folder).string();
    if (entry.is_symlink()) {
      files[relative] = "LINK -> " + fs::read_symlink(entry.path()).string();
    } else if (entry.is_regular_file()) {
      files[relative] = ReadFile(entry.path().string());
    } else if (entry.is_directory()) {
      files[relative + "/"] = "";
    }
  }
  return files;
}

using Files = std::map<std::string, std::string>;

// The names in which two folders' contents differ ("" when equal): short enough to print.
std::string Differences(const Files& a, const Files& b) {
  std::string out;
  for (const auto& [name, bytes] : a) {
    auto it = b.find(name);
    if (it == b.end()) out += " -" + name;
    else if (it->second != bytes) out += " ~" + name;
  }
  for (const auto& [name, bytes] : b) {
    if (!a.count(name)) out += " +" + name;
  }
  return out;
}

// The entries of `folder` (names only).
std::vector<std::string> Names(const std::string& folder) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder)) names.push_back(entry.path().filename());
  std::sort(names.begin(), names.end());
  return names;
}

Network MustLoad(const std::string& folder) {
  auto net = Network::Load(folder);
  EXPECT_TRUE(net.ok()) << net.status();
  return *std::move(net);
}

// The district and an edited copy of it: the old and the new dataset of every test below.
struct TwoVersions {
  Network old_net = MustLoad(ORGNET_EXAMPLES_DIR "/district");
  Network new_net = [this] {
    EditBatch batch;
    batch.Set(Table::kOrgs, std::string(old_net.id(Table::kOrgs, 5)), "name", "改名的组织");
    batch.Remove(Table::kMembers, std::string(old_net.id(Table::kMembers, 7)));
    auto edited = old_net.Edit(batch);
    EXPECT_TRUE(edited.ok()) << edited.status();
    return *std::move(edited);
  }();
};

TEST(OutputTest, FileIsWrittenWholeAndAnUncommittedOneLeavesNothing) {
  TempDir dir;
  const std::string path = dir.sub("out.txt");
  {
    auto file = OutputFile::Create(path);
    ASSERT_TRUE(file.ok()) << file.status();
    ASSERT_TRUE(file->Write("hello ").ok());
    ASSERT_TRUE(file->Write("world").ok());
    EXPECT_FALSE(fs::exists(path));  // nothing at the target until the commit
    ASSERT_TRUE(file->Commit().ok());
    EXPECT_EQ(file->Commit().code(), absl::StatusCode::kFailedPrecondition);
    EXPECT_EQ(file->Write("x").code(), absl::StatusCode::kFailedPrecondition);
  }
  EXPECT_EQ(ReadFile(path), "hello world");
  {
    auto file = OutputFile::Create(path);
    ASSERT_TRUE(file.ok());
    ASSERT_TRUE(file->Write("half").ok());
  }  // dropped before its commit
  EXPECT_EQ(ReadFile(path), "hello world");
  EXPECT_EQ(Names(dir.path()), std::vector<std::string>{"out.txt"});
}

TEST(OutputTest, PlantedLinksAreNeverFollowed) {
  TempDir dir;
  const std::string outside = dir.sub("outside.txt");
  std::ofstream(outside) << "precious";
  fs::create_directory(dir.sub("out"));
  // The fixed names older versions wrote through, and the target itself, as links outside.
  fs::create_symlink(outside, dir.sub("out/report.html.tmp"));
  fs::create_symlink(outside, dir.sub("out/.report.html.tmp"));
  fs::create_symlink(outside, dir.sub("out/report.html"));
  auto file = OutputFile::Create(dir.sub("out/report.html"));
  ASSERT_TRUE(file.ok());
  ASSERT_TRUE(file->Write("new").ok());
  ASSERT_TRUE(file->Commit().ok());
  EXPECT_EQ(ReadFile(outside), "precious");
  EXPECT_FALSE(fs::is_symlink(dir.sub("out/report.html")));  // the link is replaced, not followed
  EXPECT_EQ(ReadFile(dir.sub("out/report.html")), "new");
}

TEST(OutputTest, BadPathsAreNamedErrors) {
  TempDir dir;
  std::ofstream(dir.sub("plain")) << "x";
  auto under_file = OutputFile::Create(dir.sub("plain/out.txt"));
  EXPECT_EQ(under_file.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(under_file.status().message(),
            dir.sub("plain/out.txt") + ": " + dir.sub("plain") +
                " is a file, not a folder (the output cannot go under it)");
  auto folder_as_file = OutputFile::Create(dir.path());
  EXPECT_EQ(folder_as_file.status().code(), absl::StatusCode::kInvalidArgument);
  auto file_as_folder = OutputFolder::Create(dir.sub("plain"), FolderKind::kExport);
  EXPECT_EQ(file_as_folder.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(file_as_folder.status().message(), dir.sub("plain") + ": a file; a folder is wanted here");
  const std::string long_name(256, 'n');
  auto too_long = OutputFile::Create(dir.sub(long_name));
  EXPECT_EQ(too_long.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(too_long.status().message().find("256 bytes long"), std::string::npos);
  EXPECT_EQ(OutputFile::Create("").status().code(), absl::StatusCode::kInvalidArgument);
  // A name that fits but whose ".NAME.tmp" would not: the temporary name is cut, not the name.
  const std::string longest(255, 'n');
  auto fits = OutputFile::Create(dir.sub(longest));
  ASSERT_TRUE(fits.ok()) << fits.status();
  ASSERT_TRUE(fits->Commit().ok());
  EXPECT_TRUE(fs::exists(dir.sub(longest)));
  // Missing folders above the target are made.
  auto deep = OutputFile::Create(dir.sub("a/b/c/out.txt"));
  ASSERT_TRUE(deep.ok()) << deep.status();
  ASSERT_TRUE(deep->Commit().ok());
  EXPECT_TRUE(fs::exists(dir.sub("a/b/c/out.txt")));
}

TEST(OutputTest, DatasetFolderCarriesWhatOrgnetDidNotWrite) {
  TwoVersions v;
  TempDir dir;
  const std::string target = dir.sub("ds");
  ASSERT_TRUE(v.old_net.Save(target).ok());
  std::ofstream(target + "/README.txt") << "notes";
  fs::create_directories(target + "/attachments/2026");
  std::ofstream(target + "/attachments/2026/minutes.txt") << "minutes";
  fs::create_symlink("README.txt", target + "/readme-link");
  ASSERT_EQ(chmod(target.c_str(), 0750), 0);
  ASSERT_TRUE(v.new_net.Save(target).ok());
  EXPECT_EQ(ReadFile(target + "/README.txt"), "notes");
  EXPECT_EQ(ReadFile(target + "/attachments/2026/minutes.txt"), "minutes");
  EXPECT_EQ(fs::read_symlink(target + "/readme-link"), "README.txt");
  struct stat st;
  ASSERT_EQ(stat(target.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0750u);
  EXPECT_EQ(MustLoad(target).rows(Table::kMembers), v.new_net.rows(Table::kMembers));
  // Nothing is left beside the folder.
  EXPECT_EQ(Names(dir.path()), std::vector<std::string>{"ds"});
}

TEST(OutputTest, DatasetFolderRefusesWhatItCannotReplace) {
  TwoVersions v;
  TempDir dir;
  // A folder of other things is not a dataset: nothing in it is touched.
  fs::create_directories(dir.sub("home"));
  std::ofstream(dir.sub("home/letter.txt")) << "dear";
  const absl::Status home = v.old_net.Save(dir.sub("home"));
  EXPECT_EQ(home.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(home.message(), dir.sub("home") +
                                ": neither empty nor a dataset folder (it holds no orgs.csv, no "
                                "other table file and no manifest.csv); a dataset is saved only "
                                "into a new, an empty or a dataset folder");
  EXPECT_EQ(Names(dir.sub("home")), std::vector<std::string>{"letter.txt"});
  // A user's table file that the network lacks is neither removed nor left to load with it.
  const std::string target = dir.sub("ds");
  const Network fixture = MustLoad(ORGNET_TEST_DATA_DIR "/fixture");
  ASSERT_TRUE(fixture.Save(target).ok());
  ASSERT_FALSE(fixture.has_table(Table::kFunds));
  std::ofstream(target + "/funds.csv") << "org,source,year,amount\n";
  const auto before = Contents(target);
  const absl::Status funds = fixture.Save(target);
  EXPECT_EQ(funds.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(funds.message(), target + "/funds.csv: a table this dataset does not have; orgnet "
                                      "neither removes it nor leaves it beside the new tables (it "
                                      "would load as part of them): move it away or save into "
                                      "another folder");
  EXPECT_EQ(Differences(Contents(target), before), "");
  EXPECT_EQ(Names(dir.path()), (std::vector<std::string>{"ds", "home"}));
}

TEST(OutputTest, ExportFolderReplacesOnlyItsOwn) {
  TempDir dir;
  const std::string target = dir.sub("export");
  auto write = [&](std::vector<std::string> names) -> absl::Status {
    auto folder = OutputFolder::Create(target, FolderKind::kExport);
    if (!folder.ok()) return folder.status();
    for (const std::string& name : names) {
      auto file = folder->AddFile(name);
      if (!file.ok()) return file.status();
      if (absl::Status s = file->Write(name + " content"); !s.ok()) return s;
      if (absl::Status s = file->Commit(); !s.ok()) return s;
    }
    return folder->Commit();
  };
  ASSERT_TRUE(write({"a.csv", "b.csv"}).ok());
  EXPECT_EQ(ReadFile(target + "/.orgnet-export"), "a.csv\nb.csv\n");
  std::ofstream(target + "/mine.txt") << "user's";
  ASSERT_TRUE(write({"a.csv", "c.csv"}).ok());
  // b.csv was the earlier export's and goes; mine.txt was not and stays.
  EXPECT_EQ(Names(target), (std::vector<std::string>{".orgnet-export", "a.csv", "c.csv", "mine.txt"}));
  // A dataset folder is not an export's: refused, untouched.
  fs::create_directories(dir.sub("ds"));
  std::ofstream(dir.sub("ds/orgs.csv")) << "id,name,kind,parent\n";
  auto refused = OutputFolder::Create(dir.sub("ds"), FolderKind::kExport);
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(Names(dir.sub("ds")), std::vector<std::string>{"orgs.csv"});
  // Names that are not plain, markers and repeats are refused; an unfinished file blocks.
  auto folder = OutputFolder::Create(target, FolderKind::kExport);
  ASSERT_TRUE(folder.ok());
  for (const char* bad : {"", ".", "..", "a/b", ".orgnet-export", ".orgnet-incomplete"}) {
    EXPECT_EQ(folder->AddFile(bad).status().code(), absl::StatusCode::kInvalidArgument) << bad;
  }
  auto open = folder->AddFile("x.csv");
  ASSERT_TRUE(open.ok());
  EXPECT_EQ(folder->AddFile("x.csv").status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(folder->Commit().code(), absl::StatusCode::kFailedPrecondition);
}

TEST(OutputTest, AnUnfinishedFolderIsRefusedByLoad) {
  TwoVersions v;
  TempDir dir;
  ASSERT_TRUE(v.old_net.Save(dir.sub("ds")).ok());
  std::ofstream(dir.sub("ds/.orgnet-incomplete")) << "";
  auto loaded = Network::Load(dir.sub("ds"));
  EXPECT_EQ(loaded.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(loaded.status().message(),
            dir.sub("ds") + ": a write of this folder did not finish (it holds "
                            ".orgnet-incomplete); it is not a whole dataset: load the folder it "
                            "was to replace");
}

// Saves `next` over `target` (which holds `before`) with the output's `step`-th step failing
// or killing the writer; returns whether the step was reached.
class EveryStep : public ::testing::Test {
 protected:
  // The two versions and the files each saves to (the old and new contents a folder may hold).
  void SetUp() override {
    ASSERT_TRUE(v_.old_net.Save(reference_.sub("old")).ok());
    ASSERT_TRUE(v_.new_net.Save(reference_.sub("new")).ok());
    old_files_ = Contents(reference_.sub("old"));
    new_files_ = Contents(reference_.sub("new"));
    ASSERT_NE(old_files_, new_files_);
  }
  TwoVersions v_;
  TempDir reference_;
  Files old_files_, new_files_;

  // The folder holds exactly the files of one of the two versions, and loads.
  static void ExpectOldOrNew(const std::string& target, const std::map<std::string, std::string>& a,
                             const std::map<std::string, std::string>& b, const std::string& when) {
    const auto now = Contents(target);
    EXPECT_TRUE(now == a || now == b) << when << ": the folder is a mix: against the old"
                                      << Differences(a, now) << ", against the new"
                                      << Differences(b, now);
    EXPECT_TRUE(Network::Load(target).ok()) << when;
  }
};

TEST_F(EveryStep, SaveOverADatasetFailingAtEachStepLeavesOldOrNew) {
  TwoVersions& v = v_;
  TempDir dir;
  const Files& old_files = old_files_;
  const Files& new_files = new_files_;
  const std::string target = dir.sub("ds");
  int steps = 0;
  for (int step = 1; step < 1000; ++step) {
    ASSERT_TRUE(v.old_net.Save(target).ok());
    internal::SetOutputFault(step, internal::FaultAction::kFail);
    const absl::Status status = v.new_net.Save(target);
    const bool reached = !internal::OutputFaultArmed();
    internal::SetOutputFault(0, internal::FaultAction::kFail);
    ExpectOldOrNew(target, old_files, new_files, "fault at step " + std::to_string(step));
    // A failed save leaves the old folder; only the last step, syncing the parent after the
    // exchange, fails with the new one in place (and says so: it may not be durable yet).
    const bool after_exchange = status.message().find("(its folder): fsync") != std::string::npos;
    if (!status.ok()) {
      EXPECT_EQ(Differences(Contents(target), after_exchange ? new_files : old_files), "")
          << "step " << step << ": " << status;
      EXPECT_NE(status.message().find("injected fault"), std::string::npos) << status;
    }
    if (!reached) {
      steps = step - 1;
      break;
    }
  }
  // Every create, write, sync, link, exchange and removal was a step (11 or so files).
  EXPECT_GT(steps, 30);
  ASSERT_TRUE(v.new_net.Save(target).ok());
  EXPECT_EQ(Names(dir.path()), std::vector<std::string>{"ds"});  // leftovers were swept
}

// A child process saves and is killed with SIGKILL at the given step.
int SaveKilledAt(int step, const std::function<absl::Status()>& save) {
  const pid_t pid = fork();
  if (pid == 0) {
    internal::SetOutputFault(step, internal::FaultAction::kKill);
    _exit(save().ok() ? 0 : 3);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) return -1;  // killed
  return WIFEXITED(status) ? WEXITSTATUS(status) : 99;
}

TEST_F(EveryStep, SaveKilledAtEachStepLeavesOldOrNew) {
  TwoVersions& v = v_;
  TempDir dir;
  const Files& old_files = old_files_;
  const Files& new_files = new_files_;
  for (const bool exists : {true, false}) {
    const std::string target = dir.sub(exists ? "over" : "fresh");
    int kills = 0;
    for (int step = 1; step < 1000; ++step) {
      if (exists) {
        ASSERT_TRUE(v.old_net.Save(target).ok());
      } else {
        fs::remove_all(target);
      }
      const int outcome = SaveKilledAt(step, [&] { return v.new_net.Save(target); });
      const std::string when = std::string(exists ? "over" : "new") + " folder, killed at step " +
                               std::to_string(step);
      if (exists) {
        ExpectOldOrNew(target, old_files, new_files, when);
      } else if (fs::exists(target)) {  // a new folder appears whole or not at all
        EXPECT_EQ(Differences(Contents(target), new_files), "") << when;
      }
      if (outcome != -1) {
        EXPECT_EQ(outcome, 0) << when;
        EXPECT_EQ(Differences(Contents(target), new_files), "") << "the save ran to its end";
        break;
      }
      ++kills;
    }
    EXPECT_GT(kills, 30);
  }
  // The next write sweeps the temporaries that the killed writers left.
  ASSERT_TRUE(v.new_net.Save(dir.sub("over")).ok());
  ASSERT_TRUE(v.new_net.Save(dir.sub("fresh")).ok());
  EXPECT_EQ(Names(dir.path()), (std::vector<std::string>{"fresh", "over"}));
}

TEST_F(EveryStep, SnapshotKilledAtEachStepIsOldOrNew) {
  TwoVersions v;
  TempDir dir;
  const std::string path = dir.sub("net.orgnet");
  ASSERT_TRUE(v.old_net.SaveSnapshot(dir.sub("old.orgnet")).ok());
  ASSERT_TRUE(v.new_net.SaveSnapshot(dir.sub("new.orgnet")).ok());
  const std::string old_bytes = ReadFile(dir.sub("old.orgnet"));
  const std::string new_bytes = ReadFile(dir.sub("new.orgnet"));
  int kills = 0;
  for (int step = 1; step < 1000; ++step) {
    ASSERT_TRUE(v.old_net.SaveSnapshot(path).ok());
    const int outcome = SaveKilledAt(step, [&] { return v.new_net.SaveSnapshot(path); });
    const std::string now = ReadFile(path);
    EXPECT_TRUE(now == old_bytes || now == new_bytes) << "killed at step " << step;
    if (outcome != -1) {
      EXPECT_EQ(now, new_bytes);
      break;
    }
    ++kills;
  }
  EXPECT_GE(kills, 4);  // create, writes, fsync, rename, folder fsync
}

TEST_F(EveryStep, ConcurrentSavesEndWithOneWholeDataset) {
  TwoVersions& v = v_;
  TempDir dir;
  const Files& old_files = old_files_;
  const Files& new_files = new_files_;
  const std::string target = dir.sub("ds");
  for (int round = 0; round < 50; ++round) {
    absl::Status a, b;
    std::thread first([&] { a = v.old_net.Save(target); });
    std::thread second([&] { b = v.new_net.Save(target); });
    first.join();
    second.join();
    EXPECT_TRUE(a.ok()) << a;
    EXPECT_TRUE(b.ok()) << b;
    const auto now = Contents(target);
    EXPECT_TRUE(now == old_files || now == new_files) << "round " << round << ": torn";
    EXPECT_EQ(Names(dir.path()), std::vector<std::string>{"ds"}) << "round " << round;
  }
}

}  // namespace
}  // namespace orgnet
