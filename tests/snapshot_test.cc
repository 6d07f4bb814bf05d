// Snapshots (issue 12): a saved and reopened network answers every query as the network that
// was saved (district, fixture, edited versions, an edit of an opened snapshot), saves are
// atomic, and damaged or crafted files are rejected with their exact messages. The damaged
// files are made here from the fixture; their expected messages are built from the file's own
// directory, so each names the section and offset the reader must name.
#include <sys/stat.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "add_row.h"
#include "gtest/gtest.h"
#include "orgnet/builder.h"
#include "orgnet/network.h"
#include "snapshot/format.h"
#include "snapshot/reader.h"
#include "fingerprint.h"
#include "test_util.h"

namespace orgnet {
namespace {

namespace fmt = internal::snapshot;
using testing::Fingerprint;
using testing::FirstDifference;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}
void WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

Network MustLoad(const std::string& folder) {
  auto net = Network::Load(folder);
  EXPECT_TRUE(net.ok()) << net.status();
  return net.ok() ? *std::move(net) : Network();
}

// Saves @p net as a snapshot, opens it in @p check mode and compares the fingerprints.
void ExpectSameAfterSnapshot(const Network& net, SnapshotCheck check = SnapshotCheck::kVerified) {
  testing::TempDir dir;
  const std::string path = dir.sub("net.orgnet");
  ASSERT_TRUE(net.SaveSnapshot(path).ok());
  SnapshotOptions options;
  options.check = check;
  auto opened = Network::OpenSnapshot(path, options);
  ASSERT_TRUE(opened.ok()) << opened.status();
  EXPECT_EQ(FirstDifference(Fingerprint(*opened), Fingerprint(net)), "");
  EXPECT_EQ(opened->manifest_entries(), net.manifest_entries());
  EXPECT_EQ(opened->as_of(), net.as_of());
  EXPECT_NE(opened->version(), net.version());
  EXPECT_EQ(opened->parent_version(), 0u);
  // Saved again as CSV, the opened network gives the same files as the original.
  ASSERT_TRUE(net.Save(dir.sub("a")).ok());
  ASSERT_TRUE(opened->Save(dir.sub("b")).ok());
  for (const auto& entry : std::filesystem::directory_iterator(dir.sub("a"))) {
    EXPECT_EQ(ReadFile(entry.path().string()),
              ReadFile(dir.sub("b") + "/" + entry.path().filename().string()))
        << entry.path();
  }
}

TEST(SnapshotTest, DistrictAnswersAsTheLoadedNetwork) {
  const Network net = MustLoad(ORGNET_EXAMPLES_DIR "/district");
  ASSERT_GT(net.rows(Table::kMembers), 1000u);
  ExpectSameAfterSnapshot(net);
  ExpectSameAfterSnapshot(net, SnapshotCheck::kTrusted);
}

TEST(SnapshotTest, ReadIntoMemoryItOutlivesItsFile) {
  const Network net = MustLoad(ORGNET_EXAMPLES_DIR "/district");
  testing::TempDir dir;
  const std::string path = dir.sub("d.orgnet");
  ASSERT_TRUE(net.SaveSnapshot(path).ok());
  SnapshotOptions in_memory;
  in_memory.load_into_memory = true;
  auto opened = Network::OpenSnapshot(path, in_memory);
  ASSERT_TRUE(opened.ok()) << opened.status();
  // Truncated by another process: a mapped network would get SIGBUS here, this one reads on.
  std::filesystem::resize_file(path, 0);
  EXPECT_EQ(FirstDifference(Fingerprint(*opened), Fingerprint(net)), "");
  in_memory.check = SnapshotCheck::kTrusted;
  auto empty = Network::OpenSnapshot(path, in_memory);
  EXPECT_EQ(empty.status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(SnapshotTest, TestDatasetsAnswerAsLoaded) {
  for (const char* name : {"fixture", "live1", "live2", "coverage", "cobuild", "service"}) {
    SCOPED_TRACE(name);
    ExpectSameAfterSnapshot(MustLoad(std::string(ORGNET_TEST_DATA_DIR "/") + name));
  }
}

TEST(SnapshotTest, EmptyNetworkAndBuiltNetworkRoundTrip) {
  ExpectSameAfterSnapshot(Network());
  NetworkBuilder builder;
  AddRowOrFail(builder, Table::kOrgs, {{"id", "a"}, {"name", "甲"}, {"kind", "district"}});
  AddRowOrFail(builder, Table::kOrgs, {{"id", "b"}, {"name", "乙"}, {"kind", "street"}, {"parent", "a"}});
  auto built = builder.Build();
  ASSERT_TRUE(built.ok()) << built.status();
  ExpectSameAfterSnapshot(*built);
}

TEST(SnapshotTest, EditedVersionsSaveAndOpenLikeAnyOther) {
  const Network base = MustLoad(ORGNET_TEST_DATA_DIR "/fixture");
  EditBatch in_place;  // plain cells, a new member, a member removed: all applied in place
  in_place.Set(Table::kMembers, "M1", "name", "李四");
  in_place.Insert(Table::kMembers, {{"id", "M9"}, {"name", "新"}, {"org", "B1"}, {"status", "formal"}});
  in_place.Remove(Table::kMembers, "M2");
  auto edited = base.Edit(in_place);
  ASSERT_TRUE(edited.ok()) << edited.status();
  ExpectSameAfterSnapshot(*edited);
  EditBatch rebuild;  // a new org: the rebuild path
  rebuild.Insert(Table::kOrgs, {{"id", "N1"}, {"name", "新支部"}, {"kind", "branch"}, {"parent", "C3"}});
  auto rebuilt = edited->Edit(rebuild);
  ASSERT_TRUE(rebuilt.ok()) << rebuilt.status();
  ExpectSameAfterSnapshot(*rebuilt);
}

TEST(SnapshotTest, AnOpenedSnapshotEditsAsTheLoadedNetwork) {
  const Network loaded = MustLoad(ORGNET_EXAMPLES_DIR "/district");
  testing::TempDir dir;
  ASSERT_TRUE(loaded.SaveSnapshot(dir.sub("d.orgnet")).ok());
  auto opened = Network::OpenSnapshot(dir.sub("d.orgnet"));
  ASSERT_TRUE(opened.ok()) << opened.status();
  // Cells set, a member removed (the last row moves), a link added: in place, so the edited
  // version's columns are patches over the mapped ones, copied on first change.
  EditBatch batch;
  batch.Set(Table::kMembers, std::string(loaded.id(Table::kMembers, 5)), "name", "改名");
  batch.Remove(Table::kMembers, std::string(loaded.id(Table::kMembers, 0)));
  batch.AddLink(std::string(loaded.org_id(3)), std::string(loaded.org_id(40)), "pairing",
                "2026-01-01");
  auto a = loaded.Edit(batch);
  auto b = opened->Edit(batch);
  ASSERT_TRUE(a.ok()) << a.status();
  ASSERT_TRUE(b.ok()) << b.status();
  EXPECT_EQ(FirstDifference(Fingerprint(*b), Fingerprint(*a)), "");
  // A reparent rebuilds the hierarchy and territory over the mapped columns.
  const Index community = *loaded.FindOrg(loaded.org_id(loaded.territory().grid_place(0).community));
  const Index street = loaded.territory().grid_place(0).street;
  Index other_street = kNone;
  for (Index v = 0; v < loaded.org_count() && other_street == kNone; ++v) {
    if (loaded.org_kind(v) == OrgKind::kStreet && v != street) other_street = v;
  }
  ASSERT_NE(other_street, kNone);
  EditBatch reparent;
  reparent.Reparent(std::string(loaded.org_id(community)), std::string(loaded.org_id(other_street)));
  auto c = a->Edit(reparent);
  auto d = b->Edit(reparent);
  ASSERT_TRUE(c.ok()) << c.status();
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_EQ(FirstDifference(Fingerprint(*d), Fingerprint(*c)), "");
  // And the edited version of the snapshot saves as a snapshot in turn.
  ExpectSameAfterSnapshot(*d);
}

TEST(SnapshotTest, SaveIsAtomicAndOpenNetworksKeepTheirFile) {
  const Network fixture = MustLoad(ORGNET_TEST_DATA_DIR "/fixture");
  const Network district = MustLoad(ORGNET_EXAMPLES_DIR "/district");
  testing::TempDir dir;
  const std::string path = dir.sub("net.orgnet");
  ASSERT_TRUE(fixture.SaveSnapshot(path).ok());
  auto old_open = Network::OpenSnapshot(path);
  ASSERT_TRUE(old_open.ok()) << old_open.status();
  // Replacing the file renames a new one over it: the open network keeps the old inode.
  ASSERT_TRUE(district.SaveSnapshot(path).ok());
  EXPECT_EQ(FirstDifference(Fingerprint(*old_open), Fingerprint(fixture)), "");
  auto new_open = Network::OpenSnapshot(path);
  ASSERT_TRUE(new_open.ok()) << new_open.status();
  EXPECT_EQ(new_open->rows(Table::kMembers), district.rows(Table::kMembers));
  // Nothing but the snapshot is left in the folder (the temporary file was renamed).
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    ++files;
    EXPECT_EQ(entry.path().filename(), "net.orgnet");
  }
  EXPECT_EQ(files, 1);
  struct stat st;
  ASSERT_EQ(stat(path.c_str(), &st), 0);
  // The mode is the umask's, as for any file a program creates.
  const mode_t mask = umask(0);
  umask(mask);
  EXPECT_EQ(st.st_mode & 0777, 0666u & ~mask);
  // Folders that do not exist are made (one rule for every output, orgnet/output.h).
  const absl::Status missing = fixture.SaveSnapshot(dir.sub("no/such/net.orgnet"));
  EXPECT_TRUE(missing.ok()) << missing;
  EXPECT_TRUE(Network::OpenSnapshot(dir.sub("no/such/net.orgnet")).ok());
  EXPECT_EQ(fixture.SaveSnapshot("").code(), absl::StatusCode::kInvalidArgument);
  const absl::Status folder = fixture.SaveSnapshot(dir.path());
  EXPECT_EQ(folder.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(folder.message(), dir.path() + ": a folder; a snapshot is one file");
  // A FIFO in the snapshot's place is refused without blocking.
  ASSERT_EQ(mkfifo(dir.sub("fifo").c_str(), 0600), 0);
  auto fifo = Network::OpenSnapshot(dir.sub("fifo"));
  EXPECT_EQ(fifo.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(fifo.status().message(), dir.sub("fifo") + ": not a regular file");
  EXPECT_FALSE(IsSnapshotFile(dir.sub("fifo")));
  std::filesystem::remove(dir.sub("fifo"));
}

TEST(SnapshotTest, OpenErrorsNameTheFile) {
  testing::TempDir dir;
  auto missing = Network::OpenSnapshot(dir.sub("none.orgnet"));
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(missing.status().message(), dir.sub("none.orgnet") + ": no such file");
  auto folder = Network::OpenSnapshot(dir.path());
  EXPECT_EQ(folder.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(folder.status().message(), dir.path() + ": a folder, not a snapshot file");
  SnapshotOptions bad;
  bad.check = static_cast<SnapshotCheck>(7);
  EXPECT_EQ(Network::OpenSnapshot(dir.sub("x"), bad).status().message(),
            "check is 7; it must be kVerified (0) or kTrusted (1)");
  EXPECT_FALSE(IsSnapshotFile(dir.path()));
  EXPECT_FALSE(IsSnapshotFile(dir.sub("none.orgnet")));
  ASSERT_TRUE(MustLoad(ORGNET_TEST_DATA_DIR "/fixture").SaveSnapshot(dir.sub("f.orgnet")).ok());
  EXPECT_TRUE(IsSnapshotFile(dir.sub("f.orgnet")));
  EXPECT_FALSE(IsSnapshotFile(ORGNET_TEST_DATA_DIR "/fixture/orgs.csv"));
}

// ---- damaged and crafted files ---------------------------------------------------------

// A snapshot's bytes with the means to find and damage its parts, and to make its checksums
// valid again (a crafted file).
class Bytes {
 public:
  explicit Bytes(std::string bytes) : bytes_(std::move(bytes)) {}
  std::string& str() { return bytes_; }
  fmt::Header header() const {
    fmt::Header h;
    std::memcpy(&h, bytes_.data(), sizeof h);
    return h;
  }
  void set_header(const fmt::Header& h) { std::memcpy(bytes_.data(), &h, sizeof h); }
  std::uint64_t entry_offset(std::size_t s) const {
    return header().directory_offset + s * sizeof(fmt::SectionEntry);
  }
  fmt::SectionEntry entry(std::size_t s) const {
    fmt::SectionEntry e;
    std::memcpy(&e, bytes_.data() + entry_offset(s), sizeof e);
    return e;
  }
  void set_entry(std::size_t s, const fmt::SectionEntry& e) {
    std::memcpy(bytes_.data() + entry_offset(s), &e, sizeof e);
  }
  std::size_t Find(fmt::SectionKind kind, Table table, int column) const {
    for (std::size_t s = 0; s < header().section_count; ++s) {
      const fmt::SectionEntry e = entry(s);
      if (e.kind == static_cast<std::uint32_t>(kind) && e.table == static_cast<int>(table) &&
          (column < 0 ? e.column == fmt::kNoTable : e.column == column)) {
        return s;
      }
    }
    ADD_FAILURE() << "no section";
    return 0;
  }
  template <typename T>
  T Get(std::size_t s, std::size_t i) const {
    T v;
    std::memcpy(&v, bytes_.data() + entry(s).offset + i * sizeof(T), sizeof v);
    return v;
  }
  template <typename T>
  void Put(std::size_t s, std::size_t i, T v) {
    std::memcpy(bytes_.data() + entry(s).offset + i * sizeof(T), &v, sizeof v);
  }
  // Valid checksums again: section s's, the directory's and the header's.
  void Reseal(std::size_t s) {
    fmt::SectionEntry e = entry(s);
    e.checksum = fmt::Checksum(bytes_.data() + e.offset, e.bytes);
    set_entry(s, e);
    ResealDirectory();
  }
  void ResealDirectory() {
    fmt::Header h = header();
    h.directory_checksum = fmt::Checksum(bytes_.data() + h.directory_offset,
                                         h.section_count * sizeof(fmt::SectionEntry));
    set_header(h);
    ResealHeader();
  }
  void ResealHeader() {
    fmt::Header h = header();
    h.header_checksum = fmt::Checksum(&h, fmt::kHeaderChecked);
    set_header(h);
  }

 private:
  std::string bytes_;
};

std::string Hex(std::uint64_t v) {
  char buffer[24];
  std::snprintf(buffer, sizeof buffer, "0x%016llx", static_cast<unsigned long long>(v));
  return buffer;
}

struct Damage {
  std::string name;
  std::function<void(Bytes&)> damage;
  absl::StatusCode code;
  // The message after "PATH: ", from the damaged bytes and the original ones.
  std::function<std::string(const Bytes& damaged, const Bytes& original)> message;
};

class DamagedSnapshotTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const Network net = MustLoad(ORGNET_TEST_DATA_DIR "/fixture");
    rows_ = net.rows(Table::kOrgs);
    // The catalog: table count, then orgs' presence, rows, column count and columns (type,
    // target, presence, encoding, width, name length, name each), then grids' presence byte.
    grids_present_at_ = 4 + 9;
    for (int c = 0; c < net.column_count(Table::kOrgs); ++c) {
      grids_present_at_ += 12 + net.column_name(Table::kOrgs, c).size();
    }
    ASSERT_TRUE(net.SaveSnapshot(dir_.sub("good.orgnet")).ok());
    good_ = ReadFile(dir_.sub("good.orgnet"));
  }
  testing::TempDir dir_;
  std::string good_;
  Index rows_ = 0;
  std::size_t grids_present_at_ = 0;
};

std::string SectionAt(const Bytes& b, std::size_t s, const std::string& label,
                      std::uint64_t byte = 0) {
  return "section " + std::to_string(s) + " (" + label + ") at offset " +
         std::to_string(b.entry(s).offset + byte);
}

TEST_F(DamagedSnapshotTest, EachDamageFailsWithItsExactMessage) {
  using K = fmt::SectionKind;
  const std::uint64_t size = good_.size();
  std::vector<Damage> cases = {
      {"empty file", [](Bytes& b) { b.str().clear(); }, absl::StatusCode::kInvalidArgument,
       [](const Bytes&, const Bytes&) {
         return std::string("not an orgnet snapshot: it starts with \"\" at offset 0, a snapshot "
                            "with \"ORGNET\\x1a\\n\" (the file has 0 bytes)");
       }},
      {"a zip file", [](Bytes& b) { b.str().replace(0, 4, "PK\x03\x04"); },
       absl::StatusCode::kInvalidArgument,
       [](const Bytes&, const Bytes&) {
         return std::string("not an orgnet snapshot: it starts with \"PK\\x03\\x04ET\\x1a\\x0a\" "
                            "at offset 0, a snapshot with \"ORGNET\\x1a\\n\"");
       }},
      {"a CSV file", [](Bytes& b) { b.str() = "id,name,kind\nD1,x,district\n"; },
       absl::StatusCode::kInvalidArgument,
       [](const Bytes&, const Bytes&) {
         return std::string("not an orgnet snapshot: it starts with \"id,name,\" at offset 0, a "
                            "snapshot with \"ORGNET\\x1a\\n\"");
       }},
      {"truncated in the header", [](Bytes& b) { b.str().resize(40); },
       absl::StatusCode::kDataLoss,
       [](const Bytes&, const Bytes&) {
         return std::string("header at offset 0: truncated: the header takes 64 bytes, the file "
                            "has 40");
       }},
      {"truncated in the directory", [](Bytes& b) { b.str().resize(b.str().size() - 100); },
       absl::StatusCode::kDataLoss,
       [size](const Bytes&, const Bytes&) {
         return "header at offset 16: truncated: the header gives " + std::to_string(size) +
                " bytes, the file has " + std::to_string(size - 100);
       }},
      {"bytes appended", [](Bytes& b) { b.str() += "0123456789"; }, absl::StatusCode::kDataLoss,
       [size](const Bytes&, const Bytes&) {
         return "header at offset 16: the header gives " + std::to_string(size) +
                " bytes, the file has " + std::to_string(size + 10);
       }},
      {"a newer format version",
       [](Bytes& b) {
         fmt::Header h = b.header();
         h.format_version = 2;
         b.set_header(h);
         b.ResealHeader();
       },
       absl::StatusCode::kFailedPrecondition,
       [](const Bytes&, const Bytes&) {
         return std::string("header at offset 8: snapshot format version 2 is not one this "
                            "library reads (orgnet ") +
                ORGNET_TEST_VERSION +
                " reads versions 1 to 1): open it with the orgnet that wrote it, or save the data "
                "again with this one";
       }},
      {"the other byte order",
       [](Bytes& b) {
         fmt::Header h = b.header();
         h.byte_order = 0x04030201;
         b.set_header(h);
       },
       absl::StatusCode::kFailedPrecondition,
       [](const Bytes&, const Bytes&) {
         return std::string("header at offset 12: byte-order mark 0x0000000004030201 (expected "
                            "0x0000000001020304): the file was written on a machine of the other "
                            "byte order, or is damaged");
       }},
      {"a bit flipped in the header",
       [](Bytes& b) { b.str()[20] ^= 0x10; }, absl::StatusCode::kDataLoss,
       [](const Bytes& d, const Bytes&) {
         const fmt::Header h = d.header();
         return "header at offset 56: checksum " + Hex(h.header_checksum) +
                " does not match the header's bytes (" +
                Hex(fmt::Checksum(&h, fmt::kHeaderChecked)) + ")";
       }},
      {"a bit flipped in the directory",
       [](Bytes& b) { b.str()[b.entry_offset(3) + 9] ^= 0x01; }, absl::StatusCode::kDataLoss,
       [](const Bytes& d, const Bytes&) {
         const fmt::Header h = d.header();
         return "directory at offset " + std::to_string(h.directory_offset) + ": checksum " +
                Hex(fmt::Checksum(d.header().directory_offset + const_cast<Bytes&>(d).str().data(),
                                  h.section_count * sizeof(fmt::SectionEntry))) +
                " does not match the header's " + Hex(h.directory_checksum);
       }},
      {"a directory that does not fit",
       [](Bytes& b) {
         fmt::Header h = b.header();
         h.section_count = 1000000000;
         b.set_header(h);
         b.ResealHeader();
       },
       absl::StatusCode::kDataLoss,
       [size](const Bytes& d, const Bytes&) {
         return "header at offset 24: the directory of 1000000000 sections at offset " +
                std::to_string(d.header().directory_offset) + " does not fit in the file's " +
                std::to_string(size) + " bytes";
       }},
      {"an oversized section length",
       [](Bytes& b) {
         const std::size_t s = b.Find(K::kRefs, Table::kMembers, col::kMemberOrg);
         fmt::SectionEntry e = b.entry(s);
         e.bytes = std::uint64_t{1} << 63;
         b.set_entry(s, e);
         b.ResealDirectory();
       },
       absl::StatusCode::kDataLoss,
       [](const Bytes& d, const Bytes&) {
         const std::size_t s = d.Find(K::kRefs, Table::kMembers, col::kMemberOrg);
         return "directory entry " + std::to_string(s) + " at offset " +
                std::to_string(d.entry_offset(s)) + ": section " + std::to_string(s) +
                " (references) of 9223372036854775808 bytes at offset " +
                std::to_string(d.entry(s).offset) + " lies outside the data (offsets 64 to " +
                std::to_string(d.header().directory_offset) + ", multiples of 64)";
       }},
      {"an offset past the end",
       [size](Bytes& b) {
         fmt::SectionEntry e = b.entry(1);
         e.offset = (size + 64) / 64 * 64;
         b.set_entry(1, e);
         b.ResealDirectory();
       },
       absl::StatusCode::kDataLoss,
       [](const Bytes& d, const Bytes&) {
         const fmt::SectionEntry e = d.entry(1);
         return "directory entry 1 at offset " + std::to_string(d.entry_offset(1)) +
                ": section 1 (" + std::string(fmt::SectionKindName(e.kind)) + ") of " +
                std::to_string(e.bytes) + " bytes at offset " + std::to_string(e.offset) +
                " lies outside the data (offsets 64 to " +
                std::to_string(d.header().directory_offset) + ", multiples of 64)";
       }},
      {"an offset into the header",
       [](Bytes& b) {
         fmt::SectionEntry e = b.entry(2);
         e.offset = 0;
         b.set_entry(2, e);
         b.ResealDirectory();
       },
       absl::StatusCode::kDataLoss,
       [](const Bytes& d, const Bytes&) {
         const fmt::SectionEntry e = d.entry(2);
         return "directory entry 2 at offset " + std::to_string(d.entry_offset(2)) +
                ": section 2 (" + std::string(fmt::SectionKindName(e.kind)) + ") of " +
                std::to_string(e.bytes) + " bytes at offset 0 lies outside the data (offsets 64 "
                "to " + std::to_string(d.header().directory_offset) + ", multiples of 64)";
       }},
      {"an unknown section kind",
       [](Bytes& b) {
         fmt::SectionEntry e = b.entry(4);
         e.kind = 12;
         b.set_entry(4, e);
         b.ResealDirectory();
       },
       absl::StatusCode::kDataLoss,
       [](const Bytes& d, const Bytes&) {
         return "directory entry 4 at offset " + std::to_string(d.entry_offset(4)) +
                ": unknown section kind 12";
       }},
      {"a section twice",
       [](Bytes& b) {
         const std::size_t s = b.Find(K::kRefs, Table::kMembers, col::kMemberOrg);
         b.set_entry(s + 1, b.entry(s));
         b.ResealDirectory();
       },
       absl::StatusCode::kDataLoss,
       [](const Bytes& d, const Bytes&) {
         const std::size_t s = d.Find(K::kRefs, Table::kMembers, col::kMemberOrg) + 1;
         return SectionAt(d, s, "members.org references") + ": a second copy of a section";
       }},
      {"a bit flipped in a text section",
       [](Bytes& b) {
         const std::size_t s = b.Find(K::kTextBytes, Table::kMembers, col::kMemberName);
         b.str()[b.entry(s).offset + 1] ^= 0x01;
       },
       absl::StatusCode::kDataLoss,
       [](const Bytes& d, const Bytes& o) {
         const std::size_t s = d.Find(K::kTextBytes, Table::kMembers, col::kMemberName);
         const fmt::SectionEntry e = d.entry(s);
         return SectionAt(d, s, "members.name text") + ": checksum " +
                Hex(fmt::Checksum(const_cast<Bytes&>(d).str().data() + e.offset, e.bytes)) +
                " does not match the directory's " + Hex(o.entry(s).checksum);
       }},
      {"a reference past the end (checksums made valid)",
       [](Bytes& b) {
         const std::size_t s = b.Find(K::kRefs, Table::kMembers, col::kMemberOrg);
         b.Put<Index>(s, 2, 999);
         b.Reseal(s);
       },
       absl::StatusCode::kDataLoss,
       [this](const Bytes& d, const Bytes&) {
         const std::size_t s = d.Find(K::kRefs, Table::kMembers, col::kMemberOrg);
         return SectionAt(d, s, "members.org references", 8) +
                ": row 2 refers to orgs row 999, past the " + std::to_string(rows_) +
                " rows of orgs";
       }},
      {"a required reference emptied (checksums made valid)",
       [](Bytes& b) {
         const std::size_t s = b.Find(K::kRefs, Table::kGrids, col::kGridCommunity);
         b.Put<Index>(s, 1, kNone);
         b.Reseal(s);
       },
       absl::StatusCode::kDataLoss,
       [](const Bytes& d, const Bytes&) {
         const std::size_t s = d.Find(K::kRefs, Table::kGrids, col::kGridCommunity);
         return SectionAt(d, s, "grids.community references", 4) +
                ": row 1 is empty; the column is required";
       }},
      {"an absent table with rows and an empty required reference (checksums made valid)",
       [this](Bytes& b) {
         b.Put<std::uint8_t>(0, grids_present_at_, 0);  // grids "absent", its rows kept
         b.Reseal(0);
         const std::size_t s = b.Find(K::kRefs, Table::kGrids, col::kGridCommunity);
         b.Put<Index>(s, 1, kNone);
         b.Reseal(s);
       },
       absl::StatusCode::kDataLoss,
       [](const Bytes& d, const Bytes&) {
         const std::size_t s = d.Find(K::kRefs, Table::kGrids, col::kGridCommunity);
         return SectionAt(d, s, "grids.community references", 4) +
                ": row 1 is empty; the column is required";
       }},
      {"text ends that go backwards (checksums made valid)",
       [](Bytes& b) {
         const std::size_t s = b.Find(K::kTextEnds, Table::kOrgs, col::kOrgName);
         b.Put<std::uint32_t>(s, 2, b.Get<std::uint32_t>(s, 1) - 1);
         b.Reseal(s);
       },
       absl::StatusCode::kDataLoss,
       [](const Bytes& d, const Bytes&) {
         const std::size_t s = d.Find(K::kTextEnds, Table::kOrgs, col::kOrgName);
         const std::size_t text = d.Find(K::kTextBytes, Table::kOrgs, col::kOrgName);
         return SectionAt(d, s, "orgs.name text ends", 8) + ": row 2 ends its text at byte " +
                std::to_string(d.Get<std::uint32_t>(s, 2)) + " (the row before at " +
                std::to_string(d.Get<std::uint32_t>(s, 1)) + ", the text has " +
                std::to_string(d.entry(text).bytes) + " bytes)";
       }},
      {"a text byte that is not UTF-8 (checksums made valid)",
       [](Bytes& b) {
         const std::size_t s = b.Find(K::kTextBytes, Table::kOrgs, col::kOrgName);
         b.str()[b.entry(s).offset + 1] = 'A';  // the second byte of 和 (E5 92 8C)
         b.Reseal(s);
       },
       absl::StatusCode::kDataLoss,
       [](const Bytes& d, const Bytes&) {
         const std::size_t s = d.Find(K::kTextBytes, Table::kOrgs, col::kOrgName);
         return SectionAt(d, s, "orgs.name text") +
                ": the text is not valid: invalid UTF-8 (byte 0xE5)";
       }},
      {"a NUL byte in a text cell (checksums made valid)",
       [](Bytes& b) {
         const std::size_t s = b.Find(K::kTextBytes, Table::kOrgs, col::kOrgName);
         b.str()[b.entry(s).offset + 12] = '\0';  // the first byte of row 1's name
         b.Reseal(s);
       },
       absl::StatusCode::kDataLoss,
       [](const Bytes& d, const Bytes&) {
         const std::size_t s = d.Find(K::kTextBytes, Table::kOrgs, col::kOrgName);
         return SectionAt(d, s, "orgs.name text", 12) + ": the text is not valid: NUL byte (0x00): text holds none";
       }},
      {"a cell that starts inside a character (checksums made valid)",
       [](Bytes& b) {
         const std::size_t s = b.Find(K::kTextEnds, Table::kOrgs, col::kOrgName);
         b.Put<std::uint32_t>(s, 0, 13);  // 和平区委 ends at 12; 南 (E5 8D 97) starts there
         b.Reseal(s);
       },
       absl::StatusCode::kDataLoss,
       [](const Bytes& d, const Bytes&) {
         const std::size_t s = d.Find(K::kTextEnds, Table::kOrgs, col::kOrgName);
         return SectionAt(d, s, "orgs.name text ends") +
                ": row 0 ends its text inside a character (at byte 13)";
       }},
      {"an id index slot past the rows (checksums made valid)",
       [](Bytes& b) {
         const std::size_t s = b.Find(K::kIdSlots, Table::kMembers, -1);
         b.Put<Index>(s, 3, 5000);
         b.Reseal(s);
       },
       absl::StatusCode::kDataLoss,
       [](const Bytes& d, const Bytes&) {
         const std::size_t s = d.Find(K::kIdSlots, Table::kMembers, -1);
         return SectionAt(d, s, "members id index", 12) +
                ": slot 3 holds row 5000, past the table's 4 rows";
       }},
      {"an id index without an empty slot (checksums made valid)",
       [](Bytes& b) {
         const std::size_t s = b.Find(K::kIdSlots, Table::kMembers, -1);
         for (std::size_t i = 0; i < b.entry(s).bytes / 4; ++i) b.Put<Index>(s, i, 0);
         b.Reseal(s);
       },
       absl::StatusCode::kDataLoss,
       [](const Bytes& d, const Bytes&) {
         const std::size_t s = d.Find(K::kIdSlots, Table::kMembers, -1);
         return SectionAt(d, s, "members id index") +
                ": no empty slot: a lookup of an absent id would not end";
       }},
      {"a loop in the leadership tree (checksums made valid)",
       [](Bytes& b) {
         const std::size_t s = b.Find(K::kRefs, Table::kOrgs, col::kOrgParent);
         b.Put<Index>(s, 0, 3);  // the district under one of its own descendants
         b.Reseal(s);
       },
       absl::StatusCode::kDataLoss,
       [](const Bytes& d, const Bytes&) {
         const std::size_t s = d.Find(K::kRefs, Table::kOrgs, col::kOrgParent);
         return SectionAt(d, s, "orgs.parent references") +
                ": the leadership chain of orgs row 0 comes back to it";
       }},
      {"a date past 9999-12-31 (checksums made valid)",
       [](Bytes& b) {
         const std::size_t s = b.Find(K::kDates, Table::kMembers, col::kMemberLastContact);
         b.Put<Date>(s, 1, kMaxDate + 1);
         b.Reseal(s);
       },
       absl::StatusCode::kDataLoss,
       [](const Bytes& d, const Bytes&) {
         const std::size_t s = d.Find(K::kDates, Table::kMembers, col::kMemberLastContact);
         return SectionAt(d, s, "members.last_contact dates", 4) + ": row 1 holds day " +
                std::to_string(kMaxDate + 1) + ", not a date from 0001-01-01 to 9999-12-31";
       }},
      {"a status code that is no status (checksums made valid)",
       [](Bytes& b) {
         const std::size_t s = b.Find(K::kTwoBit, Table::kMembers, col::kMemberStatus);
         b.Put<std::uint8_t>(s, 0, static_cast<std::uint8_t>(b.Get<std::uint8_t>(s, 0) | 0x0C));
         b.Reseal(s);
       },
       absl::StatusCode::kDataLoss,
       [](const Bytes& d, const Bytes&) {
         const std::size_t s = d.Find(K::kTwoBit, Table::kMembers, col::kMemberStatus);
         return SectionAt(d, s, "members.status flags") +
                ": row 1 holds code 3; the column's codes are 0 to 1";
       }},
      {"a coordinate out of range (checksums made valid)",
       [](Bytes& b) {
         const std::size_t s = b.Find(K::kReals, Table::kGrids, col::kGridLon);
         b.Put<double>(s, 0, 500.0);
         b.Reseal(s);
       },
       absl::StatusCode::kDataLoss,
       [](const Bytes& d, const Bytes&) {
         const std::size_t s = d.Find(K::kReals, Table::kGrids, col::kGridLon);
         return SectionAt(d, s, "grids.lon reals") +
                ": row 0 holds 500, outside the column's range -180 to 180";
       }},
      {"a negative household count (checksums made valid)",
       [](Bytes& b) {
         const std::size_t s = b.Find(K::kIntegers, Table::kGrids, col::kGridHouseholds);
         b.Put<std::int64_t>(s, 0, -5);
         b.Reseal(s);
       },
       absl::StatusCode::kDataLoss,
       [](const Bytes& d, const Bytes&) {
         const std::size_t s = d.Find(K::kIntegers, Table::kGrids, col::kGridHouseholds);
         return SectionAt(d, s, "grids.households integers") +
                ": row 0 holds -5, outside the column's range 0 to 2147483647";
       }},
      {"a catalog with other row counts (checksums made valid)",
       [](Bytes& b) {
         // orgs' row count: after the table count (4) and the presence byte (1).
         b.Put<std::uint8_t>(0, 5, static_cast<std::uint8_t>(b.Get<std::uint8_t>(0, 5) + 1));
         b.Reseal(0);
       },
       absl::StatusCode::kDataLoss,
       [this](const Bytes& d, const Bytes&) {
         const std::size_t s = d.Find(K::kTextEnds, Table::kOrgs, col::kOrgId);
         return SectionAt(d, s, "orgs.id text ends") + ": " + std::to_string(rows_ * 4) +
                " bytes; " + std::to_string(rows_ + 1) + " rows take " +
                std::to_string((rows_ + 1) * 4);
       }},
      {"a catalog whose column has another type (checksums made valid)",
       [](Bytes& b) {
         // orgs' first column's type byte: after table count, presence, rows, columns.
         b.Put<std::uint8_t>(0, 13, static_cast<std::uint8_t>(ColumnType::kRef));
         b.Reseal(0);
       },
       absl::StatusCode::kDataLoss,
       [](const Bytes& d, const Bytes&) {
         return "section 0 (catalog) at offset " + std::to_string(d.entry(0).offset + 13) +
                ": table orgs: column 0 (\"id\") has type 2 and target 0; the format's has type 0 and "
                "target 0";
       }},
      {"a catalog cut short (checksums made valid)",
       [](Bytes& b) {
         fmt::SectionEntry e = b.entry(0);
         e.bytes = 30;
         b.set_entry(0, e);
         b.Reseal(0);
       },
       absl::StatusCode::kDataLoss,
       [](const Bytes& d, const Bytes&) {
         // After the table count, orgs' presence, rows and column count: 13 bytes in.
         return "section 0 (catalog) at offset " + std::to_string(d.entry(0).offset + 13) +
                ": table orgs: 7 columns do not fit in the 17 bytes left";
       }},
  };
  ASSERT_GE(cases.size(), 15u);
  const Bytes original(good_);
  int n = 0;
  for (const Damage& c : cases) {
    SCOPED_TRACE(c.name);
    Bytes damaged(good_);
    c.damage(damaged);
    const std::string path = dir_.sub("damaged-" + std::to_string(n++) + ".orgnet");
    WriteFile(path, damaged.str());
    auto opened = Network::OpenSnapshot(path);
    ASSERT_FALSE(opened.ok());
    EXPECT_EQ(opened.status().code(), c.code);
    EXPECT_EQ(std::string(opened.status().message()), path + ": " + c.message(damaged, original));
    // The in-memory reader (the fuzz target's) says the same, naming what it is given.
    auto in_memory = internal::OpenSnapshotBytes(std::make_shared<const std::string>(damaged.str()),
                                                 "mem", SnapshotOptions{});
    ASSERT_FALSE(in_memory.ok());
    EXPECT_EQ(std::string(in_memory.status().message()), "mem: " + c.message(damaged, original));
  }
}

// Where column @p column of @p table starts in the catalog (see ReadCatalog): the table count,
// then per table presence, rows and column count, then its columns' entries.
std::size_t CatalogColumnAt(const Network& net, Table table, int column) {
  std::size_t at = 4;
  for (int t = 0; t <= static_cast<int>(table); ++t) {
    at += 9;
    const int columns = t == static_cast<int>(table) ? column : net.column_count(static_cast<Table>(t));
    for (int c = 0; c < columns; ++c) at += 12 + net.column_name(static_cast<Table>(t), c).size();
  }
  return at;
}

// The district's columns are large enough to be compressed (the fixture's are not): member
// ids of one width, org kinds as a dictionary. Their sections are checked as the others.
TEST(EncodedSnapshotTest, FixedWidthAndDictionaryColumnsAreCheckedToo) {
  using K = fmt::SectionKind;
  const Network net = MustLoad(ORGNET_EXAMPLES_DIR "/district");
  testing::TempDir dir;
  ASSERT_TRUE(net.SaveSnapshot(dir.sub("d.orgnet")).ok());
  const Bytes good(ReadFile(dir.sub("d.orgnet")));
  const std::size_t id_at = CatalogColumnAt(net, Table::kMembers, col::kMemberId);
  const std::size_t kind_at = CatalogColumnAt(net, Table::kOrgs, col::kOrgKind);
  ASSERT_EQ(good.Get<std::uint8_t>(0, id_at + 3), 1);    // fixed width
  ASSERT_EQ(good.Get<std::uint8_t>(0, kind_at + 3), 2);  // dictionary
  const std::uint32_t width = static_cast<std::uint32_t>(net.id(Table::kMembers, 0).size());
  const Index members = net.rows(Table::kMembers);
  auto open = [&](Bytes& b) {
    const std::string path = dir.sub("damaged.orgnet");
    WriteFile(path, b.str());
    auto opened = Network::OpenSnapshot(path);
    EXPECT_FALSE(opened.ok());
    return std::string(opened.status().message()).substr(path.size() + 2);
  };
  {  // A width that does not match the bytes.
    Bytes b = good;
    const std::uint32_t wider = width + 1;  // the width follows type, target, presence, encoding
    std::memcpy(b.str().data() + b.entry(0).offset + id_at + 4, &wider, 4);
    b.Reseal(0);
    const std::size_t s = b.Find(K::kTextBytes, Table::kMembers, col::kMemberId);
    EXPECT_EQ(open(b), SectionAt(b, s, "members.id text") + ": " +
                           std::to_string(std::uint64_t{members} * width) + " bytes; " +
                           std::to_string(members) + " rows take " +
                           std::to_string(std::uint64_t{members} * (width + 1)));
  }
  {  // A dictionary encoding for an id column.
    Bytes b = good;
    b.str()[b.entry(0).offset + id_at + 3] = 2;
    b.Reseal(0);
    EXPECT_EQ(open(b), "section 0 (catalog) at offset " + std::to_string(b.entry(0).offset + id_at) +
                           ": table members: column 0 (\"id\"): text encoding 2 of width " +
                           std::to_string(width) + " is not one an id column of " +
                           std::to_string(members) + " rows can have");
  }
  {  // A code past the dictionary's values.
    Bytes b = good;
    const std::size_t s = b.Find(K::kTextCodes, Table::kOrgs, col::kOrgKind);
    const std::size_t values = b.entry(b.Find(K::kTextEnds, Table::kOrgs, col::kOrgKind)).bytes / 4;
    b.Put<std::uint8_t>(s, 5, 200);
    b.Reseal(s);
    EXPECT_EQ(open(b), SectionAt(b, s, "orgs.kind text codes", 5) +
                           ": row 5 holds code 200; the dictionary has " + std::to_string(values) +
                           " values");
  }
}

TEST_F(DamagedSnapshotTest, TrustedModeSkipsTheSectionsButNotTheHeader) {
  Bytes flipped(good_);
  const std::size_t s = flipped.Find(fmt::SectionKind::kTextBytes, Table::kMembers, col::kMemberName);
  flipped.str()[flipped.entry(s).offset] ^= 0x01;
  WriteFile(dir_.sub("flipped.orgnet"), flipped.str());
  SnapshotOptions trusted;
  trusted.check = SnapshotCheck::kTrusted;
  auto opened = Network::OpenSnapshot(dir_.sub("flipped.orgnet"), trusted);
  ASSERT_TRUE(opened.ok()) << opened.status();  // not checked: the flipped byte reads back
  EXPECT_EQ(opened->text(Table::kMembers, 0, col::kMemberName)[0],
            static_cast<char>(MustLoad(ORGNET_TEST_DATA_DIR "/fixture")
                                  .text(Table::kMembers, 0, col::kMemberName)[0] ^ 0x01));
  EXPECT_FALSE(Network::OpenSnapshot(dir_.sub("flipped.orgnet")).ok());
  Bytes header(good_);
  header.str()[30] ^= 0x01;
  WriteFile(dir_.sub("header.orgnet"), header.str());
  EXPECT_EQ(Network::OpenSnapshot(dir_.sub("header.orgnet"), trusted).status().code(),
            absl::StatusCode::kDataLoss);
}

// Every byte of a snapshot but the padding between sections is covered by a checksum: flip
// each byte of the fixture's snapshot in turn and require a rejection, unless it is padding.
TEST_F(DamagedSnapshotTest, EveryFlippedByteOutsidePaddingIsRejected) {
  const Bytes original(good_);
  std::vector<bool> covered(good_.size(), false);
  for (std::size_t i = 0; i < sizeof(fmt::Header); ++i) covered[i] = true;
  const fmt::Header h = original.header();
  for (std::size_t i = h.directory_offset; i < good_.size(); ++i) covered[i] = true;
  for (std::size_t s = 0; s < h.section_count; ++s) {
    const fmt::SectionEntry e = original.entry(s);
    for (std::size_t i = e.offset; i < e.offset + e.bytes; ++i) covered[i] = true;
  }
  int rejected = 0;
  for (std::size_t i = 0; i < good_.size(); ++i) {
    auto bytes = std::make_shared<std::string>(good_);
    (*bytes)[i] ^= 0x40;
    auto opened = internal::OpenSnapshotBytes(bytes, "mem", SnapshotOptions{});
    if (covered[i]) {
      EXPECT_FALSE(opened.ok()) << "byte " << i;
      rejected += !opened.ok();
    } else {
      EXPECT_TRUE(opened.ok()) << "padding byte " << i << ": " << opened.status();
    }
  }
  EXPECT_GT(rejected, 1000);
}

}  // namespace
}  // namespace orgnet

namespace orgnet {
namespace {

// Text sections are checked in 1 MiB pieces: a character cut by a piece's end is finished with
// the next one, so that long Chinese text verifies (and a cut one is still caught).
TEST(SnapshotTextTest, CharactersAcrossTheVerificationsPiecesVerify) {
  NetworkBuilder builder;
  AddRowOrFail(builder, Table::kOrgs, {{"id", "S"}, {"name", "街道"}, {"kind", "street"}});
  // Distinct names of 3-byte characters (the digits of i in base 16, as 16 characters): the
  // text starts a character every 3 bytes, and 1 MiB (1,048,576 = 3 × 349,525 + 1) cuts one.
  const char* digits[] = {"零", "一", "二", "三", "四", "五", "六", "七",
                          "八", "九", "甲", "乙", "丙", "丁", "戊", "己"};
  for (int i = 0; i < 120000; ++i) {
    std::string name;
    for (int v = i; ; v /= 16) {
      name += digits[v % 16];
      if (v < 16) break;
    }
    AddRowOrFail(builder, Table::kGrids, {{"id", "G" + std::to_string(i)}, {"name", name},
                                   {"community", "S"}});
  }
  auto net = builder.Build();
  ASSERT_TRUE(net.ok()) << net.status();
  testing::TempDir dir;
  const std::string path = dir.sub("long.orgnet");
  ASSERT_TRUE(net->SaveSnapshot(path).ok());
  std::ifstream in(path, std::ios::binary);
  Bytes bytes{std::string(std::istreambuf_iterator<char>(in), {})};
  const std::size_t s = bytes.Find(fmt::SectionKind::kTextBytes, Table::kGrids, col::kGridName);
  ASSERT_GT(bytes.entry(s).bytes, std::uint64_t{1} << 20);
  auto opened = Network::OpenSnapshot(path);
  ASSERT_TRUE(opened.ok()) << opened.status();
  // 119999 = 0x1D4BF, its digits lowest first: F B 4 D 1.
  EXPECT_EQ(opened->text(Table::kGrids, 119999, col::kGridName), "己乙四丁一");
  // The character cut by the first piece's end, broken: caught at its first byte.
  const std::uint64_t cut = (std::uint64_t{1} << 20) - 1;
  const auto lead = static_cast<unsigned char>(bytes.str()[bytes.entry(s).offset + cut]);
  ASSERT_EQ(lead & 0xF0, 0xE0);  // a character's first byte, its other two past the cut
  bytes.str()[bytes.entry(s).offset + cut + 1] = 'x';
  bytes.Reseal(s);
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << bytes.str();
  }
  auto damaged = Network::OpenSnapshot(path);
  EXPECT_EQ(damaged.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(damaged.status().message(),
            path + ": section " + std::to_string(s) + " (grids.name text) at offset " +
                std::to_string(bytes.entry(s).offset + cut) +
                ": the text is not valid: invalid UTF-8 (byte 0x" +
                std::string(1, "0123456789ABCDEF"[lead >> 4]) +
                std::string(1, "0123456789ABCDEF"[lead & 15]) + ")");
}

}  // namespace
}  // namespace orgnet
