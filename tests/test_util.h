// Shared helpers of the C++ tests: temporary dataset folders and the hand-built fixture.
#ifndef ORGNET_TESTS_TEST_UTIL_H_
#define ORGNET_TESTS_TEST_UTIL_H_

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

namespace orgnet::testing {

// A folder under the system temp dir, removed with its contents at scope exit.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "orgnet-test-XXXXXX").string();
    path_ = mkdtemp(pattern.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }
  std::string sub(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

using Files = std::map<std::string, std::string>;

inline void WriteFiles(const std::string& folder, const Files& files) {
  std::filesystem::create_directories(folder);
  for (const auto& [name, content] : files) {
    std::ofstream out(folder + "/" + name, std::ios::binary);
    out << content;
  }
}

// The small district of tests/data/fixture, worked out by hand, as file name -> content:
//   D1 district
//   ├── S1 street ── C1 community ── B1 branch (grid G1) ── B2 group
//   │            ├── C2 community ── J1 joint (grid G3)
//   │            └── U1 unit (grid G2; led by the street, in file order after C2)
//   └── S2 street ── C3 community
//   X1 unit, a root with no place
inline Files DistrictFixture() {
  Files files;
  for (const auto& entry : std::filesystem::directory_iterator(ORGNET_TEST_DATA_DIR "/fixture")) {
    std::ifstream in(entry.path(), std::ios::binary);
    files[entry.path().filename().string()] =
        std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  }
  return files;
}

}  // namespace orgnet::testing

#endif  // ORGNET_TESTS_TEST_UTIL_H_
